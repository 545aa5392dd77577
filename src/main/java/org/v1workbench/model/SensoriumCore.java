package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.v1workbench.data.BadInputException;

import java.util.List;

import static org.v1workbench.model.Hyperparameter.Kind.COUNT;
import static org.v1workbench.model.Hyperparameter.Kind.FRACTION;
import static org.v1workbench.model.Hyperparameter.Kind.NON_NEGATIVE;
import static org.v1workbench.model.Hyperparameter.PENALTIES;

/**
 * neuralpredictors' {@code Stacked2dCore} as the Sensorium 2022 baseline configures it
 * (docs/sensorium-spec.md): a {@code first_size} convolution without padding or bias, then
 * {@code layers - 1} depth-separable layers (a 1x1 convolution, a depthwise {@code size x size}
 * convolution padded to keep the size, a 1x1 convolution, none with bias and no nonlinearity
 * between them); batch norm ({@link Layers#batchNorm}) and ELU after every layer, the last
 * included; {@code filters} channels throughout; Xavier-normal initial weights with PyTorch's
 * fans. Penalty: {@code laplace_l2norm} times neuralpredictors' LaplaceL2norm of the first
 * layer's filters, {@code sum(lap(W)^2) / sum(W^2)} over all filters at once. Parameters
 * {@code core0_conv_w, core0_bn_gamma, core0_bn_beta, core1_in_w, core1_dw_w, core1_out_w, ...}.
 */
final class SensoriumCore implements Core {
    public record Options(
            @Option(name = "filters", kind = COUNT, value = "32", help = "channels of every core layer") int filters,
            @Option(name = "first_size", kind = COUNT, value = "13", help = "first core layer's kernel side (pixels)") int firstSize,
            @Option(name = "size", kind = COUNT, value = "3", help = "kernel side of the later core layers (pixels)") int size,
            @Option(name = "layers", kind = COUNT, value = "3", help = "convolutional layers of the core") int layers,
            @Option(name = "bn_momentum", kind = FRACTION, value = "0.9",
                    help = "batch norm: weight of each training batch's statistics in the running ones used for prediction (PyTorch's momentum)") double bnMomentum,
            @Option(name = "laplace_l2norm", kind = NON_NEGATIVE, group = PENALTIES, value = "6.3831",
                    help = "smoothness penalty on the first-layer filters: summed squared Laplacian over their summed squares (neuralpredictors' LaplaceL2norm)")
            double laplaceL2norm) {
        public Options {
            if (layers < 1) throw new BadInputException("layers must be at least 1, not " + layers);
            if (size % 2 == 0) throw new BadInputException("size must be odd (the depthwise layers keep the map's size), not " + size);
        }
    }

    /** PyTorch's BatchNorm2d epsilon. */
    static final double BN_EPS = 1e-5;

    private final Options o;

    SensoriumCore(ModelConfig config) {
        this.o = org.v1workbench.model.Options.read(Options.class, config);
    }

    /** Where grid pixel 0 of the output sits in the image (only the first layer trims), and the grid's size. */
    int[] grid(NetworkSpec spec) {
        return new int[]{(o.firstSize() - 1) / 2, spec.height() - (o.firstSize() - 1), spec.width() - (o.firstSize() - 1)};
    }

    @Override public CoreFeatures build(Layers l, SDVariable image) {
        int f = o.filters(), k0 = o.firstSize(), k = o.size(), pad = (k - 1) / 2;
        int h = l.valid(l.spec.height(), k0, 1, "core0"), w = l.valid(l.spec.width(), k0, 1, "core0");
        SDVariable w0 = l.xavierNormal("core0_conv_w", 1, f, k0, k0, 1, f);
        SDVariable a = l.convNoBias("core0_conv", image, w0, k0, 0);
        a = l.activation(l.batchNorm("core0_bn", a, f, h, w, o.bnMomentum(), BN_EPS), "elu");
        for (int i = 1; i < o.layers(); i++) {
            String p = "core" + i;
            SDVariable in = l.xavierNormal(p + "_in_w", f, f, 1, 1, f, f);
            SDVariable dw = l.xavierNormal(p + "_dw_w", 1, f, k, k, f, 1);
            SDVariable out = l.xavierNormal(p + "_out_w", f, f, 1, 1, f, f);
            SDVariable x = l.convNoBias(p + "_in", a, in, 1, 0);
            x = l.depthwiseNoBias(p + "_dw", x, dw, k, pad);
            x = l.convNoBias(p + "_out", x, out, 1, 0);
            a = l.activation(l.batchNorm(p + "_bn", x, f, h, w, o.bnMomentum(), BN_EPS), "elu");
        }
        l.penaliseAtEnd(o.laplaceL2norm(), () -> {
            SDVariable kernels = l.sd.getVariable("core0_conv_w");
            return l.laplacianSquared("core0_smoothness", Layers.kernelsAsImages(kernels)).div(l.sd.math.square(kernels).sum());
        });
        return new CoreFeatures(a, f, h, w, false, grid(l.spec)[0]);
    }

    @Override public List<String> parameterPrefixes() {
        return List.of("core");
    }
}
