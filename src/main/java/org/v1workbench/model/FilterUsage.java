package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Optional;

/**
 * Which neurons a network's first-layer filters matter to, two ways:
 * <ul>
 * <li>Readout feature weights: in a core-readout with a one-layer core, the readout's feature
 * weight {@code w[c, n]} is exactly how neuron n weighs first-layer channel c. With a deeper core
 * (or a dense readout, as in kindel2019) no single weight links a first-layer filter to a neuron,
 * so this is empty.</li>
 * <li>Ablation, for any network with a first convolution: the predictions with filter f removed
 * (its kernel and bias set to zero, so its channel is 0 after ReLU or ELU) against the intact
 * network's, on the same images.</li>
 * </ul>
 * The network's parameters are restored after an ablation; other threads that use the network
 * wait, as for any of its methods.
 */
public final class FilterUsage {
    private FilterUsage() {}

    static final String CONV1_W = "conv1_w", CONV1_B = "conv1_b", FEATURES = "features";

    /** Number of first-layer filters (0 when the network has no learned first convolution on the image). */
    public static int firstLayerFilters(Network net) {
        synchronized (net) {
            SDVariable w = net.graph().getVariable(CONV1_W);
            if (w == null || w.getArr() == null || w.getArr().rank() != 4 || w.getArr().size(2) != 1) return 0;
            return (int) w.getArr().size(3);
        }
    }

    /**
     * The readout's feature weights, flat {@code filters x neurons}, where they belong to the
     * first-layer filters (core-readout with {@code layers = 1}); empty otherwise.
     */
    public static Optional<float[]> readoutFeatureWeights(Network net) {
        ModelConfig c = net.config();
        if (!c.preset().equals("core-readout") || c.integer("layers") != 1) return Optional.empty();
        synchronized (net) {
            SDVariable f = net.graph().getVariable(FEATURES);
            if (f == null || f.getArr() == null) return Optional.empty();
            return Optional.of(f.getArr().castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
    }

    /**
     * Predictions ({@code count x neurons} flat, spike counts per window) with first-layer filter
     * {@code filter} removed, for raw images {@code count x height x width}.
     */
    public static float[] predictWithout(Network net, int filter, float[] images, int count) {
        synchronized (net) {
            int filters = firstLayerFilters(net);
            if (filter < 0 || filter >= filters) throw new IllegalArgumentException("filter " + filter + " of " + filters);
            INDArray w = net.graph().getVariable(CONV1_W).getArr();
            SDVariable bv = net.graph().getVariable(CONV1_B);
            INDArray b = bv == null ? null : bv.getArr();
            INDArray wSlice = w.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(filter));
            INDArray keptW = wSlice.dup();
            double keptB = b == null ? 0 : b.getDouble(filter);
            try {
                wSlice.assign(0);
                if (b != null) b.putScalar(filter, 0);
                return net.predict(images, count);
            } finally {
                wSlice.assign(keptW);
                if (b != null) b.putScalar(filter, keptB);
            }
        }
    }
}
