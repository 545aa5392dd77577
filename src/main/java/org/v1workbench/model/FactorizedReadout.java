package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import static org.v1workbench.model.Hyperparameter.Kind.NON_NEGATIVE;
import static org.v1workbench.model.Hyperparameter.Kind.POSITIVE;
import static org.v1workbench.model.Hyperparameter.PENALTIES;

/**
 * A spatial mask times feature weights per neuron (Klindt et al. 2017): neuron n's drive is
 * {@code sum_c f[c,n] * sum_xy m[xy,n] * core[c,xy] + b[n]}. Both start normal with sd
 * {@code init_sd}; L1 penalties on masks and features ({@code l1_mask}, {@code l1_features},
 * summed over a neuron's weights, averaged over neurons). Parameters {@code mask, features, readout_b}.
 */
final class FactorizedReadout implements Readout {
    public record Options(
            @Option(name = "l1_mask", kind = NON_NEGATIVE, group = PENALTIES, value = "0.001", help = "L1 penalty on the readout's spatial masks") double l1Mask,
            @Option(name = "l1_features", kind = NON_NEGATIVE, group = PENALTIES, value = "0.001", help = "L1 penalty on the readout's feature weights") double l1Features,
            @Option(name = "init_sd", kind = POSITIVE, value = "0.01", help = "standard deviation of the readout's initial weights") double initSd) {}

    private final Options o;

    FactorizedReadout(ModelConfig config) {
        this.o = org.v1workbench.model.Options.read(Options.class, config);
    }

    @Override public SDVariable drive(Layers l, CoreFeatures core) {
        int n = l.spec.neurons();
        SDVariable mask = l.normal("mask", o.initSd(), (long) core.height() * core.width(), n);
        SDVariable features = l.normal("features", o.initSd(), core.channels(), n);
        SDVariable drive = Layers.maskedDrive(core, mask, features, n).add(l.outputBias("readout_b"));
        l.penaliseAtEnd(o.l1Mask() / n, () -> l.sd.math.abs(mask).sum());
        l.penaliseAtEnd(o.l1Features() / n, () -> l.sd.math.abs(features).sum());
        return drive;
    }
}
