package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point-pooled readout, the example of a readout added as a component: its parameters and
 * options, its gradients, agreement with the Gaussian readout read at its mean where there is
 * nothing to pool, and a save and load.
 */
class PointPooledReadoutTest {
    static final int SIZE = GradientCheckTest.SIZE, NEURONS = GradientCheckTest.NEURONS, BATCH = GradientCheckTest.BATCH;

    static Map<String, String> core() {
        return Map.of("filters", "3", "first_size", "5", "size", "3", "layers", "2", "laplace", "0.05", "l1_features", "0.03", "init_sd", "0.3");
    }

    static Network net(String readout, String poolSteps, DataType type) {
        Map<String, String> s = new java.util.HashMap<>(core());
        s.put("readout", readout);
        s.put("pool_steps", poolSteps);
        return Network.create(Presets.config("core-readout", s, 7), GradientCheckTest.spec(), type);
    }

    @Test
    void itDeclaresItsOptionsAndParametersAndNoExtraInput() {
        Network n = net("point-pooled", "2", DataType.DOUBLE);
        assertEquals(List.of("conv1_b", "conv1_w", "conv2_b", "conv2_w", "features_0", "features_1", "features_2", "readout_b", "readout_mu"),
                List.copyOf(new java.util.TreeSet<>(n.parameterShapes().keySet())));
        assertArrayEquals(new long[]{3, NEURONS}, n.parameterShapes().get("features_2"));
        assertEquals("2", Presets.get("core-readout").defaults().get("pool_kern"));
        assertEquals(Hyperparameter.Kind.COUNT, Hyperparameters.find("pool_steps").kind());
        assertFalse(n.graph().hasVariable(Layers.POSITION_NOISE), "no jitter: nothing drawn per batch");
        assertEquals(2, n.readoutPositions()[0].length, "read positions in image pixels, as the Gaussian readout's");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Network net = net("point-pooled", "2", DataType.DOUBLE);
        net.ensureGradients();
        float[][] b = GradientCheckTest.batch();
        Map<String, INDArray> ph = net.placeholders(b[0], BATCH, b[1], b[2]);
        SameDiff sd = net.graph();
        List<String> params = new ArrayList<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) params.add(v.name());
        Map<String, INDArray> grads = sd.calculateGradients(ph, params);
        double h = 1e-6;
        int nonZero = 0;
        for (String p : List.of("readout_mu", "features_0", "features_1", "features_2", "conv2_w")) {
            INDArray arr = sd.getVariable(p).getArr();
            for (long i = 0; i < Math.min(arr.length(), 6); i++) {
                double numeric = GradientCheckTest.centralDifference(sd, ph, arr, i, h), analytic = grads.get(p).getDouble(i);
                assertEquals(numeric, analytic, 1e-7 + 1e-5 * Math.abs(numeric), p + "[" + i + "]");
                if (Math.abs(analytic) > 1e-6) nonZero++;
            }
        }
        assertTrue(nonZero >= 20, nonZero + " non-zero gradients");
    }

    /** With nothing pooled, it is the Gaussian readout read at its mean: given the same weights, the same predictions. */
    @Test
    void withoutPoolingItPredictsAsTheGaussianReadoutAtItsMean() {
        Network pooled = net("point-pooled", "1", DataType.DOUBLE), gaussian = net("gaussian", "1", DataType.DOUBLE);
        Map<String, INDArray> p = new java.util.TreeMap<>(pooled.parameters().parameters());
        Map<String, INDArray> g = new java.util.TreeMap<>(gaussian.parameters().parameters());
        for (String k : g.keySet()) {
            INDArray from = k.equals("features") ? p.get("features_0") : p.get(k);
            if (from != null) g.put(k, from);
        }
        // the pooled read's features at zero: only the map itself is read
        pooled.graph().getVariable("features_1").getArr().assign(0);
        gaussian.restore(new Network.State(g, Map.of(), 0, 0.001));
        Random r = new Random(11);
        float[] x = new float[4 * SIZE * SIZE];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        float[] a = pooled.predict(x, 4), c = gaussian.predict(x, 4);
        for (int i = 0; i < a.length; i++) assertEquals(c[i], a[i], 1e-9, "prediction " + i);
    }

    @Test
    void itTrainsAndLoadsBackWithTheSamePredictions(@TempDir Path dir) {
        Network net = net("point-pooled", "2", DataType.FLOAT);
        Random r = new Random(2);
        int n = 40;
        float[] x = new float[n * SIZE * SIZE], y = new float[n * NEURONS];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < y.length; i++) y[i] = r.nextInt(4);
        Network.TrainingSet set = Network.TrainingSet.of(x, y, n);
        double first = net.trainEpoch(set, 1, null, false).meanLoss(), last = first;
        for (int e = 2; e <= 6; e++) last = net.trainEpoch(set, e, null, false).meanLoss();
        assertTrue(last < first, first + " -> " + last);
        assertTrue(net.recordedOps() > 0, "replayed as every preset is: " + net.notReplayable());
        try {
            net.save(dir, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertArrayEquals(net.predict(x, n), Network.load(dir).predict(x, n));
    }
}
