package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The Gaussian readout: bilinear reads at learned positions, jittered in training, and its gradients. */
class GaussianReadoutTest {
    static final int SIZE = 12, NEURONS = 3, BATCH = 5;

    static Network tiny() {
        ModelConfig c = Presets.config("core-readout", Map.of("filters", "3", "first_size", "5", "size", "3", "layers", "2",
                "laplace", "0.05", "l1_features", "0.03", "init_sd", "0.3", "readout", "gaussian", "init_sigma", "0.4"), 7);
        return Network.create(c, GradientCheckTest.spec(), DataType.DOUBLE);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithTheReadPositionJittered() {
        Network net = tiny();
        net.ensureGradients();
        float[][] b = GradientCheckTest.batch();
        Map<String, INDArray> ph = net.placeholders(b[0], BATCH, b[1], b[2]);
        // a training draw of the position noise (zeros would leave sigma without a gradient)
        ph.put(Layers.POSITION_NOISE, Nd4j.create(new double[]{0.7, -1.2, 0.3, -0.4, 0.9, 1.5}, new long[]{2, NEURONS}, 'c'));
        SameDiff sd = net.graph();
        List<String> params = new ArrayList<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) params.add(v.name());
        assertTrue(params.containsAll(List.of("readout_mu", "readout_sigma", "features", "readout_b")), "parameters: " + params);
        assertFalse(params.contains("mask"));
        Map<String, INDArray> grads = sd.calculateGradients(ph, params);
        double h = 1e-6;
        int nonZero = 0;
        for (String p : List.of("readout_mu", "readout_sigma", "features", "conv2_w")) {
            INDArray arr = sd.getVariable(p).getArr();
            for (long i = 0; i < Math.min(arr.length(), 9); i++) {
                double numeric = GradientCheckTest.centralDifference(sd, ph, arr, i, h), analytic = grads.get(p).getDouble(i);
                assertEquals(numeric, analytic, 1e-7 + 1e-5 * Math.abs(numeric), p + "[" + i + "]");
                if (p.startsWith("readout") && Math.abs(analytic) > 1e-6) nonZero++;
            }
        }
        assertTrue(nonZero >= 6, "position and spread gradients: " + nonZero + " non-zero");
    }

    /** softplus^-1: the drive behind a predicted count. */
    static double drive(double rate) {
        return Math.log(Math.expm1(rate));
    }

    @Test
    void aPositionBetweenTwoGridPixelsReadsTheirAverage() {
        Network net = tiny();
        INDArray mu = net.graph().getVariable("readout_mu").getArr();   // 2 x neurons, rows x and y, in [-1, 1]
        // The core's grid is 12 - 4 - 2 = 6 pixels wide: pixel i sits at -1 + 2i/5.
        Random r = new Random(5);
        float[] x = new float[2 * SIZE * SIZE];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        double[][] at = new double[3][];
        double[] xs = {-1 + 2 * 2 / 5.0, -1 + 2 * 3 / 5.0, -1 + 2 * 2.5 / 5.0};
        for (int k = 0; k < 3; k++) {
            for (int n = 0; n < NEURONS; n++) {
                mu.putScalar(0, n, xs[k]);
                mu.putScalar(1, n, -1 + 2 * 1 / 5.0);
            }
            float[] p = net.predict(x, 2);
            at[k] = new double[p.length];
            for (int i = 0; i < p.length; i++) at[k][i] = drive(p[i]);
        }
        for (int i = 0; i < at[0].length; i++) {
            assertNotEquals(at[0][i], at[1][i], 1e-6, "two pixels read different features");
            assertEquals((at[0][i] + at[1][i]) / 2, at[2][i], 1e-6, "bilinear: halfway reads the mean");
        }
        // Predictions read at the mean position: no noise, the same result twice.
        assertArrayEquals(net.predict(x, 2), net.predict(x, 2));
    }

    @Test
    void readPositionsAreGivenInImagePixels() {
        Network net = tiny();
        INDArray mu = net.graph().getVariable("readout_mu").getArr();
        // 12 x 12 images, conv 5x5 then 3x3 (valid): the grid's 6 x 6 pixels sit over image pixels 3 to 8
        double[][] corners = {{-1, -1}, {1, 1}, {0, 0.2}};
        for (int n = 0; n < NEURONS; n++) {
            mu.putScalar(0, n, corners[n][0]);
            mu.putScalar(1, n, corners[n][1]);
        }
        double[][] p = net.readoutPositions();
        assertArrayEquals(new double[]{3, 3}, p[0], 1e-6);
        assertArrayEquals(new double[]{8, 8}, p[1], 1e-6);
        assertArrayEquals(new double[]{5.5, 6.0}, p[2], 1e-6);
        assertNull(GradientCheckTest.tiny().readoutPositions(), "a factorized readout has no read position");
    }

    @Test
    void trainingLearnsWhereThePlantedNeuronsLook() {
        PlantedData.Planted planted = PlantedData.make(400, 16, 4, 4, 3);
        org.v1workbench.data.Dataset d = planted.dataset();
        int[] train = d.tiers().indices(org.v1workbench.data.Tier.TRAIN), test = d.tiers().indices(org.v1workbench.data.Tier.TEST);
        ModelConfig c = Presets.config("core-readout", Map.of("filters", "4", "first_size", "5", "layers", "2", "batch_size", "32",
                "lr", "0.01", "laplace", "0.001", "readout", "gaussian"), 2);
        int hw = 16 * 16, nn = 4;
        float[] px = new float[train.length * hw], y = new float[train.length * nn];
        double[][] means = d.meanResponses();
        for (int i = 0; i < train.length; i++) {
            System.arraycopy(d.stimulus(train[i]), 0, px, i * hw, hw);
            for (int n = 0; n < nn; n++) y[i * nn + n] = (float) means[train[i]][n];
        }
        Network net = Network.create(c, NetworkSpec.of(px, train.length, 16, 16, y, nn));
        for (int e = 0; e < 40; e++) net.trainEpoch(Network.TrainingSet.of(px, y, train.length), e, () -> false, false);
        float[] tx = new float[test.length * hw];
        for (int i = 0; i < test.length; i++) System.arraycopy(d.stimulus(test[i]), 0, tx, i * hw, hw);
        float[] p = net.predict(tx, test.length);
        for (int n = 0; n < nn; n++) {
            double[] a = new double[test.length], t = new double[test.length];
            for (int i = 0; i < test.length; i++) {
                a[i] = p[i * nn + n];
                t[i] = planted.truth()[test[i]][n];
            }
            assertTrue(org.v1workbench.metrics.Metrics.ccAbs(a, t) > 0.8, "neuron " + n + ": r = " + org.v1workbench.metrics.Metrics.ccAbs(a, t));
        }
    }
}
