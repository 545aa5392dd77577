package org.v1workbench.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The metrics against independent computations on data whose signal and noise are known: a
 * Gaussian signal mu_i over images plus independent noise on each repeat.
 */
public class MetricsTest {
    /** repeats[i][r] = mu[i] + noise; returns {mu, repeats...} packed as a small holder. */
    record Generated(double[] mu, double[][] repeats) {}

    static Generated generate(int images, int repeats, double noiseSd, long seed) {
        Random rnd = new Random(seed);
        double[] mu = new double[images];
        double[][] r = new double[images][repeats];
        for (int i = 0; i < images; i++) {
            mu[i] = 5 + 2 * rnd.nextGaussian();
            for (int k = 0; k < repeats; k++) r[i][k] = mu[i] + noiseSd * rnd.nextGaussian();
        }
        return new Generated(mu, r);
    }

    /**
     * Schoppe et al.'s calc_CCnorm.m transcribed with R as N x T (trials x images), written
     * independently of Metrics (column sums and MATLAB's var with T-1).
     */
    public static double[] schoppeReference(double[][] repeatsImagesByTrials, double[] yhat) {
        int t = repeatsImagesByTrials.length, n = repeatsImagesByTrials[0].length;
        double[][] R = new double[n][t];
        for (int i = 0; i < t; i++) for (int k = 0; k < n; k++) R[k][i] = repeatsImagesByTrials[i][k];
        double[] y = new double[t], colSum = new double[t];
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < n; k++) colSum[i] += R[k][i];
            y[i] = colSum[i] / n;
        }
        double ey = mean(y), eyhat = mean(yhat), vy = 0, vyhat = 0, c = 0;
        for (int i = 0; i < t; i++) {
            vy += (y[i] - ey) * (y[i] - ey) / t;
            vyhat += (yhat[i] - eyhat) * (yhat[i] - eyhat) / t;
            c += (y[i] - ey) * (yhat[i] - eyhat) / t;
        }
        double sumVar = 0;
        for (int k = 0; k < n; k++) sumVar += matlabVar(R[k]);
        double sp = (matlabVar(colSum) - sumVar) / (n * (n - 1.0));
        return new double[]{c / Math.sqrt(vy * vyhat), Math.sqrt(sp / vy), c / Math.sqrt(sp * vyhat)};
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static double matlabVar(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return s / (v.length - 1);
    }

    @Test
    void matchesSchoppeReferenceCodeToHighPrecision() {
        Generated g = generate(300, 8, 3.0, 1);
        Random rnd = new Random(2);
        double[] yhat = new double[300];
        for (int i = 0; i < 300; i++) yhat[i] = g.mu()[i] + rnd.nextGaussian();
        double[] ref = schoppeReference(g.repeats(), yhat);
        assertEquals(ref[0], Metrics.ccAbs(yhat, Metrics.trialMeans(g.repeats())), 1e-12);
        assertEquals(ref[1], Metrics.ccMax(g.repeats()), 1e-12);
        assertEquals(ref[2], Metrics.ccNorm(yhat, g.repeats()), 1e-12);
        assertEquals(ref[2], ref[0] / ref[1], 1e-12, "CC_norm = CC_abs / CC_max");
    }

    @Test
    void perfectPredictorScoresNearOneWhateverTheNoise() {
        for (double noise : new double[]{0.5, 2, 6}) {
            Generated g = generate(4000, 10, noise, 3);
            double ccNorm = Metrics.ccNorm(g.mu(), g.repeats());
            assertEquals(1.0, ccNorm, 0.05, "noise sd " + noise);
            // CC_abs falls with the noise while CC_norm does not: the ceiling is what moves.
            double expectedCcMax = Math.sqrt(4.0 / (4.0 + noise * noise / 10));
            assertEquals(expectedCcMax, Metrics.ccMax(g.repeats()), 0.03, "CC_max at noise sd " + noise);
            assertEquals(expectedCcMax, Metrics.ccAbs(g.mu(), Metrics.trialMeans(g.repeats())), 0.03);
        }
    }

    @Test
    void predictorOfPureNoiseScoresNearZero() {
        Generated g = generate(4000, 10, 2, 4);
        Random rnd = new Random(5);
        double[] noise = new double[4000];
        for (int i = 0; i < noise.length; i++) noise[i] = rnd.nextGaussian();
        assertEquals(0, Metrics.ccNorm(noise, g.repeats()), 0.05);
        assertEquals(0, Metrics.ccAbs(noise, Metrics.trialMeans(g.repeats())), 0.05);
    }

    @Test
    void missingRepeatsUseThePerImageEstimatorAndStayUnbiased() {
        Generated g = generate(4000, 10, 3, 6);
        double complete = Metrics.ccNorm(g.mu(), g.repeats());
        Random rnd = new Random(7);
        for (double[] row : g.repeats()) for (int k = 0; k < row.length; k++) if (rnd.nextDouble() < 0.3) row[k] = Double.NaN;
        double[][] rows = g.repeats();
        rows[0] = new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        double withGaps = Metrics.ccNorm(g.mu(), rows);
        assertEquals(1.0, withGaps, 0.05);
        assertEquals(complete, withGaps, 0.05);
    }

    @Test
    void signalPowerNotPositiveGivesZeroCcMaxAndNaNCcNorm() {
        // Two repeats that always sum to the same value: Var(R1 + R2) = 0, so SP < 0.
        Random rnd = new Random(8);
        double[][] r = new double[50][];
        double[] yhat = new double[50];
        for (int i = 0; i < 50; i++) {
            double a = rnd.nextGaussian();
            r[i] = new double[]{3 + a, 3 - a};
            yhat[i] = i;
        }
        assertEquals(0.0, Metrics.ccMax(r));
        assertTrue(Double.isNaN(Metrics.ccNorm(yhat, r)));
    }

    @Test
    void oracleCorrelationIsLeaveOneRepeatOut() {
        double[][] r = {{1, 2, 3}, {4, 4, 7}, {0, 1, 1}, {9, 8, 10}};
        // Hand computation: each trial against the mean of the other two of its image.
        double[] trial = {1, 2, 3, 4, 4, 7, 0, 1, 1, 9, 8, 10};
        double[] loo = {2.5, 2, 1.5, 5.5, 5.5, 4, 1, 0.5, 0.5, 9, 9.5, 8.5};
        assertEquals(Metrics.pearson(trial, loo), Metrics.oracle(r), 1e-12);
        assertTrue(Metrics.oracle(r) > 0.8);
    }

    @Test
    void fevAndFeveAgreeWithTheirDefinitions() {
        Generated g = generate(3000, 10, 2, 9);
        // Signal variance 4, noise variance 4: FEV = 4 / 8.
        assertEquals(0.5, Metrics.fev(g.repeats()), 0.03);
        // The true mean explains all explainable variance; a constant explains none.
        assertEquals(1.0, Metrics.feve(g.mu(), g.repeats()), 0.03);
        double[] constant = new double[3000];
        java.util.Arrays.fill(constant, 5);
        assertEquals(0.0, Metrics.feve(constant, g.repeats()), 0.05);
    }

    /**
     * FEV and FEVE by hand on 3 images x 2 repeats, {@code [1, 3], [4, 4], [5, 9]}, predicted
     * {@code 0, 5, 5}: noise = mean of the per-image variances (2, 0, 8) = 10/3; the 6 trials
     * (mean 13/3, squared deviations 318/9) have variance 106/15; single-trial MSE = (10 + 2 + 16) / 6
     * = 14/3. FEV = (106/15 - 10/3) / (106/15) = 28/53; FEVE = 1 - (14/3 - 10/3) / (106/15 - 10/3) = 9/14.
     */
    @Test
    void fevAndFeveEqualAHandComputation() {
        double[][] r = {{1, 3}, {4, 4}, {5, 9}};
        double[] p = {0, 5, 5};
        assertEquals(28.0 / 53, Metrics.fev(r), 1e-12);
        assertEquals(9.0 / 14, Metrics.feve(p, r), 1e-12);
    }

    /**
     * The same with a fourth image {@code [6, missing]} predicted 6: it counts in the trial
     * variance and the MSE but not in the noise (one repeat). Noise 10/3; the 7 trials (sum 32,
     * squares 184) have variance (184 - 32^2/7) / 6 = 44/7; MSE = 28/7 = 4. FEV = (44/7 - 10/3) / (44/7)
     * = 31/66; FEVE = 1 - (4 - 10/3) / (44/7 - 10/3) = 24/31.
     */
    @Test
    void fevAndFeveWithAMissingRepeatEqualAHandComputation() {
        double[][] r = {{1, 3}, {4, 4}, {5, 9}, {6, Double.NaN}};
        double[] p = {0, 5, 5, 6};
        assertEquals(31.0 / 66, Metrics.fev(r), 1e-12);
        assertEquals(24.0 / 31, Metrics.feve(p, r), 1e-12);
    }

    @Test
    void populationSummaryIsMeanAndStandardError() {
        PopulationSummary s = PopulationSummary.of(new double[]{0.2, 0.4, Double.NaN, 0.6});
        assertEquals(3, s.neurons());
        assertEquals(0.4, s.mean(), 1e-12);
        assertEquals(0.2 / Math.sqrt(3), s.sem(), 1e-12);
        assertEquals(0, PopulationSummary.of(new double[]{Double.NaN}).neurons());
    }

    @Test
    void pearsonSkipsMissingPairsAndRejectsMismatchedLengths() {
        assertEquals(1.0, Metrics.pearson(new double[]{1, 2, Double.NaN, 4}, new double[]{2, 4, 100, 8}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.pearson(new double[2], new double[3]));
        assertTrue(Double.isNaN(Metrics.pearson(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
    }
}
