package org.v1workbench.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The signed-rank test against brute-force enumeration of every sign flip (the test's definition). */
class PairedTestTest {
    /** Two-sided p by enumerating all 2^n sign assignments of the ranks 1..n. */
    static double bruteForceP(double[] diffs) {
        int n = diffs.length;
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) abs[i] = Math.abs(diffs[i]);
        double[] sorted = abs.clone();
        java.util.Arrays.sort(sorted);
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = 0, hi = 0;
            for (double s : sorted) { if (s < abs[i]) lo++; if (s <= abs[i]) hi++; }
            rank[i] = (lo + 1 + hi) / 2.0;
        }
        double w = 0, total = 0;
        for (int i = 0; i < n; i++) { total += rank[i]; if (diffs[i] > 0) w += rank[i]; }
        double centre = total / 2, observed = Math.abs(w - centre);
        long extreme = 0, all = 1L << n;
        for (long mask = 0; mask < all; mask++) {
            double s = 0;
            for (int i = 0; i < n; i++) if ((mask >> i & 1) == 1) s += rank[i];
            if (Math.abs(s - centre) >= observed - 1e-9) extreme++;
        }
        return (double) extreme / all;
    }

    @Test
    void exactPMatchesEnumerationForSmallSamples() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rnd.nextInt(10);
            double[] a = new double[n], b = new double[n], d = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextGaussian() + 0.4;
                b[i] = rnd.nextGaussian();
                d[i] = a[i] - b[i];
            }
            assertEquals(bruteForceP(d), PairedTest.wilcoxon(a, b).p(), 1e-12, "n = " + n);
        }
    }

    @Test
    void normalApproximationAgreesWithEnumerationAtModerateSize() {
        Random rnd = new Random(2);
        int n = 20;
        double[] a = new double[n], b = new double[n], d = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.round(rnd.nextGaussian() * 4 + 1) / 4.0; // quarter steps: ties on purpose
            b[i] = 0.1 * (i % 3) + 0.01;
            d[i] = a[i] - b[i];
        }
        PairedTest t = PairedTest.wilcoxon(a, b);
        assertFalse(Double.isNaN(t.z()), "ties force the normal approximation");
        assertEquals(bruteForceP(d), t.p(), 0.02);
    }

    @Test
    void clearDifferencesAreSignificantAndNoneAreNot() {
        Random rnd = new Random(3);
        double[] a = new double[200], b = new double[200], same = new double[200];
        for (int i = 0; i < 200; i++) {
            b[i] = rnd.nextDouble();
            a[i] = b[i] + 0.05 + 0.02 * rnd.nextGaussian();
            same[i] = b[i] + 0.02 * rnd.nextGaussian();
        }
        PairedTest better = PairedTest.wilcoxon(a, b);
        assertTrue(better.p() < 1e-10, better.format());
        assertEquals(0.05, better.meanDiff(), 0.01);
        assertTrue(PairedTest.wilcoxon(same, b).p() > 0.01);
    }

    @Test
    void nanPairsAndZeroDifferencesAreDropped() {
        PairedTest t = PairedTest.wilcoxon(new double[]{1, 2, Double.NaN, 4, 5}, new double[]{0, 2, 1, 3, 4});
        assertEquals(3, t.n());
        assertEquals(1.0, t.fractionAGreater());
    }
}
