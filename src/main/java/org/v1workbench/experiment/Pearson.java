package org.v1workbench.experiment;

/**
 * Correlation measures used while {@code org.v1workbench.metrics} is not yet merged; to be
 * replaced by {@code Metrics.ccAbs / ccMax / ccNorm} (same definitions).
 */
public final class Pearson {
    private Pearson() {}

    /** Pearson r over the pairs where both values are finite; NaN when fewer than 2 or no variance. */
    public static double r(double[] a, double[] b) {
        double sa = 0, sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++)
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        if (n < 2) return Double.NaN;
        double ma = sa / n, mb = sb / n, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++)
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                double da = a[i] - ma, db = b[i] - mb;
                sab += da * db;
                saa += da * da;
                sbb += db * db;
            }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    /**
     * CC_max of Schoppe et al. (2016) from repeats {@code images x repeats} (NaN = missing;
     * images need all repeats, images with any missing repeat are skipped): sqrt of signal power
     * over the variance of the trial mean. NaN below 2 repeats or without signal power.
     */
    public static double ccMax(double[][] repeats) {
        int r = repeats.length == 0 ? 0 : repeats[0].length;
        if (r < 2) return Double.NaN;
        java.util.List<double[]> full = new java.util.ArrayList<>();
        for (double[] row : repeats) {
            boolean ok = true;
            for (double v : row) ok &= Double.isFinite(v);
            if (ok) full.add(row);
        }
        int m = full.size();
        if (m < 2) return Double.NaN;
        double[] sum = new double[m];
        double sumOfVars = 0;
        for (int k = 0; k < r; k++) {
            double[] col = new double[m];
            for (int i = 0; i < m; i++) {
                col[i] = full.get(i)[k];
                sum[i] += col[i];
            }
            sumOfVars += variance(col);
        }
        double sp = (variance(sum) - sumOfVars) / (r * (r - 1.0));
        double[] mean = new double[m];
        for (int i = 0; i < m; i++) mean[i] = sum[i] / r;
        double vm = variance(mean);
        if (!(sp > 0) || !(vm > 0)) return Double.NaN;
        return Math.min(1.0, Math.sqrt(sp / vm));
    }

    static double variance(double[] x) {
        double m = 0;
        for (double v : x) m += v;
        m /= x.length;
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }
}
