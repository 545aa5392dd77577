package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * The learned kernels of a network's first convolution on the grey image, for the filters figure.
 *
 * @param weights flat {@code filters x height x width}: filter f's weight at kernel row y, column x
 *                is {@code weights[(f * height + y) * width + x]}; the convolution applies them to
 *                the standardised image ((pixel - mean) / sd)
 */
public record FirstLayerKernels(float[] weights, int filters, int height, int width) {
    /** The parameter that holds the first convolution's kernels in every preset that has one (YXIO). */
    static final String CONV1 = "conv1_w";

    public FirstLayerKernels {
        if ((long) filters * height * width != weights.length)
            throw new IllegalArgumentException(weights.length + " weights are not " + filters + " x " + height + " x " + width);
        weights = weights.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    /** The kernels of {@code network}'s current parameters; empty for presets without a learned first convolution. */
    public static Optional<FirstLayerKernels> of(Network network) {
        synchronized (network) {
            SDVariable v = network.graph().getVariable(CONV1);
            if (v == null || v.getArr() == null) return Optional.empty();
            INDArray w = v.getArr();   // kh x kw x in x out
            if (w.rank() != 4 || w.size(2) != 1) return Optional.empty();
            int kh = (int) w.size(0), kw = (int) w.size(1), out = (int) w.size(3);
            // out x kh x kw, C order
            float[] flat = w.permute(3, 2, 0, 1).castTo(DataType.FLOAT).dup('c').data().asFloat();
            return Optional.of(new FirstLayerKernels(flat, out, kh, kw));
        }
    }
}
