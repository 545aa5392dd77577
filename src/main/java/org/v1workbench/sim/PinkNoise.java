package org.v1workbench.sim;

import java.util.Random;

/**
 * Gaussian noise with a 1/f amplitude spectrum: Fourier coefficients with Gaussian real and
 * imaginary parts scaled by 1/|f| (zero at f = 0), transformed back with a plain separable DFT
 * (O(size^3) per image, fine for the image sizes used here), real part kept and scaled to unit
 * standard deviation. Output {@code size x size}, row-major.
 */
final class PinkNoise {
    private final int size;
    private final double[] cos, sin;

    PinkNoise(int size) {
        this.size = size;
        cos = new double[size];
        sin = new double[size];
        for (int k = 0; k < size; k++) {
            cos[k] = StrictMath.cos(2 * Math.PI * k / size);
            sin[k] = StrictMath.sin(2 * Math.PI * k / size);
        }
    }

    double[] sample(Random r) {
        int n = size;
        double[] re = new double[n * n], im = new double[n * n];
        for (int ky = 0; ky < n; ky++) {
            int fy = ky <= n / 2 ? ky : ky - n;
            for (int kx = 0; kx < n; kx++) {
                int fx = kx <= n / 2 ? kx : kx - n;
                double f = Math.sqrt((double) fx * fx + (double) fy * fy);
                double g1 = r.nextGaussian(), g2 = r.nextGaussian();
                if (f == 0) continue;
                re[ky * n + kx] = g1 / f;
                im[ky * n + kx] = g2 / f;
            }
        }
        // Inverse DFT along x for every row, then along y for every column.
        double[] tr = new double[n * n], ti = new double[n * n];
        for (int ky = 0; ky < n; ky++)
            for (int x = 0; x < n; x++) {
                double sr = 0, si = 0;
                for (int kx = 0; kx < n; kx++) {
                    int t = (kx * x) % n;
                    double a = re[ky * n + kx], b = im[ky * n + kx];
                    sr += a * cos[t] - b * sin[t];
                    si += a * sin[t] + b * cos[t];
                }
                tr[ky * n + x] = sr;
                ti[ky * n + x] = si;
            }
        double[] out = new double[n * n];
        for (int x = 0; x < n; x++)
            for (int y = 0; y < n; y++) {
                double sr = 0;
                for (int ky = 0; ky < n; ky++) {
                    int t = (ky * y) % n;
                    sr += tr[ky * n + x] * cos[t] - ti[ky * n + x] * sin[t];
                }
                out[y * n + x] = sr;
            }
        double mean = 0, var = 0;
        for (double v : out) mean += v;
        mean /= out.length;
        for (double v : out) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / out.length);
        for (int i = 0; i < out.length; i++) out[i] = sd > 0 ? (out[i] - mean) / sd : 0;
        return out;
    }
}
