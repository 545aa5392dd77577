package org.v1workbench.probe;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Tier;
import org.v1workbench.data.importers.Pvc8ProcessedImporter;
import org.v1workbench.model.PixelRidge;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The probe end to end on real images: a pixel ridge model fitted to one shared pvc-8 session
 * (skipped where the data are absent). A linear model has known answers: its input gradient is
 * its weight map at every image, the white-noise STA estimates the same map, and gratings
 * modulate it around the blank without raising its mean, so no neuron can come out complex.
 * The report stays in target/probe-pvc8-ridge-report for looking at.
 */
class ProbesOnPvc8RidgeTest {
    static final Path SHARED = Path.of("../shared/data/pvc8-processed");
    static Dataset session;
    static LinearModel model;
    static ProbeResult result;

    /** rate_n = b_n + sum_k w_nk (pixel_k - mean) / sd, from a pixel ridge fit. */
    record LinearModel(int h, int w, double mean, double sd, double[][] weights, double[] bias) implements ResponseModel {
        static LinearModel of(PixelRidge.Fit f, int h, int w) {
            int p = h * w, nn = f.responseMean().length;
            double[][] wt = new double[nn][p];
            for (int t = 0; t < f.trainX().length; t++)
                for (int n = 0; n < nn; n++)
                    for (int k = 0; k < p; k++) wt[n][k] += f.trainX()[t][k] * f.dual()[t][n];
            return new LinearModel(h, w, f.pixelMean(), f.pixelSd(), wt, f.responseMean());
        }

        @Override public int neurons() { return bias.length; }
        @Override public int height() { return h; }
        @Override public int width() { return w; }

        @Override
        public double[][] rates(float[] images, int count) {
            int p = h * w;
            double[][] out = new double[count][bias.length];
            for (int i = 0; i < count; i++)
                for (int n = 0; n < bias.length; n++) {
                    double s = bias[n];
                    for (int k = 0; k < p; k++) s += weights[n][k] * (images[i * p + k] - mean) / sd;
                    out[i][n] = s;
                }
            return out;
        }

        @Override
        public float[][] inputGradients(float[] images, int count, int[] neurons) {
            int p = h * w;
            float[][] out = new float[neurons.length][count * p];
            for (int q = 0; q < neurons.length; q++)
                for (int i = 0; i < count; i++)
                    for (int k = 0; k < p; k++) out[q][i * p + k] = (float) (weights[neurons[q]][k] / sd);
            return out;
        }
    }

    @BeforeAll
    static void fitAndProbe() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "shared pvc-8 data not found at " + SHARED.toAbsolutePath() + ": skipped");
        Dataset all = new Pvc8ProcessedImporter().load(SHARED, ImportOptions.defaults());
        session = all.selectNeurons(all.neuronsOf("01"));
        PixelRidge.Fit fit = PixelRidge.fit(session, session.tiers().indices(Tier.TRAIN), session.tiers().indices(Tier.VALIDATION));
        model = LinearModel.of(fit, session.height(), session.width());
        ProbeSettings s = ProbeSettings.defaults().toBuilder().gradientImages(50).noiseImages(8000).meiSteps(40)
                .figureNeurons(12).rateScale(1 / session.windowSeconds()).build();
        long t0 = System.nanoTime();
        String[] last = {""};
        result = Probes.probe(model, session, s, (stage, done, total) -> {
            if (!stage.equals(last[0])) System.out.printf("%6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, stage);
            last[0] = stage;
        });
        System.out.printf("%6.1f s  report%n", (System.nanoTime() - t0) / 1e9);
        ProbeReport.write(result, session, Path.of("target", "probe-pvc8-ridge-report"));
        System.out.printf("pixel ridge (lambda %.0g) on session 01, %d neurons: probed in %.1f s%n", fit.lambda(),
                session.neuronCount(), (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void gradientRfIsTheWeightMapAndTheStaEstimatesIt() {
        int good = 0;
        for (NeuronProbe n : result.neurons()) {
            double[] wt = model.weights()[n.index()];
            assertTrue(ImageOps.correlation(n.rf().gradient(), wt) > 0.9999, n.id());
            double r = ImageOps.correlation(n.rf().sta(), wt);
            if (r > 0.5) good++;
        }
        // Stein: E[r(s)(s - mu)] / sigma^2 = w / sd exactly for a linear model; the estimate's noise
        // depends on how much of the weight map is structure rather than pixel noise.
        assertTrue(good >= result.neurons().size() / 2, good + " of " + result.neurons().size() + " STAs correlate above 0.5");
    }

    @Test
    void aLinearModelIsNeverComplex() {
        for (NeuronProbe n : result.neurons()) {
            assertNotEquals(CellClass.COMPLEX, n.tuning().cellClass(), n.id());
            // Sinusoids average to the blank over a cycle of phase: F0 is zero up to rounding.
            assertEquals(0, n.tuning().f0(), 1e-6 * Math.max(Math.abs(n.tuning().blank()), n.tuning().f1()), n.id());
            assertTrue(Double.isNaN(n.tuning().f1f0()), n.id() + ": F1/F0 of a linear cell is undefined, not " + n.tuning().f1f0());
        }
    }
}
