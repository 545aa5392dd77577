package org.v1workbench.probe;

/**
 * Sinusoidal gratings in the workbench's convention (DESIGN.md), optionally windowed by a circular
 * aperture.
 *
 * <p>Pixel (row i, column j) has its centre at (x, y) = (j + 0.5, i + 0.5), y pointing down. For
 * orientation theta (degrees, the orientation of the bars, 0 = horizontal bars, increasing
 * counter-clockwise on screen) the bars run along d = (cos theta, -sin theta) in pixel
 * coordinates and the grating varies along the unit normal n = (sin theta, cos theta). With
 * v = (x - cx) sin theta + (y - cy) cos theta, the signed distance across the bars from the
 * reference point (cx, cy), the pixel value is
 * <pre>
 *   L(x, y) = mean + a(x, y) * amplitude * contrast * cos(2 pi f v + phase)
 * </pre>
 * so phase 0 puts a bright bar on the reference point and 180 a dark one; 0 degrees varies along
 * y only, 90 along x only, and at 45 degrees the bars run from bottom-left to top-right on
 * screen. a(x, y) is the aperture's weight (1 without one).
 *
 * <p>Amplitude matches a dataset: {@link #amplitudeFor(PixelStats)} = sqrt(2) x the dataset's
 * pixel standard deviation, so that a full-contrast grating has the dataset's RMS contrast.
 */
public final class Gratings {
    private Gratings() {}

    /**
     * A circular window: weight 1 within {@code radius} of (cx, cy), falling to 0 by a raised
     * cosine over {@code taper} pixels beyond it (a hard edge would add high spatial frequencies
     * of its own).
     */
    public record Aperture(double cx, double cy, double radius, double taper) {
        public double weight(double x, double y) {
            double r = Math.hypot(x - cx, y - cy);
            if (r <= radius) return 1;
            if (taper <= 0 || r >= radius + taper) return 0;
            return 0.5 * (1 + Math.cos(Math.PI * (r - radius) / taper));
        }
    }

    /** The grating amplitude at contrast 1 for a dataset: sqrt(2) x pixel sd (equal RMS contrast). */
    public static double amplitudeFor(PixelStats stats) {
        return Math.sqrt(2) * stats.sd();
    }

    /**
     * One grating, flat {@code height x width}.
     *
     * @param cx, cy          the reference point of the phase (pixels)
     * @param orientationDeg  orientation of the bars, degrees
     * @param sf              spatial frequency, cycles per pixel
     * @param phaseDeg        phase at the reference point, degrees
     * @param mean            pixel value of mean grey
     * @param amplitude       pixel amplitude at contrast 1
     * @param contrast        0..1 (scales the amplitude)
     * @param aperture        window, or null for a full-field grating
     */
    public static float[] grating(int height, int width, double cx, double cy, double orientationDeg, double sf,
                                  double phaseDeg, double mean, double amplitude, double contrast, Aperture aperture) {
        float[] out = new float[height * width];
        fill(out, 0, height, width, cx, cy, orientationDeg, sf, phaseDeg, mean, amplitude, contrast, aperture);
        return out;
    }

    /** Writes one grating into {@code out} at offset {@code offset} (for building batches). */
    public static void fill(float[] out, int offset, int height, int width, double cx, double cy, double orientationDeg,
                            double sf, double phaseDeg, double mean, double amplitude, double contrast, Aperture aperture) {
        double t = Math.toRadians(orientationDeg), s = Math.sin(t), c = Math.cos(t), ph = Math.toRadians(phaseDeg);
        double a = amplitude * contrast;
        for (int i = 0; i < height; i++) {
            double y = i + 0.5;
            for (int j = 0; j < width; j++) {
                double x = j + 0.5;
                double v = (x - cx) * s + (y - cy) * c;
                double wgt = aperture == null ? 1 : aperture.weight(x, y);
                out[offset + i * width + j] = (float) (mean + wgt * a * Math.cos(2 * Math.PI * sf * v + ph));
            }
        }
    }

    /** A uniform image at {@code mean} (the "blank" of a grating experiment). */
    public static float[] blank(int height, int width, double mean) {
        float[] out = new float[height * width];
        java.util.Arrays.fill(out, (float) mean);
        return out;
    }
}
