package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.v1workbench.data.BadInputException;

import java.util.List;

import static org.v1workbench.model.Hyperparameter.Kind.CHOICE;
import static org.v1workbench.model.Hyperparameter.Kind.COUNT;
import static org.v1workbench.model.Hyperparameter.Kind.NON_NEGATIVE;
import static org.v1workbench.model.Hyperparameter.PENALTIES;

/**
 * Stacked valid convolutions of stride 1, each followed by ELU (or ReLU): {@code first_size} on
 * the image, then {@code layers - 1} of {@code size}, all of {@code filters} channels (Klindt et
 * al. 2017); a smoothness penalty on the first layer's filters, {@code laplace} times their summed
 * squared Laplacian. Parameters {@code conv1_w, conv1_b, conv2_w, ...}.
 */
final class StackedConvCore implements Core {
    public record Options(
            @Option(name = "filters", kind = COUNT, value = "32", help = "channels of every core layer") int filters,
            @Option(name = "first_size", kind = COUNT, value = "13", help = "first core layer's kernel side (pixels)") int firstSize,
            @Option(name = "size", kind = COUNT, value = "3", help = "kernel side of the later core layers (pixels)") int size,
            @Option(name = "layers", kind = COUNT, value = "3", help = "convolutional layers of the core") int layers,
            @Option(name = "activation", kind = CHOICE, value = "elu", help = "nonlinearity of the core", choices = {"elu", "relu"}) String activation,
            @Option(name = "laplace", kind = NON_NEGATIVE, group = PENALTIES, value = "0.01",
                    help = "smoothness penalty on the first-layer filters (squared Laplacian)") double laplace) {
        public Options {
            if (layers < 1) throw new BadInputException("layers must be at least 1, not " + layers);
        }
    }

    private final Options o;

    StackedConvCore(ModelConfig config) {
        this.o = org.v1workbench.model.Options.read(Options.class, config);
    }

    /** Where grid pixel 0 of the output sits in the image (each valid convolution trims half its kernel), and the grid's size. */
    int[] grid(NetworkSpec spec) {
        int offset = (o.firstSize() - 1) / 2 + (o.layers() - 1) * ((o.size() - 1) / 2);
        int trim = (o.firstSize() - 1) + (o.layers() - 1) * (o.size() - 1);
        return new int[]{offset, spec.height() - trim, spec.width() - trim};
    }

    @Override public CoreFeatures build(Layers l, SDVariable image) {
        int h = l.valid(l.spec.height(), o.firstSize(), 1, "conv1"), w = l.valid(l.spec.width(), o.firstSize(), 1, "conv1");
        for (int i = 2; i <= o.layers(); i++) {
            h = l.valid(h, o.size(), 1, "conv" + i);
            w = l.valid(w, o.size(), 1, "conv" + i);
        }
        SDVariable a = l.activation(l.conv("conv1", image, 1, o.filters(), o.firstSize(), false), o.activation());
        for (int i = 2; i <= o.layers(); i++) a = l.activation(l.conv("conv" + i, a, o.filters(), o.filters(), o.size(), false), o.activation());
        l.penaliseAtEnd(o.laplace(), () -> l.laplacianSquared("conv1_smoothness", Layers.kernelsAsImages(l.sd.getVariable("conv1_w"))));
        return new CoreFeatures(a, o.filters(), h, w, false, grid(l.spec)[0]);
    }

    @Override public List<String> parameterPrefixes() {
        return List.of("conv");
    }
}
