package org.v1workbench.metrics;

import java.util.Arrays;

/**
 * Wilcoxon's signed-rank test of paired scores (two models' CC on the same neurons): is one
 * model better on the typical neuron? Pairs with a NaN and zero differences are dropped
 * (Wilcoxon's convention); ties share their mean rank. Exact p-value from the null distribution
 * of W+ for up to 30 pairs without ties, else the normal approximation with the tie correction
 * (no continuity correction, as scipy.stats.wilcoxon's default).
 *
 * @param n         pairs used (non-zero, finite differences)
 * @param wPlus     sum of the ranks of the positive differences (a > b)
 * @param z         standardised W+ (NaN where the exact distribution was used)
 * @param p         two-sided p-value
 * @param meanDiff  mean of a - b over the pairs used and the zero pairs
 * @param fractionAGreater fraction of non-zero pairs where a > b
 */
public record PairedTest(int n, double wPlus, double z, double p, double meanDiff, double fractionAGreater) {

    /**
     * Wilcoxon signed-rank test of {@code a} against {@code b}, paired by index.
     *
     * @param a {@code [neurons]}, one model's score per neuron (NaN: pair dropped)
     * @param b {@code [neurons]}, the other model's on the same neurons
     */
    public static PairedTest wilcoxon(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired samples differ in length: " + a.length + " and " + b.length);
        double[] all = new double[a.length];
        int finite = 0, nonZero = 0;
        double sumDiff = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            double d = a[i] - b[i];
            sumDiff += d;
            finite++;
            if (d != 0) all[nonZero++] = d;
        }
        double[] d = Arrays.copyOf(all, nonZero);
        int n = d.length;
        if (n == 0) return new PairedTest(0, 0, Double.NaN, Double.NaN, finite == 0 ? Double.NaN : 0, Double.NaN);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(Math.abs(d[x]), Math.abs(d[y])));
        double[] rank = new double[n];
        double tieTerm = 0;
        boolean ties = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) j++;
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[order[k]] = r;
            int t = j - i + 1;
            if (t > 1) {
                ties = true;
                tieTerm += (double) t * t * t - t;
            }
            i = j + 1;
        }
        double wPlus = 0;
        int positive = 0;
        for (int i = 0; i < n; i++) if (d[i] > 0) { wPlus += rank[i]; positive++; }
        double meanDiff = sumDiff / finite, fraction = (double) positive / n;
        if (n <= 30 && !ties) return new PairedTest(n, wPlus, Double.NaN, exactP(n, (int) Math.round(wPlus)), meanDiff, fraction);
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        double z = var > 0 ? (wPlus - mean) / Math.sqrt(var) : 0;
        return new PairedTest(n, wPlus, z, Math.min(1, 2 * normalUpperTail(Math.abs(z))), meanDiff, fraction);
    }

    /** Two-sided exact p of W+ = w among n untied ranks: counts of subsets of 1..n by their sum. */
    static double exactP(int n, int w) {
        int max = n * (n + 1) / 2;
        double[] count = new double[max + 1];
        count[0] = 1;
        for (int r = 1; r <= n; r++)
            for (int s = max; s >= r; s--) count[s] += count[s - r];
        double total = Math.pow(2, n);
        int lowTail = Math.min(w, max - w);
        double tail = 0;
        for (int s = 0; s <= lowTail; s++) tail += count[s];
        return Math.min(1, 2 * tail / total);
    }

    /** P(Z > z) for a standard normal Z (erfc to about 1e-7 relative, Numerical Recipes' erfcc). */
    static double normalUpperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** "p = 0.0031 (Wilcoxon signed-rank, n = 221)". */
    public String format() {
        if (n == 0) return "n/a (no pairs)";
        String ps = p < 1e-4 ? String.format(java.util.Locale.ROOT, "%.1e", p) : String.format(java.util.Locale.ROOT, "%.4f", p);
        return "p = " + ps + " (Wilcoxon signed-rank, n = " + n + ")";
    }
}
