package org.v1workbench.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stimuli have the second-order statistics of natural images: a radially averaged amplitude
 * spectrum that falls as about 1/f. The spectrum is computed here with a plain separable DFT
 * (java.lang.Math, independent of the generator's code), after removing the mean and applying a
 * Hann window (so that the image's borders do not add a spurious 1/f cross), and its log-log slope
 * is fitted by least squares over 4 to 16 cycles per image (0.0625 to 0.25 cycles per pixel at
 * 64 pixels): above the lowest frequencies, which the window blurs, and below the highest, where
 * pixel averaging bends the spectrum down.
 */
class StimulusSpectrumTest {
    private static final int N = 64;

    @Test
    void deadLeavesHaveAOneOverFAmplitudeSpectrum() {
        double slope = slope(new DeadLeaves(N, 0), 1, 24, 4, 16);
        System.out.printf("dead leaves: amplitude spectrum log-log slope %.3f (4 to 16 cycles/image, 24 images of %d x %d)%n", slope, N, N);
        assertTrue(slope <= -0.8 && slope >= -1.4, "slope " + slope + " outside [-1.4, -0.8]");
    }

    @Test
    void withOneOverFNoiseTheSpectrumStaysOneOverF() {
        double slope = slope(new DeadLeaves(N, 0.4), 2, 16, 4, 16);
        System.out.printf("dead leaves + 1/f noise (weight 0.4): slope %.3f%n", slope);
        assertTrue(slope <= -0.8 && slope >= -1.4, "slope " + slope + " outside [-1.4, -0.8]");
    }

    @Test
    void pinkNoiseAloneHasSlopeMinusOne() {
        // The noise generator on its own: its Fourier amplitudes are 1/f by construction, so the
        // fitted slope must come out near -1 (a check of the test's own DFT as much as of the noise).
        PinkNoise noise = new PinkNoise(N);
        double[] acc = new double[2 * (N / 2 + 1)];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 32; i++) {
            double[] img = noise.sample(r);
            float[] f = new float[img.length];
            for (int k = 0; k < f.length; k++) f[k] = (float) img[k];
            radialAmplitude(f, N, acc, false);
        }
        double slope = fit(acc, 4, 24);
        System.out.printf("1/f noise alone: slope %.3f (4 to 24 cycles/image, 32 images, no window)%n", slope);
        assertEquals(-1.0, slope, 0.08);
    }

    @Test
    void imagesAreGreyLevelsWithNaturalContrastAndReproducible() {
        DeadLeaves leaves = new DeadLeaves(N, 0);
        float[] a = leaves.image(9, 0), b = leaves.image(9, 0), c = leaves.image(9, 1), d = leaves.image(10, 0);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c), "another index gives another image");
        assertFalse(java.util.Arrays.equals(a, d), "another seed gives another image");
        double mean = 0, var = 0;
        for (float v : a) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "grey level " + v);
            mean += v;
        }
        mean /= a.length;
        for (float v : a) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / a.length);
        assertTrue(sd > 25, "an image of occluding grey shapes has contrast, sd " + sd);
    }

    /** Slope of the mean radial amplitude spectrum of {@code images} images over [lo, hi] cycles per image. */
    static double slope(DeadLeaves gen, long seed, int images, int lo, int hi) {
        double[] acc = new double[2 * (N / 2 + 1)];
        for (int i = 0; i < images; i++) radialAmplitude(gen.image(seed, i), N, acc, true);
        return fit(acc, lo, hi);
    }

    static double fit(double[] acc, int lo, int hi) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int k = 0;
        for (int bin = lo; bin <= hi; bin++) {
            double x = Math.log(bin), y = Math.log(acc[2 * bin] / acc[2 * bin + 1]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            k++;
        }
        return (k * sxy - sx * sy) / (k * sxx - sx * sx);
    }

    /** Adds |F(k)| of the (windowed, mean-removed) image into radial bins of integer |k|: acc[2 bin] sum, acc[2 bin + 1] count. */
    static void radialAmplitude(float[] img, int n, double[] acc, boolean window) {
        double mean = 0;
        for (float v : img) mean += v;
        mean /= img.length;
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double w = window ? (0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n)) * (0.5 - 0.5 * Math.cos(2 * Math.PI * (j + 0.5) / n)) : 1;
                x[i * n + j] = (img[i * n + j] - mean) * w;
            }
        double[] re = new double[n * n], im = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * k * j / n;
                    sr += x[i * n + j] * Math.cos(a);
                    si += x[i * n + j] * Math.sin(a);
                }
                re[i * n + k] = sr;
                im[i * n + k] = si;
            }
        for (int k = 0; k < n; k++)
            for (int l = 0; l < n; l++) {
                double sr = 0, si = 0;
                for (int i = 0; i < n; i++) {
                    double a = -2 * Math.PI * l * i / n, c = Math.cos(a), s = Math.sin(a);
                    sr += re[i * n + k] * c - im[i * n + k] * s;
                    si += re[i * n + k] * s + im[i * n + k] * c;
                }
                int fx = k <= n / 2 ? k : k - n, fy = l <= n / 2 ? l : l - n;
                int bin = (int) Math.round(Math.sqrt(fx * fx + fy * fy));
                if (bin <= n / 2) {
                    acc[2 * bin] += Math.sqrt(sr * sr + si * si);
                    acc[2 * bin + 1]++;
                }
            }
    }
}
