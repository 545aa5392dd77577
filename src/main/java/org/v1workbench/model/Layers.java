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
        // Box-Muller on the seeded generator (java.util.Random#nextGaussian is not on SplittableRandom in 17).
        double u = random.nextDouble(), w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
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
        SDVariable px = rowOf(pos, 0, n).add(1).mul((w - 1) / 2.0);         // 1 x n, grid pixels
        SDVariable py = rowOf(pos, 1, n).add(1).mul((h - 1) / 2.0);
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

    /** Row {@code r} of a {@code 2 x n} variable as {@code 1 x n}. */
    private SDVariable rowOf(SDVariable twoRows, int r, int n) {
        String name = "readout_pick_" + r;
        if (sd.hasVariable(name)) return sd.getVariable(name).mmul(twoRows);
        INDArray pick = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        pick.putScalar(0, r, 1);
        return constant(name, pick).mmul(twoRows);
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
        laterPenalties.forEach(Runnable::run);
        laterPenalties.clear();
        sd.updateVariableNameAndReference(rate, OUTPUT);
        SDVariable label = sd.placeHolder(LABEL, dtype, -1, spec.neurons());
        SDVariable weight = sd.placeHolder(WEIGHT, dtype, -1, spec.neurons());
        SDVariable nll = Loss.of(config, spec.signed()).of(rate, label);
        SDVariable data = nll.mul(weight).sum().div(weight.sum().add(1e-8));
        SDVariable loss = penalty == null ? data.mul(1.0) : data.add(penalty);
        sd.updateVariableNameAndReference(loss, LOSS);
        sd.setLossVariables(LOSS);
        return new Network(sd, config, spec, extras);
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
