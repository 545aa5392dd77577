package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import static org.v1workbench.model.Hyperparameter.Kind.FACTOR;
import static org.v1workbench.model.Hyperparameter.Kind.NON_NEGATIVE;
import static org.v1workbench.model.Hyperparameter.Kind.POSITIVE;
import static org.v1workbench.model.Hyperparameter.PENALTIES;

/**
 * The Gaussian readout of Lurz et al. (2021): neuron n reads the core's feature vector at one
 * learned position {@code mu_n} of its output grid (coordinates in [-1, 1], by bilinear
 * interpolation, {@link Layers#bilinearMask}) and weighs it by its feature weights. While training,
 * the position read is {@code mu_n + sigma_n * noise} (one standard normal draw per neuron and
 * batch: the extra input {@link Layers#POSITION_NOISE}), clipped to the grid; the spread
 * {@code sigma_n} is learned and shrinks as the position settles; predictions read at
 * {@code mu_n}. L1 penalty on the features. Parameters {@code features, readout_mu,
 * readout_sigma, readout_b}.
 */
final class GaussianReadout implements Readout {
    public record Options(
            @Option(name = "l1_features", kind = NON_NEGATIVE, group = PENALTIES, value = "0.001", help = "L1 penalty on the readout's feature weights") double l1Features,
            @Option(name = "init_sd", kind = POSITIVE, value = "0.01", help = "standard deviation of the readout's initial weights") double initSd,
            @Option(name = "init_mu_range", kind = FACTOR, value = "0.3",
                    help = "Gaussian readout: initial positions uniform within this fraction of the grid's half-width around its centre") double initMuRange,
            @Option(name = "init_sigma", kind = POSITIVE, value = "0.5",
                    help = "Gaussian readout: initial spread of the read position while training (fraction of the grid's half-width)") double initSigma) {}

    /** Salt of the jitter's draws ({@link ExtraInput#salt}). */
    static final long NOISE_SALT = 0x2545F4914F6CDD1DL;

    private final Options o;

    GaussianReadout(ModelConfig config) {
        this.o = org.v1workbench.model.Options.read(Options.class, config);
    }

    @Override public SDVariable drive(Layers l, CoreFeatures core) {
        int n = l.spec.neurons();
        SDVariable features = l.normal("features", o.initSd(), core.channels(), n);
        SDVariable mu = l.uniform("readout_mu", o.initMuRange(), 2, n);              // rows: x, y
        SDVariable spread = l.sd.var("readout_sigma", l.array(new long[]{1, n}, o::initSigma));
        SDVariable noise = l.extraInput(new ExtraInput(Layers.POSITION_NOISE, 2, n, NOISE_SALT, Layers::standardNormals, 0f));
        SDVariable pos = l.sd.math.clipByValue(mu.add(noise.mul(spread)), -1, 1);
        SDVariable mask = l.bilinearMask(pos, core.height(), core.width(), "");
        SDVariable drive = Layers.maskedDrive(core, mask, features, n).add(l.outputBias("readout_b"));
        l.penaliseAtEnd(o.l1Features() / n, () -> l.sd.math.abs(features).sum());
        return drive;
    }
}
