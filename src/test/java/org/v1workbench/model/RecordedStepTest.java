package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.v1workbench.model.engine.TrainingEngine;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training through recorded, replayed steps gives SameDiff's own training bit for bit: the same
 * losses, parameters and Adam state after several epochs (the learning rate changing between
 * them), for every preset, in single and double precision, with nd4j's kernels throughout; with
 * the Java kernels (the engine's Java kernels) the same training to float rounding.
 */
class RecordedStepTest {
    static final int IMAGES = 70, SIZE = 36, NEURONS = 9;

    /** Losses per epoch and the final state of one network trained {@code epochs} epochs. */
    record Trained(List<Double> losses, Network.State state, int recordedOps, String notReplayable, int javaKernelOps, int javaDepthwiseOps) {}

    static Trained train(String preset, Map<String, String> settings, boolean replay, boolean foreignListener, int epochs) {
        return train(preset, settings, replay, foreignListener, epochs, -1);
    }

    /** As above; after epoch {@code releaseAfter} (0-based; -1: never) the recorded steps' arrays are released. */
    static Trained train(String preset, Map<String, String> settings, boolean replay, boolean foreignListener, int epochs, int releaseAfter) {
        return train(preset, settings, replay, foreignListener, epochs, releaseAfter, DataType.FLOAT);
    }

    /** As above in precision {@code dtype}, with nd4j's kernels only. */
    static Trained train(String preset, Map<String, String> settings, boolean replay, boolean foreignListener, int epochs, int releaseAfter,
                         DataType dtype) {
        return train(preset, settings, replay, foreignListener, epochs, releaseAfter, dtype, false);
    }

    /**
     * As above, the replayed steps running the Java kernels where {@code javaKernels}; the learning
     * rate halves after every epoch (a plateau schedule's change between epochs).
     */
    static Trained train(String preset, Map<String, String> settings, boolean replay, boolean foreignListener, int epochs, int releaseAfter,
                         DataType dtype, boolean javaKernels) {
        String old = System.getProperty("v1workbench.train.replay");
        System.setProperty("v1workbench.train.replay", Boolean.toString(replay));
        System.setProperty(TrainingEngine.JAVA_KERNELS_PROPERTY, Boolean.toString(javaKernels));
        try {
            Random r = new Random(3);
            float[] x = new float[IMAGES * SIZE * SIZE], y = new float[IMAGES * NEURONS];
            for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
            for (int i = 0; i < y.length; i++) y[i] = i % 7 == 0 ? Float.NaN : r.nextInt(5); // some responses missing
            Map<String, String> s = new HashMap<>(settings);
            s.put("batch_size", "16"); // 70 images: 4 full batches and a padded one
            Network net = Network.create(Presets.config(preset, s, 5), NetworkSpec.of(x, IMAGES, SIZE, SIZE, y, NEURONS), dtype);
            if (foreignListener) net.graph().addListeners(new BaseListener() {
                @Override public boolean isActive(Operation operation) { return true; }
            });
            net.standardiseFeatures(x, IMAGES);
            Network.TrainingSet set = Network.TrainingSet.of(x, y, IMAGES);
            List<Double> losses = new ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                if (e > 0) net.setLearningRate(net.learningRate() / 2);
                losses.add(net.trainEpoch(set, 100 + e, null, false).meanLoss());
                if (e == releaseAfter) {
                    net.releaseTrainingArrays();
                    assertEquals(0, net.recordedOps());
                }
            }
            return new Trained(losses, net.snapshot(), net.recordedOps(), net.notReplayable(), net.javaKernelOps(),
                    net.javaKernelOps("depthwise_conv2d") + net.javaKernelOps("depthwise_conv2d_bp"));
        } finally {
            System.clearProperty(TrainingEngine.JAVA_KERNELS_PROPERTY);
            if (old == null) System.clearProperty("v1workbench.train.replay");
            else System.setProperty("v1workbench.train.replay", old);
        }
    }

    static void assertSameState(Network.State a, Network.State b, String what) {
        assertEquals(a.parameters().keySet(), b.parameters().keySet());
        assertEquals(a.iteration(), b.iteration(), what + ": iterations");
        for (String k : a.parameters().keySet())
            assertBitEqual(a.parameters().get(k), b.parameters().get(k), what + ": parameter " + k);
        assertEquals(a.optimiser().keySet(), b.optimiser().keySet());
        for (String k : a.optimiser().keySet())
            for (String m : a.optimiser().get(k).keySet())
                assertBitEqual(a.optimiser().get(k).get(m), b.optimiser().get(k).get(m), what + ": Adam state " + m + " of " + k);
    }

    /** Same type, shape and every value (INDArray's equals allows differences up to 1e-5). */
    static void assertBitEqual(INDArray a, INDArray b, String what) {
        assertEquals(a.dataType(), b.dataType(), what);
        assertEquals(java.util.Arrays.toString(a.shape()), java.util.Arrays.toString(b.shape()), what);
        double[] x = a.castTo(DataType.DOUBLE).dup().data().asDouble(), y = b.castTo(DataType.DOUBLE).dup().data().asDouble();
        for (int i = 0; i < x.length; i++)
            if (Double.doubleToLongBits(x[i]) != Double.doubleToLongBits(y[i]))
                throw new AssertionError(what + ": value " + i + " of " + x.length + " is " + x[i] + " and " + y[i]);
    }

    @Test
    void everyPresetTrainsAsSameDiffDoesBitForBit() {
        List<Map.Entry<String, Map<String, String>>> cases = new ArrayList<>();
        for (String p : Presets.names()) cases.add(Map.entry(p, Map.of()));
        cases.add(Map.entry("core-readout", Map.of("readout", "gaussian")));
        for (Map.Entry<String, Map<String, String>> c : cases) {
            String what = c.getKey() + " " + c.getValue();
            Trained sameDiff = train(c.getKey(), c.getValue(), false, false, 3);
            Trained replayed = train(c.getKey(), c.getValue(), true, false, 3);
            assertEquals(0, sameDiff.recordedOps(), what);
            assertNull(replayed.notReplayable(), what);
            assertTrue(replayed.recordedOps() > 0, what + ": steps were replayed");
            assertEquals(15, replayed.state().iteration(), what);
            assertEquals(sameDiff.losses(), replayed.losses(), what + ": losses per epoch");
            for (double l : replayed.losses()) assertTrue(Double.isFinite(l) && l > 0, what + ": loss " + l);
            assertSameState(sameDiff.state(), replayed.state(), what);
        }
    }

    /**
     * With the Java ELU and ELU gradient (core-readout's three ELUs) the replayed training is
     * SameDiff's but for rounding: the ELU kernel differs from nd4j's in the last bits of some
     * activations (the gradient kernel rounds as nd4j does, see the next test). The losses
     * agree to 1e-5; the parameters to a few percent of how far training moved them (Adam's
     * steps have the size of the learning rate whatever the gradient's, so a gradient near 0
     * whose sign rounding flips moves its weight the other way).
     */
    @Test
    void withTheJavaKernelsTrainingIsSameDiffsButForRounding() {
        Network.State start = train("core-readout", Map.of(), false, false, 0, -1, DataType.FLOAT, false).state();
        Trained sameDiff = train("core-readout", Map.of(), false, false, 3, -1, DataType.FLOAT, false);
        Trained kernels = train("core-readout", Map.of(), true, false, 3, -1, DataType.FLOAT, true);
        assertNull(kernels.notReplayable());
        assertEquals(6, kernels.javaKernelOps(), "the three ELUs and their gradients run Java kernels (the bias gradients are too small here)");
        assertEquals(0, train("core-readout", Map.of(), true, false, 1, -1, DataType.FLOAT, false).javaKernelOps());
        boolean differs = assertAlikeButForRounding(start, sameDiff, kernels, 1e-5, 0, true);
        assertTrue(differs, "the Java kernel ran (nd4j's ELU rounds differently)");
    }

    /**
     * Two trainings from {@code start} agree but for rounding: each epoch's loss within
     * {@code lossTolerance} of {@code sameDiff}'s (relative), each parameter within 5% of how far
     * training moved it (plus {@code floor}); where {@code everyTrained}, every parameter moved.
     * Returns whether any parameter differs at all.
     */
    static boolean assertAlikeButForRounding(Network.State start, Trained sameDiff, Trained kernels, double lossTolerance, double floor,
                                             boolean everyTrained) {
        for (int e = 0; e < sameDiff.losses().size(); e++)
            assertEquals(sameDiff.losses().get(e), kernels.losses().get(e), lossTolerance * Math.abs(sameDiff.losses().get(e)), "loss of epoch " + e);
        boolean differs = false;
        for (String k : sameDiff.state().parameters().keySet()) {
            INDArray a = sameDiff.state().parameters().get(k), b = kernels.state().parameters().get(k);
            double moved = a.sub(start.parameters().get(k)).amaxNumber().doubleValue(), apart = a.sub(b).amaxNumber().doubleValue();
            if (everyTrained) assertTrue(moved > 0, k + " trained");
            assertTrue(apart <= 0.05 * moved + floor, k + ": the two trainings " + apart + " apart, training moved it " + moved);
            differs |= apart > 0;
        }
        return differs;
    }

    /**
     * The sensorium core's depthwise convolutions and their gradients run Java kernels
     * ({@code VectorDepthwise}), and its training is SameDiff's but for rounding, as above.
     */
    @Test
    void theSensoriumCoresDepthwiseConvolutionsRunJavaKernelsAndTrainAsSameDiffsToRounding() {
        Network.State start = train("sensorium", Map.of(), false, false, 0, -1, DataType.FLOAT, false).state();
        Trained sameDiff = train("sensorium", Map.of(), false, false, 3, -1, DataType.FLOAT, false);
        Trained kernels = train("sensorium", Map.of(), true, false, 3, -1, DataType.FLOAT, true);
        assertNull(kernels.notReplayable());
        assertEquals(6, kernels.javaDepthwiseOps(), "the 3 depth-separable layers' depthwise convolutions and their gradients");
        assertEquals(0, sameDiff.javaDepthwiseOps());
        assertAlikeButForRounding(start, sameDiff, kernels, 1e-4, 1e-6, false);
    }

    @Test
    void inDoublePrecisionToo() {
        Trained sameDiff = train("kindel2019", Map.of(), false, false, 2, -1, DataType.DOUBLE);
        Trained replayed = train("kindel2019", Map.of(), true, false, 2, -1, DataType.DOUBLE);
        assertTrue(replayed.recordedOps() > 0);
        assertEquals(sameDiff.losses(), replayed.losses());
        assertSameState(sameDiff.state(), replayed.state(), "double precision");
        assertEquals(DataType.DOUBLE, replayed.state().parameters().values().iterator().next().dataType());
    }

    @Test
    void releasingTheStepsArraysBetweenEpochsChangesNothing() {
        Trained kept = train("core-readout", Map.of(), true, false, 3, -1);
        Trained released = train("core-readout", Map.of(), true, false, 3, 1);
        assertTrue(released.recordedOps() > 0, "recorded again after the release");
        assertEquals(kept.losses(), released.losses());
        assertSameState(kept.state(), released.state(), "released after epoch 2");
    }

    @Test
    void aForeignListenerSeesSameDiffRunEveryOpAndTheNumbersStayTheSame() {
        Trained replayed = train("kindel2019", Map.of(), true, false, 2);
        Trained listened = train("kindel2019", Map.of(), true, true, 2);
        assertEquals(0, listened.recordedOps(), "not replayed while a listener watches");
        assertEquals(replayed.losses(), listened.losses());
        assertSameState(replayed.state(), listened.state(), "with a listener");
    }
}
