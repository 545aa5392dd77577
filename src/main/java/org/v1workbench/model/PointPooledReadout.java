package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

import static org.v1workbench.model.Hyperparameter.Kind.COUNT;

/**
 * The point-pooled readout (neuralpredictors' {@code PointPooled2d}, Sinz et al. 2018): neuron n
 * reads the core's features at one learned position {@code mu_n}, in the core's map and in
 * {@code pool_steps} copies of it average-pooled {@code pool_kern x pool_kern} in turn, and weighs
 * each of those {@code pool_steps + 1} reads by feature weights of its own. No jitter: the same
 * position in training and prediction. Shares {@code l1_features}, {@code init_sd} and
 * {@code init_mu_range} with the Gaussian readout ({@link GaussianReadout.Options}). Parameters
 * {@code readout_mu, features_0 ... features_K, readout_b}.
 */
final class PointPooledReadout implements Readout {
    public record Options(
            @Option(name = "pool_steps", kind = COUNT, value = "2",
                    help = "point-pooled readout: average-pooled copies of the core's map read besides the map itself") int poolSteps,
            @Option(name = "pool_kern", kind = COUNT, value = "2", help = "point-pooled readout: side (and stride) of each average pooling") int poolKern) {}

    private final Options o;
    private final GaussianReadout.Options shared;

    PointPooledReadout(ModelConfig config) {
        this.o = org.v1workbench.model.Options.read(Options.class, config);
        this.shared = org.v1workbench.model.Options.read(GaussianReadout.Options.class, config);
    }

    @Override public SDVariable drive(Layers l, CoreFeatures core) {
        int n = l.spec.neurons();
        SDVariable mu = l.uniform("readout_mu", shared.initMuRange(), 2, n);
        SDVariable pos = l.sd.math.clipByValue(mu, -1, 1);
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(o.poolKern()).kW(o.poolKern()).sH(o.poolKern()).sW(o.poolKern())
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        CoreFeatures map = core;
        SDVariable drive = null;
        java.util.List<SDVariable> weights = new java.util.ArrayList<>();
        for (int k = 0; k <= o.poolSteps(); k++) {
            if (k > 0) {
                int h = l.valid(map.height(), o.poolKern(), o.poolKern(), "pool step " + k);
                int w = l.valid(map.width(), o.poolKern(), o.poolKern(), "pool step " + k);
                map = new CoreFeatures(l.sd.cnn.avgPooling2d(map.value(), pool), map.channels(), h, w, false, map.offset());
            }
            SDVariable features = l.normal("features_" + k, shared.initSd(), map.channels(), n);
            SDVariable read = Layers.maskedDrive(map, l.bilinearMask(pos, map.height(), map.width(), "_" + k), features, n);
            drive = drive == null ? read : drive.add(read);
            weights.add(features);
        }
        l.penaliseAtEnd(shared.l1Features() / n, () -> {
            SDVariable l1 = null;
            for (SDVariable f : weights) l1 = l1 == null ? l.sd.math.abs(f).sum() : l1.add(l.sd.math.abs(f).sum());
            return l1;
        });
        return drive.add(l.outputBias("readout_b"));
    }
}
