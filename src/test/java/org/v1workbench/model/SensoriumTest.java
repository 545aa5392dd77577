package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sensorium preset (docs/sensorium-spec.md): batch norm with running statistics, the full
 * Gaussian readout's per-image reads and their gradients, Sensorium's scaled loss, each against
 * a computation of its own here.
 */
class SensoriumTest {
    static final int SIZE = GradientCheckTest.SIZE, NEURONS = GradientCheckTest.NEURONS, BATCH = GradientCheckTest.BATCH;

    static ModelConfig config(Map<String, String> more) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("filters", "3", "first_size", "5", "size", "3", "layers", "2",
                "laplace_l2norm", "0.7", "gamma_readout", "0.05", "init_sigma_range", "0.3", "batch_size", "4"));
        m.putAll(more);
        return Presets.config("sensorium", m, 11);
    }

    static Network tiny(DataType type) {
        return Network.create(config(Map.of()), GradientCheckTest.spec(), type);
    }

    /** Training-mode placeholders: batch statistics, every row real, the given read noise. */
    static Map<String, INDArray> training(Network net, float[][] b, double[] noise) {
        Map<String, INDArray> ph = net.placeholders(b[0], BATCH, b[1], b[2]);
        ph.put(Layers.TRAINING_MODE, Nd4j.ones(DataType.DOUBLE, 1, 1));
        ph.put(FullGaussianReadout.NOISE_X, Nd4j.create(java.util.Arrays.copyOfRange(noise, 0, BATCH * NEURONS), new long[]{BATCH, NEURONS}, 'c'));
        ph.put(FullGaussianReadout.NOISE_Y, Nd4j.create(java.util.Arrays.copyOfRange(noise, BATCH * NEURONS, 2 * BATCH * NEURONS), new long[]{BATCH, NEURONS}, 'c'));
        return ph;
    }

    static double[] noise() {
        Random r = new Random(9);
        double[] z = new double[2 * BATCH * NEURONS];
        for (int i = 0; i < z.length; i++) z[i] = r.nextGaussian();
        return z;
    }

    @Test
    void gradientsMatchFiniteDifferencesInTrainingMode() {
        Network net = tiny(DataType.DOUBLE);
        net.ensureGradients();
        float[][] b = GradientCheckTest.batch();
        Map<String, INDArray> ph = training(net, b, noise());
        SameDiff sd = net.graph();
        List<String> params = new ArrayList<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) params.add(v.name());
        assertTrue(params.containsAll(List.of("core0_conv_w", "core0_bn_gamma", "core0_bn_beta", "core1_in_w", "core1_dw_w", "core1_out_w",
                "core1_bn_gamma", "readout_mu", "readout_sigma", "features", "readout_b")), "parameters: " + params);
        assertFalse(params.contains(Layers.runningMean("core0_bn")), "running statistics are not parameters");
        Map<String, INDArray> grads = sd.calculateGradients(ph, params);
        double h = 1e-6;
        int readoutNonZero = 0;
        for (String p : params) {
            INDArray arr = sd.getVariable(p).getArr();
            for (long i = 0; i < Math.min(arr.length(), 6); i++) {
                double numeric = GradientCheckTest.centralDifference(sd, ph, arr, i, h), analytic = grads.get(p).getDouble(i);
                assertEquals(numeric, analytic, 1e-6 + 1e-5 * Math.abs(numeric), p + "[" + i + "]");
                if ((p.equals("readout_mu") || p.equals("readout_sigma")) && Math.abs(analytic) > 1e-6) readoutNonZero++;
            }
        }
        assertTrue(readoutNonZero >= 6, "position and spread gradients: " + readoutNonZero + " non-zero");
    }

    /** The core's output (the last ELU) for the batch in the given mode, {@code batch x channels x h x w}. */
    static INDArray coreOutput(Network net, Map<String, INDArray> ph) {
        SameDiff sd = net.graph();
        // the readout's map is the core's output permuted to B x H x W x C and viewed as rows: the
        // one permute of a rank-4 array
        INDArray found = null;
        for (org.nd4j.autodiff.functions.DifferentialFunction f : sd.ops())
            if (f instanceof org.nd4j.linalg.api.ops.impl.shape.Permute && f.arg().getVariableType() == VariableType.ARRAY) {
                INDArray a = sd.output(ph, f.arg().name()).get(f.arg().name());
                if (a.rank() == 4) {
                    assertNull(found, "one rank-4 permute");
                    found = a;
                }
            }
        assertNotNull(found);
        return found;
    }

    @Test
    void theReadoutReadsTheCoreBilinearlyAtEachImagesDrawnPosition() {
        Network net = tiny(DataType.DOUBLE);
        float[][] b = GradientCheckTest.batch();
        double[] z = noise();
        Map<String, INDArray> ph = training(net, b, z);
        INDArray core = coreOutput(net, ph);                   // B x C x 8 x 8
        SameDiff sd = net.graph();
        INDArray mu = sd.getVariable("readout_mu").getArr(), sigma = sd.getVariable("readout_sigma").getArr();
        INDArray f = sd.getVariable("features").getArr(), bias = sd.getVariable("readout_b").getArr();
        INDArray rate = sd.output(ph, Layers.OUTPUT).get(Layers.OUTPUT);
        int c = (int) core.size(1), hh = (int) core.size(2), ww = (int) core.size(3);
        for (int i = 0; i < BATCH; i++)
            for (int n = 0; n < NEURONS; n++) {
                double zx = z[i * NEURONS + n], zy = z[BATCH * NEURONS + i * NEURONS + n];
                double x = clamp(mu.getDouble(0, n) + sigma.getDouble(0, n) * zx + sigma.getDouble(1, n) * zy);
                double y = clamp(mu.getDouble(1, n) + sigma.getDouble(2, n) * zx + sigma.getDouble(3, n) * zy);
                double px = (x + 1) / 2 * (ww - 1), py = (y + 1) / 2 * (hh - 1);
                double drive = bias.getDouble(n);
                for (int ch = 0; ch < c; ch++) {
                    double v = 0;
                    for (int yy = 0; yy < hh; yy++)
                        for (int xx = 0; xx < ww; xx++)
                            v += Math.max(0, 1 - Math.abs(xx - px)) * Math.max(0, 1 - Math.abs(yy - py)) * core.getDouble(i, ch, yy, xx);
                    drive += v * f.getDouble(ch, n);
                }
                double expected = (drive > 0 ? drive : Math.expm1(drive)) + 1;   // ELU + 1, response scale 1
                assertEquals(expected, rate.getDouble(i, n), 1e-9, "image " + i + " neuron " + n);
            }
    }

    /**
     * With many neurons prediction runs in chunks smaller than the batch (the gathered
     * neighbours stay within Network.PREDICTION_VALUES), and each image's prediction is the one it
     * gets alone: chunks, their padding and the short last chunk change nothing.
     */
    @Test
    void manyNeuronsPredictInSmallerChunksWithTheSameNumbers() {
        int neurons = 1100, images = 130, size = 20;
        Random r = new Random(4);
        float[] x = new float[images * size * size], y = new float[images * neurons];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        for (int i = 0; i < y.length; i++) y[i] = r.nextInt(4);
        Network net = Network.create(Presets.config("sensorium", Map.of("layers", "2"), 3), NetworkSpec.of(x, images, size, size, y, neurons), DataType.FLOAT);
        int chunk = net.predictionChunk();
        assertEquals(Network.PREDICTION_VALUES / (4L * neurons * 64), chunk, "64 channels, four neighbours per neuron");
        assertTrue(chunk < 128, "smaller than the batch of 128: " + chunk);
        float[] all = net.predict(x, images);
        for (int image : new int[]{0, 7, chunk - 1, chunk, images - 1}) {
            float[] alone = net.predict(java.util.Arrays.copyOfRange(x, image * size * size, (image + 1) * size * size), 1);
            for (int n = 0; n < neurons; n += 37)
                assertEquals(alone[n], all[image * neurons + n], 1e-5 * Math.max(1, Math.abs(alone[n])), "image " + image + ", neuron " + n);
        }
        assertEquals(4, tiny(DataType.FLOAT).predictionChunk(), "a small readout keeps the batch size (4 here)");
    }

    static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    @Test
    void trainingNormalisesByTheBatchAndPredictionByTheRunningStatistics() {
        Network net = tiny(DataType.DOUBLE);
        float[][] b = GradientCheckTest.batch();
        Map<String, INDArray> ph = training(net, b, noise());
        SameDiff sd = net.graph();
        INDArray conv = sd.output(ph, "core0_conv").get("core0_conv");        // B x C x 8 x 8, before batch norm
        INDArray mean = sd.output(ph, Layers.batchMean("core0_bn")).get(Layers.batchMean("core0_bn"));
        INDArray var = sd.output(ph, Layers.batchVar("core0_bn")).get(Layers.batchVar("core0_bn"));
        for (int ch = 0; ch < conv.size(1); ch++) {
            double s = 0, sq = 0;
            long k = 0;
            for (int i = 0; i < BATCH; i++)
                for (int y = 0; y < conv.size(2); y++)
                    for (int x = 0; x < conv.size(3); x++) {
                        double v = conv.getDouble(i, ch, y, x);
                        s += v;
                        sq += v * v;
                        k++;
                    }
            double m = s / k;
            assertEquals(m, mean.getDouble(0, ch, 0, 0), 1e-9);
            assertEquals(sq / k - m * m, var.getDouble(0, ch, 0, 0), 1e-9, "biased variance");
        }
        // Prediction: each image on its own, whatever the others in its batch (running statistics).
        float[] one = java.util.Arrays.copyOf(b[0], SIZE * SIZE);
        float[] alone = net.predict(one, 1), inBatch = net.predict(b[0], BATCH);
        for (int n = 0; n < NEURONS; n++) assertEquals(alone[n], inBatch[n], 1e-6);
    }

    /** Per channel, the mean and the unbiased variance over images {@code order[from..to)} of the first convolution's output (before batch norm, which the prediction inputs do not change). */
    static double[][] statistics(Network net, float[] images, int[] order, int from, int to) {
        int k = to - from;
        float[] px = new float[k * SIZE * SIZE];
        for (int i = from; i < to; i++) System.arraycopy(images, order[i] * SIZE * SIZE, px, (i - from) * SIZE * SIZE, SIZE * SIZE);
        Map<String, INDArray> ph = new java.util.HashMap<>();
        ph.put(Layers.INPUT, Nd4j.create(px, new long[]{k, 1, SIZE, SIZE}, 'c'));
        net.putPredictionInputs(ph, k, DataType.FLOAT);
        INDArray conv = net.graph().output(ph, "core0_conv").get("core0_conv");
        int ch = (int) conv.size(1);
        long n = conv.length() / ch;
        double[][] out = new double[2][ch];
        for (int c = 0; c < ch; c++) {
            double s = 0, sq = 0;
            for (int i = 0; i < k; i++)
                for (int y = 0; y < conv.size(2); y++)
                    for (int x = 0; x < conv.size(3); x++) {
                        double v = conv.getDouble(i, c, y, x);
                        s += v;
                        sq += v * v;
                    }
            out[0][c] = s / n;
            out[1][c] = (sq / n - out[0][c] * out[0][c]) * n / (n - 1);
        }
        return out;
    }

    @Test
    void theRunningStatisticsFollowPyTorchsMomentumOverTheRealImagesOnly() {
        // A learning rate so small that the parameters stay put: both batches' statistics are then those of the initial network.
        Network net = Network.create(config(Map.of("lr", "1e-12")), GradientCheckTest.spec(), DataType.FLOAT);
        float[][] b = GradientCheckTest.batch();
        int[] order = Network.permutation(BATCH, 0L);
        // 5 images in batches of 4: the second batch is 1 real image and 3 padding rows, which must not count.
        double[][] first = statistics(net, b[0], order, 0, 4), second = statistics(net, b[0], order, 4, 5);
        net.trainEpoch(Network.TrainingSet.of(b[0], b[1], BATCH), 0L, null, false);
        INDArray rm = net.graph().getVariable(Layers.runningMean("core0_bn")).getArr(), rv = net.graph().getVariable(Layers.runningVar("core0_bn")).getArr();
        for (int c = 0; c < first[0].length; c++) {
            double mean = 0.1 * (0.1 * 0 + 0.9 * first[0][c]) + 0.9 * second[0][c];
            double var = 0.1 * (0.1 * 1 + 0.9 * first[1][c]) + 0.9 * second[1][c];
            assertEquals(mean, rm.getDouble(0, c, 0, 0), 1e-5 * (1 + Math.abs(mean)), "running mean, channel " + c);
            assertEquals(var, rv.getDouble(0, c, 0, 0), 1e-5 * (1 + Math.abs(var)), "running variance, channel " + c);
        }
    }

    @Test
    void theLossIsSensoriumsScaledPoissonSumPlusUnscaledPenalties() {
        Network net = tiny(DataType.DOUBLE);
        float[][] b = GradientCheckTest.batch();
        float[] w = new float[b[2].length];
        java.util.Arrays.fill(w, 1f);
        float[] resp = b[1];
        net.scaleResponses(resp, BATCH, 20);
        SameDiff sd = net.graph();
        double[] s = new double[NEURONS];
        for (int n = 0; n < NEURONS; n++) s[n] = sd.getVariable(Network.RESPONSE_SCALE).getArr().getDouble(0, n);
        Map<String, INDArray> ph = training(net, new float[][]{b[0], resp, w}, noise());
        double loss = sd.output(ph, Layers.LOSS).get(Layers.LOSS).getDouble(0);
        INDArray rate = sd.output(ph, Layers.OUTPUT).get(Layers.OUTPUT);
        double poisson = 0;
        for (int i = 0; i < BATCH; i++)
            for (int n = 0; n < NEURONS; n++) {
                double r = rate.getDouble(i, n) / s[n], y = resp[i * NEURONS + n] / s[n];
                poisson += r - y * Math.log(r + 1e-12);
            }
        INDArray w0 = sd.getVariable("core0_conv_w").getArr();                  // 5 x 5 x 1 x 3
        double lap = 0, sq = 0;
        for (int f = 0; f < w0.size(3); f++)
            for (int y = 0; y < 5; y++)
                for (int x = 0; x < 5; x++) {
                    double v = 4 * w0.getDouble(y, x, 0, f) - at(w0, y - 1, x, f) - at(w0, y + 1, x, f) - at(w0, y, x - 1, f) - at(w0, y, x + 1, f);
                    lap += v * v;
                    sq += w0.getDouble(y, x, 0, f) * w0.getDouble(y, x, 0, f);
                }
        double l1 = sd.getVariable("features").getArr().dup().norm1Number().doubleValue();
        assertEquals(Math.sqrt(20.0 / BATCH) * poisson + 0.7 * lap / sq + 0.05 * l1, loss, 1e-9 * Math.abs(loss));
        // The scale is each neuron's population standard deviation of the training responses.
        for (int n = 0; n < NEURONS; n++) {
            double m = 0, v = 0;
            for (int i = 0; i < BATCH; i++) m += resp[i * NEURONS + n] / BATCH;
            for (int i = 0; i < BATCH; i++) v += Math.pow(resp[i * NEURONS + n] - m, 2) / BATCH;
            assertEquals(Math.sqrt(v), s[n], 1e-6);
        }
    }

    static double at(INDArray w, int y, int x, int f) {
        return y < 0 || x < 0 || y >= w.size(0) || x >= w.size(1) ? 0 : w.getDouble(y, x, 0, f);
    }

    @Test
    void itTrainsReplaysAndSavesWithItsRunningStatistics(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Network net = tiny(DataType.FLOAT);
        float[][] b = GradientCheckTest.batch();
        Network.TrainingSet set = Network.TrainingSet.of(b[0], b[1], BATCH);
        for (int e = 0; e < 3; e++) assertFalse(net.trainEpoch(set, e, null, false).diverged());
        assertTrue(net.recordedOps() > 0, "replayed: " + net.notReplayable());
        INDArray rm = net.graph().getVariable(Layers.runningMean("core1_bn")).getArr();
        assertTrue(rm.norm2Number().doubleValue() > 0, "running mean moved");
        // positions stay within the grid
        INDArray mu = net.graph().getVariable("readout_mu").getArr();
        assertTrue(mu.maxNumber().doubleValue() <= 1 && mu.minNumber().doubleValue() >= -1);
        float[] before = net.predict(b[0], BATCH);
        net.save(dir, true);
        Network loaded = Network.load(dir);
        assertArrayEquals(before, loaded.predict(b[0], BATCH), 0f);
        assertEquals(rm, loaded.graph().getVariable(Layers.runningMean("core1_bn")).getArr());
        // a snapshot restores the running statistics with the weights
        Network.State s = net.parameters();
        net.trainEpoch(set, 9, null, false);
        net.restoreWeights(s);
        assertArrayEquals(before, net.predict(b[0], BATCH), 0f);
        assertTrue(Files.exists(dir.resolve(Network.GRAPH_FILE)));
    }
}
