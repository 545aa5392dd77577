package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's self-check and its fallbacks: every patch is reported, the internals it needs are
 * found on this nd4j, and where one is missing training falls back to SameDiff's own numbers.
 */
class TrainingEngineTest {
    static final int BATCH = 16, IN = 64, HIDDEN = 4096, OUT = 3;

    /** A graph with a large ELU (which the Java kernels take over): in -> dense -> elu -> dense -> squared error. */
    static SameDiff graph() {
        SplittableRandom r = new SplittableRandom(3);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, IN), y = sd.placeHolder("y", DataType.FLOAT, -1, OUT);
        SDVariable w1 = sd.var("w1", random(r, IN, HIDDEN)), w2 = sd.var("w2", random(r, HIDDEN, OUT));
        SDVariable h = sd.nn.elu(x.mmul(w1));
        SDVariable d = h.mmul(w2).sub(y);
        SDVariable loss = d.mul(d).sum().div((double) BATCH * OUT);
        sd.updateVariableNameAndReference(loss, "loss");
        sd.setLossVariables("loss");
        return sd;
    }

    static INDArray random(SplittableRandom r, long rows, long cols) {
        float[] v = new float[(int) (rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((r.nextDouble() * 2 - 1) / Math.sqrt(rows));
        return Nd4j.create(v, new long[]{rows, cols}, 'c');
    }

    /** Four fixed batches, written into the same arrays in turn (as a network's batches are: the replayed step reads them there). */
    static final class Batches implements BatchSource {
        final List<INDArray[]> all = new ArrayList<>();
        final INDArray x = Nd4j.create(DataType.FLOAT, BATCH, IN), y = Nd4j.create(DataType.FLOAT, BATCH, OUT);
        final MultiDataSet set = new org.nd4j.linalg.dataset.MultiDataSet(x, y);
        int next;

        Batches() {
            SplittableRandom r = new SplittableRandom(9);
            for (int b = 0; b < 4; b++) all.add(new INDArray[]{random(r, BATCH, IN).mul(4), random(r, BATCH, OUT)});
        }

        @Override public boolean halted() { return false; }
        @Override public boolean hasNext() { return next < all.size(); }
        @Override public MultiDataSet next() {
            INDArray[] b = all.get(next++);
            x.assign(b[0]);
            y.assign(b[1]);
            return set;
        }
        @Override public MultiDataSet next(int num) { throw new UnsupportedOperationException(); }
        @Override public void setPreProcessor(MultiDataSetPreProcessor p) {}
        @Override public MultiDataSetPreProcessor getPreProcessor() { return null; }
        @Override public boolean resetSupported() { return false; }
        @Override public boolean asyncSupported() { return false; }
        @Override public void reset() { throw new UnsupportedOperationException(); }
    }

    record Trained(List<Double> losses, Map<String, INDArray> parameters, int javaKernelOps, int recordedOps) {}

    /** Two epochs of {@link #graph()}; {@code undoable} as the engine's; replay off where {@code replay} is false. */
    static Trained train(boolean undoable, boolean replay) {
        SameDiff sd = graph();
        Runnable[] undo = new Runnable[1];
        TrainingEngine engine = new TrainingEngine(sd, "loss", () -> {
            Map<String, INDArray> p = new HashMap<>();
            for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) p.put(v.name(), v.getArr().dup());
            Map<String, Map<String, INDArray>> o = new HashMap<>();
            for (Map.Entry<String, GradientUpdater> e : sd.getUpdaterMap().entrySet()) {
                Map<String, INDArray> s = new HashMap<>();
                @SuppressWarnings("unchecked") Map<String, INDArray> st = (Map<String, INDArray>) e.getValue().getState();
                st.forEach((k, a) -> s.put(k, a.dup()));
                o.put(e.getKey(), s);
            }
            int it = sd.getTrainingConfig().getIterationCount();
            return () -> {
                p.forEach((k, a) -> sd.getVariable(k).getArr().assign(a));
                o.forEach((k, s) -> s.forEach((n, a) -> ((INDArray) sd.getUpdaterMap().get(k).getState().get(n)).assign(a)));
                sd.getTrainingConfig().setIterationCount(it);
            };
        }, undoable);
        engine.configure(1e-3, 0, List.of("x"), List.of("y"));
        List<Double> losses = new ArrayList<>();
        if (!replay) System.setProperty(TrainingEngine.REPLAY_PROPERTY, "false");
        try {
            Batches batches = new Batches();
            for (int e = 0; e < 2; e++) {
                batches.next = 0;
                engine.trainEpoch(batches, BATCH, losses::add);
            }
        } finally {
            System.clearProperty(TrainingEngine.REPLAY_PROPERTY);
        }
        Map<String, INDArray> p = new HashMap<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) p.put(v.name(), v.getArr().dup());
        return new Trained(losses, p, engine.javaKernelOps(), engine.recordedOps());
    }

    @Test
    void theSelfCheckReportsEveryPatchAndFindsTheInternalsOnThisNd4j() {
        List<TrainingEngine.Patch> patches = TrainingEngine.patches();
        List<String> names = patches.stream().map(TrainingEngine.Patch::name).toList();
        assertEquals(List.of("replayed steps", "Java kernels", "one-channel conv2d gradient", "ELU gradient from its output", "gather gradient as scatter_add",
                "nd4j's own max pooling", "JIT directive", "paced garbage collections", "quiet gradient building", "loss read while training"), names);
        assertEquals(List.of(), Internals.missing(), "nd4j 1.0.0-M2.1 has every private member the patches use");
        assertTrue(patches.get(2).active() && patches.get(3).active(), "both op replacements are registered: " + patches);
        assertEquals(JavaKernels.enabled(), patches.get(1).active());
        assertNull(Internals.field(SameDiff.class, "noSuchMember"), "a member that moved is reported as missing, not thrown");
        assertTrue(TrainingEngine.activePatches().contains("replayed steps"));
    }

    @Test
    void withoutTheOptimiserInternalTheReplayedStepsAreSameDiffsBitForBit() {
        Trained sameDiff = train(true, false), fallback = train(false, true);
        assertEquals(0, sameDiff.recordedOps());
        assertTrue(fallback.recordedOps() > 0, "still replayed");
        assertEquals(0, fallback.javaKernelOps(), "no Java kernels without the internal that undoes the recorded batch");
        assertEquals(sameDiff.losses(), fallback.losses());
        for (String k : sameDiff.parameters().keySet()) assertEquals(sameDiff.parameters().get(k), fallback.parameters().get(k), k);
        if (JavaKernels.enabled()) {
            Trained kernels = train(true, true);
            assertTrue(kernels.javaKernelOps() > 0, "with the internal, the ELU runs the Java kernel");
            assertEquals(8, kernels.losses().size());
            assertFalse(kernels.losses().stream().anyMatch(l -> !Double.isFinite(l)));
        }
    }
}
