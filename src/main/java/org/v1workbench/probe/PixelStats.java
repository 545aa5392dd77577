package org.v1workbench.probe;

import org.v1workbench.data.Dataset;

/**
 * The pixel statistics of a dataset's stimuli that the probes match: gratings and white noise
 * have the dataset's mean and standard deviation, most exciting inputs the L2 contrast norm of a
 * typical image and (optionally) its pixel range.
 *
 * @param mean        mean pixel value over all images (the "mean grey")
 * @param sd          standard deviation of all pixels
 * @param min         smallest pixel value
 * @param max         largest pixel value
 * @param typicalNorm median over images of the L2 norm of (image - mean), flat over the pixels
 */
public record PixelStats(double mean, double sd, double min, double max, double typicalNorm) {

    public static PixelStats of(Dataset data) {
        return of(data.stimuliArray(), data.images(), data.height() * data.width());
    }

    /** @param images flat {@code count x pixels} */
    public static PixelStats of(float[] images, int count, int pixels) {
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float v : images) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / images.length, ss = 0;
        for (float v : images) ss += (v - mean) * (v - mean);
        double[] norms = new double[count];
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int k = 0; k < pixels; k++) {
                double d = images[i * pixels + k] - mean;
                s += d * d;
            }
            norms[i] = Math.sqrt(s);
        }
        java.util.Arrays.sort(norms);
        double median = count % 2 == 1 ? norms[count / 2] : 0.5 * (norms[count / 2 - 1] + norms[count / 2]);
        return new PixelStats(mean, Math.sqrt(ss / images.length), min, max, median);
    }
}
