package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * The building blocks presets assemble into a SameDiff graph, with the graph's fixed names.
 * Layout NCHW; convolution kernels are {@code kh x kw x in x out} (YXIO: in nd4j 1.0.0-M2.1 the
 * OIYX format fails in conv2d's backward pass). Parameters start as PyTorch's defaults do (uniform in
 * +-1/sqrt(fan-in)), drawn from one seeded generator in the order the layers are added, so a
 * seed fixes the whole network on every machine.
 */
final class Layers {
    /** Placeholder: raw pixels, {@code batch x 1 x height x width}. */
    static final String INPUT = "input";
    /** Output: predicted spike counts per window, {@code batch x neurons}. */
    static final String OUTPUT = "rate";
    /** Placeholders for training: responses and their weights (0 where missing), {@code batch x neurons}. */
    static final String LABEL = "label", WEIGHT = "weight";
    /** Placeholder: dropout keep mask already divided by the keep probability, {@code batch x features}. */
    static final String KEEP = "keep";
    /**
     * Placeholder: the standard normal draws that move each neuron's read position of a Gaussian
     * readout during training, {@code 2 x neurons} (x row, y row); zeros when predicting.
     */
    static final String POSITION_NOISE = "readout_noise";
    /** The scalar minimised: Poisson negative log-likelihood (mean over entries) plus penalties. */
    static final String LOSS = "loss";

    final SameDiff sd;
    final DataType dtype;
    final NetworkSpec spec;
    final ModelConfig config;
    private final SplittableRandom random;
    /** The inputs components added besides the image, in the order they were added. */
    private final java.util.List<ExtraInput> extras = new java.util.ArrayList<>();
    private SDVariable penalty;

    Layers(ModelConfig config, NetworkSpec spec, DataType dtype) {
        this.sd = SameDiff.create();
        this.dtype = dtype;
        this.spec = spec;
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    /** The standardised input, {@code batch x 1 x height x width}. */
    SDVariable input() {
        SDVariable raw = sd.placeHolder(INPUT, dtype, -1, 1, spec.height(), spec.width());
        SDVariable mean = sd.constant("pixel_mean", Nd4j.scalar(dtype, spec.pixelMean()));
        SDVariable sd1 = sd.constant("pixel_sd", Nd4j.scalar(dtype, spec.pixelSd()));
        return raw.sub(mean).div("standardised", sd1);
    }

    /** A parameter of {@code shape} drawn uniformly from +-bound. */
    SDVariable uniform(String name, double bound, long... shape) {
        return sd.var(name, array(shape, () -> (random.nextDouble() * 2 - 1) * bound));
    }

    /** A parameter of {@code shape} that starts at zero (convex readouts: no penalty at the start, no seed needed). */
    SDVariable zeros(String name, long... shape) {
        return sd.var(name, array(shape, () -> 0.0));
    }

    /** A parameter of {@code shape} drawn from a normal distribution of standard deviation sd. */
    SDVariable normal(String name, double sdev, long... shape) {
        return sd.var(name, array(shape, () -> gaussian() * sdev));
    }

    SDVariable constant(String name, INDArray value) {
        return sd.constant(name, value.castTo(dtype));
    }

    /** Names of a fixed feature map's standardisation: its raw values and the constants applied to them. */
    static final String FEATURES_RAW = "features_raw", FEATURE_MEAN = "feature_mean", FEATURE_SCALE = "feature_scale",
            FEATURES_STANDARDISED = "features_standardised";

    /**
     * Fixed (untrained) features {@code batch x features}, centred and scaled per feature by
     * constants that {@link Network#standardiseFeatures} sets from the training images before
     * training (until then: mean 0, scale 1). Why: a linear readout of many correlated,
     * non-negative features moves its drive by the sum of all its weights' steps, and Adam moves
     * every weight by about the learning rate in its first steps, so a low-rate neuron's drive
     * falls far below 0 at once and a softplus output there has no gradient left to come back
     * (gabor-energy predicted exactly 0 for 18 neurons of the sample data). Centred features
     * average out such a step over the images.
     */
    SDVariable standardised(SDVariable raw, long features) {
        SDVariable named = raw.rename(FEATURES_RAW);
        SDVariable mean = constant(FEATURE_MEAN, Nd4j.zeros(dtype, 1, features));
        SDVariable scale = constant(FEATURE_SCALE, Nd4j.ones(dtype, 1, features));
        return named.sub(mean).mul(FEATURES_STANDARDISED, scale);
    }

    INDArray array(long[] shape, java.util.function.DoubleSupplier values) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = values.getAsDouble();
        return Nd4j.create(v, shape, 'c').castTo(dtype);
    }

    private double gaussian() {
        return standardNormal(random);
    }

    /** Convolution with bias, stride 1; valid or same (zero) padding. {@code batch x in x h x w -> batch x out x h' x w'}. */
    SDVariable conv(String name, SDVariable x, int in, int out, int k, boolean same) {
        double bound = 1 / Math.sqrt((double) in * k * k);
        SDVariable w = uniform(name + "_w", bound, k, k, in, out);
        SDVariable b = uniform(name + "_b", bound, out);
        Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn.conv2d(name, x, w, b, c);
    }

    /**
     * A YXIO kernel {@code k x k x in x out} drawn from Xavier's normal distribution as PyTorch's
     * {@code xavier_normal_} draws it for its {@code out x in x k x k} weight: standard deviation
     * {@code sqrt(2 / (fanIn + fanOut))} with {@code fanIn = in * k^2}, {@code fanOut = out * k^2}.
     * A depthwise kernel ({@code k x k x channels x 1}) is {@code channels x 1 x k x k} in PyTorch:
     * pass {@code in = 1, out = channels} for its fans, and its own shape.
     */
    SDVariable xavierNormal(String name, int fanInChannels, int fanOutChannels, long... shape) {
        int k2 = (int) (shape[0] * shape[1]);
        double sdev = Math.sqrt(2.0 / ((double) fanInChannels * k2 + (double) fanOutChannels * k2));
        return normal(name, sdev, shape);
    }

    /** Convolution without bias, stride 1, {@code pad} zero pixels on every side (0: valid); weights {@code k x k x in x out} (YXIO). */
    SDVariable convNoBias(String name, SDVariable x, SDVariable w, int k, int pad) {
        Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).dH(1).dW(1).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn.conv2d(name, x, w, c);
    }

    /** Depthwise convolution without bias (one {@code k x k} filter per channel), stride 1, {@code pad} zero pixels on every side; weights {@code k x k x channels x 1}. */
    SDVariable depthwiseNoBias(String name, SDVariable x, SDVariable w, int k, int pad) {
        Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).dH(1).dW(1).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        return sd.cnn.depthWiseConv2d(name, x, w, c);
    }

    /** Placeholder: 1 while training, 0 when predicting ({@code 1 x 1}): batch norm normalises with the batch's statistics, or with its running ones. */
    static final String TRAINING_MODE = "training_mode";
    /** Placeholder: 1 for a real image of the batch, 0 for a padding row ({@code batch x 1}); batch statistics leave the padding out. */
    static final String REAL_ROWS = "real_rows";

    /** Names of the batch-norm buffers and batch statistics of layer {@code name}. */
    static String runningMean(String name) { return name + "_running_mean"; }
    static String runningVar(String name) { return name + "_running_var"; }
    static String batchMean(String name) { return name + "_batch_mean"; }
    static String batchVar(String name) { return name + "_batch_var"; }

    /** The batch-norm layers added so far: their names and momentum (PyTorch's: the new batch's weight). */
    private final java.util.List<Network.RunningStatistics> normalisations = new java.util.ArrayList<>();

    java.util.List<Network.RunningStatistics> normalisations() {
        return java.util.List.copyOf(normalisations);
    }

    java.util.Map<String, double[]> clamps() {
        return java.util.Map.copyOf(clamps);
    }

    /** The largest array a component makes per image, in values (0: none declared); {@link #arrayPerImage}. */
    private long valuesPerImage;

    /**
     * Declares that a component makes an array of {@code values} per image (the full Gaussian
     * readout's gathered neighbours: 4 x neurons x channels), so that prediction runs in chunks
     * small enough to keep it bounded ({@link Network#predictionChunk}).
     */
    void arrayPerImage(long values) {
        valuesPerImage = Math.max(valuesPerImage, values);
    }

    long valuesPerImage() {
        return valuesPerImage;
    }
    private SDVariable trainingMode, realRows;

    /**
     * Batch normalisation of {@code x} ({@code batch x channels x h x w}) as PyTorch's
     * {@code BatchNorm2d(affine=True)}: while training, each channel is normalised by its mean and
     * (biased) variance over the batch's real images and positions, then scaled by
     * {@code name_gamma} (starts at 1) and shifted by {@code name_beta} (starts at 0); when
     * predicting, by the running statistics {@code name_running_mean} and {@code name_running_var}
     * (graph constants, start 0 and 1), which the network updates before every training step from
     * that batch's statistics: {@code running = (1 - momentum) * running + momentum * batch} with the
     * unbiased variance ({@link Network}). The mode is the placeholder {@link #TRAINING_MODE}.
     */
    SDVariable batchNorm(String name, SDVariable x, int channels, int h, int w, double momentum, double eps) {
        if (trainingMode == null) {
            trainingMode = extraInput(new ExtraInput(TRAINING_MODE, 1, 1, 0x6A09E667F3BCC908L, (v, r) -> java.util.Arrays.fill(v, 1f), 0f))
                    .reshape(1, 1, 1, 1);
            realRows = extraInput(new ExtraInput(REAL_ROWS, 0, 1, 0xBB67AE8584CAA73BL, (v, r) -> java.util.Arrays.fill(v, 1f), 1f, 0f))
                    .reshape(-1, 1, 1, 1);
        }
        // Sums over the batch's real images as matrix products with the row mask (their gradients
        // are matrix products too: nd4j's gradient of a broadcast multiply is several times slower).
        SDVariable rowsT = realRows.reshape(1, -1);
        SDVariable count = realRows.sum().mul((double) h * w).add(1e-8);
        SDVariable mean = channelSums(rowsT, x, channels, h, w).div(batchMean(name), count);
        SDVariable rm = sd.constant(runningMean(name), Nd4j.zeros(dtype, 1, channels, 1, 1));
        SDVariable rv = sd.constant(runningVar(name), Nd4j.ones(dtype, 1, channels, 1, 1));
        SDVariable notTraining = trainingMode.rsub(1);
        SDVariable useMean = mean.mul(trainingMode).add(rm.mul(notTraining));
        SDVariable centred = x.sub(useMean);   // while training, centred on the batch mean
        SDVariable var = channelSums(rowsT, centred.mul(centred), channels, h, w).div(batchVar(name), count);
        SDVariable useVar = var.mul(trainingMode).add(rv.mul(notTraining));
        SDVariable gamma = sd.var(name + "_gamma", array(new long[]{1, channels, 1, 1}, () -> 1.0));
        SDVariable beta = sd.var(name + "_beta", array(new long[]{1, channels, 1, 1}, () -> 0.0));
        normalisations.add(new Network.RunningStatistics(name, momentum, h * w));
        return centred.mul(gamma.div(sd.math.sqrt(useVar.add(eps)))).add(beta);
    }

    /** {@code sum over b, y, x of rows[b] * v[b, c, y, x]} as {@code 1 x channels x 1 x 1}: {@code rows} is {@code 1 x batch}. */
    private static SDVariable channelSums(SDVariable rowsT, SDVariable v, int channels, int h, int w) {
        return rowsT.mmul(v.reshape(-1, (long) channels * h * w)).reshape(channels, (long) h * w).sum(1).reshape(1, channels, 1, 1);
    }

    /** Parameters clamped to a range after every training step (a readout's positions), by name: {@code {low, high}}. */
    private final java.util.Map<String, double[]> clamps = new java.util.LinkedHashMap<>();

    /** Keeps parameter {@code name} within [low, high]: clamped in place after every training step (outside the optimiser, as PyTorch's in-place clamp under no_grad). */
    void clampAfterStep(String name, double low, double high) {
        clamps.put(name, new double[]{low, high});
    }

    /** Convolution with a fixed kernel {@code k x k x in x out} (YXIO), no bias, given stride, same (zero) padding. */
    SDVariable fixedConv(String name, SDVariable x, INDArray kernel, int stride) {
        Conv2DConfig c = Conv2DConfig.builder().kH(kernel.size(0)).kW(kernel.size(1)).sH(stride).sW(stride).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn.conv2d(name, x, constant(name + "_kernel", kernel), c);
    }

    /** A YXIO kernel {@code kh x kw x 1 x out} seen as images {@code out x 1 x kh x kw}. */
    static SDVariable kernelsAsImages(SDVariable yxio) {
        return yxio.permute(3, 2, 0, 1);
    }

    SDVariable maxPool(String name, SDVariable x, int k, int stride) {
        Pooling2DConfig c = Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        return sd.cnn.maxPooling2d(name, x, c);
    }

    /** Fully connected, {@code batch x in -> batch x out}, weights {@code in x out}. */
    SDVariable dense(String name, SDVariable x, int in, int out) {
        double bound = 1 / Math.sqrt(in);
        SDVariable w = uniform(name + "_w", bound, in, out);
        SDVariable b = uniform(name + "_b", bound, out);
        return x.mmul(w).add(name, b);
    }

    /** The output layer of a dense network: weights {@code in x neurons} and biases from {@link #outputBias}. */
    SDVariable readoutDense(String name, SDVariable x, int in) {
        SDVariable w = uniform(name + "_w", 1 / Math.sqrt(in), in, spec.neurons());
        return x.mmul(w).add(outputBias(name + "_b"));
    }

    /**
     * softplus(x) = log(1 + e^x), computed as {@code relu(x) + log1p(e^-|x|)}: nd4j's own softplus
     * overflows to infinity above x = 88 in float32 (and the Poisson loss then becomes inf - inf =
     * NaN), which one large Adam step on a wide readout can reach.
     */
    SDVariable softplus(SDVariable x) {
        return sd.nn.relu(x, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
    }

    /**
     * The output of every preset: positive (softplus) for spike counts and other non-negative
     * responses; the drive itself for a signed signal (dF/F, z-scored), whose negative values a
     * positive output could never reach.
     */
    SDVariable output(SDVariable drive) {
        // a variable of its own: finish() renames the output, which must not rename a layer the drive may be
        return spec.signed() ? drive.mul(1.0) : softplus(drive);
    }

    /**
     * The output nonlinearity: softplus, or exp where asked (an LN-Poisson model's canonical link);
     * linear for a signed signal, whatever is asked.
     */
    SDVariable rate(SDVariable x, String nonlinearity) {
        if (spec.signed()) return output(x);
        return switch (nonlinearity) {
            case "softplus" -> softplus(x);
            case "exp" -> sd.math.exp(x);
            default -> throw new org.v1workbench.data.BadInputException("output must be softplus or exp, not '" + nonlinearity + "'");
        };
    }

    SDVariable activation(SDVariable x, String name) {
        return switch (name) {
            case "elu" -> {
                org.v1workbench.model.engine.TrainingEngine.warmUpKernels(); // training will run the Java ELU: compile it while the graph is built
                yield sd.nn.elu(x);
            }
            case "relu" -> sd.nn.relu(x, 0);
            default -> throw new org.v1workbench.data.BadInputException("activation must be elu or relu, not '" + name + "'");
        };
    }

    /** Output biases that start at each neuron's mean training response after the output nonlinearity. */
    SDVariable outputBias(String name) {
        double[] m = spec.meanResponse();
        double[] b = new double[m.length];
        for (int i = 0; i < m.length; i++) b[i] = spec.signed() ? m[i] : inverseSoftplus(Math.max(m[i], 1e-3));
        return sd.var(name, Nd4j.create(b, new long[]{m.length}, 'c').castTo(dtype));
    }

    static double inverseSoftplus(double y) {
        return y > 30 ? y : Math.log(Math.expm1(y));
    }

    /**
     * A mask over a grid of {@code h x w} pixels that reads each neuron's position by bilinear
     * interpolation, {@code relu(1 - |x - px_n|) * relu(1 - |y - py_n|)}, as {@code (h*w) x n}:
     * at most four non-zero weights per neuron, differentiable in the position.
     *
     * @param pos {@code 2 x n} positions in [-1, 1] of the grid (x row, y row; -1 and 1 the outer pixels' centres)
     */
    SDVariable bilinearMask(SDVariable pos, int h, int w, String suffix) {
        int n = spec.neurons();
        SDVariable px = row(pos, 0, 2).add(1).mul((w - 1) / 2.0);         // 1 x n, grid pixels
        SDVariable py = row(pos, 1, 2).add(1).mul((h - 1) / 2.0);
        SDVariable wx = sd.nn.relu(sd.math.abs(constant("readout_grid_x" + suffix, ramp(w)).sub(px)).rsub(1), 0); // w x n
        SDVariable wy = sd.nn.relu(sd.math.abs(constant("readout_grid_y" + suffix, ramp(h)).sub(py)).rsub(1), 0); // h x n
        return wy.reshape(h, 1, n).mul(wx.reshape(1, w, n)).reshape((long) h * w, n);
    }

    /**
     * The drive of a readout that weighs each neuron's mask over the grid and its feature weights:
     * {@code sum_c f[c,n] * sum_xy m[xy,n] * core[c,xy]}, as two matrix products on views of the
     * core's output (no transposes): {@code batch x C x H x W} viewed as {@code (batch*C) x (H*W)}
     * times the masks {@code (H*W) x N}, viewed back as {@code batch x C x N}, weighted by the
     * features {@code C x N} and summed over C (PyTorch's {@code einsum("bchw,nhw->bnc")}).
     */
    static SDVariable maskedDrive(CoreFeatures core, SDVariable mask, SDVariable features, int neurons) {
        SDVariable perChannel = core.value().reshape(-1, (long) core.height() * core.width()).mmul(mask).reshape(-1, core.channels(), neurons);
        return perChannel.mul(features).sum(1);
    }

    /** Row {@code r} of a {@code rows x n} variable as {@code 1 x n} (a product with a one-hot row, shared by every read of that row). */
    SDVariable row(SDVariable m, int r, int rows) {
        String name = rows == 2 ? "readout_pick_" + r : "pick_" + r + "_of_" + rows;   // the 2-row name is the one saved graphs have
        if (sd.hasVariable(name)) return sd.getVariable(name).mmul(m);
        INDArray pick = Nd4j.zeros(DataType.DOUBLE, 1, rows);
        pick.putScalar(0, r, 1);
        return constant(name, pick).mmul(m);
    }

    /** Standard normal draws (Box-Muller on the seeded generator), for extra inputs. */
    static void standardNormals(float[] values, SplittableRandom r) {
        for (int i = 0; i < values.length; i++) values[i] = (float) standardNormal(r);
    }

    /** One standard normal draw: Box-Muller (java.util.Random#nextGaussian is not on SplittableRandom in 17). */
    static double standardNormal(SplittableRandom r) {
        double u = r.nextDouble(), w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** {@code 0, 1, ..., k-1} as a column {@code k x 1}. */
    private static INDArray ramp(int k) {
        double[] v = new double[k];
        for (int i = 0; i < k; i++) v[i] = i;
        return Nd4j.create(v, new long[]{k, 1}, 'c');
    }

    /** The inputs added besides the image, in order. */
    java.util.List<ExtraInput> extraInputs() {
        return java.util.List.copyOf(extras);
    }

    /** Adds an input besides the image ({@link ExtraInput}) and returns its placeholder. */
    SDVariable extraInput(ExtraInput in) {
        for (ExtraInput e : extras) if (e.name().equals(in.name())) throw new IllegalStateException("two inputs named " + in.name());
        extras.add(in);
        return sd.placeHolder(in.name(), dtype, in.placeholderShape());
    }

    /**
     * Dropout at {@code rate}: multiplies by a keep mask {@code batch x features} that each training
     * batch draws (each entry {@code 1 / (1 - rate)} with probability {@code 1 - rate}, else 0) and
     * that is all ones at prediction.
     */
    SDVariable dropout(SDVariable x, int features, double rate) {
        double keepProb = 1 - rate;
        float scale = (float) (1 / keepProb);
        SDVariable keep = extraInput(new ExtraInput(KEEP, 0, features, 0x5DEECE66DL, (values, r) -> {
            for (int i = 0; i < values.length; i++) values[i] = r.nextDouble() < keepProb ? scale : 0f;
        }, 1f));
        return x.mul(keep);
    }

    /**
     * Squared discrete Laplacian of a stack of images {@code n x 1 x h x w} (zero padding),
     * summed: the smoothness penalty of Klindt et al. (2017) on first-layer filters or pixel
     * filters.
     */
    SDVariable laplacianSquared(String name, SDVariable images) {
        INDArray lap = Nd4j.create(new double[]{0, -1, 0, -1, 4, -1, 0, -1, 0}, new long[]{3, 3, 1, 1}, 'c');
        Conv2DConfig c = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).dH(1).dW(1).paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        SDVariable l = sd.cnn.conv2d(name + "_laplacian", images, constant(name + "_laplace_kernel", lap), c);
        return sd.math.square(l).sum(name);
    }

    /** Penalties of components, built when the graph is finished ({@link #penaliseAtEnd}). */
    private final java.util.List<Runnable> laterPenalties = new java.util.ArrayList<>();

    /**
     * Adds {@code weight * term} to the loss's penalty, with the term's ops built when the graph
     * is finished, in the order asked: a component declares its penalty where it builds its
     * layers, and the graph's ops stay in the order they have always had (the order in which
     * SameDiff sums a parameter's gradients follows it, so the numbers stay bit for bit).
     */
    void penaliseAtEnd(double weight, java.util.function.Supplier<SDVariable> term) {
        laterPenalties.add(() -> penalise(weight, weight == 0 ? null : term.get()));
    }

    /** Adds {@code weight * term} to the loss's penalty (nothing when weight is 0). */
    void penalise(double weight, SDVariable term) {
        if (weight == 0) return;
        if (weight < 0 || !Double.isFinite(weight)) throw new org.v1workbench.data.BadInputException("penalty weights must be >= 0, not " + weight);
        SDVariable t = term.mul(weight);
        penalty = penalty == null ? t : penalty.add(t);
    }

    /**
     * Names the output and defines the loss: the weighted mean over batch and neurons of
     * {@code rate - label * log(rate + 1e-8)} (Poisson negative log-likelihood up to a constant;
     * or {@code (rate - label)^2} with {@code loss = mse}),
     * {@code sum(weight * nll) / sum(weight)}, plus the penalties. Weights are 1 for a recorded
     * response and 0 for a missing one or a padding row, so a padded batch has the gradient of
     * the unpadded one; with all weights 1 this is PyTorch's mean.
     */
    Network finish(SDVariable rate) {
        return finish(rate, (label, weight) -> {
            SDVariable nll = Loss.of(config, spec.signed()).of(rate, label);
            return nll.mul(weight).sum().div(weight.sum().add(1e-8));
        });
    }

    /** The data term of the loss from the label and weight placeholders ({@code batch x neurons}). */
    @FunctionalInterface
    interface DataTerm {
        SDVariable of(SDVariable label, SDVariable weight);
    }

    /** As {@link #finish(SDVariable)} with a preset's own data term (the penalties are added to it). */
    Network finish(SDVariable rate, DataTerm dataTerm) {
        laterPenalties.forEach(Runnable::run);
        laterPenalties.clear();
        sd.updateVariableNameAndReference(rate, OUTPUT);
        SDVariable label = sd.placeHolder(LABEL, dtype, -1, spec.neurons());
        SDVariable weight = sd.placeHolder(WEIGHT, dtype, -1, spec.neurons());
        SDVariable data = dataTerm.of(label, weight);
        SDVariable loss = penalty == null ? data.mul(1.0) : data.add(penalty);
        sd.updateVariableNameAndReference(loss, LOSS);
        sd.setLossVariables(LOSS);
        return new Network(sd, config, spec, extras, normalisations, clamps, valuesPerImage);
    }

    /** Output size of a valid convolution or pooling; a BadInputException when the image is too small. */
    int valid(int size, int k, int stride, String what) {
        int out = (size - k) / stride + 1;
        if (size < k || out < 1)
            throw new org.v1workbench.data.BadInputException("images of " + spec.height() + " x " + spec.width()
                    + " pixels are too small for " + config.preset() + " (" + what + " would have no output)");
        return out;
    }
}
