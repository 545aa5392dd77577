package org.v1workbench.model.engine;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Epochs of {@link RecordedStep}s: the first batch of a batch size runs through SameDiff's own
 * {@code fit}, recorded; the following ones replay the recording. A graph that cannot be
 * replayed finishes the epoch, and trains from then on, through SameDiff ({@link #notReplayable}).
 */
final class ReplayedSteps implements StepRunner {
    private final SameDiff sd;
    private final String lossName;
    private final OpImplementations implementations;
    /** Saves the parameters and optimiser state and returns what puts them back (to undo a recorded batch). */
    private final Supplier<Runnable> checkpoint;
    private final Map<Integer, RecordedStep> steps = new HashMap<>();
    private String notReplayable;
    private final boolean undoable;
    /** Intermediate arrays each replayed step keeps readable ({@link RecordedStep#kept}). */
    private Set<String> keep = Set.of();
    /** What the last batch's step kept; null where it ran through SameDiff's session. */
    private Map<String, INDArray> lastKept;

    ReplayedSteps(SameDiff sd, String lossName, OpImplementations implementations, Supplier<Runnable> checkpoint, boolean undoable) {
        this.undoable = undoable;
        this.sd = sd;
        this.lossName = lossName;
        this.implementations = implementations;
        this.checkpoint = checkpoint;
    }

    /**
     * With Java kernels the replayed steps round differently from SameDiff's: the recorded batch is
     * then undone and replayed too, so that every update comes from the same kernels wherever the
     * recording fell (a resumed run equals an uninterrupted one). Undoing needs the optimiser set
     * up before the first batch ({@link Internals#initializeTraining}); without it the kernels stay off.
     */
    private boolean javaKernels() {
        return JavaKernels.enabled() && undoable;
    }

    @Override public void runEpoch(BatchSource it, int batchSize, LossWatch watch) {
        TrainingConfig tc = sd.getTrainingConfig();
        while (!it.halted() && it.hasNext()) {
            RecordedStep step = steps.get(batchSize);
            if (step == null && notReplayable != null) {
                lastKept = null;
                sd.fit(it, 1, watch);
                return;
            }
            MultiDataSet ds = it.next();
            if (step == null) {
                boolean redo = javaKernels();
                Runnable undo = null;
                if (redo) {
                    if (sd.getUpdaterMap() == null) Internals.initializeTraining(sd); // the snapshot then holds Adam's initial state
                    undo = checkpoint.get();
                }
                LossWatch recordingWatch = redo ? new LossWatch(lossName, l -> {}) : watch;
                RecordedStep.Recorder recorder = new RecordedStep.Recorder();
                MemoryPacer.beforeRecording();
                sd.fit(new org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator(ds), 1, recordingWatch, recorder);
                List<INDArray> batchArrays = new ArrayList<>(List.of(ds.getFeatures()));
                batchArrays.addAll(List.of(ds.getLabels()));
                try {
                    step = RecordedStep.build(sd.getFunction("grad"), recorder, batchArrays, lossName, implementations, redo, keep);
                    steps.put(batchSize, step);
                } catch (IllegalStateException e) {
                    notReplayable = e.getMessage();
                }
                if (!redo) continue;
                if (step == null || step.javaKernels() == 0) { // SameDiff's update stands
                    lastKept = null;
                    watch.batchDone(recordingWatch.lastLoss);
                    continue;
                }
                undo.run();
            }
            double loss = step.run(tc, sd.getUpdaterMap());
            lastKept = step.kept();
            tc.incrementIterationCount();
            watch.batchDone(loss);
        }
    }

    @Override public String describe() {
        return notReplayable == null ? "recorded and replayed steps" + (javaKernels() ? " with Java kernels" : "")
                : "SameDiff's training session (not replayable: " + notReplayable + ")";
    }

    /** Keeps {@code names} readable after each replayed step from the next recording on. */
    void keep(Set<String> names) {
        if (!names.equals(keep)) release();
        keep = Set.copyOf(names);
    }

    /** Whether the next batch of {@code batchSize} will be replayed, so that its step keeps the {@link #keep} arrays. */
    boolean willKeep(int batchSize) {
        return notReplayable == null && (steps.containsKey(batchSize) || javaKernels());
    }

    /** What the last batch's step kept; null where it ran through SameDiff's session. */
    Map<String, INDArray> lastKept() {
        return lastKept;
    }

    /** Frees the recorded steps' arrays; training again records anew. */
    void release() {
        steps.values().forEach(RecordedStep::close);
        steps.clear();
    }

    int ops() {
        return steps.values().stream().mapToInt(RecordedStep::ops).sum();
    }

    int javaKernelOps(String opName) {
        return steps.values().stream().mapToInt(s -> s.javaKernels(opName)).sum();
    }

    String notReplayable() {
        return notReplayable;
    }
}
