package org.v1workbench.model.engine;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Java replacements for nd4j kernels that this nd4j build runs slowly, used by the recorded
 * training steps ({@link RecordedStep}) in place of the native op.
 *
 * <p>Why: nd4j's {@code elu} computes {@code e^x} one value at a time (its {@code exp} is not
 * vectorised in this build), which makes the ELUs of a network with large activations
 * (core-readout's three) a large share of its training step. {@link VectorElu}, written with the
 * Java Vector API, computes 8 or 16 values per instruction (docs/benchmarks.md has the times).
 * The same API gives ELU's gradient from its output in one pass
 * ({@link #eluGradientFromOutput}, which {@code RecordedStep} folds three ops into) and the
 * per-channel sums of a convolution's bias gradient ({@link VectorChannelSums}). The Vector API is
 * an incubator module in Java 17: it is there only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} ({@code java -jar} starts training commands and the
 * window in a JVM that has it, see {@code org.v1workbench.cli.WorkbenchLauncher}; so does the
 * installer's launcher); without it, or with {@code -Dv1workbench.train.javaKernels=false}, every
 * op runs natively as before.
 *
 * <p>Numbers: the Java ELU is within one unit in the last place of {@code expm1(x)} computed in
 * double (nd4j's computes {@code exp(x) - 1} in float, which loses digits near 0), so training
 * with it differs from training without it in the last digits of the activations, and grows
 * from there as any change of summation order does; the gradient kernel rounds as nd4j's ops do.
 * Results are reproducible run to run either way ({@code Network} replays the recorded batch too,
 * so that every update comes from the same kernels), and the ELU is the same on AVX2 and AVX-512
 * (no fused multiply-add).
 */
final class JavaKernels {
    /** Set to {@code false} to run every op natively. */
    static final String PROPERTY = "v1workbench.train.javaKernels";
    /** The incubator module the kernels need. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** A kernel bound to its input and output arrays: one call computes the op once. */
    interface Kernel {
        void run();
    }

    private JavaKernels() {}

    /** Whether the kernels can run here: the Vector API module is loaded and they are not turned off. */
    static boolean enabled() {
        return !turnedOff() && vectorApiLoaded();
    }

    private static boolean turnedOff() {
        return "false".equals(System.getProperty(PROPERTY));
    }

    private static boolean vectorApiLoaded() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static volatile Thread warmUp;

    /**
     * Compiles the kernels now, on a background thread, so that training does not wait for it:
     * Vector API code runs hundreds of times slower until the JIT's optimising compiler has
     * compiled it, so an ELU run cold in the first batch would cost more than the whole warm-up.
     * The warm-up takes a fraction of a second of one core, once per JVM, beside the graph
     * building and the rest that comes before the first epoch; called when a graph with an ELU
     * is built. Does nothing
     * where the kernels are off.
     */
    static void warmUp() {
        if (warmUp != null || !enabled()) return;
        synchronized (JavaKernels.class) {
            if (warmUp != null) return;
            warmUp = new Thread(() -> {
                // Arrays as training has them (nd4j's buffers, the kernels' own objects: compiled
                // code made for others is thrown away at the first real call), whole vectors and a
                // tail. Small calls until the JIT compiles each kernel (a few hundred calls), then
                // a few large ones that take the threaded path.
                INDArray x = Nd4j.createUninitializedDetached(DataType.FLOAT, 4, 8, 1027), y = Nd4j.createUninitializedDetached(DataType.FLOAT, 4, 8, 1027);
                INDArray g = Nd4j.createUninitializedDetached(DataType.FLOAT, 4, 8, 1027), out = Nd4j.createUninitializedDetached(DataType.FLOAT, 4, 8, 1027);
                INDArray sums = Nd4j.createUninitializedDetached(DataType.FLOAT, 8);
                ByteBuffer in = floats(x);
                for (int i = 0; i < x.length(); i++) in.putFloat(i * 4, (i % 64 - 40) / 8f);
                g.assign(0.5);
                INDArray big = Nd4j.createUninitializedDetached(DataType.FLOAT, 2 * MIN_CHUNK + 3), bigOut = Nd4j.createUninitializedDetached(DataType.FLOAT, 2 * MIN_CHUNK + 3);
                ByteBuffer bigIn = floats(big);
                for (int i = 0; i < big.length(); i++) bigIn.putFloat(i * 4, (i % 64 - 40) / 8f);
                Kernel elu = elu(in, floats(y), 1027);
                ByteBuffer yb = floats(y), gb = floats(g), ob = floats(out), sb = floats(sums);
                // a depthwise convolution as the sensorium core has it (7 x 7, padded by 3), on small maps
                INDArray dx = Nd4j.createUninitializedDetached(DataType.FLOAT, 1, 2, 9, 23), dw = Nd4j.createUninitializedDetached(DataType.FLOAT, 7, 7, 2, 1);
                INDArray dy = Nd4j.createUninitializedDetached(DataType.FLOAT, 1, 2, 9, 23), dg = Nd4j.createUninitializedDetached(DataType.FLOAT, 1, 2, 9, 23);
                INDArray ddx = Nd4j.createUninitializedDetached(DataType.FLOAT, 1, 2, 9, 23), ddw = Nd4j.createUninitializedDetached(DataType.FLOAT, 7, 7, 2, 1);
                for (INDArray a : List.of(dx, dw, dg)) a.assign(0.25);
                VectorDepthwise.Shape ds = new VectorDepthwise.Shape(1, 2, 9, 23, 7, 3);
                ByteBuffer dxb = floats(dx), dwb = floats(dw), dyb = floats(dy), dgb = floats(dg), ddxb = floats(ddx), ddwb = floats(ddw);
                for (int call = 0; call < 800; call++) {
                    elu.run();
                    VectorElu.gradientFromOutput(yb, gb, ob, 0, 1027);
                    VectorChannelSums.channelSums(gb, 4, 8, 1027, sb, 0, 8);
                    VectorDepthwise.forward(dxb, dwb, dyb, ds, 0, 2);
                    VectorDepthwise.backward(dxb, dwb, dgb, ddxb, ddwb, ds, 0, 2);
                }
                for (INDArray a : List.of(dx, dw, dy, dg, ddx, ddw)) a.close();
                Kernel bigElu = elu(bigIn, floats(bigOut), (int) big.length()), bigGradient = eluGradientFromOutput(bigOut, big, bigOut);
                Kernel bigSums = channelSums(big.reshape(1, 1, 1, big.length()), sums.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)));
                for (int call = 0; call < 20; call++) {
                    bigElu.run();
                    bigGradient.run();
                    if (bigSums != null) bigSums.run();
                }
                for (INDArray a : List.of(x, y, g, out, sums, big, bigOut)) a.close();
            }, "java-kernels-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }

    /** What a result's provenance records about the kernels. */
    static String describe() {
        if (turnedOff()) return "none (turned off)";
        if (!vectorApiLoaded()) return "none (" + VECTOR_MODULE + " not loaded)";
        return "Java Vector API, " + VectorElu.lanes() + " float lanes: elu, elu gradient from its output, convolution bias gradient, "
                + "per-channel scale gradient, row gather and scatter-add, depthwise convolution and its gradients";
    }

    /**
     * A Java kernel computing {@code op} from {@code inputs} into {@code outputs}, or null where
     * there is none for it (or the kernels are not {@link #enabled}): ELU with alpha 1, and the
     * sum over dimensions 0, 2 and 3 of a rank-4 array of a million values or more (a
     * convolution's bias gradient), on float arrays in plain row-major layout.
     */
    static Kernel forOp(DifferentialFunction op, List<INDArray> inputs, INDArray[] outputs, List<Double> tArgs) {
        return forOp(op, inputs, outputs, tArgs, List.of());
    }

    /**
     * As above, with the op's integer arguments {@code iArgs}; also the gather of rows (axis 0)
     * of a float matrix by int indices and the scatter-add of rows into one
     * ({@link VectorRows}: the full Gaussian readout's four neighbours and their gradient).
     */
    static Kernel forOp(DifferentialFunction op, List<INDArray> inputs, INDArray[] outputs, List<Double> tArgs, List<Long> iArgs) {
        if (!enabled()) return null;
        if (op instanceof org.nd4j.linalg.api.ops.impl.shape.Gather && inputs.size() == 2 && outputs.length == 1 && iArgs.equals(List.of(0L)))
            return gatherRows(inputs.get(0), inputs.get(1), outputs[0]);
        if (op instanceof org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd && inputs.size() == 3 && outputs.length == 1)
            return scatterAddRows(inputs.get(0), inputs.get(1), inputs.get(2), outputs[0]);
        if (op instanceof ELU && inputs.size() == 1 && outputs.length == 1 && (tArgs.isEmpty() || tArgs.get(0) == 1.0)) {
            INDArray x = inputs.get(0), y = outputs[0];
            ByteBuffer in = floats(x), out = floats(y);
            if (in == null || out == null || x.length() != y.length()) return null;
            return elu(in, out, (int) x.length());
        }
        if (op instanceof org.nd4j.linalg.api.ops.impl.reduce.same.Sum sum && inputs.size() == 1 && outputs.length == 1 && inputs.get(0).rank() == 4
                && inputs.get(0).length() >= LARGE && sum.dimensions() != null && java.util.Arrays.equals(sum.dimensions().toIntVector(), new int[]{0, 2, 3}))
            return channelSums(inputs.get(0), outputs[0]);
        if (op instanceof org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.MulBpOp && inputs.size() == 3 && outputs.length == 2)
            return channelScaleGradient(inputs.get(0), inputs.get(1), inputs.get(2), outputs[0], outputs[1]);
        if (op instanceof org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D && inputs.size() == 2 && outputs.length == 1)
            return depthwise(inputs.get(0), inputs.get(1), null, outputs, iArgs);
        if (op instanceof org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2DBp && inputs.size() == 3 && outputs.length == 2)
            return depthwise(inputs.get(0), inputs.get(1), inputs.get(2), outputs, iArgs);
        return null;
    }

    /**
     * nd4j's {@code depthwise_conv2d} ({@code g} null: {@code outputs} the map) or
     * {@code depthwise_conv2d_bp} ({@code g} the output gradient: {@code outputs} the input's and
     * the weights' gradients) without bias, by {@link VectorDepthwise}; null unless the op is as
     * the sensorium core has it: NCHW float maps, {@code k x k x channels x 1} weights, square
     * kernel, stride 1, no dilation, explicit padding of at most {@code k - 1} pixels.
     * {@code iArgs}: nd4j's {@code kH, kW, sH, sW, pH, pW, dH, dW, same mode, data format (0: NCHW), weight format (0: kH x kW x iC x mC)}.
     */
    static Kernel depthwise(INDArray x, INDArray w, INDArray g, INDArray[] outputs, List<Long> iArgs) {
        if (iArgs.size() < 10 || x.rank() != 4 || w.rank() != 4) return null;
        long k = iArgs.get(0), pad = iArgs.get(4);
        if (iArgs.get(1) != k || iArgs.get(2) != 1 || iArgs.get(3) != 1 || iArgs.get(5) != pad || iArgs.get(6) != 1 || iArgs.get(7) != 1
                || iArgs.get(8) != 0 || iArgs.get(9) != 0 || (iArgs.size() > 10 && iArgs.get(10) != 0) || pad < 0 || pad > k - 1)
            return null;
        int batch = (int) x.size(0), channels = (int) x.size(1);
        VectorDepthwise.Shape s = new VectorDepthwise.Shape(batch, channels, (int) x.size(2), (int) x.size(3), (int) k, (int) pad);
        if (s.ho() < 1 || s.wo() < 1 || !java.util.Arrays.equals(w.shape(), new long[]{k, k, channels, 1})) return null;
        long[] mapShape = {batch, channels, s.ho(), s.wo()};
        ByteBuffer xb = floats(x), wb = floats(w);
        if (xb == null || wb == null) return null;
        if (g == null) {
            ByteBuffer ob = floats(outputs[0]);
            if (ob == null || !java.util.Arrays.equals(outputs[0].shape(), mapShape)) return null;
            return split(channels, 1, (c0, c1) -> VectorDepthwise.forward(xb, wb, ob, s, c0, c1));
        }
        ByteBuffer gb = floats(g), dxb = floats(outputs[0]), dwb = floats(outputs[1]);
        if (gb == null || dxb == null || dwb == null || !java.util.Arrays.equals(g.shape(), mapShape)
                || !java.util.Arrays.equals(outputs[0].shape(), x.shape()) || !java.util.Arrays.equals(outputs[1].shape(), w.shape()))
            return null;
        return split(channels, 1, (c0, c1) -> VectorDepthwise.backward(xb, wb, gb, dxb, dwb, s, c0, c1));
    }

    /**
     * The gradient of {@code x * s} for {@code x} {@code batch x channels x h x w} of a million
     * values or more and {@code s} {@code 1 x channels x 1 x 1} ({@link VectorChannelScale}); null
     * for other shapes.
     */
    static Kernel channelScaleGradient(INDArray x, INDArray s, INDArray g, INDArray dx, INDArray ds) {
        if (x.rank() != 4 || s.rank() != 4 || x.length() < LARGE || s.size(0) != 1 || s.size(1) != x.size(1) || s.size(2) != 1 || s.size(3) != 1
                || !java.util.Arrays.equals(g.shape(), x.shape()) || !java.util.Arrays.equals(dx.shape(), x.shape()) || ds.length() != s.length())
            return null;
        ByteBuffer xb = floats(x), sb = floats(s), gb = floats(g), dxb = floats(dx), dsb = floats(ds);
        if (xb == null || sb == null || gb == null || dxb == null || dsb == null) return null;
        int batch = (int) x.size(0), channels = (int) x.size(1), plane = (int) (x.size(2) * x.size(3));
        return split(channels, 1, (c0, c1) -> VectorChannelScale.gradient(xb, sb, gb, dxb, dsb, batch, channels, plane, c0, c1));
    }

    /** {@code out[i] = source[index[i]]} for a float matrix {@code source} and an int vector {@code index}; null for other shapes and types. */
    static Kernel gatherRows(INDArray source, INDArray index, INDArray out) {
        if (source.rank() != 2 || index.rank() != 1 || out.rank() != 2 || out.size(0) != index.length() || out.size(1) != source.size(1))
            return null;
        ByteBuffer sb = floats(source), ib = ints(index), ob = floats(out);
        if (sb == null || ib == null || ob == null) return null;
        int rows = (int) source.size(0), columns = (int) source.size(1);
        return split((int) index.length(), Math.max(1, MIN_CHUNK / Math.max(1, columns)),
                (from, to) -> VectorRows.gather(sb, rows, ib, ob, columns, from, to));
    }

    /**
     * {@code out = ref}, then {@code out[index[i]] += updates[i]} for every {@code i} in order
     * (nd4j's {@code scatter_add} of rows); null for other shapes and types.
     */
    static Kernel scatterAddRows(INDArray ref, INDArray index, INDArray updates, INDArray out) {
        if (ref.rank() != 2 || index.rank() != 1 || updates.rank() != 2 || updates.size(0) != index.length() || updates.size(1) != ref.size(1)
                || !java.util.Arrays.equals(out.shape(), ref.shape()))
            return null;
        ByteBuffer rb = floats(ref), ib = ints(index), ub = floats(updates), ob = floats(out);
        if (rb == null || ib == null || ub == null || ob == null) return null;
        boolean copy = !(ref.data() == out.data() && ref.offset() == out.offset());
        int rows = (int) ref.size(0), columns = (int) ref.size(1), n = (int) index.length();
        // every part reads all the indices: worth splitting only where there are many rows to add
        int minRows = (long) n * columns < LARGE ? rows : Math.max(1, rows / 64);
        return split(rows, minRows, (r0, r1) -> VectorRows.scatterAdd(rb, ib, n, ub, ob, rows, columns, copy, r0, r1));
    }

    /** ELU (alpha 1) of {@code n} floats from {@code in} into {@code out}, split over the cores for large arrays. */
    static Kernel elu(ByteBuffer in, ByteBuffer out, int n) {
        return split(n, (from, to) -> VectorElu.elu(in, out, from, to));
    }

    /** A kernel that does nothing: for ops whose work another op's kernel does. */
    static final Kernel NOTHING = () -> {};

    /**
     * {@code out = g * (1 + min(y, 0))}: ELU's input gradient from its output {@code y} and its
     * output gradient {@code g} ({@link EluFromOutput}), in one pass instead of three ops; the same
     * float operations in the same order, so the same numbers as nd4j's three ops. Null where the
     * arrays are not plain float arrays of one length.
     */
    static Kernel eluGradientFromOutput(INDArray y, INDArray g, INDArray out) {
        ByteBuffer yb = floats(y), gb = floats(g), ob = floats(out);
        if (yb == null || gb == null || ob == null || y.length() != g.length() || y.length() != out.length()) return null;
        return split((int) y.length(), (from, to) -> VectorElu.gradientFromOutput(yb, gb, ob, from, to));
    }

    /**
     * {@code out[c] = sum of g[b][c][y][x] over b, y, x}: a convolution's bias gradient, nd4j's
     * {@code reduce_sum} over dimensions 0, 2 and 3 of a {@code batch x channels x h x w} float array.
     */
    static Kernel channelSums(INDArray g, INDArray out) {
        ByteBuffer gb = floats(g), ob = floats(out);
        if (gb == null || ob == null || g.rank() != 4 || out.length() != g.size(1)) return null;
        int batch = (int) g.size(0), channels = (int) g.size(1), plane = (int) (g.size(2) * g.size(3));
        return split(channels, 1, (c0, c1) -> VectorChannelSums.channelSums(gb, batch, channels, plane, ob, c0, c1));
    }

    /** A part of a kernel: the values {@code from <= i < to}. */
    private interface Part {
        void run(int from, int to);
    }

    /** {@code part} over {@code n} values, split over the cores where there are enough values. */
    private static Kernel split(int n, Part part) {
        return split(n, MIN_CHUNK, part);
    }

    /**
     * How many threads a kernel runs on (at most): the cores, or fewer where other processes
     * train too ({@code train.CoreShare}, through {@link Backend#useJavaKernelThreads}). Read at
     * each call, so that a change applies to kernels already built.
     */
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    static int threads() {
        return threads;
    }

    /** Sets {@link #threads()} and returns the count it had. */
    static int useThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, not " + n);
        int before = threads;
        threads = n;
        return before;
    }

    /** {@code part} over {@code n} items, split over the cores, each taking at least {@code minChunk}. */
    private static Kernel split(int n, int minChunk, Part part) {
        int most = Math.max(1, n / minChunk);
        if (most == 1) return () -> part.run(0, n);
        return () -> {
            int chunks = Math.min(threads, most);
            if (chunks == 1) {
                part.run(0, n);
                return;
            }
            int[] bounds = new int[chunks + 1];
            for (int c = 0; c <= chunks; c++) bounds[c] = (int) ((long) n * c / chunks);
            ForkJoinTask<?>[] others = new ForkJoinTask<?>[chunks - 1];
            for (int c = 1; c < chunks; c++) {
                int from = bounds[c], to = bounds[c + 1];
                others[c - 1] = ForkJoinPool.commonPool().submit(() -> part.run(from, to));
            }
            part.run(bounds[0], bounds[1]);
            for (ForkJoinTask<?> t : others) t.join();
        };
    }

    /** Arrays from which a sum kernel pays (below, nd4j's takes well under a millisecond). */
    static final long LARGE = 1 << 20;

    /** Values per thread below which splitting costs more than it saves. */
    private static final int MIN_CHUNK = 1 << 16;

    /** Whether the array's values lie one after the other in row-major order (a dimension of size 1 may have any stride). */
    static boolean rowMajor(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) return false;
            expected *= a.size(d);
        }
        return true;
    }

    /**
     * The array's floats as a native-order byte buffer starting at its first element, or null
     * where it is not a row-major float array with its own plain layout.
     */
    static ByteBuffer floats(INDArray a) {
        return a.dataType() == DataType.FLOAT ? plain(a) : null;
    }

    /** As {@link #floats}, for an int array. */
    static ByteBuffer ints(INDArray a) {
        return a.dataType() == DataType.INT ? plain(a) : null;
    }

    private static ByteBuffer plain(INDArray a) {
        if (!rowMajor(a)) return null;
        long bytes = (a.offset() + a.length()) * 4;
        if (bytes > Integer.MAX_VALUE) return null;
        ByteBuffer b = a.data().asNio();
        if (b.capacity() < bytes) return null;
        return b.position((int) a.offset() * 4).slice().order(ByteOrder.nativeOrder());
    }
}
