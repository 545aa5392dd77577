package org.v1workbench.model;

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
        long[] shape = network.parameterShapes().get(CONV1);   // kh x kw x in x out (YXIO)
        if (shape == null || shape.length != 4 || shape[2] != 1) return Optional.empty();
        int kh = (int) shape[0], kw = (int) shape[1], out = (int) shape[3];
        float[] yxio = network.parameter(CONV1);
        float[] flat = new float[out * kh * kw];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int f = 0; f < out; f++) flat[(f * kh + y) * kw + x] = yxio[(y * kw + x) * out + f];
        return Optional.of(new FirstLayerKernels(flat, out, kh, kw));
    }
}
