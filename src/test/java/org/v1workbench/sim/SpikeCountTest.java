package org.v1workbench.sim;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spike counts across repeats: Poisson (variance over mean near 1) by default, over-dispersed
 * (variance = mean + phi mean^2) on request, and centred on the expected counts of true_rates.
 */
class SpikeCountTest {
    private static SimulationSettings small(double phi) {
        return SimulationSettings.defaults().withImages(120).withNeurons(12).withRepeats(40).withSize(32).withSeed(17).withOverdispersion(phi);
    }

    /** Mean over (image, neuron) pairs with expected count >= 0.5 of the across-repeat variance / mean, and of the expected count. */
    private static double[] fano(Simulation sim) {
        var d = sim.dataset();
        double sumFano = 0, sumMean = 0;
        int pairs = 0;
        for (int i = 0; i < d.images(); i++)
            for (int n = 0; n < d.neuronCount(); n++) {
                double mu = sim.trueCount(i, n);
                if (mu < 0.5) continue;
                double m = 0, v = 0;
                for (int r = 0; r < d.repeats(); r++) m += d.response(i, r, n);
                m /= d.repeats();
                for (int r = 0; r < d.repeats(); r++) v += (d.response(i, r, n) - m) * (d.response(i, r, n) - m);
                v /= d.repeats() - 1;
                if (m > 0) {
                    sumFano += v / m;
                    sumMean += mu;
                    pairs++;
                }
            }
        return new double[]{sumFano / pairs, sumMean / pairs, pairs};
    }

    @Test
    void poissonCountsHaveFanoFactorNearOne() {
        double[] f = fano(Simulator.run(small(0)));
        System.out.printf("Poisson: mean variance/mean across repeats = %.3f over %d image-neuron pairs (mean expected count %.2f)%n", f[0], (int) f[2], f[1]);
        assertTrue(f[2] > 300, "enough pairs to judge: " + f[2]);
        assertEquals(1.0, f[0], 0.06);
    }

    @Test
    void overdispersedCountsHaveFanoFactorOnePlusPhiMean() {
        double phi = 0.5;
        Simulation sim = Simulator.run(small(phi));
        double[] f = fano(sim);
        // Expected Fano factor of gamma-Poisson counts: 1 + phi * mean, averaged over the same pairs.
        var d = sim.dataset();
        double expected = 0;
        int pairs = 0;
        for (int i = 0; i < d.images(); i++)
            for (int n = 0; n < d.neuronCount(); n++) {
                double mu = sim.trueCount(i, n), m = 0;
                for (int r = 0; r < d.repeats(); r++) m += d.response(i, r, n);
                if (mu < 0.5 || m == 0) continue;
                expected += 1 + phi * mu;
                pairs++;
            }
        expected /= pairs;
        System.out.printf("gamma-Poisson (phi %.1f): mean variance/mean = %.3f, expected 1 + phi mu = %.3f%n", phi, f[0], expected);
        assertTrue(f[0] > 1.2, "over-dispersed: " + f[0]);
        assertEquals(expected, f[0], 0.1 * expected);
    }

    @Test
    void trialAveragesConvergeOnTheExpectedCounts() {
        Simulation sim = Simulator.run(small(0));
        var d = sim.dataset();
        double observed = 0, expected = 0;
        for (int i = 0; i < d.images(); i++)
            for (int n = 0; n < d.neuronCount(); n++) {
                for (int r = 0; r < d.repeats(); r++) observed += d.response(i, r, n);
                expected += d.repeats() * sim.trueCount(i, n);
            }
        // Poisson: the total is Poisson with mean = expected total, so its sd is sqrt(expected).
        double z = (observed - expected) / Math.sqrt(expected);
        System.out.printf("total spikes %.0f, expected %.1f (z = %.2f)%n", observed, expected, z);
        assertTrue(Math.abs(z) < 4, "z " + z);
        // And the window: expected count = rate (Hz) x window.
        float[] img = java.util.Arrays.copyOfRange(d.stimuliArray(), 0, 32 * 32);
        assertEquals(sim.population().neuron(3).expectedRate(img) * 0.1, sim.trueCount(0, 3), 1e-5);
    }

    @Test
    void samplersHaveTheRightMoments() {
        Random r = new Random(1);
        for (double lambda : new double[]{0.3, 3.7, 45}) {
            int n = 40000;
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                int k = Rng.poisson(r, lambda);
                s += k;
                s2 += (double) k * k;
            }
            double mean = s / n, var = s2 / n - mean * mean;
            assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "Poisson mean at " + lambda);
            assertEquals(lambda, var, 0.05 * lambda + 0.01, "Poisson variance at " + lambda);
        }
        for (double shape : new double[]{0.5, 2, 10}) {
            int n = 40000;
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                double g = Rng.gamma(r, shape);
                s += g;
                s2 += g * g;
            }
            double mean = s / n, var = s2 / n - mean * mean;
            assertEquals(shape, mean, 5 * Math.sqrt(shape / n), "gamma mean at shape " + shape);
            assertEquals(shape, var, 0.06 * shape, "gamma variance at shape " + shape);
        }
    }
}
