package org.v1workbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.JsonFields;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.model.engine.BatchSource;
import org.v1workbench.model.engine.Gradients;
import org.v1workbench.model.engine.TrainingEngine;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * One trained (or trainable) model: a SameDiff graph built by a {@link Preset}, with its
 * configuration and the data spec it was built for. Takes raw images and predicts spike counts
 * per window for each of its neurons.
 *
 * <p>Training goes through {@link #trainEpoch}: batches assembled into arrays allocated once per
 * batch size, a permutation and dropout masks drawn from a seed per epoch (so an epoch is
 * reproducible and training can resume at any epoch boundary), and the loss read after every
 * batch (to catch divergence and to stop between batches on request). The first batch of a
 * batch size runs through SameDiff's own {@code fit}, recorded; the others replay that
 * recording (the engine's replayed steps: the same ops and updates without SameDiff's per-op
 * bookkeeping, bit for bit the same numbers).
 *
 * <p>Not thread-safe for concurrent calls from several threads; the methods are synchronized so
 * a view may predict while the training thread is between epochs.
 */
public final class Network {
    static final String GRAPH_FILE = "model.fb", META_FILE = "network.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SameDiff sd;
    private final ModelConfig config;
    private final NetworkSpec spec;
    /** The inputs besides the image that the preset's components declared (dropout masks, readout jitter), in their order. */
    private final List<ExtraInput> extras;
    private final DataType dtype;
    private final Map<Integer, Batch> batches = new HashMap<>();
    /** Everything that trains the graph: step runner, kernel choice, gradient function, paced collections. */
    private final TrainingEngine engine;

    /**
     * A batch-norm layer's running statistics ({@link Layers#batchNorm}): its name, the new batch's
     * weight in the running average (PyTorch's {@code momentum}), and the positions per image
     * its statistics pool over ({@code h * w}), for the unbiased variance.
     */
    record RunningStatistics(String name, double momentum, int positions) {}

    /** The batch-norm layers, updated from each training batch before its step. */
    private final List<RunningStatistics> normalisations;
    /** Parameters clamped to {@code {low, high}} after every training step, by name. */
    private final Map<String, double[]> clamps;

    /** The largest array a component makes per image, in values ({@link Layers#arrayPerImage}; 0: none declared). */
    private final long valuesPerImage;

    Network(SameDiff sd, ModelConfig config, NetworkSpec spec, List<ExtraInput> extras) {
        this(sd, config, spec, extras, List.of(), Map.of(), 0);
    }

    Network(SameDiff sd, ModelConfig config, NetworkSpec spec, List<ExtraInput> extras, List<RunningStatistics> normalisations,
            Map<String, double[]> clamps, long valuesPerImage) {
        this.valuesPerImage = valuesPerImage;
        this.sd = sd;
        this.config = config;
        this.spec = spec;
        this.extras = List.copyOf(extras);
        this.normalisations = List.copyOf(normalisations);
        this.clamps = new LinkedHashMap<>(clamps);
        this.dtype = sd.getVariable(Layers.INPUT).dataType();
        this.engine = new TrainingEngine(sd, Layers.LOSS, () -> {
            State before = snapshot();
            return () -> restore(before);
        });
        if (!this.normalisations.isEmpty()) engine.keep(batchStatistics());
    }

    /** Puts each extra input's prediction value (a keep mask of ones, zero jitter) for {@code count} images into {@code ph}. */
    void putPredictionInputs(Map<String, INDArray> ph, int count, DataType type) {
        for (ExtraInput e : extras) ph.put(e.name(), Nd4j.valueArrayOf(new long[]{e.rowsFor(count), e.width()}, e.atPrediction(), type));
    }

    /** Builds a fresh network of {@code config}'s preset for {@code spec} (float32). */
    public static Network create(ModelConfig config, NetworkSpec spec) {
        return create(config, spec, DataType.FLOAT);
    }

    /** As {@link #create(ModelConfig, NetworkSpec)} in a chosen precision (double for gradient checks). */
    public static Network create(ModelConfig config, NetworkSpec spec, DataType dtype) {
        Backend.init();
        Preset p = Presets.get(config.preset());
        Layers layers = new Layers(config, spec, dtype);
        return p.define(layers);
    }

    public ModelConfig config() { return config; }
    public NetworkSpec spec() { return spec; }
    public int neurons() { return spec.neurons(); }

    /** The SameDiff graph, for probes (gradients with respect to the input) and tests. */
    public SameDiff graph() { return sd; }

    /** Whether {@code name} is a parameter of the preset's core: a weight or bias ({@code _w}, {@code _b}) of its layers. */
    private boolean isCore(String name) {
        if (!name.endsWith("_w") && !name.endsWith("_b")) return false;
        for (String prefix : Presets.get(config.preset()).coreParameterPrefixes()) if (name.startsWith(prefix)) return true;
        return false;
    }

    /** Copies of the core's parameters (trainable or frozen), by name; empty for a preset without a core. */
    public synchronized Map<String, INDArray> coreParameters() {
        Map<String, INDArray> out = new TreeMap<>();
        for (SDVariable v : sd.variables())
            if ((v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) && isCore(v.name()))
                out.put(v.name(), v.getArr().dup());
        return out;
    }

    /** Whether the core is frozen (transferred and kept fixed: constants of the graph). */
    public synchronized boolean coreFrozen() {
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.CONSTANT && isCore(v.name())) return true;
        return false;
    }

    /**
     * Replaces this fresh network's core by {@code core} (from {@link #coreParameters()} of a
     * network of the same preset and core shape; {@code source} names it in messages) and, when
     * {@code freeze}, makes the core constant so that training fits only the readout. Before
     * training only.
     */
    public synchronized void transferCore(Map<String, INDArray> core, boolean freeze, String source) {
        if (sd.getFunction("grad") != null) throw new IllegalStateException("the core is transferred before training starts");
        List<String> mine = new ArrayList<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE && isCore(v.name())) mine.add(v.name());
        if (mine.isEmpty()) throw new BadInputException(config.preset() + " has no core to transfer");
        if (!core.keySet().equals(new java.util.TreeSet<>(mine)))
            throw new BadInputException(source + ": its core has the parameters " + core.keySet() + ", this " + config.preset() + " has " + new java.util.TreeSet<>(mine));
        for (String name : mine) {
            INDArray target = sd.getVariable(name).getArr(), value = core.get(name);
            if (!java.util.Arrays.equals(target.shape(), value.shape()))
                throw new BadInputException(source + ": core parameter " + name + " is " + java.util.Arrays.toString(value.shape())
                        + ", this network's is " + java.util.Arrays.toString(target.shape()) + " (train with the same architecture)");
            target.assign(value.castTo(dtype));
        }
        inputGradientCopy = null;
        if (freeze) for (String name : mine) sd.convertToConstant(sd.getVariable(name));
    }

    /**
     * The read positions of a Gaussian readout in image pixels ({@code [neurons][x, y]}, origin at
     * the top-left, as receptive-field centres are given); null for a network without one.
     */
    public synchronized double[][] readoutPositions() {
        if (!sd.hasVariable("readout_mu")) return null;
        INDArray mu = sd.getVariable("readout_mu").getArr();   // 2 x neurons in [-1, 1] of the grid
        int[] g = Presets.get(config.preset()).readoutGrid(config, spec);
        double[][] out = new double[spec.neurons()][2];
        for (int n = 0; n < out.length; n++) {
            double x = Math.max(-1, Math.min(1, mu.getDouble(0, n))), y = Math.max(-1, Math.min(1, mu.getDouble(1, n)));
            out[n][0] = g[0] + (x + 1) / 2 * (g[2] - 1);
            out[n][1] = g[0] + (y + 1) / 2 * (g[1] - 1);
        }
        return out;
    }

    /** Number of trainable parameters. */
    public synchronized long parameterCount() {
        long n = 0;
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) n += v.getArr().length();
        return n;
    }

    // ---------------------------------------------------------------------------------- predict

    /**
     * Predicted spike counts per window, {@code count x neurons} flat, for raw images
     * {@code count x height x width} flat (the same grey levels as the dataset's stimuli).
     *
     * <p>Runs in chunks of the training batch size, the last one padded to full size, so that
     * prediction reuses the array shapes of training (SameDiff caches arrays by shape, and every
     * new shape costs memory and time); fewer images than one batch run as they are. Where a
     * component makes a large array per image, the chunks are smaller ({@link #predictionChunk}).
     */
    public synchronized float[] predict(float[] images, int count) {
        return forward(images, count, Layers.OUTPUT, spec.neurons());
    }

    /** The values of graph variable {@code name} ({@code width} per image) for {@code count} images, as {@link #predict} runs them. */
    private float[] forward(float[] images, int count, String name, int width) {
        int hw = spec.height() * spec.width(), nn = width;
        if ((long) count * hw != images.length)
            throw new IllegalArgumentException(images.length + " pixels are not " + count + " images of " + spec.height() + " x " + spec.width());
        float[] out = new float[count * nn];
        int chunk = predictionChunk();
        if (count < chunk) chunk = Math.max(count, 1);
        float[] part = new float[chunk * hw];
        for (int start = 0; start < count; start += chunk) {
            int c = Math.min(chunk, count - start);
            System.arraycopy(images, start * hw, part, 0, c * hw);
            for (int i = c; i < chunk; i++) System.arraycopy(images, start * hw, part, i * hw, hw); // padding rows
            Map<String, INDArray> ph = new HashMap<>();
            ph.put(Layers.INPUT, Nd4j.create(part, new long[]{chunk, 1, spec.height(), spec.width()}, 'c').castTo(dtype));
            putPredictionInputs(ph, chunk, dtype);
            INDArray r = sd.output(ph, name).get(name);
            float[] v = r.castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(v, 0, out, start * nn, c * nn);
            engine.afterBatch();   // a paced collection, as after a training batch: each chunk's native arrays wait for one
        }
        return out;
    }

    /** Values that one prediction chunk's largest array may hold: 128 MB of floats. */
    static final long PREDICTION_VALUES = 1L << 25;

    /**
     * Images per prediction chunk: the training batch size, or fewer where a component makes a
     * large array per image, so that the chunk's array stays within {@link #PREDICTION_VALUES}.
     * Why: SameDiff's inference keeps the arrays of every shape it has run, beside the training
     * step's own; at Sensorium's scale (8,000 neurons, 64 channels) the full Gaussian readout's
     * gathered neighbours of a 64-image batch are 0.5 GB, of a 16-image chunk 128 MB.
     */
    int predictionChunk() {
        int batch = config.hyperparameters().containsKey("batch_size") ? Math.max(1, config.integer("batch_size")) : 64;
        if (valuesPerImage <= 0) return batch;
        return (int) Math.max(1, Math.min(batch, PREDICTION_VALUES / valuesPerImage));
    }

    /**
     * Sets the standardisation of a preset's fixed features ({@link Layers#standardised}) from
     * the training images {@code count x height x width}: each feature's mean, and 1 / its
     * standard deviation (0 for a feature constant over the images: it carries nothing). Nothing
     * to do for a preset without fixed features. Before training only.
     */
    public synchronized void standardiseFeatures(float[] images, int count) {
        if (!sd.hasVariable(Layers.FEATURE_MEAN)) return;
        if (sd.getFunction("grad") != null) throw new IllegalStateException("the features are standardised before training starts");
        INDArray meanArr = sd.getVariable(Layers.FEATURE_MEAN).getArr();
        int features = (int) meanArr.length();
        float[] f = forward(images, count, Layers.FEATURES_RAW, features);
        double[] mean = new double[features], sq = new double[features];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < features; j++) mean[j] += f[i * features + j];
        for (int j = 0; j < features; j++) mean[j] /= count;
        for (int i = 0; i < count; i++)
            for (int j = 0; j < features; j++) {
                double d = f[i * features + j] - mean[j];
                sq[j] += d * d;
            }
        double[] scale = new double[features];
        for (int j = 0; j < features; j++) {
            double sdev = Math.sqrt(sq[j] / count);
            scale[j] = sdev > 1e-6 ? 1 / sdev : 0;
        }
        meanArr.assign(Nd4j.create(mean, new long[]{1, features}, 'c').castTo(dtype));
        sd.getVariable(Layers.FEATURE_SCALE).getArr().assign(Nd4j.create(scale, new long[]{1, features}, 'c').castTo(dtype));
    }

    /**
     * The loss (Poisson term plus penalties) on one batch, without training: for gradient checks
     * and tests. {@code labels}, {@code weights}: {@code count x neurons}.
     */
    public synchronized double loss(float[] images, int count, float[] labels, float[] weights) {
        Map<String, INDArray> ph = placeholders(images, count, labels, weights);
        return sd.output(ph, Layers.LOSS).get(Layers.LOSS).getDouble(0);
    }

    /**
     * Gradients with respect to the pixels (raw grey levels) of {@code sum_n weights[i][n] *
     * rate_n(image_i)} for each image i, {@code count x height x width} flat: with one weight
     * of 1 per row, row i is the gradient of that neuron's predicted count at image i (receptive
     * fields, most exciting inputs). {@code weights}: {@code count x neurons}, flat.
     *
     * <p>One backward pass through the training graph, with each label where the loss's slope by
     * the rate is 1 ({@link Loss#unitSlopeLabel}: 0 for Poisson, the rate less 1/2 for squared
     * error, which takes a forward pass first): the loss's input gradient is then that of
     * {@code sum(weights * rate) / (sum(weights) + 1e-8)} (penalties do not depend on the image),
     * times {@code sum(weights) + 1e-8} the one wanted.
     */
    public synchronized float[] inputGradients(float[] images, int count, float[] weights) {
        int nn = spec.neurons();
        if (weights.length != count * nn) throw new IllegalArgumentException(weights.length + " weights for " + count + " x " + nn);
        SameDiff graph = inputGradientGraph();
        double total = 1e-8;
        for (float w : weights) total += w;
        org.v1workbench.model.Loss loss = org.v1workbench.model.Loss.of(config, spec.signed());
        float[] labels = new float[count * nn];
        if (loss.unitSlopeLabel(1) != 0) { // the slope depends on the rate: predict first
            float[] rates = predict(images, count);
            for (int i = 0; i < labels.length; i++) labels[i] = (float) loss.unitSlopeLabel(rates[i]);
        }
        Map<String, INDArray> ph = placeholders(images, count, labels, weights);
        INDArray g = graph.calculateGradients(ph, Layers.INPUT).get(Layers.INPUT);
        float[] out = g.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int i = 0; i < out.length; i++) out[i] = (float) (out[i] * total);
        return out;
    }

    /** A copy of one parameter's values in C order (see {@link #parameterShapes()}), e.g. {@code conv1_w} (YXIO). */
    public synchronized float[] parameter(String name) {
        SDVariable v = sd.getVariable(name);
        if (v == null || v.getVariableType() != VariableType.VARIABLE) throw new IllegalArgumentException("no parameter '" + name + "'");
        return v.getArr().castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    Map<String, INDArray> placeholders(float[] images, int count, float[] labels, float[] weights) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(Layers.INPUT, Nd4j.create(images, new long[]{count, 1, spec.height(), spec.width()}, 'c').castTo(dtype));
        ph.put(Layers.LABEL, Nd4j.create(labels, new long[]{count, spec.neurons()}, 'c').castTo(dtype));
        ph.put(Layers.WEIGHT, Nd4j.create(weights, new long[]{count, spec.neurons()}, 'c').castTo(dtype));
        putPredictionInputs(ph, count, dtype);
        return ph;
    }

    // ---------------------------------------------------------------------------------- train

    /**
     * Training data held in Java arrays, assembled into batches by {@link #trainEpoch}.
     *
     * @param images  {@code count x height x width}, raw pixels
     * @param labels  {@code count x neurons}, spike counts per window (0 where missing)
     * @param weights {@code count x neurons}, 1 where a response exists, 0 where missing; null
     *                where none is missing (every response weighs 1)
     */
    public record TrainingSet(float[] images, float[] labels, float[] weights, int count) {
        public TrainingSet {
            if (count < 1) throw new BadInputException("no training images");
        }

        /**
         * From responses with NaN where missing. Where none is missing the set holds
         * {@code responsesWithNaN} itself (the caller must not change it afterwards) and no
         * weights (every response weighs 1): at 3,333 training images and 8,000 neurons each of
         * these is 107 MB, and the JVM allocates or clones such an array without letting other
         * threads reach a safepoint (the window stalled while training started). Otherwise a
         * copy with 0 where missing, and weights 0 there and 1 elsewhere.
         */
        public static TrainingSet of(float[] images, float[] responsesWithNaN, int count) {
            boolean missing = false;
            for (float v : responsesWithNaN) if (Float.isNaN(v)) { missing = true; break; }
            if (!missing) return new TrainingSet(images, responsesWithNaN, null, count);
            float[] labels = responsesWithNaN.clone();
            float[] weights = new float[labels.length];
            for (int i = 0; i < labels.length; i++) {
                if (Float.isNaN(labels[i])) labels[i] = 0;
                else weights[i] = 1;
            }
            return new TrainingSet(images, labels, weights, count);
        }
    }

    /** What one epoch did. {@code diverged}: a batch's loss was NaN or infinite (training stopped there). */
    public record EpochResult(double meanLoss, int batches, int images, double seconds, boolean diverged,
                              boolean stopped, double badLoss) {
        public double imagesPerSecond() {
            return seconds > 0 ? images / seconds : Double.NaN;
        }
    }

    /**
     * One pass over {@code data} in a seeded random order, in batches of the preset's
     * {@code batch_size} (or all images when fewer). The last batch, when short, is padded to the
     * full size with rows of weight 0, which leaves its loss and gradient those of the short
     * batch (PyTorch's default loader) while every batch keeps one shape: a batch of a new shape
     * costs nd4j/oneDNN several times a normal one, every epoch. {@code stop} is checked before
     * every batch; {@code dropLast} drops the short batch instead (the throughput benchmark, as
     * torch_reference.py).
     */
    public synchronized EpochResult trainEpoch(TrainingSet data, long epochSeed, BooleanSupplier stop, boolean dropLast) {
        ensureTrainingConfig();
        inputGradientCopy = null;
        int bs = config.integer("batch_size");
        if (bs < 1) throw new BadInputException("batch_size must be at least 1, not " + bs);
        int n = data.count();
        bs = Math.min(bs, n);
        int[] order = permutation(n, epochSeed);
        EpochIterator it = new EpochIterator(data, order, bs, dropLast, stop, epochSeed);
        EpochStats stats = new EpochStats(it);
        long t0 = System.nanoTime();
        engine.trainEpoch(it, bs, loss -> {
            if (!it.statisticsDone) updateRunningStatistics(batch(it.size), it.lastReal);
            applyClamps();
            updateAverage();
            engine.afterBatch();
            stats.batchDone(loss);
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        engine.afterBatch();
        return new EpochResult(stats.batches == 0 ? Double.NaN : stats.sum / stats.images, stats.batches, stats.images,
                seconds, stats.diverged, it.stopped && !stats.diverged, stats.bad);
    }

    /**
     * Frees the arrays of the recorded training steps (for core-readout at batch 64, about 190
     * MB): for a network kept after its training. Training again records a new step first.
     */
    public synchronized void releaseTrainingArrays() {
        engine.releaseTrainingArrays();
    }

    /** Ops of the recorded steps (all batch sizes); 0 before the first or where none could be recorded. */
    synchronized int recordedOps() {
        return engine.recordedOps();
    }

    /** Ops of the recorded steps that run a Java kernel instead of nd4j's. */
    synchronized int javaKernelOps() {
        return engine.javaKernelOps();
    }

    /** As above, of the ops nd4j names {@code opName} (such as {@code depthwise_conv2d_bp}). */
    synchronized int javaKernelOps(String opName) {
        return engine.javaKernelOps(opName);
    }

    /** Why this network's steps run through SameDiff's session; null while they are replayed (or not tried yet). */
    synchronized String notReplayable() { return engine.notReplayable(); }

    /** Clamps the parameters that must stay in a range ({@link Layers#clampAfterStep}) in place. */
    private void applyClamps() {
        for (Map.Entry<String, double[]> c : clamps.entrySet()) {
            INDArray a = sd.getVariable(c.getKey()).getArr();
            org.nd4j.linalg.ops.transforms.Transforms.max(a, c.getValue()[0], false);
            org.nd4j.linalg.ops.transforms.Transforms.min(a, c.getValue()[1], false);
        }
    }

    /** The batch statistics of every batch-norm layer, by graph name. */
    private java.util.Set<String> batchStatistics() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (RunningStatistics r : normalisations) {
            names.add(Layers.batchMean(r.name()));
            names.add(Layers.batchVar(r.name()));
        }
        return names;
    }

    /**
     * Updates every batch-norm layer's running statistics from the batch just trained on: the
     * per-channel mean and biased variance over its {@code real} images that the step's own
     * forward pass computed (with the parameters before the step, as PyTorch's), then
     * {@code running = (1 - m) * running + m * batch}, the variance made unbiased
     * ({@code n / (n - 1)}). Where the step runs through SameDiff's session (the recording of a
     * batch size when the Java kernels are off, or a graph that is not replayed), which keeps no
     * intermediate arrays, a forward pass computes them before the step instead; the same numbers.
     */
    private void updateRunningStatistics(Batch batch, int real) {
        if (normalisations.isEmpty()) return;
        Map<String, INDArray> out = engine.lastKept();
        if (out == null) {
            Map<String, INDArray> ph = new HashMap<>();
            ph.put(Layers.INPUT, batch.input);
            for (int k = 0; k < extras.size(); k++) ph.put(extras.get(k).name(), batch.extra[k]);
            out = sd.output(ph, batchStatistics().toArray(new String[0]));
        }
        for (RunningStatistics r : normalisations) {
            double m = r.momentum(), n = (double) real * r.positions();
            INDArray mean = out.get(Layers.batchMean(r.name())), var = out.get(Layers.batchVar(r.name()));
            INDArray rm = sd.getVariable(Layers.runningMean(r.name())).getArr(), rv = sd.getVariable(Layers.runningVar(r.name())).getArr();
            rm.muli(1 - m).addi(mean.mul(m));
            rv.muli(1 - m).addi(var.mul(m * (n > 1 ? n / (n - 1) : 1)));
        }
    }

    /** The graph constants that are state, not parameters: batch-norm running statistics (saved, snapshotted and restored with the parameters). */
    private List<String> buffers() {
        List<String> b = new ArrayList<>();
        for (RunningStatistics r : normalisations) {
            b.add(Layers.runningMean(r.name()));
            b.add(Layers.runningVar(r.name()));
        }
        return b;
    }

    /** Graph constant: each neuron's response scale ({@code 1 x neurons}); responses are divided by it for the loss (neuralpredictors' NeuroNormalizer). */
    static final String RESPONSE_SCALE = "response_scale";
    /** Graph constant: the number of images of the dataset the run is drawn from, for a loss scaled as Sensorium's trainer scales it. */
    static final String DATASET_IMAGES = "dataset_images";

    /**
     * For a preset that scales the responses (Sensorium's normaliser): sets each neuron's scale
     * from the training responses {@code count x neurons} (NaN where missing): its population
     * standard deviation, or 1% of the mean over neurons where it is smaller than that
     * (neuralpredictors' {@code NeuroNormalizer}); and the dataset's image count, which scales its
     * loss. Nothing to do for other presets. Before training only.
     */
    public synchronized void scaleResponses(float[] responses, int count, int datasetImages) {
        if (!sd.hasVariable(RESPONSE_SCALE)) return;
        int nn = spec.neurons();
        double[] sdev = new double[nn];
        for (int j = 0; j < nn; j++) {
            double sum = 0, sq = 0;
            int k = 0;
            for (int i = 0; i < count; i++) {
                float v = responses[i * nn + j];
                if (Float.isNaN(v)) continue;
                sum += v;
                k++;
            }
            double mean = k == 0 ? 0 : sum / k;
            for (int i = 0; i < count; i++) {
                float v = responses[i * nn + j];
                if (!Float.isNaN(v)) sq += (v - mean) * (v - mean);
            }
            sdev[j] = k == 0 ? 0 : Math.sqrt(sq / k);
        }
        double floor = 0.01 * java.util.Arrays.stream(sdev).average().orElse(0);
        for (int j = 0; j < nn; j++) if (sdev[j] <= floor) sdev[j] = floor > 0 ? floor : 1;
        sd.getVariable(RESPONSE_SCALE).getArr().assign(Nd4j.create(sdev, new long[]{1, nn}, 'c').castTo(dtype));
        if (sd.hasVariable(DATASET_IMAGES)) sd.getVariable(DATASET_IMAGES).getArr().assign(datasetImages);
    }

    /** Decay per batch of the parameters' moving average; 0: no average kept. */
    private double averageDecay;
    /** The exponential moving average of every trainable parameter; null before the first batch. */
    private Map<String, INDArray> average;

    /**
     * Keeps an exponential moving average of the parameters from the next batch on (Polyak
     * averaging): after every batch, {@code average = decay * average + (1 - decay) * parameters}.
     * The average of the last few hundred steps generalises better than the last step on small,
     * noisy data; {@link #averagedParameters()} hands it out. 0 turns it off.
     */
    public synchronized void averageWeights(double decay) {
        if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("weight average decay must be in [0, 1), not " + decay);
        averageDecay = decay;
        if (decay == 0) average = null;
    }

    /** The averaged parameters (as {@link #parameters()} gives the current ones); null without an average. */
    public synchronized State averagedParameters() {
        if (average == null) return null;
        Map<String, INDArray> p = new TreeMap<>();
        average.forEach((k, v) -> p.put(k, v.dup()));
        return new State(p, Map.of(), iterations(), sd.getTrainingConfig() == null ? config.number("lr") : learningRate());
    }

    private void updateAverage() {
        if (averageDecay == 0) return;
        if (average == null) {
            average = new TreeMap<>();
            for (SDVariable v : sd.variables())
                if (v.getVariableType() == VariableType.VARIABLE) average.put(v.name(), v.getArr().dup());
            return;
        }
        for (Map.Entry<String, INDArray> e : average.entrySet())
            e.getValue().muli(averageDecay).addi(sd.getVariable(e.getKey()).getArr().mul(1 - averageDecay));
    }

    /** Iterations done so far (Adam's step count). */
    public synchronized int iterations() {
        TrainingConfig tc = sd.getTrainingConfig();
        return tc == null ? 0 : tc.getIterationCount();
    }

    public synchronized double learningRate() {
        ensureTrainingConfig();
        return engine.learningRate();
    }

    /** Changes Adam's learning rate from the next batch on (learning-rate decay on plateau). */
    public synchronized void setLearningRate(double lr) {
        ensureTrainingConfig();
        engine.setLearningRate(lr);
    }

    private void ensureTrainingConfig() {
        List<String> features = new ArrayList<>(List.of(Layers.INPUT));
        for (ExtraInput e : extras) features.add(e.name());
        double decay = config.hyperparameters().containsKey("weight_decay") ? config.number("weight_decay") : 0;
        engine.configure(config.number("lr"), decay, features, List.of(Layers.LABEL, Layers.WEIGHT));
    }

    /** Whether this graph's gradient function also differentiates the input image. */
    private boolean gradientsWithInput;
    /** A copy of this network with the input's gradient, for {@link #inputGradients} after training; null when stale. */
    private Network inputGradientCopy;

    /**
     * Builds the gradient function of the parameters once, for training. Not of the input image:
     * the first convolution's gradient with respect to a one-channel image is the slowest op of
     * training in oneDNN 2.3 (its backward-data pass pads the channel to 16; see
     * the engine's one-channel convolution), and training never needs it; {@link #inputGradients} asks for it.
     */
    public void ensureGradients() {
        if (sd.getFunction("grad") == null) createGradients(false);
    }

    private void createGradients(boolean withInput) {
        Gradients.create(sd, withInput ? Layers.INPUT : null);
        gradientsWithInput = withInput;
    }

    /**
     * The graph that differentiates the input: this one when it has no gradient function yet
     * (a network only probed) or has one with the input; otherwise (a network set up for
     * training) a copy with the current parameters, rebuilt after any training or restore.
     */
    private SameDiff inputGradientGraph() {
        if (sd.getFunction("grad") == null) createGradients(true);
        if (gradientsWithInput) return sd;
        if (inputGradientCopy == null) {
            inputGradientCopy = create(config, spec, dtype);
            if (coreFrozen()) inputGradientCopy.transferCore(coreParameters(), true, "this network");
            inputGradientCopy.restore(parameters());
            inputGradientCopy.createGradients(true);
        }
        return inputGradientCopy.sd;
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Arrays for one batch size, allocated once and refilled in place. */
    private final class Batch {
        final INDArray input, label, weight;
        /** One array per extra input, in {@link #extras}' order. */
        final INDArray[] extra;
        final MultiDataSet set;

        Batch(int size) {
            input = Nd4j.create(dtype, size, 1, spec.height(), spec.width());
            label = Nd4j.create(dtype, size, spec.neurons());
            weight = Nd4j.create(dtype, size, spec.neurons());
            extra = new INDArray[extras.size()];
            List<INDArray> fl = new ArrayList<>(List.of(input));
            for (int k = 0; k < extra.length; k++) {
                extra[k] = Nd4j.create(dtype, extras.get(k).rowsFor(size), extras.get(k).width());
                fl.add(extra[k]);
            }
            INDArray[] f = fl.toArray(new INDArray[0]);
            set = new org.nd4j.linalg.dataset.MultiDataSet(f, new INDArray[]{label, weight});
        }
    }

    private Batch batch(int size) {
        return batches.computeIfAbsent(size, Batch::new);
    }

    /** Serves one epoch's batches; stops early when asked (checked before each batch). */
    private final class EpochIterator implements BatchSource {
        final TrainingSet data;
        final int[] order;
        final int size;
        final boolean dropLast;
        final BooleanSupplier stop;
        /** Each extra input's generator this epoch ({@link ExtraInput#salt}) and its values per batch. */
        final SplittableRandom[] extraRandom;
        final float[][] extraValues;
        int next, lastReal;
        /** Whether the batch last served has updated the running statistics already (before its step). */
        boolean statisticsDone;
        boolean stopped, halt, promised;
        float[] px, lab, wt;

        EpochIterator(TrainingSet data, int[] order, int size, boolean dropLast, BooleanSupplier stop, long epochSeed) {
            this.data = data;
            this.order = order;
            this.size = size;
            this.dropLast = dropLast;
            this.stop = stop;
            extraRandom = new SplittableRandom[extras.size()];
            extraValues = new float[extras.size()][];
            for (int k = 0; k < extraRandom.length; k++) {
                extraRandom[k] = new SplittableRandom(epochSeed ^ extras.get(k).salt());
                extraValues[k] = new float[extras.get(k).rowsFor(size) * extras.get(k).width()];
            }
        }

        /**
         * Once true, stays true until {@link #next()} (SameDiff asks twice before the first batch
         * and fails on an epoch without batches), so {@code stop} is consulted once per batch.
         */
        @Override public boolean hasNext() {
            if (promised) return true;
            if (halt) return false;
            int remaining = order.length - next;
            if (remaining <= 0 || (dropLast && remaining < size)) return false;
            if (stop != null && stop.getAsBoolean()) {
                stopped = true;
                return false;
            }
            promised = true;
            return true;
        }

        @Override public MultiDataSet next() {
            promised = false;
            int real = Math.min(size, order.length - next), b = size;
            Batch batch = batch(b);
            int hw = spec.height() * spec.width(), nn = spec.neurons();
            if (px == null) {
                px = new float[b * hw];
                lab = new float[b * nn];
                wt = new float[b * nn];
            }
            for (int i = 0; i < b; i++) {
                int src = order[i < real ? next + i : i - real]; // padding rows repeat real images, with weight 0
                System.arraycopy(data.images(), src * hw, px, i * hw, hw);
                System.arraycopy(data.labels(), src * nn, lab, i * nn, nn);
                if (i < real && data.weights() == null) java.util.Arrays.fill(wt, i * nn, (i + 1) * nn, 1f);
                else if (i < real) System.arraycopy(data.weights(), src * nn, wt, i * nn, nn);
                else java.util.Arrays.fill(wt, i * nn, (i + 1) * nn, 0f);
            }
            lastReal = real;
            fill(batch.input, px);
            fill(batch.label, lab);
            fill(batch.weight, wt);
            for (int k = 0; k < extraValues.length; k++) {
                ExtraInput e = extras.get(k);
                e.draw().fill(extraValues[k], extraRandom[k]);
                if (e.rows() == 0 && !Float.isNaN(e.atPadding())) java.util.Arrays.fill(extraValues[k], real * e.width(), b * e.width(), e.atPadding());
                fill(batch.extra[k], extraValues[k]);
            }
            next += real;
            // A step through SameDiff's session keeps no batch statistics: compute them now, with the parameters before the step.
            statisticsDone = !normalisations.isEmpty() && !engine.willKeep(b);
            if (statisticsDone) updateRunningStatistics(batch, real);
            return batch.set;
        }

        @Override public boolean halted() { return halt; }
        @Override public MultiDataSet next(int num) { throw new UnsupportedOperationException(); }
        @Override public void setPreProcessor(MultiDataSetPreProcessor p) { throw new UnsupportedOperationException(); }
        @Override public MultiDataSetPreProcessor getPreProcessor() { return null; }
        @Override public boolean resetSupported() { return false; }
        @Override public boolean asyncSupported() { return false; }
        @Override public void reset() { throw new UnsupportedOperationException("one pass per epoch"); }
    }

    private void fill(INDArray target, float[] values) {
        if (dtype == DataType.FLOAT) {
            FloatBuffer fb = target.data().asNioFloat();
            fb.position(0);
            fb.put(values, 0, values.length);
        } else {
            for (int i = 0; i < values.length; i++) target.data().put(i, values[i]);
        }
    }

    /** An epoch's sums, from each batch's loss; a NaN or infinite loss halts the epoch. */
    private static final class EpochStats {
        final EpochIterator it;
        double sum, bad;
        int batches, images;
        boolean diverged;

        EpochStats(EpochIterator it) {
            this.it = it;
        }

        void batchDone(double l) {
            if (!Double.isFinite(l)) {
                diverged = true;
                bad = l;
                it.halt = true;
                return;
            }
            sum += l * it.lastReal;
            batches++;
            images += it.lastReal;
        }
    }

    // ---------------------------------------------------------------------------------- state

    /**
     * A copy of every parameter and of the optimiser's state (Adam's moments, the step count and
     * learning rate): enough to continue training exactly from here.
     */
    public record State(Map<String, INDArray> parameters, Map<String, Map<String, INDArray>> optimiser,
                        int iteration, double learningRate) {}

    public synchronized State snapshot() {
        Map<String, INDArray> p = new TreeMap<>();
        for (SDVariable v : sd.variables())
            if (v.getVariableType() == VariableType.VARIABLE) p.put(v.name(), v.getArr().dup());
        for (String b : buffers()) p.put(b, sd.getVariable(b).getArr().dup());
        Map<String, Map<String, INDArray>> o = new TreeMap<>();
        Map<String, GradientUpdater> um = sd.getUpdaterMap();
        if (um != null) {
            for (Map.Entry<String, GradientUpdater> e : um.entrySet()) {
                Map<String, INDArray> s = new TreeMap<>();
                Map<String, INDArray> st = e.getValue().getState();
                if (st != null) for (Map.Entry<String, INDArray> k : st.entrySet()) s.put(k.getKey(), k.getValue().dup());
                o.put(e.getKey(), s);
            }
        }
        double lr = sd.getTrainingConfig() == null ? config.number("lr") : learningRate();
        return new State(p, o, iterations(), lr);
    }

    /** Puts a snapshot back (parameters always; optimiser state where it was taken after training began). */
    public synchronized void restore(State s) {
        inputGradientCopy = null;
        for (Map.Entry<String, INDArray> e : s.parameters().entrySet()) sd.getVariable(e.getKey()).getArr().assign(e.getValue());
        Map<String, GradientUpdater> um = sd.getUpdaterMap();
        if (um != null && !s.optimiser().isEmpty()) {
            for (Map.Entry<String, Map<String, INDArray>> e : s.optimiser().entrySet()) {
                GradientUpdater u = um.get(e.getKey());
                if (u == null) continue;
                Map<String, INDArray> st = u.getState();
                for (Map.Entry<String, INDArray> k : e.getValue().entrySet()) st.get(k.getKey()).assign(k.getValue());
            }
        }
        if (sd.getTrainingConfig() != null) {
            sd.getTrainingConfig().setIterationCount(s.iteration());
            setLearningRate(s.learningRate());
        }
    }

    /**
     * Puts back only the parameters (and running statistics) of {@code s}: the optimiser's moments,
     * its step count and the learning rate go on as they are (the restore of Sensorium's early
     * stopping between its rounds, which reloads the model's {@code state_dict} only).
     */
    public synchronized void restoreWeights(State s) {
        inputGradientCopy = null;
        for (Map.Entry<String, INDArray> e : s.parameters().entrySet()) sd.getVariable(e.getKey()).getArr().assign(e.getValue());
    }

    /** Only the parameters (for predictions: the best weights), as a snapshot without optimiser state. */
    public synchronized State parameters() {
        Map<String, INDArray> p = new TreeMap<>();
        for (SDVariable v : sd.variables())
            if (v.getVariableType() == VariableType.VARIABLE) p.put(v.name(), v.getArr().dup());
        for (String b : buffers()) p.put(b, sd.getVariable(b).getArr().dup());
        return new State(p, Map.of(), iterations(), sd.getTrainingConfig() == null ? config.number("lr") : learningRate());
    }

    // ---------------------------------------------------------------------------------- files

    /**
     * Writes {@code dir/model.fb} (SameDiff's FlatBuffers format; with the optimiser's state when
     * {@code withOptimiser}) and {@code dir/network.json} (preset configuration and data spec).
     */
    public synchronized void save(Path dir, boolean withOptimiser) throws IOException {
        Files.createDirectories(dir);
        sd.save(dir.resolve(GRAPH_FILE).toFile(), withOptimiser && sd.getUpdaterMap() != null);
        ObjectNode m = JSON.createObjectNode();
        m.put("format", "v1-workbench network 1");
        m.put("preset", config.preset());
        m.put("seed", config.seed());
        ObjectNode hp = m.putObject("hyperparameters");
        config.hyperparameters().forEach(hp::put);
        ObjectNode s = m.putObject("spec");
        s.put("height", spec.height());
        s.put("width", spec.width());
        s.put("neurons", spec.neurons());
        s.put("pixel_mean", spec.pixelMean());
        s.put("pixel_sd", spec.pixelSd());
        s.put("signed", spec.signed());
        ArrayNode mr = s.putArray("mean_response");
        for (double v : spec.meanResponse()) mr.add(v);
        int keep = 0;
        for (ExtraInput e : extras) if (e.name().equals(Layers.KEEP)) keep = e.width();
        m.put("keep_features", keep); // read by versions before the extra inputs were declared by components
        ArrayNode ex = m.putArray("extra_inputs");
        for (ExtraInput e : extras) ex.add(e.name());
        m.put("dtype", dtype.name());
        m.put("iterations", iterations());
        m.put("learning_rate", sd.getTrainingConfig() == null ? config.number("lr") : learningRate());
        m.put("with_optimiser", withOptimiser && sd.getUpdaterMap() != null);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(META_FILE).toFile(), m);
    }

    /**
     * Reads a network saved by {@link #save}. A missing file, or a {@code network.json} field that
     * is missing or of the wrong type, is a BadInputException naming the file (and the field).
     */
    public static Network load(Path dir) {
        Backend.init();
        Path meta = dir.resolve(META_FILE), graph = dir.resolve(GRAPH_FILE);
        JsonFields m = JsonFields.read(meta, "missing (not a saved network)");
        if (!Files.isRegularFile(graph)) throw new BadInputException(graph, "missing (not a saved network)");
        TreeMap<String, String> hp = new TreeMap<>(m.textMap("hyperparameters"));
        String lr = hp.get("lr");
        if (lr == null) throw m.bad("hyperparameters.lr", "is missing");
        try {
            Double.parseDouble(lr);
        } catch (NumberFormatException e) {
            throw m.bad("hyperparameters.lr", "must be a number, not '" + lr + "'");
        }
        ModelConfig config = new ModelConfig(m.text("preset"), hp, m.longInteger("seed")).upgraded();
        JsonFields s = m.object("spec");
        NetworkSpec spec;
        try {
            spec = new NetworkSpec(s.integer("height"), s.integer("width"), s.integer("neurons"),
                    s.number("pixel_mean"), s.number("pixel_sd"), s.numbers("mean_response"), s.flag("signed", false));
        } catch (IllegalArgumentException e) {
            throw m.bad("spec", "describes no possible network (" + e.getMessage() + ")");
        }
        boolean withOpt = m.flag("with_optimiser", false);
        int iterations = m.integer("iterations", 0);
        double learningRate = m.number("learning_rate", config.number("lr"));
        SameDiff sd;
        try {
            sd = SameDiff.load(graph.toFile(), withOpt);
        } catch (RuntimeException e) {
            throw new BadInputException(graph, "not a readable SameDiff model (" + e.getMessage() + ")", e);
        }
        if (sd.getVariable(Layers.INPUT) == null) throw new BadInputException(graph, "has no input variable '" + Layers.INPUT + "'");
        Layers declared = Presets.get(config.preset()).declarations(config, spec);
        List<ExtraInput> extras = declared.extraInputs();
        for (SDVariable v : sd.variables())
            if (v.getVariableType() == VariableType.PLACEHOLDER && !List.of(Layers.INPUT, Layers.LABEL, Layers.WEIGHT).contains(v.name())
                    && extras.stream().noneMatch(e -> e.name().equals(v.name())))
                throw new BadInputException(graph, "has an input '" + v.name() + "' that " + config.preset() + " with these settings does not declare");
        Network n = new Network(sd, config, spec, extras, declared.normalisations(), declared.clamps(), declared.valuesPerImage());
        n.ensureTrainingConfig();
        sd.getTrainingConfig().setIterationCount(iterations);
        n.setLearningRate(learningRate);
        return n;
    }

    /** Names and shapes of the trainable parameters, in name order (for reports). */
    public synchronized Map<String, long[]> parameterShapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (SDVariable v : sd.variables())
            if (v.getVariableType() == VariableType.VARIABLE) out.put(v.name(), v.getArr().shape());
        return out;
    }
}
