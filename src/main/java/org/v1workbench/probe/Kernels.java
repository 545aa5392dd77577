package org.v1workbench.probe;

/**
 * Convolution kernels of one layer with a single input channel (the first layer of a network on
 * grey images), for display.
 *
 * @param weights flat {@code filters x height x width}
 */
public record Kernels(float[] weights, int filters, int height, int width) {
    public Kernels {
        if (filters <= 0 || height <= 0 || width <= 0)
            throw new IllegalArgumentException("kernels shape " + filters + " x " + height + " x " + width + " is empty");
        if (weights.length != filters * height * width)
            throw new IllegalArgumentException("kernels hold " + weights.length + " weights, not " + filters + " x " + height + " x " + width);
        weights = weights.clone();
    }

    /** Kernel k, flat {@code height x width} (a copy). */
    public float[] kernel(int k) {
        float[] out = new float[height * width];
        System.arraycopy(weights, k * height * width, out, 0, out.length);
        return out;
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }
}
