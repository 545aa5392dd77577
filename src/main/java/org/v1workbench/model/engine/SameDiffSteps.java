package org.v1workbench.model.engine;

import org.nd4j.autodiff.samediff.SameDiff;

/** Plain SameDiff: every batch through its training session ({@code fit}). The reference the replayed steps equal. */
final class SameDiffSteps implements StepRunner {
    private final SameDiff sd;

    SameDiffSteps(SameDiff sd) {
        this.sd = sd;
    }

    @Override public void runEpoch(BatchSource batches, int batchSize, LossWatch watch) {
        if (batches.hasNext()) sd.fit(batches, 1, watch);
    }

    @Override public String describe() {
        return "SameDiff's training session";
    }
}
