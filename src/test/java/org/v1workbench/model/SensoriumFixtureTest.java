package org.v1workbench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sensorium preset against neuralpredictors' own numbers: one forward and backward pass of
 * the untrained Sensorium 2022 baseline as neuralpredictors 0.3.0 computes it, written by
 * {@code src/bench/sensorium_parity.py --fixture} (PyTorch 1.13, float32; ours in float32 too) on 8 training images of
 * pvc-8 session 01, with its parameters, readout noise, outputs, loss and gradients
 * ({@code src/test/resources/sensorium-fixture}). Our network is given the same parameters and
 * noise, and must compute the same rates, loss, gradients and batch-norm running statistics.
 */
class SensoriumFixtureTest {
    static final Path DIR = Path.of("src/test/resources/sensorium-fixture");
    static final String L = "core.features.layer";
    static JsonNode info;
    static INDArray z;
    static int images, neurons;

    static INDArray npy(String name) {
        return Nd4j.createFromNpyFile(new File(DIR.resolve(name + ".npy").toString())).castTo(DataType.FLOAT);
    }

    @BeforeAll
    static void read() throws Exception {
        org.v1workbench.model.engine.Backend.init();   // before nd4j loads: the native build for this CPU
        info = new ObjectMapper().readTree(DIR.resolve("fixture.json").toFile());
        z = npy("noise_z");                                  // images x neurons x 1 x 2 (x, y)
        images = (int) z.size(0);
        neurons = (int) z.size(1);
    }

    /** Our parameter (or constant) of that name from PyTorch's state, in our layouts. */
    static Map<String, INDArray> ours(String prefix) {
        Map<String, INDArray> m = new HashMap<>();
        m.put("core0_conv_w", npy(prefix + L + "0.conv.weight").permute(2, 3, 1, 0));                 // out,1,ky,kx -> ky,kx,1,out
        for (int k = 0; k < 4; k++) {
            String bn = "core" + k + "_bn";
            m.put(bn + "_gamma", npy(prefix + L + k + ".norm.weight").reshape(1, 64, 1, 1));
            m.put(bn + "_beta", npy(prefix + L + k + ".norm.bias").reshape(1, 64, 1, 1));
            if (k == 0) continue;
            m.put("core" + k + "_in_w", npy(prefix + L + k + ".ds_conv.in_depth_conv.weight").permute(2, 3, 1, 0));
            m.put("core" + k + "_dw_w", npy(prefix + L + k + ".ds_conv.spatial_conv.weight").permute(2, 3, 0, 1));   // c,1,ky,kx -> ky,kx,c,1
            m.put("core" + k + "_out_w", npy(prefix + L + k + ".ds_conv.out_depth_conv.weight").permute(2, 3, 1, 0));
        }
        String r = prefix.startsWith("grad") ? prefix + "readout.s." : prefix + "readout.s.";
        m.put("readout_mu", npy(r + "_mu").reshape(neurons, 2).transpose());
        m.put("readout_sigma", npy(r + "sigma").reshape(neurons, 4).transpose());    // rows xx, xy, yx, yy
        m.put("features", npy(r + "_features").reshape(64, neurons));
        m.put("readout_b", npy(r + "bias").reshape(neurons));
        return m;
    }

    static Network network() {
        // The fixture's input is already standardised: pixel mean 0, sd 1; responses already scaled: scale 1.
        NetworkSpec spec = new NetworkSpec(33, 33, neurons, 0, 1, new double[neurons]);
        Network net = Network.create(Presets.config("sensorium", Map.of("batch_size", Integer.toString(images), "lr", "1e-12"), 0), spec, DataType.FLOAT);
        SameDiff sd = net.graph();
        ours("before.").forEach((k, v) -> sd.getVariable(k).getArr().assign(v));
        for (int k = 0; k < 4; k++) {
            sd.getVariable(Layers.runningMean("core" + k + "_bn")).getArr().assign(npy("before." + L + k + ".norm.running_mean").reshape(1, 64, 1, 1));
            sd.getVariable(Layers.runningVar("core" + k + "_bn")).getArr().assign(npy("before." + L + k + ".norm.running_var").reshape(1, 64, 1, 1));
        }
        sd.getVariable(Network.DATASET_IMAGES).getArr().assign(info.get("dataset_images").asInt());
        return net;
    }

    static Map<String, INDArray> trainingInputs(Network net) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(Layers.INPUT, npy("input"));
        ph.put(Layers.LABEL, npy("target"));
        ph.put(Layers.WEIGHT, Nd4j.ones(DataType.FLOAT, images, neurons));
        ph.put(Layers.TRAINING_MODE, Nd4j.ones(DataType.FLOAT, 1, 1));
        ph.put(Layers.REAL_ROWS, Nd4j.ones(DataType.FLOAT, images, 1));
        ph.put(FullGaussianReadout.NOISE_X, z.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().reshape(images, neurons));
        ph.put(FullGaussianReadout.NOISE_Y, z.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(1)).dup().reshape(images, neurons));
        return ph;
    }

    static void close(INDArray expected, INDArray actual, double relative, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        double off = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(off <= relative * scale, what + ": off by " + off + " (largest value " + scale + ")");
    }

    @Test
    void ratesAndLossInTrainingModeAreNeuralpredictors() {
        Network net = network();
        Map<String, INDArray> ph = trainingInputs(net);
        Map<String, INDArray> out = net.graph().output(ph, Layers.OUTPUT, Layers.LOSS);
        close(npy("rate_train"), out.get(Layers.OUTPUT), 1e-4, "rates (train mode, the fixture's noise)");
        assertEquals(info.get("loss").asDouble(), out.get(Layers.LOSS).getDouble(0), 1e-5 * info.get("loss").asDouble(), "loss");
    }

    @Test
    void everyGradientIsNeuralpredictors() {
        Network net = network();
        net.ensureGradients();
        Map<String, INDArray> ph = trainingInputs(net);
        Map<String, INDArray> expected = ours("grad.");
        Map<String, INDArray> grads = net.graph().calculateGradients(ph, new ArrayList<>(expected.keySet()));
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            close(e.getValue(), grads.get(e.getKey()), 1e-3, "gradient of " + e.getKey());
            checked.add(e.getKey());
        }
        assertEquals(22, checked.size(), "every parameter: " + checked);
    }

    @Test
    void predictionReadsAtTheMeanWithTheRunningStatistics() {
        Network net = network();
        // the fixture predicted after its train-mode forward, which had moved the running statistics
        for (int k = 0; k < 4; k++) {
            net.graph().getVariable(Layers.runningMean("core" + k + "_bn")).getArr().assign(npy("after_train_forward." + L + k + ".norm.running_mean").reshape(1, 64, 1, 1));
            net.graph().getVariable(Layers.runningVar("core" + k + "_bn")).getArr().assign(npy("after_train_forward." + L + k + ".norm.running_var").reshape(1, 64, 1, 1));
        }
        float[] x = npy("input").castTo(DataType.FLOAT).data().asFloat();
        float[] p = net.predict(x, images);
        close(npy("rate_eval"), Nd4j.create(p, new long[]{images, neurons}, 'c'), 1e-4, "rates (eval mode)");
    }

    @Test
    void oneTrainingStepMovesTheRunningStatisticsAsNeuralpredictors() {
        Network net = network();
        float[] x = npy("input").castTo(DataType.FLOAT).data().asFloat(), y = npy("target").castTo(DataType.FLOAT).data().asFloat();
        net.trainEpoch(Network.TrainingSet.of(x, y, images), 0L, null, false);    // one batch of the 8 images (their order does not matter)
        for (int k = 0; k < 4; k++) {
            String bn = "core" + k + "_bn";
            close(npy("after_train_forward." + L + k + ".norm.running_mean").reshape(1, 64, 1, 1),
                    net.graph().getVariable(Layers.runningMean(bn)).getArr(), 1e-4, bn + " running mean");
            close(npy("after_train_forward." + L + k + ".norm.running_var").reshape(1, 64, 1, 1),
                    net.graph().getVariable(Layers.runningVar(bn)).getArr(), 1e-4, bn + " running variance");
        }
    }
}
