package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * core-readout's loss and gradients on a tiny instance in double precision (SameDiff builds the
 * same graph in float64; oneDNN is not used for doubles, nd4j's own kernels are): the loss equals
 * an independent Java computation of its definition, and every parameter's analytic gradient
 * equals central finite differences of the loss.
 */
class GradientCheckTest {
    static final int SIZE = 12, NEURONS = 3, BATCH = 5;

    static NetworkSpec spec() {
        return new NetworkSpec(SIZE, SIZE, NEURONS, 0.5, 0.3, new double[]{1.0, 0.5, 2.0});
    }

    static Network tiny() {
        ModelConfig c = Presets.config("core-readout", Map.of("filters", "3", "first_size", "5", "size", "3", "layers", "2",
                "laplace", "0.05", "l1_mask", "0.02", "l1_features", "0.03", "init_sd", "0.3"), 7);
        return Network.create(c, spec(), DataType.DOUBLE);
    }

    /** The loss's central difference in entry {@code i} of parameter array {@code arr}, step {@code h}; the entry is put back. */
    static double centralDifference(SameDiff sd, Map<String, INDArray> ph, INDArray arr, long i, double h) {
        double orig = arr.getDouble(i);
        arr.putScalar(i, orig + h);
        double up = sd.output(ph, Layers.LOSS).get(Layers.LOSS).getDouble(0);
        arr.putScalar(i, orig - h);
        double down = sd.output(ph, Layers.LOSS).get(Layers.LOSS).getDouble(0);
        arr.putScalar(i, orig);
        return (up - down) / (2 * h);
    }

    static float[][] batch() {
        Random r = new Random(3);
        float[] x = new float[BATCH * SIZE * SIZE], y = new float[BATCH * NEURONS], w = new float[BATCH * NEURONS];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(4);
            w[i] = i == 4 ? 0 : 1; // one missing response
        }
        return new float[][]{x, y, w};
    }

    @Test
    void lossIsPoissonPlusPenaltiesAsDocumented() {
        Network net = tiny();
        float[][] b = batch();
        // The rates in float64 straight from the graph (predict() hands out float32).
        double[] rate = net.graph().output(net.placeholders(b[0], BATCH, b[1], b[2]), Layers.OUTPUT).get(Layers.OUTPUT)
                .reshape(-1).toDoubleVector();
        assertEquals(BATCH * NEURONS, rate.length);
        double nll = 0, wsum = 0;
        for (int i = 0; i < rate.length; i++) {
            nll += b[2][i] * (rate[i] - b[1][i] * Math.log(rate[i] + 1e-8));
            wsum += b[2][i];
        }
        double data = nll / (wsum + 1e-8);
        // Laplacian of each first-layer filter (kh x kw x 1 x out, YXIO), zero padding, squared and summed.
        INDArray w1 = net.graph().getVariable("conv1_w").getArr();
        int k = (int) w1.size(0), out = (int) w1.size(3);
        double lap = 0;
        for (int o = 0; o < out; o++)
            for (int y = 0; y < k; y++)
                for (int x = 0; x < k; x++) {
                    double c = 4 * w1.getDouble(y, x, 0, o);
                    if (y > 0) c -= w1.getDouble(y - 1, x, 0, o);
                    if (y < k - 1) c -= w1.getDouble(y + 1, x, 0, o);
                    if (x > 0) c -= w1.getDouble(y, x - 1, 0, o);
                    if (x < k - 1) c -= w1.getDouble(y, x + 1, 0, o);
                    lap += c * c;
                }
        double l1m = net.graph().getVariable("mask").getArr().norm1Number().doubleValue();
        double l1f = net.graph().getVariable("features").getArr().norm1Number().doubleValue();
        double expected = data + 0.05 * lap + 0.02 / NEURONS * l1m + 0.03 / NEURONS * l1f;
        assertEquals(expected, net.loss(b[0], BATCH, b[1], b[2]), 1e-10 * Math.abs(expected));
    }

    @Test
    void squaredErrorLossWhenAsked() {
        ModelConfig c = Presets.config("core-readout", Map.of("filters", "3", "first_size", "5", "size", "3", "layers", "2",
                "laplace", "0", "l1_mask", "0", "l1_features", "0", "init_sd", "0.3", "loss", "mse"), 7);
        Network net = Network.create(c, spec(), DataType.DOUBLE);
        float[][] b = batch();
        double[] rate = net.graph().output(net.placeholders(b[0], BATCH, b[1], b[2]), Layers.OUTPUT).get(Layers.OUTPUT)
                .reshape(-1).toDoubleVector();
        double se = 0, wsum = 0;
        for (int i = 0; i < rate.length; i++) {
            se += b[2][i] * (rate[i] - b[1][i]) * (rate[i] - b[1][i]);
            wsum += b[2][i];
        }
        assertEquals(se / (wsum + 1e-8), net.loss(b[0], BATCH, b[1], b[2]), 1e-10);
        org.junit.jupiter.api.Assertions.assertThrows(org.v1workbench.data.BadInputException.class, () -> Network.create(
                Presets.config("ln", Map.of("loss", "huber"), 1), spec()));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Network net = tiny();
        net.ensureGradients();
        float[][] b = batch();
        Map<String, INDArray> ph = net.placeholders(b[0], BATCH, b[1], b[2]);
        SameDiff sd = net.graph();
        List<String> params = new ArrayList<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) params.add(v.name());
        assertTrue(params.containsAll(List.of("conv1_w", "conv1_b", "conv2_w", "conv2_b", "mask", "features", "readout_b")), "parameters: " + params);
        Map<String, INDArray> grads = sd.calculateGradients(ph, params);
        Random pick = new Random(11);
        double h = 1e-6;
        int checked = 0;
        for (String p : params) {
            INDArray arr = sd.getVariable(p).getArr();
            INDArray g = grads.get(p);
            long n = arr.length();
            for (int t = 0; t < Math.min(n, 12); t++) {
                long i = n <= 12 ? t : (long) (pick.nextDouble() * n);
                double numeric = centralDifference(sd, ph, arr, i, h), analytic = g.getDouble(i);
                // Central differences in float64: truncation ~h^2, rounding ~1e-16/h = 1e-10.
                assertEquals(numeric, analytic, 1e-7 + 1e-5 * Math.abs(numeric), p + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked >= 50, "checked " + checked);
    }

    @Test
    void inputGradientsMatchFiniteDifferencesOfPredictions() {
        // kindel2019 in float64 on 33x33 (its dropout is off when predicting): d rate_n / d pixel for chosen pixels.
        double[] m = {1.0, 0.5};
        inputGradientsOfRates(Network.create(Presets.config("kindel2019", 4), new NetworkSpec(33, 33, 2, 100, 30, m), DataType.DOUBLE));
    }

    /**
     * The same through a squared-error graph, on counts and on a signed signal (linear output):
     * the gradient is the rate's, not the gradient of the loss at label 0 (2 rate x that, of the
     * wrong sign where the rate is negative).
     */
    @Test
    void inputGradientsAreTheRatesAlsoUnderSquaredError() {
        double[] m = {1.0, 0.5}, signed = {-0.3, 0.2};
        inputGradientsOfRates(Network.create(Presets.config("kindel2019", java.util.Map.of("loss", "mse"), 4),
                new NetworkSpec(33, 33, 2, 100, 30, m), DataType.DOUBLE));
        inputGradientsOfRates(Network.create(Presets.config("kindel2019", 4),
                new NetworkSpec(33, 33, 2, 100, 30, signed, true), DataType.DOUBLE));
    }

    private static void inputGradientsOfRates(Network net) {
        Random r = new Random(5);
        int count = 2, p = 33 * 33;
        float[] x = new float[count * p];
        for (int i = 0; i < x.length; i++) x[i] = (float) (100 + 30 * r.nextGaussian());
        float[] w = {1, 0, 0, 1}; // image 0: neuron 0; image 1: neuron 1
        float[] g = net.inputGradients(x, count, w);
        assertEquals(count * p, g.length);
        // Small steps (ReLU and max-pooling kinks must not be crossed: with 0.1 grey levels one of
        // these pixels already crosses one); pixels arrive as float32, so the step actually taken
        // is the difference of the two float values.
        float h = 0.001f;
        for (int t = 0; t < 10; t++) {
            int img = t % 2, px = 300 + 37 * t;
            float[] up = x.clone(), down = x.clone();
            up[img * p + px] += h;
            down[img * p + px] -= h;
            double numeric = (rateOf(net, up, img) - rateOf(net, down, img)) / ((double) up[img * p + px] - down[img * p + px]);
            assertEquals(numeric, g[img * p + px], 1e-10 + 1e-4 * Math.abs(numeric), "image " + img + " pixel " + px);
        }
    }

    /** Rate of neuron {@code img} (0 or 1) at image {@code img}, in float64 from the graph. */
    private static double rateOf(Network net, float[] x, int img) {
        float[] lab = new float[4], wt = {1, 1, 1, 1};
        Map<String, INDArray> ph = net.placeholders(x, 2, lab, wt);
        return net.graph().output(ph, Layers.OUTPUT).get(Layers.OUTPUT).getDouble(img, img);
    }
}
