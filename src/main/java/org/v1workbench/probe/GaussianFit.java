package org.v1workbench.probe;

/**
 * An isotropic 2-D Gaussian plus offset fitted to a non-negative map (a receptive field's
 * energy): m(x, y) = offset + amplitude exp(-((x - cx)^2 + (y - cy)^2) / (2 sigma^2)), pixel
 * centres at (j + 0.5, i + 0.5).
 *
 * <p>Method: a robust moment estimate first (map smoothed with a 1-pixel Gaussian, its median
 * subtracted as the floor, negatives dropped, centroid and spread recomputed a few times within
 * 3 sigma of the current centre, so a noise floor far away does not drag them), then
 * Levenberg-Marquardt on the unsmoothed map (at most 100 iterations, parameters amplitude, cx,
 * cy, log sigma, offset). The LM result is kept when it lowers the squared error and stays
 * sensible (positive amplitude, centre inside the image, sigma between 0.3 pixel and the image
 * size); otherwise the moment estimate is reported and {@code method} says so.
 *
 * @param method "lm", "moments", or "none" (an empty map: every value NaN)
 */
public record GaussianFit(double cx, double cy, double sigma, double amplitude, double offset, String method) {

    /** @param map flat {@code h x w}, non-negative */
    public static GaussianFit fit(double[] map, int h, int w) {
        double[] sm = ImageOps.blur(map, h, w, 1.0);
        double[] sorted = sm.clone();
        java.util.Arrays.sort(sorted);
        double floor = sorted[sorted.length / 2];
        double[] wgt = new double[h * w];
        double total = 0;
        for (int k = 0; k < wgt.length; k++) {
            wgt[k] = Math.max(0, sm[k] - floor);
            total += wgt[k];
        }
        if (!(total > 0) || !Double.isFinite(total)) return new GaussianFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "none");
        double cx = 0, cy = 0, s2 = 0;
        double radius = Double.POSITIVE_INFINITY;
        for (int iter = 0; iter < 6; iter++) {
            double sw = 0, sx = 0, sy = 0;
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) {
                    double x = j + 0.5, y = i + 0.5, v = wgt[i * w + j];
                    if (iter > 0 && Math.hypot(x - cx, y - cy) > radius) continue;
                    sw += v;
                    sx += v * x;
                    sy += v * y;
                }
            if (!(sw > 0)) break;
            double ncx = sx / sw, ncy = sy / sw, ss = 0;
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) {
                    double x = j + 0.5, y = i + 0.5, v = wgt[i * w + j];
                    if (iter > 0 && Math.hypot(x - cx, y - cy) > radius) continue;
                    ss += v * ((x - ncx) * (x - ncx) + (y - ncy) * (y - ncy));
                }
            cx = ncx;
            cy = ncy;
            s2 = ss / (2 * sw);
            radius = Math.max(3, 3 * Math.sqrt(s2));
        }
        // The 1-pixel smoothing added 1 to the variance.
        double sigma0 = Math.sqrt(Math.max(0.25, s2 - 1.0));
        double peak = 0;
        for (double v : sm) peak = Math.max(peak, v);
        double[] p = {Math.max(peak - floor, 1e-12), cx, cy, Math.log(sigma0), floor};
        GaussianFit moments = new GaussianFit(cx, cy, sigma0, p[0], floor, "moments");
        double[] q = levenbergMarquardt(map, h, w, p);
        double sig = Math.exp(q[3]);
        boolean ok = q[0] > 0 && q[1] >= 0 && q[1] <= w && q[2] >= 0 && q[2] <= h && sig >= 0.3 && sig <= Math.max(h, w)
                && sse(map, h, w, q) <= sse(map, h, w, p);
        return ok ? new GaussianFit(q[1], q[2], sig, q[0], q[4], "lm") : moments;
    }

    static double model(double[] p, double x, double y) {
        double s = Math.exp(p[3]);
        return p[4] + p[0] * Math.exp(-((x - p[1]) * (x - p[1]) + (y - p[2]) * (y - p[2])) / (2 * s * s));
    }

    static double sse(double[] map, int h, int w, double[] p) {
        double e = 0;
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                double r = map[i * w + j] - model(p, j + 0.5, i + 0.5);
                e += r * r;
            }
        return e;
    }

    private static double[] levenbergMarquardt(double[] map, int h, int w, double[] start) {
        double[] p = start.clone();
        double lambda = 1e-3, err = sse(map, h, w, p);
        for (int iter = 0; iter < 100; iter++) {
            double[][] jtj = new double[5][5];
            double[] jtr = new double[5];
            double s = Math.exp(p[3]);
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) {
                    double x = j + 0.5, y = i + 0.5, dx = x - p[1], dy = y - p[2];
                    double g = Math.exp(-(dx * dx + dy * dy) / (2 * s * s));
                    double r = map[i * w + j] - (p[4] + p[0] * g);
                    double[] jac = {g, p[0] * g * dx / (s * s), p[0] * g * dy / (s * s), p[0] * g * (dx * dx + dy * dy) / (s * s), 1};
                    for (int a = 0; a < 5; a++) {
                        jtr[a] += jac[a] * r;
                        for (int b = 0; b < 5; b++) jtj[a][b] += jac[a] * jac[b];
                    }
                }
            boolean improved = false;
            for (int tries = 0; tries < 10 && !improved; tries++) {
                double[][] m = new double[5][6];
                for (int a = 0; a < 5; a++) {
                    for (int b = 0; b < 5; b++) m[a][b] = jtj[a][b];
                    m[a][a] += lambda * (jtj[a][a] + 1e-12);
                    m[a][5] = jtr[a];
                }
                double[] d = solve(m);
                if (d == null) {
                    lambda *= 10;
                    continue;
                }
                double[] np = p.clone();
                for (int a = 0; a < 5; a++) np[a] += d[a];
                double ne = sse(map, h, w, np);
                if (ne < err) {
                    double rel = (err - ne) / Math.max(err, 1e-300);
                    p = np;
                    err = ne;
                    lambda = Math.max(lambda / 10, 1e-9);
                    improved = true;
                    if (rel < 1e-10) return p;
                } else lambda *= 10;
            }
            if (!improved) break;
        }
        return p;
    }

    /** Gaussian elimination with partial pivoting on an n x (n+1) augmented matrix; null if singular. */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
            if (!(Math.abs(m[piv][c]) > 1e-300)) return null;
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) s -= m[r][k] * x[k];
            x[r] = s / m[r][r];
        }
        return x;
    }
}
