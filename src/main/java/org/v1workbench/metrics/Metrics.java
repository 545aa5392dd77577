package org.v1workbench.metrics;

/**
 * The standard measures of how well a model predicts a neuron, as pure functions.
 *
 * <p>Shapes: {@code predicted} has one value per image; {@code repeats} is
 * {@code images x repeats} single-trial responses (spike counts per window), NaN where a repeat is
 * missing. Images whose repeats are all missing (or whose prediction is NaN) are left out.
 *
 * <p>CC_abs, CC_max and CC_norm follow Schoppe et al. (2016), "Measuring the performance of
 * neural models", Front. Comput. Neurosci. 10:10, exactly as their reference code
 * {@code calc_CCnorm.m} computes them: signal power
 * {@code SP = [Var(sum_n R_n) - sum_n Var(R_n)] / [N (N-1)]} with variances over images
 * normalised by T-1, and Var(y), Var(yhat), Cov(y, yhat) normalised by T. Where some repeats are
 * missing that formula does not apply; SP is then estimated per image,
 * {@code SP = Var(y) - mean_i(s_i^2 / N_i)} (s_i^2 the variance over the N_i repeats present),
 * which has the same expectation.
 *
 * <p>FEV and FEVE follow Cadena et al. (2019): FEV is the fraction of a neuron's single-trial
 * variance that the stimulus can explain, {@code (Var[y] - noise) / Var[y]}; FEVE is the fraction
 * of that explainable variance a model explains, {@code 1 - (MSE - noise) / (Var[y] - noise)},
 * with the MSE over single trials. FEVE, unlike the correlations, depends on the predictions'
 * scale: they must be in the units of the responses.
 */
public final class Metrics {
    private Metrics() {}

    /**
     * Pearson r between two equally long series, over the pairs where neither is NaN; NaN with
     * fewer than 2 such pairs or a constant series.
     *
     * @param a {@code [n]}
     * @param b {@code [n]}
     */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        double sa = 0, sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            sa += a[i];
            sb += b[i];
            n++;
        }
        if (n < 2) return Double.NaN;
        double ma = sa / n, mb = sb / n, cab = 0, caa = 0, cbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            double da = a[i] - ma, db = b[i] - mb;
            cab += da * db;
            caa += da * da;
            cbb += db * db;
        }
        if (caa == 0 || cbb == 0) return Double.NaN;
        return cab / Math.sqrt(caa * cbb);
    }

    /**
     * CC_abs: Pearson r between the prediction and the trial-averaged response.
     *
     * @param predicted    {@code [images]}
     * @param meanResponse {@code [images]} (see {@link #trialMeans}), NaN where an image has no repeat
     */
    public static double ccAbs(double[] predicted, double[] meanResponse) {
        return pearson(predicted, meanResponse);
    }

    /**
     * Trial averages, NaN where an image has no repeat.
     *
     * @param repeats {@code [images][repeats]}, NaN where a repeat is missing
     * @return {@code [images]}
     */
    public static double[] trialMeans(double[][] repeats) {
        double[] y = new double[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            double s = 0;
            int k = 0;
            for (double v : repeats[i]) if (!Double.isNaN(v)) { s += v; k++; }
            y[i] = k == 0 ? Double.NaN : s / k;
        }
        return y;
    }

    /**
     * Signal power (Sahani and Linden 2003) of {@code repeats} (images x repeats) over the images
     * where {@code use[i]}; NaN with fewer than 2 repeats or 2 images.
     */
    static double signalPower(double[][] repeats, boolean[] use) {
        int t = 0, nMax = 0;
        boolean complete = true;
        for (int i = 0; i < repeats.length; i++) {
            if (!use[i]) continue;
            t++;
            nMax = Math.max(nMax, repeats[i].length);
            for (double v : repeats[i]) if (Double.isNaN(v)) complete = false;
        }
        if (t < 2 || nMax < 2) return Double.NaN;
        if (complete) {
            int n = nMax;
            double[] sum = new double[t];
            double sumVarTrials = 0;
            for (int r = 0; r < n; r++) {
                double[] trial = new double[t];
                int k = 0;
                for (int i = 0; i < repeats.length; i++) if (use[i]) { trial[k] = repeats[i][r]; sum[k] += repeats[i][r]; k++; }
                sumVarTrials += variance(trial, 1);
            }
            return (variance(sum, 1) - sumVarTrials) / ((double) n * (n - 1));
        }
        double[] y = new double[t];
        double noise = 0;
        int k = 0;
        for (int i = 0; i < repeats.length; i++) {
            if (!use[i]) continue;
            double s = 0, ss = 0;
            int m = 0;
            for (double v : repeats[i]) if (!Double.isNaN(v)) { s += v; ss += v * v; m++; }
            y[k++] = s / m;
            if (m >= 2) noise += (ss - s * s / m) / (m - 1) / m;
        }
        return variance(y, 1) - noise / t;
    }

    /** The images that enter a score: some repeat present and, if given, a finite prediction. */
    static boolean[] usable(double[][] repeats, double[] predicted) {
        boolean[] use = new boolean[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            boolean any = false;
            for (double v : repeats[i]) if (!Double.isNaN(v)) { any = true; break; }
            use[i] = any && (predicted == null || !Double.isNaN(predicted[i]));
        }
        return use;
    }

    /**
     * CC_max: the highest correlation any model can reach given the trial-to-trial noise.
     * 0 where the signal power estimate is not positive (Schoppe's convention); NaN with fewer
     * than 2 repeats.
     *
     * @param repeats {@code [images][repeats]}, NaN where a repeat is missing
     */
    public static double ccMax(double[][] repeats) {
        boolean[] use = usable(repeats, null);
        double sp = signalPower(repeats, use);
        if (Double.isNaN(sp)) return Double.NaN;
        if (sp <= 0) return 0;
        double vy = variance(select(trialMeans(repeats), use), 0);
        return vy == 0 ? Double.NaN : Math.sqrt(sp / vy);
    }

    /**
     * CC_norm = Cov(y, yhat) / sqrt(SP Var(yhat)) = CC_abs / CC_max. NaN where the signal power
     * is not positive or there are fewer than 2 repeats.
     *
     * @param predicted {@code [images]}
     * @param repeats   {@code [images][repeats]}, NaN where a repeat is missing
     */
    public static double ccNorm(double[] predicted, double[][] repeats) {
        check(predicted, repeats);
        boolean[] use = usable(repeats, predicted);
        double sp = signalPower(repeats, use);
        if (!(sp > 0)) return Double.NaN;
        double[] y = select(trialMeans(repeats), use), yhat = select(predicted, use);
        double vyhat = variance(yhat, 0);
        if (vyhat == 0) return Double.NaN;
        return covariance(y, yhat) / Math.sqrt(sp * vyhat);
    }

    /**
     * Oracle correlation: each single trial predicted by the mean of the other repeats of its
     * image (leave one repeat out), Pearson r pooled over all trials of images with 2 or more
     * repeats.
     *
     * @param repeats {@code [images][repeats]}, NaN where a repeat is missing
     */
    public static double oracle(double[][] repeats) {
        int count = 0;
        for (double[] row : repeats) {
            int m = present(row);
            if (m >= 2) count += m;
        }
        double[] trial = new double[count], loo = new double[count];
        int k = 0;
        for (double[] row : repeats) {
            int m = present(row);
            if (m < 2) continue;
            double s = 0;
            for (double v : row) if (!Double.isNaN(v)) s += v;
            for (double v : row) {
                if (Double.isNaN(v)) continue;
                trial[k] = v;
                loo[k] = (s - v) / (m - 1);
                k++;
            }
        }
        return pearson(trial, loo);
    }

    /** Noise variance: the mean over images (with 2+ repeats) of the variance across repeats. */
    static double noiseVariance(double[][] repeats, boolean[] use) {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < repeats.length; i++) {
            if (!use[i] || present(repeats[i]) < 2) continue;
            sum += variance(presentValues(repeats[i]), 1);
            k++;
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** Total variance of all single trials of the images in use (normalised by count - 1). */
    static double trialVariance(double[][] repeats, boolean[] use) {
        java.util.List<Double> all = new java.util.ArrayList<>();
        for (int i = 0; i < repeats.length; i++) if (use[i]) for (double v : repeats[i]) if (!Double.isNaN(v)) all.add(v);
        return variance(all.stream().mapToDouble(Double::doubleValue).toArray(), 1);
    }

    /**
     * FEV: fraction of the single-trial variance that is explainable (not trial-to-trial noise).
     * NaN where no image has 2 repeats or the trials do not vary.
     *
     * @param repeats {@code [images][repeats]}, NaN where a repeat is missing
     */
    public static double fev(double[][] repeats) {
        boolean[] use = usable(repeats, null);
        double noise = noiseVariance(repeats, use), total = trialVariance(repeats, use);
        if (Double.isNaN(noise) || !(total > 0)) return Double.NaN;
        return (total - noise) / total;
    }

    /**
     * FEVE: fraction of the explainable variance that the prediction explains (single-trial MSE).
     * NaN where there is no explainable variance.
     *
     * @param predicted {@code [images]}, in the responses' units
     * @param repeats   {@code [images][repeats]}, NaN where a repeat is missing
     */
    public static double feve(double[] predicted, double[][] repeats) {
        check(predicted, repeats);
        boolean[] use = usable(repeats, predicted);
        double noise = noiseVariance(repeats, use), total = trialVariance(repeats, use);
        if (Double.isNaN(noise) || !(total - noise > 0)) return Double.NaN;
        double se = 0;
        int k = 0;
        for (int i = 0; i < repeats.length; i++) {
            if (!use[i]) continue;
            for (double v : repeats[i]) if (!Double.isNaN(v)) { double d = v - predicted[i]; se += d * d; k++; }
        }
        return 1 - (se / k - noise) / (total - noise);
    }

    private static void check(double[] predicted, double[][] repeats) {
        if (predicted.length != repeats.length)
            throw new IllegalArgumentException(predicted.length + " predictions for " + repeats.length + " images");
    }

    private static int present(double[] row) {
        int m = 0;
        for (double v : row) if (!Double.isNaN(v)) m++;
        return m;
    }

    private static double[] presentValues(double[] row) {
        return java.util.Arrays.stream(row).filter(v -> !Double.isNaN(v)).toArray();
    }

    static double[] select(double[] v, boolean[] use) {
        int n = 0;
        for (boolean u : use) if (u) n++;
        double[] out = new double[n];
        int k = 0;
        for (int i = 0; i < v.length; i++) if (use[i]) out[k++] = v[i];
        return out;
    }

    /** Variance normalised by {@code n - ddof}. */
    static double variance(double[] v, int ddof) {
        if (v.length - ddof <= 0) return Double.NaN;
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return s / (v.length - ddof);
    }

    /** Covariance normalised by n. */
    static double covariance(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.length;
        mb /= b.length;
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
        return s / a.length;
    }
}
