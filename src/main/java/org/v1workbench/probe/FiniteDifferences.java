package org.v1workbench.probe;

/**
 * Input gradients of any {@link ResponseModel} by central differences: for each pixel, the rates
 * at the image with that pixel raised and lowered by a step h. Costs {@code 2 x pixels} model
 * evaluations per image, but gives every neuron's gradient from the same evaluations.
 *
 * <p>The step is {@code 1e-3 x max(1, max |pixel|)} of the image: small against the pixel range
 * (so curvature errors are second order) yet far above float rounding of the pixel values. The
 * denominator is the difference actually stored in float, not the nominal 2h.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /** Perturbed images evaluated per call of {@link ResponseModel#rates}. */
    static final int BATCH = 256;

    /**
     * @param images flat {@code count x height x width}
     * @return {@code neurons.length} arrays, each flat {@code count x height x width}
     */
    public static float[][] gradients(ResponseModel model, float[] images, int count, int[] neurons) {
        int p = model.height() * model.width();
        if (images.length != count * p)
            throw new IllegalArgumentException("images hold " + images.length + " values, not " + count + " x " + p);
        float[][] out = new float[neurons.length][count * p];
        float[] batch = new float[Math.min(BATCH, 2 * p) * p];
        double[] denominators = new double[p];
        for (int i = 0; i < count; i++) {
            int base = i * p;
            double maxAbs = 1;
            for (int k = 0; k < p; k++) maxAbs = Math.max(maxAbs, Math.abs(images[base + k]));
            double h = 1e-3 * maxAbs;
            for (int k = 0; k < p; k++) {
                float v = images[base + k];
                denominators[k] = (double) (float) (v + h) - (double) (float) (v - h);
            }
            // Perturbations 2k (pixel k raised) and 2k+1 (lowered), evaluated BATCH at a time.
            int total = 2 * p;
            for (int start = 0; start < total; start += BATCH) {
                int m = Math.min(BATCH, total - start);
                for (int j = 0; j < m; j++) {
                    int e = start + j, k = e / 2;
                    System.arraycopy(images, base, batch, j * p, p);
                    float v = images[base + k];
                    batch[j * p + k] = (float) (e % 2 == 0 ? v + h : v - h);
                }
                float[] in = m * p == batch.length ? batch : java.util.Arrays.copyOf(batch, m * p);
                double[][] r = model.rates(in, m);
                for (int j = 0; j + 1 < m; j += 2) {
                    int k = (start + j) / 2;
                    for (int q = 0; q < neurons.length; q++) {
                        int n = neurons[q];
                        out[q][base + k] = (float) ((r[j][n] - r[j + 1][n]) / denominators[k]);
                    }
                }
            }
        }
        return out;
    }
}
