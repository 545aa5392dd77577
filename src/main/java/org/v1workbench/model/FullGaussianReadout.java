package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.v1workbench.model.Hyperparameter.Kind.FACTOR;
import static org.v1workbench.model.Hyperparameter.Kind.NON_NEGATIVE;
import static org.v1workbench.model.Hyperparameter.PENALTIES;

/**
 * neuralpredictors' {@code FullGaussian2d} readout (gauss_type "full", batch_sample, align_corners;
 * docs/sensorium-spec.md): neuron n reads the core's feature vector at a position drawn for every
 * image while training, {@code clamp(mu_n + Sigma_n z, -1, 1)} with {@code z} standard normal
 * ({@code B x N} each for x and y: the extra inputs {@link #NOISE_X}, {@link #NOISE_Y}) and a full
 * 2x2 {@code Sigma_n}, learned and unconstrained, and at its mean {@code mu_n} when predicting
 * ({@code z = 0}); by bilinear interpolation ({@code grid_sample} with {@code align_corners=True}:
 * -1 and 1 are the centres of the outer pixels). The four neighbours are gathered per image and
 * neuron rather than read through a mask over the grid, so memory grows with
 * {@code batch x neurons x channels}, not {@code x grid} (8,000 neurons on a 28 x 56 map): one
 * gathered array of {@code neurons x 4 batch x channels} and its gradient, each neuron's rows
 * multiplied by its features in one batched matrix product (at batch 128, 8,000 neurons and 64
 * channels, 1 GB each; an elementwise weighting would make a dozen such arrays).
 * Output {@code sum_c read_c * features[c, n] + bias_n}; features start at {@code 1 / channels},
 * the bias at 0 (as the baseline, which gives no mean activity), the positions uniform in
 * +-{@code init_mu_range}, each entry of Sigma uniform in +-{@code init_sigma_range}. The
 * positions are clamped to [-1, 1] after every step ({@link Layers#clampAfterStep}). Penalty
 * {@code gamma_readout * sum |features|}. Parameters {@code features, readout_mu (2 x N: x, y),
 * readout_sigma (4 x N: xx, xy, yx, yy), readout_b}.
 */
final class FullGaussianReadout implements Readout {
    public record Options(
            @Option(name = "init_mu_range", kind = FACTOR, value = "0.3",
                    help = "Gaussian readout: initial positions uniform within this fraction of the grid's half-width around its centre") double initMuRange,
            @Option(name = "init_sigma_range", kind = NON_NEGATIVE, value = "0.1",
                    help = "full Gaussian readout: each entry of the initial 2x2 spread of the read position uniform within +- this (grid half-widths)")
            double initSigmaRange,
            @Option(name = "gamma_readout", kind = NON_NEGATIVE, group = PENALTIES, value = "0.0076",
                    help = "L1 penalty on the full Gaussian readout's feature weights, summed (not averaged) over features and neurons")
            double gammaReadout) {}

    /** Placeholders: the standard normal draws of each image's and neuron's read position, {@code batch x neurons}; zeros when predicting. */
    static final String NOISE_X = "readout_noise_x", NOISE_Y = "readout_noise_y";

    private final Options o;

    FullGaussianReadout(ModelConfig config) {
        this.o = org.v1workbench.model.Options.read(Options.class, config);
    }

    @Override public SDVariable drive(Layers l, CoreFeatures core) {
        int n = l.spec.neurons(), c = core.channels(), h = core.height(), w = core.width();
        if (h < 2 || w < 2)
            throw new org.v1workbench.data.BadInputException("the core's output of " + h + " x " + w + " pixels is too small for a Gaussian readout (2 x 2 at least)");
        SDVariable features = l.sd.var("features", l.array(new long[]{c, n}, () -> 1.0 / c));
        SDVariable mu = l.uniform("readout_mu", o.initMuRange(), 2, n);
        SDVariable sigma = l.uniform("readout_sigma", o.initSigmaRange(), 4, n);
        l.clampAfterStep("readout_mu", -1, 1);
        SDVariable zx = l.extraInput(new ExtraInput(NOISE_X, 0, n, 0x3C6EF372FE94F82BL, Layers::standardNormals, 0f));
        SDVariable zy = l.extraInput(new ExtraInput(NOISE_Y, 0, n, 0xA54FF53A5F1D36F1L, Layers::standardNormals, 0f));
        SDVariable x = clamp(l, l.row(mu, 0, 2).add(zx.mul(l.row(sigma, 0, 4))).add(zy.mul(l.row(sigma, 1, 4))));   // B x N
        SDVariable y = clamp(l, l.row(mu, 1, 2).add(zx.mul(l.row(sigma, 2, 4))).add(zy.mul(l.row(sigma, 3, 4))));
        SDVariable px = x.add(1).mul((w - 1) / 2.0), py = y.add(1).mul((h - 1) / 2.0);          // grid pixels, [0, w-1] and [0, h-1]
        SDVariable x0 = l.sd.math.clipByValue(l.sd.math.floor(px), 0, w - 2), y0 = l.sd.math.clipByValue(l.sd.math.floor(py), 0, h - 2);
        SDVariable fx = px.sub(x0), fy = py.sub(y0);                                              // in [0, 1]
        // Each image's and neuron's four neighbours, neuron-major (N x 4 x B): rows of the core's
        // map viewed as (B*H*W) x C, and their bilinear weights.
        SDVariable image = l.sd.cumsum(l.sd.onesLike(px), 0).sub(1);
        SDVariable base = image.mul((double) h * w).add(y0.mul(w)).add(x0).permute(1, 0);        // N x B
        SDVariable index = l.sd.stack(1, base, base.add(1), base.add(w), base.add(w + 1));       // N x 4 x B
        SDVariable gx = fx.permute(1, 0), gy = fy.permute(1, 0);
        SDVariable weight = l.sd.stack(1, gx.rsub(1).mul(gy.rsub(1)), gx.mul(gy.rsub(1)), gx.rsub(1).mul(gy), gx.mul(gy));
        SDVariable map = core.value().permute(0, 2, 3, 1).reshape(-1, c);
        // N x 4B x C: the one array of that size (and its gradient); each neuron's rows times its
        // features in one batched product, so no other batch x neurons x channels array is made.
        l.arrayPerImage(4L * n * c);
        SDVariable rows = l.sd.gather(map, index.reshape(-1).castTo(DataType.INT), 0).reshape(n, -1, c);   // gradient: engine.GatherRows
        SDVariable perCorner = l.sd.mmul(rows, features.permute(1, 0).reshape(n, c, 1));         // N x 4B x 1
        SDVariable read = perCorner.reshape(n, 4, -1).mul(weight).sum(1).permute(1, 0);           // B x N
        SDVariable bias = l.sd.var("readout_b", Nd4j.zeros(l.dtype, n));
        SDVariable drive = read.add(bias);
        l.penaliseAtEnd(o.gammaReadout(), () -> l.sd.math.abs(features).sum());
        return drive;
    }

    private static SDVariable clamp(Layers l, SDVariable v) {
        return l.sd.math.clipByValue(v, -1, 1);
    }
}
