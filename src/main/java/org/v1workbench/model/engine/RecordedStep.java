package org.v1workbench.model.engine;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One training step of a SameDiff graph for one batch shape, recorded from SameDiff's own
 * training session and replayed: the same ops in the same order, with the same arguments and
 * kernels, and each parameter updated at the same point (right after its gradient, L2 penalty,
 * Adam, subtraction, as SameDiff's {@code TrainingSession} does), so the numbers are SameDiff's
 * ({@code RecordedStepTest} compares the two bit for bit).
 *
 * <p>Why: SameDiff's session does a lot of Java work for every op of every step: dependency
 * tracking in hash maps, output-shape calculation through native calls, an array cache, a
 * fresh op context, listener calls. For a network of many short ops, such as kindel2019 (70 ops
 * of well under a millisecond each), that is a large share of every step, and far more while the
 * JIT has not compiled it yet, which makes the first epoch slow (docs/benchmarks.md). Here each op's context (its input and output
 * arrays, its arguments) is built once, and a step is one native call per op.
 *
 * <p>Arrays: every intermediate array is planned here once, for the batch shape, in the arrays
 * the recorded iteration wrote where their sizes fit ({@code recordedArrays}), else new ones; an array
 * whose last reader has run is reused for a later output of the same type and size (the same
 * idea as SameDiff's array cache, planned once instead of per op). Parameters, constants and the
 * batch's placeholder arrays are the graph's and the batch's own, filled in place.
 *
 * <p>Only graphs of plain ops are replayed; {@link Recorder#unsupported()} names the first op
 * that needs SameDiff's session (control flow, identity, views and the like), and such a graph
 * keeps training through SameDiff.
 */
final class RecordedStep {
    /**
     * One op as replayed: its context is set up once; {@code kernel}: a Java kernel run instead of
     * the native op (null: none, see {@link JavaKernels}); {@code updates}: parameters updated right after it.
     */
    private record Entry(DifferentialFunction op, boolean custom, OpContext context, JavaKernels.Kernel kernel, INDArray[] outputs,
                         Update[] updates) {}

    /** A parameter and its gradient array. */
    private record Update(String parameter, INDArray value, INDArray gradient) {}

    private final Entry[] entries;
    private final INDArray loss;
    /** The buffers behind every intermediate array (the arrays are views of them). */
    private final List<INDArray> buffers;
    /** Intermediate arrays kept readable after each step (never reused within it), by name. */
    private final Map<String, INDArray> kept;

    private RecordedStep(Entry[] entries, INDArray loss, List<INDArray> buffers, Map<String, INDArray> kept) {
        this.entries = entries;
        this.loss = loss;
        this.buffers = buffers;
        this.kept = kept;
    }

    /** The kept intermediate arrays ({@code build}'s {@code keep}) as the last step computed them. */
    Map<String, INDArray> kept() {
        return kept;
    }

    /** Frees the step's arrays and op contexts now, rather than when the garbage collector finds them; the step is not run again. */
    void close() {
        for (Entry e : entries) {
            try {
                e.context().close();
            } catch (Exception ignored) {
                // freed by its deallocator later
            }
        }
        for (INDArray b : buffers) b.close();
    }

    /** Number of ops a step runs. */
    int ops() { return entries.length; }

    /** Number of those that run a Java kernel instead of nd4j's (not counting those another op's kernel does). */
    int javaKernels() {
        return javaKernels(null);
    }

    /** As above, of the ops named {@code opName} (nd4j's name, such as {@code depthwise_conv2d}; null: every op). */
    int javaKernels(String opName) {
        int n = 0;
        for (Entry e : entries)
            if (e.kernel() != null && e.kernel() != JavaKernels.NOTHING && (opName == null || opName.equals(e.op().opName()))) n++;
        return n;
    }

    /**
     * Listens to one SameDiff training iteration and records what it runs: each op with its
     * context's arrays and arguments (read before SameDiff clears the context), and which
     * parameters it updates after which op.
     */
    static final class Recorder extends BaseListener {
        private record Recorded(SameDiffOp op, List<INDArray> inputs, INDArray[] outputs, List<Long> iArgs,
                                List<Double> tArgs, List<Boolean> bArgs, List<DataType> dArgs) {}

        private final List<Recorded> ops = new ArrayList<>();
        /** Parameter name -> index of the op after which SameDiff updated it. */
        private final Map<String, Integer> updatedAfter = new HashMap<>();
        private String unsupported;

        @Override public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
            if (unsupported != null) return;
            DifferentialFunction f = op.getOp();
            String why = unsupportedReason(f, ctx);
            if (why != null) {
                unsupported = op.getName() + " (" + f.opName() + "): " + why;
                return;
            }
            ops.add(new Recorded(op, new ArrayList<>(ctx.getInputArrays()), outputs.clone(), copy(ctx.getIArguments()),
                    copy(ctx.getTArguments()), copy(ctx.getBArguments()), copy(ctx.getDArguments())));
        }

        @Override public void preUpdate(SameDiff sd, At at, Variable v, INDArray update) {
            updatedAfter.put(v.getName(), ops.size() - 1);
        }

        /** Why the recorded iteration cannot be replayed; null when it can. */
        String unsupported() {
            if (unsupported == null && ops.isEmpty()) return "no op was recorded";
            return unsupported;
        }

        private static <T> List<T> copy(List<T> list) {
            return list == null ? List.of() : new ArrayList<>(list);
        }

        /** Ops that SameDiff's session runs as plain ops: a custom op or a legacy op, with a context. */
        private static String unsupportedReason(DifferentialFunction f, OpContext ctx) {
            if (ctx == null) return "runs without an op context";
            String pkg = f.getClass().getPackageName();
            if (pkg.startsWith("org.nd4j.linalg.api.ops.impl.controlflow") || pkg.contains(".tensorops")) return "control flow";
            String name = f.getClass().getSimpleName();
            if (Set.of("Identity", "Assign", "CreateView", "GradientBackwardsMarker", "ExternalErrorsFunction", "Invoke", "Assert").contains(name))
                return "handled specially by SameDiff's session";
            if (f instanceof ScalarOp && f.argNames().length == 2) return "a scalar op whose scalar is an array";
            if (!(f instanceof CustomOp) && !(f instanceof Op)) return "not a plain op";
            return null;
        }
    }

    /**
     * Builds the replay of {@code recorder}'s iteration of the gradient graph {@code g}.
     * {@code placeholders}: the batch arrays the iteration read (the same arrays are refilled for
     * every later batch); {@code implementations}: per-op kernel choices (null: none);
     * {@code javaKernels}: whether ops that have a Java kernel run it ({@link JavaKernels#forOp})
     * instead of nd4j's (false: SameDiff's numbers bit for bit).
     *
     * @throws IllegalStateException when the iteration cannot be replayed (the message says why)
     */
    static RecordedStep build(SameDiff g, Recorder recorder, List<INDArray> placeholders, String lossName,
                              OpImplementations implementations, boolean javaKernels) {
        return build(g, recorder, placeholders, lossName, implementations, javaKernels, Set.of());
    }

    /** As above, with intermediate arrays {@code keep} readable after each step ({@link #kept}), such as batch statistics. */
    static RecordedStep build(SameDiff g, Recorder recorder, List<INDArray> placeholders, String lossName,
                              OpImplementations implementations, boolean javaKernels, Set<String> keep) {
        String why = recorder.unsupported();
        if (why != null) throw new IllegalStateException(why);
        List<Recorder.Recorded> ops = recorder.ops;
        Map<INDArray, Boolean> batchArrays = new IdentityHashMap<>();
        for (INDArray p : placeholders) batchArrays.put(p, true);
        // What each op reads; ELU gradients that one Java kernel computes read other arrays
        List<Inputs> reads = new ArrayList<>();
        for (Recorder.Recorded r : ops) reads.add(new Inputs(r.op().getInputsToOp().subList(0, r.inputs().size()), r.inputs()));
        Map<Integer, Fusion> fused = new HashMap<>();
        if (javaKernels && JavaKernels.enabled()) {
            fused.putAll(eluGradientsFromOutput(ops, reads));
        }

        // When each intermediate array is read for the last time (its buffer is free after that op).
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            Recorder.Recorded r = ops.get(i);
            for (String in : reads.get(i).names()) lastUse.put(in, i);
            for (String out : r.op().getOutputsOfOp()) lastUse.merge(out, i, Math::max);
        }
        Map<Integer, List<String>> updatesAfter = new HashMap<>();
        for (Map.Entry<String, Integer> u : recorder.updatedAfter.entrySet()) {
            updatesAfter.computeIfAbsent(u.getValue(), k -> new ArrayList<>()).add(u.getKey());
            SDVariable gradient = g.getVariable(u.getKey()).getGradient();
            lastUse.merge(gradient.name(), u.getValue(), Math::max);
        }
        lastUse.put(lossName, Integer.MAX_VALUE);
        for (String k : keep) lastUse.put(k, Integer.MAX_VALUE);

        Map<String, INDArray> planned = new HashMap<>();
        Map<String, INDArray> base = new HashMap<>();
        Map<String, ArrayDeque<INDArray>> free = new HashMap<>(), recorded = recordedArrays(ops);
        List<INDArray> buffers = new ArrayList<>();
        Map<INDArray, Boolean> owned = new IdentityHashMap<>();
        // How many live arrays each buffer holds (a reshape's output may share its input's), and
        // the parameter gradients, which the updates change in place (never shared)
        Map<INDArray, Integer> namesOn = new IdentityHashMap<>();
        Set<String> updatedGradients = new java.util.HashSet<>();
        for (String p : recorder.updatedAfter.keySet()) updatedGradients.add(g.getVariable(p).getGradient().name());
        Entry[] entries = new Entry[ops.size()];
        OpExecutioner ex = Nd4j.getExecutioner();
        for (int i = 0; i < ops.size(); i++) {
            Recorder.Recorded r = ops.get(i);
            SameDiffOp op = r.op();
            List<String> inNames = reads.get(i).names(), outNames = op.getOutputsOfOp();
            List<INDArray> inputs = new ArrayList<>();
            for (int j = 0; j < inNames.size(); j++) {
                String name = inNames.get(j);
                INDArray seen = reads.get(i).seen().get(j);
                SDVariable v = g.getVariable(name);
                INDArray a;
                if (v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) {
                    a = v.getArr();
                    if (a != seen) throw new IllegalStateException(op.getName() + " read a copy of " + name);
                } else if (v.getVariableType() == VariableType.PLACEHOLDER) {
                    a = seen;
                    if (!batchArrays.containsKey(a)) throw new IllegalStateException(op.getName() + " read placeholder " + name + " from an array that is not the batch's");
                } else {
                    a = planned.get(name);
                    if (a == null) throw new IllegalStateException(op.getName() + " reads " + name + " before any op wrote it");
                    if (!java.util.Arrays.equals(a.shape(), seen.shape()) || a.dataType() != seen.dataType())
                        throw new IllegalStateException(op.getName() + " read " + name + " with another shape");
                }
                inputs.add(a);
            }
            if (r.outputs().length != outNames.size()) throw new IllegalStateException(op.getName() + " has " + r.outputs().length + " outputs, not " + outNames.size());
            INDArray[] outputs = new INDArray[outNames.size()];
            boolean aliased = false;
            for (int j = 0; j < outputs.length; j++) {
                INDArray seen = r.outputs()[j];
                if (seen == null || seen.isEmpty() || seen.ordering() != 'c' || seen.isView())
                    throw new IllegalStateException(op.getName() + " output " + outNames.get(j) + " is not a plain array");
                INDArray shared = reshapedInPlace(op, inNames, outNames, seen, base, updatedGradients);
                if (shared != null) { // the reshape's output is its input's buffer seen in another shape: nothing to run
                    long[] shape = seen.shape();
                    outputs[j] = Nd4j.create(shared.data(), shape, Nd4j.getStrides(shape, 'c'), 0, 'c', seen.dataType());
                    planned.put(outNames.get(j), outputs[j]);
                    base.put(outNames.get(j), shared);
                    namesOn.merge(shared, 1, Integer::sum);
                    aliased = true;
                    continue;
                }
                String key = seen.dataType() + ":" + seen.length();
                // a buffer freed by the plan (as many buffers as the plan needs, reused as soon
                // as they are free), else one the recorded iteration wrote, else a new one
                ArrayDeque<INDArray> pool = free.get(key), unused = recorded.get(key);
                INDArray flat = pool == null ? null : pool.poll();
                if (flat == null && unused != null) flat = unused.poll();
                if (flat == null) flat = Nd4j.createUninitializedDetached(seen.dataType(), seen.length());
                if (owned.put(flat, true) == null) buffers.add(flat);
                long[] shape = seen.shape();
                outputs[j] = Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, 'c'), 0, 'c', seen.dataType());
                planned.put(outNames.get(j), outputs[j]);
                base.put(outNames.get(j), flat);
                namesOn.merge(flat, 1, Integer::sum);
            }
            OpContext ctx = ex.buildContext();
            ctx.setInputArrays(inputs);
            ctx.setOutputArrays(outputs);
            if (!r.iArgs().isEmpty()) ctx.setIArguments(r.iArgs().stream().mapToLong(Long::longValue).toArray());
            if (!r.tArgs().isEmpty()) ctx.setTArguments(r.tArgs().stream().mapToDouble(Double::doubleValue).toArray());
            if (!r.bArgs().isEmpty()) {
                boolean[] b = new boolean[r.bArgs().size()];
                for (int k = 0; k < b.length; k++) b[k] = r.bArgs().get(k);
                ctx.setBArguments(b);
            }
            if (!r.dArgs().isEmpty()) ctx.setDArguments(r.dArgs().toArray(new DataType[0]));
            if (implementations != null) implementations.preOpExecution(g, null, op, ctx);
            List<Update> updates = new ArrayList<>();
            for (String p : updatesAfter.getOrDefault(i, List.of())) {
                INDArray gradient = planned.get(g.getVariable(p).getGradient().name());
                if (gradient == null) throw new IllegalStateException(p + " was updated before its gradient was computed");
                updates.add(new Update(p, g.getVariable(p).getArr(), gradient));
            }
            JavaKernels.Kernel kernel;
            if (aliased) kernel = JavaKernels.NOTHING;
            else if (fused.containsKey(i)) { // computes what several ops did (or nothing: another op does it)
                kernel = fused.get(i).kernel(inputs, outputs);
                if (kernel == null) throw new IllegalStateException(op.getName() + ": no Java kernel for the ops folded into it");
            } else kernel = javaKernels ? JavaKernels.forOp(op.getOp(), inputs, outputs, r.tArgs(), r.iArgs()) : null;
            entries[i] = new Entry(op.getOp(), op.getOp() instanceof CustomOp, ctx, kernel, outputs, updates.toArray(new Update[0]));
            // Buffers read for the last time by this op are free for the next ones.
            List<String> done = new ArrayList<>(inNames);
            done.addAll(outNames);
            for (String name : new java.util.LinkedHashSet<>(done)) {
                INDArray flat = lastUse.getOrDefault(name, i) <= i ? base.remove(name) : null;
                if (flat != null && namesOn.merge(flat, -1, Integer::sum) == 0)
                    free.computeIfAbsent(flat.dataType() + ":" + flat.length(), k -> new ArrayDeque<>()).add(flat);
            }
        }
        INDArray loss = planned.get(lossName);
        if (loss == null) throw new IllegalStateException("the recorded iteration did not compute " + lossName);
        int updates = 0;
        for (Entry e : entries) updates += e.updates().length;
        if (updates != recorder.updatedAfter.size()) throw new IllegalStateException("not every update was placed");
        Map<String, INDArray> kept = new HashMap<>();
        for (String k : keep) {
            INDArray a = planned.get(k);
            if (a == null) throw new IllegalStateException("the recorded iteration did not compute " + k);
            kept.put(k, a);
        }
        return new RecordedStep(entries, loss, buffers, kept);
    }

    /**
     * Where {@code op} is a reshape of an intermediate array into {@code seen}'s shape, the
     * buffer of that array, which the output can share (a reshape of a row-major array is the
     * same values in the same order; nd4j copies them, which for a large activation such as
     * core-readout's readout input is a measurable part of a step); null otherwise, and never for a parameter's gradient, which its update changes in place.
     */
    private static INDArray reshapedInPlace(SameDiffOp op, List<String> inNames, List<String> outNames, INDArray seen,
                                            Map<String, INDArray> base, Set<String> updatedGradients) {
        if (!(op.getOp() instanceof org.nd4j.linalg.api.ops.impl.shape.Reshape) || outNames.size() != 1 || inNames.isEmpty()) return null;
        INDArray in = base.get(inNames.get(0));
        if (in == null || in.length() != seen.length() || in.dataType() != seen.dataType()) return null;
        if (updatedGradients.contains(inNames.get(0)) || updatedGradients.contains(outNames.get(0))) return null;
        return in;
    }

    /** The names of the arrays an op reads, and the arrays the recorded iteration gave it. */
    private record Inputs(List<String> names, List<INDArray> seen) {}

    /** How an op rewritten by a fusion computes: a Java kernel on its (rewritten) inputs and its outputs. */
    private interface Fusion {
        JavaKernels.Kernel kernel(List<INDArray> inputs, INDArray[] outputs);
    }

    /** An op whose work another op's kernel does. */
    private static final Fusion FOLDED = (inputs, outputs) -> JavaKernels.NOTHING;

    /** How many ops read each array, and which op wrote it. */
    private record DataFlow(Map<String, Integer> readers, Map<String, Integer> writer) {
        static DataFlow of(List<Recorder.Recorded> ops, List<Inputs> reads) {
            Map<String, Integer> readers = new HashMap<>(), writer = new HashMap<>();
            for (int i = 0; i < ops.size(); i++) {
                for (String in : reads.get(i).names()) readers.merge(in, 1, Integer::sum);
                for (String out : ops.get(i).op().getOutputsOfOp()) writer.put(out, i);
            }
            return new DataFlow(readers, writer);
        }

        /** The op that wrote {@code name} where only one op reads it; null otherwise. */
        Integer soleWriter(String name) {
            return readers.getOrDefault(name, 0) == 1 ? writer.get(name) : null;
        }
    }

    /**
     * {@link EluFromOutput}'s gradient, {@code g * (1 + min(y, 0))}, is three element-wise ops
     * over the activation (scalar minimum, scalar addition, product), each a pass over memory,
     * and the factor {@code 1 + min(y, 0)} is kept from the forward pass to the backward one.
     * Finds each such chain whose two intermediate arrays nothing else reads, and rewrites
     * {@code reads} so that the product reads {@code y} and {@code g} (one Java kernel computes
     * the three in one pass, {@link JavaKernels#eluGradientFromOutput}: the same float operations,
     * so the same numbers); the two ops before it do nothing.
     */
    private static Map<Integer, Fusion> eluGradientsFromOutput(List<Recorder.Recorded> ops, List<Inputs> reads) {
        DataFlow flow = DataFlow.of(ops, reads);
        Map<Integer, Fusion> found = new HashMap<>();
        for (int c = 0; c < ops.size(); c++) {
            if (!(ops.get(c).op().getOp() instanceof org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp)) continue;
            Inputs product = reads.get(c);
            if (product.names().size() != 2 || ops.get(c).outputs().length != 1) continue;
            for (int side = 0; side < 2; side++) {
                String factor = product.names().get(side), gradient = product.names().get(1 - side);
                Integer b = flow.soleWriter(factor);
                if (b == null || !isScalarOp(ops.get(b), org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd.class, 1.0)) continue;
                Integer a = flow.soleWriter(reads.get(b).names().get(0));
                if (a == null || !isScalarOp(ops.get(a), org.nd4j.linalg.api.ops.impl.scalar.ScalarMin.class, 0.0)) continue;
                INDArray y = reads.get(a).seen().get(0), g = product.seen().get(1 - side), out = ops.get(c).outputs()[0];
                if (y.dataType() != DataType.FLOAT || g.dataType() != DataType.FLOAT || out.dataType() != DataType.FLOAT
                        || !java.util.Arrays.equals(y.shape(), g.shape()) || !java.util.Arrays.equals(y.shape(), out.shape()))
                    continue;
                reads.set(c, new Inputs(List.of(reads.get(a).names().get(0), gradient), List.of(y, g)));
                found.put(c, (inputs, outputs) -> JavaKernels.eluGradientFromOutput(inputs.get(0), inputs.get(1), outputs[0]));
                found.put(a, FOLDED);
                found.put(b, FOLDED);
                break;
            }
        }
        return found;
    }

    /** Whether {@code r} is a {@code type} op of one array and the scalar {@code value}. */
    private static boolean isScalarOp(Recorder.Recorded r, Class<? extends ScalarOp> type, double value) {
        return type.isInstance(r.op().getOp()) && r.inputs().size() == 1 && r.outputs().length == 1
                && ((ScalarOp) r.op().getOp()).scalar() != null && ((ScalarOp) r.op().getOp()).scalar().getDouble(0) == value;
    }

    /**
     * The arrays the recorded iteration wrote its outputs to, by {@code type:length}, for the
     * replay to take where it would allocate a new buffer. SameDiff's session, gone with its
     * iteration, handed them out and nothing else holds them now; taking them saves allocating
     * (and the process holding both sets until the garbage collector frees the recorded ones:
     * core-readout's peak resident memory 885-925 MB before, 745-815 MB after). One array per
     * memory address: two arrays over one buffer are left alone.
     */
    private static Map<String, ArrayDeque<INDArray>> recordedArrays(List<Recorder.Recorded> ops) {
        Map<Long, INDArray> byAddress = new HashMap<>();
        Set<Long> shared = new java.util.HashSet<>();
        for (Recorder.Recorded r : ops)
            for (INDArray o : r.outputs()) {
                if (o == null || o.isEmpty() || o.wasClosed() || o.isView() || o.ordering() != 'c' || o.data().length() != o.length()) continue;
                long address = o.data().address();
                INDArray before = byAddress.putIfAbsent(address, o);
                if (before != null && before != o) shared.add(address);
            }
        Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
        for (Map.Entry<Long, INDArray> e : byAddress.entrySet()) {
            if (shared.contains(e.getKey())) continue;
            INDArray a = e.getValue();
            free.computeIfAbsent(a.dataType() + ":" + a.length(), k -> new ArrayDeque<>()).add(a);
        }
        return free;
    }

    /**
     * One training step on the batch now in the placeholder arrays: iteration
     * {@code tc.getIterationCount()} (Adam's bias correction; the caller increments it), with
     * {@code updaters} (the graph's, by parameter). Returns the loss.
     */
    double run(TrainingConfig tc, Map<String, GradientUpdater> updaters) {
        int iteration = tc.getIterationCount(), epoch = tc.getEpochCount();
        List<Regularization> regularization = tc.getRegularization() == null ? Collections.emptyList() : tc.getRegularization();
        double lr = tc.getUpdater().hasLearningRate() ? tc.getUpdater().getLearningRate(iteration, epoch) : 1.0;
        OpExecutioner ex = Nd4j.getExecutioner();
        OpTimes times = OpTimes.ON ? OpTimes.get() : null;
        for (Entry e : entries) {
            long start = times == null ? 0 : System.nanoTime();
            if (e.kernel() != null) e.kernel().run();
            else if (e.custom()) ex.exec((CustomOp) e.op(), e.context());
            else ex.exec((Op) e.op(), e.context());
            if (times != null) times.add(e.op().opName(), e.kernel() != null, e.context().getInputArrays(), System.nanoTime() - start);
            INDArray[] outs = e.outputs();
            for (int j = 0; j < outs.length; j++) {
                INDArray actual = e.context().getOutputArray(j);
                if (actual != outs[j]) { // an op that replaced its output array: keep the plan's
                    outs[j].assign(actual);
                    e.context().setOutputArray(j, outs[j]);
                }
            }
            for (Update u : e.updates()) {
                for (Regularization reg : regularization)
                    if (reg.applyStep() == Regularization.ApplyStep.BEFORE_UPDATER) reg.apply(u.value(), u.gradient(), lr, iteration, epoch);
                updaters.get(u.parameter()).applyUpdater(u.gradient(), iteration, epoch);
                for (Regularization reg : regularization)
                    if (reg.applyStep() == Regularization.ApplyStep.POST_UPDATER) reg.apply(u.value(), u.gradient(), lr, iteration, epoch);
                if (tc.isMinimize()) u.value().subi(u.gradient());
                else u.value().addi(u.gradient());
            }
        }
        return loss.getDouble(0);
    }
}
