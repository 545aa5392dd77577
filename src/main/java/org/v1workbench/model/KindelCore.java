package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;

import static org.v1workbench.model.Hyperparameter.Kind.COUNT;
import static org.v1workbench.model.Hyperparameter.Kind.FRACTION;
import static org.v1workbench.model.Hyperparameter.PENALTIES;

/**
 * The layers of Kindel et al.'s (2019) CNN before its output units: conv 7x7x16 ReLU (valid),
 * max-pool 3/2, conv 7x7x32 ReLU, max-pool 3/2, dropout 0.35 (training only), dense 300 ReLU.
 * Parameters {@code conv1_*, conv2_*, dense_*}; the dropout mask is an extra training input.
 */
final class KindelCore implements Core {
    public record Options(
            @Option(name = "conv1_filters", kind = COUNT, value = "16", help = "filters of the first convolution") int conv1Filters,
            @Option(name = "conv1_size", kind = COUNT, value = "7", help = "first convolution's kernel side (pixels)") int conv1Size,
            @Option(name = "conv2_filters", kind = COUNT, value = "32", help = "filters of the second convolution") int conv2Filters,
            @Option(name = "conv2_size", kind = COUNT, value = "7", help = "second convolution's kernel side (pixels)") int conv2Size,
            @Option(name = "dense", kind = COUNT, value = "300", help = "units of the dense layer") int dense,
            @Option(name = "dropout", kind = FRACTION, group = PENALTIES, value = "0.35", help = "dropout rate before the dense layer (training only)") double dropout) {}

    private final Options o;

    KindelCore(ModelConfig config) {
        this.o = org.v1workbench.model.Options.read(Options.class, config);
    }

    @Override public CoreFeatures build(Layers l, SDVariable x) {
        int h = l.valid(l.valid(l.valid(l.valid(l.spec.height(), o.conv1Size(), 1, "conv1"), 3, 2, "pool1"), o.conv2Size(), 1, "conv2"), 3, 2, "pool2");
        int w = l.valid(l.valid(l.valid(l.valid(l.spec.width(), o.conv1Size(), 1, "conv1"), 3, 2, "pool1"), o.conv2Size(), 1, "conv2"), 3, 2, "pool2");
        int features = o.conv2Filters() * h * w;
        // ReLU after max-pooling: the same function and gradient as before it (ReLU is monotonic,
        // so it commutes with max), on a 4 to 5 times smaller array.
        SDVariable a = l.sd.nn.relu(l.maxPool("pool1", l.conv("conv1", x, 1, o.conv1Filters(), o.conv1Size(), false), 3, 2), 0);
        a = l.sd.nn.relu(l.maxPool("pool2", l.conv("conv2", a, o.conv1Filters(), o.conv2Filters(), o.conv2Size(), false), 3, 2), 0);
        SDVariable flat = a.reshape(-1, features);
        if (o.dropout() > 0) flat = l.dropout(flat, features, o.dropout());
        SDVariable hidden = l.sd.nn.relu(l.dense("dense", flat, features, o.dense()), 0);
        return CoreFeatures.vector(hidden, o.dense());
    }

    /** The two convolutions and the dense layer: everything but the per-neuron output weights. */
    @Override public List<String> parameterPrefixes() {
        return List.of("conv1_", "conv2_", "dense_");
    }
}
