package org.v1workbench.model.engine;

import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * The one door between a model's SameDiff graph and the way it is trained here. A
 * {@code Network} builds its graph with SameDiff's public API and hands it to one engine, which
 * owns everything this project does around SameDiff 1.0.0-M2.1 to make training fast and its
 * output clean: the step runner (SameDiff's session, or recorded and replayed steps with Java
 * kernels), the per-op kernel choice for max pooling, the gradient function built without the
 * input image and without SameDiff's console lines, the loss read through a training evaluation,
 * and the paced garbage collections. What is active on this machine: {@link #patches()}.
 *
 * <p>Not thread-safe; the network that owns it serialises its calls.
 */
public final class TrainingEngine {
    /** {@code -Dv1workbench.train.javaKernels=false}: the replayed steps run nd4j's kernels only. */
    public static final String JAVA_KERNELS_PROPERTY = JavaKernels.PROPERTY;

    /** {@code -Dv1workbench.train.replay=false}: every batch through SameDiff's session. */
    public static final String REPLAY_PROPERTY = "v1workbench.train.replay";

    private final SameDiff sd;
    private final String lossName;
    /** The per-op kernel choice attached to the graph as a listener; null where the graph has no op it concerns. */
    private final OpImplementations implementations;
    private final SameDiffSteps plain;
    private final ReplayedSteps replayed;
    private final MemoryPacer pacer = new MemoryPacer();

    /**
     * An engine for {@code sd}, whose scalar loss is {@code lossName}; {@code checkpoint} saves the
     * network's parameters and optimiser state and returns what restores them (to undo a
     * recorded batch). Attaches the kernel choice to the graph where it has max pooling.
     */
    public TrainingEngine(SameDiff sd, String lossName, Supplier<Runnable> checkpoint) {
        this(sd, lossName, checkpoint, Internals.canInitializeTraining());
    }

    /** As above; {@code undoable}: whether the optimiser can be set up before the first batch (false: as on an nd4j without that internal). */
    TrainingEngine(SameDiff sd, String lossName, Supplier<Runnable> checkpoint, boolean undoable) {
        Backend.init();
        this.sd = sd;
        this.lossName = lossName;
        this.implementations = OpImplementations.attachTo(sd);
        this.plain = new SameDiffSteps(sd);
        this.replayed = new ReplayedSteps(sd, lossName, implementations, checkpoint, undoable);
    }

    /**
     * Sets up training once (Adam at {@code lr}, L2 {@code weightDecay} added to the gradient as
     * PyTorch's Adam does, the batch's feature and label arrays by placeholder name) and the
     * gradient function of the parameters. Nothing when already set up.
     */
    public void configure(double lr, double weightDecay, List<String> features, List<String> labels) {
        if (sd.getTrainingConfig() == null) {
            List<Regularization> reg = new ArrayList<>();
            if (weightDecay > 0) reg.add(new L2Regularization(weightDecay));
            sd.setTrainingConfig(TrainingConfig.builder()
                    .updater(new Adam(lr))
                    .regularization(reg.toArray(new Regularization[0]))
                    .dataSetFeatureMapping(features.toArray(new String[0]))
                    .dataSetLabelMapping(labels.toArray(new String[0]))
                    .build());
        }
        Gradients.ensure(sd);
    }

    /** Adam's learning rate now. */
    public double learningRate() {
        return ((Adam) sd.getTrainingConfig().getUpdater()).getLearningRate();
    }

    /** Changes Adam's learning rate from the next batch on. */
    public void setLearningRate(double lr) {
        ((Adam) sd.getTrainingConfig().getUpdater()).setLearningRate(lr);
    }

    /**
     * One epoch: {@code batches} (each of {@code batchSize} rows) until they end or halt, each
     * batch's loss to {@code batchDone} right after its update. Counts one epoch where any batch ran.
     */
    public void trainEpoch(BatchSource batches, int batchSize, DoubleConsumer batchDone) {
        LossWatch watch = new LossWatch(lossName, batchDone);
        TrainingConfig tc = sd.getTrainingConfig();
        // Set only for the duration of the epoch, so that the saved TrainingConfig never refers to the probe.
        tc.setTrainEvaluations(new HashMap<>(Map.of(lossName, List.of(watch.probe))));
        tc.setTrainEvaluationLabels(new HashMap<>(Map.of(lossName, 0)));
        int epochCount = tc.getEpochCount(), iterationCount = tc.getIterationCount();
        try {
            runner().runEpoch(batches, batchSize, watch);
        } finally {
            // one epoch counted, as one sd.fit over the epoch counts it, however its batches ran
            tc.setEpochCount(tc.getIterationCount() > iterationCount ? epochCount + 1 : epochCount);
            tc.setTrainEvaluations(new HashMap<>());
            tc.setTrainEvaluationLabels(new HashMap<>());
        }
    }

    /**
     * The runner of the next epoch: the replayed steps, unless switched off
     * ({@link #REPLAY_PROPERTY}) or while a listener other than the kernel choice is attached (the
     * profiler wants to see SameDiff run every op).
     */
    private StepRunner runner() {
        if ("false".equals(System.getProperty(REPLAY_PROPERTY))) return plain;
        for (Listener l : sd.getListeners()) if (l != implementations) return plain;
        return replayed;
    }

    /**
     * Keeps the graph's intermediate arrays {@code names} (batch statistics) readable after each
     * training step, so that the network can read what the step's own forward pass computed
     * ({@link #lastKept}).
     */
    public void keep(java.util.Set<String> names) {
        replayed.keep(names);
    }

    /**
     * The kept arrays as the last batch's step computed them, by name; null where that step ran
     * through SameDiff's session (its recording, or a graph that is not replayed), whose
     * intermediate arrays are not kept.
     */
    /** Whether the next training batch of {@code batchSize} images will keep the {@link #keep} arrays. */
    public boolean willKeep(int batchSize) {
        return runner() == replayed && replayed.willKeep(batchSize);
    }

    public Map<String, org.nd4j.linalg.api.ndarray.INDArray> lastKept() {
        return runner() == replayed ? replayed.lastKept() : null;
    }

    /** Compiles the Java kernels in the background now (a graph with an ELU is being built: training will run them). */
    public static void warmUpKernels() {
        JavaKernels.warmUp();
    }

    /** After each batch and epoch: a paced garbage collection where native memory has grown ({@link MemoryPacer}). */
    public void afterBatch() {
        pacer.afterBatch();
    }

    /** Frees the arrays of the recorded training steps (for core-readout at batch 64, about 190 MB); training again records anew. */
    public void releaseTrainingArrays() {
        replayed.release();
    }

    /** Ops of the recorded steps (all batch sizes); 0 before the first or where none could be recorded. */
    public int recordedOps() {
        return replayed.ops();
    }

    /** Ops of the recorded steps that run a Java kernel ({@link JavaKernels}) instead of nd4j's. */
    public int javaKernelOps() {
        return replayed.javaKernelOps(null);
    }

    /** As above, of the ops nd4j names {@code opName}. */
    public int javaKernelOps(String opName) {
        return replayed.javaKernelOps(opName);
    }

    /** Why this graph's steps run through SameDiff's session; null while they are replayed (or not tried yet). */
    public String notReplayable() {
        return replayed.notReplayable();
    }

    /** One workaround of this engine: its name, whether it is active here, and what it does or why not. */
    public record Patch(String name, boolean active, String detail) {
        public String describe() {
            return (active ? "on  " : "off ") + name + ": " + detail;
        }
    }

    private static volatile boolean missingReported;

    /**
     * The self-check: each workaround and whether it is active in this process, for provenance and
     * {@code --version --verbose}. Where a private member of nd4j that a patch needs has moved
     * (another nd4j version), that patch is off, training is SameDiff's own there, and one line
     * on standard error says so (once per process).
     */
    public static List<Patch> patches() {
        Backend.Info info = Backend.init();
        List<String> missing = Internals.missing();
        if (!missing.isEmpty() && !missingReported) {
            missingReported = true;
            System.err.println("v1-workbench: nd4j " + info.nd4jVersion() + " lacks " + String.join(", ", missing)
                    + ": the patches that need them are off (training is SameDiff's own there: slower, the same mathematics)");
        }
        boolean replay = !"false".equals(System.getProperty(REPLAY_PROPERTY));
        List<Patch> out = new ArrayList<>();
        out.add(new Patch("replayed steps", replay, replay ? "the first batch of each batch size runs through SameDiff's session, "
                + "recorded; the others replay it (" + REPLAY_PROPERTY + "=false: off)" : REPLAY_PROPERTY + "=false"));
        boolean kernels = JavaKernels.enabled() && Internals.canInitializeTraining();
        out.add(new Patch("Java kernels", kernels && replay, JavaKernels.describe()
                + (JavaKernels.enabled() && !Internals.canInitializeTraining() ? " (off: SameDiff.initializeTraining() not found)" : "")));
        out.add(new Patch("one-channel conv2d gradient", OneChannelConv2D.installed(),
                OneChannelConv2D.installed() ? "conv2d on the grey image differentiated as two convolutions" : "nd4j's conv2d_bp (op registry not as expected)"));
        out.add(new Patch("ELU gradient from its output", EluFromOutput.installed(),
                EluFromOutput.installed() ? "elu_bp replaced by g * (1 + min(y, 0))" : "nd4j's elu_bp (op registry not as expected)"));
        out.add(new Patch("gather gradient as scatter_add", GatherRows.installed(), GatherRows.installed()
                ? "gather's gradient is one locked scatter_add (nd4j's builds a loop of puts, which fails: the full Gaussian readout needs this)"
                : "nd4j's gather gradient (op registry not as expected): the sensorium preset cannot train"));
        out.add(new Patch("nd4j's own max pooling", info.ownMaxPooling(), info.ownMaxPooling() ? "oneDNN's NCHW max pooling is slow on this CPU"
                : "oneDNN's max pooling (fast on " + info.variant() + ")"));
        out.add(new Patch("JIT directive", !info.jit().startsWith("C2 not restricted"), info.jit()));
        out.add(new Patch("paced garbage collections", true, "when resident memory is 200 MB above its low, at most "
                + Math.round(MemoryPacer.MAX_COLLECTION_SHARE * 100) + "% of the time"));
        out.add(new Patch("quiet gradient building", true, "SameDiff's \"Added differentiated op\" lines dropped from standard output"));
        out.add(new Patch("loss read while training", true, "a training evaluation of the loss makes SameDiff compute it"));
        return out;
    }

    /** The active patches' names, comma-separated (what provenance records). */
    public static String activePatches() {
        List<String> on = new ArrayList<>();
        for (Patch p : patches()) if (p.active()) on.add(p.name());
        return on.isEmpty() ? "none" : String.join(", ", on);
    }
}
