package org.v1workbench.model.engine;

/**
 * How the batches of an epoch are run: through SameDiff's own training session
 * ({@link SameDiffSteps}), or recorded once per batch size and replayed ({@link ReplayedSteps}:
 * the same numbers without SameDiff's per-op bookkeeping). {@link TrainingEngine} chooses.
 */
interface StepRunner {
    /** Runs {@code batches} (all of the same size, {@code batchSize}) until they end or halt, each batch's loss to {@code watch}. */
    void runEpoch(BatchSource batches, int batchSize, LossWatch watch);

    /** One line for reports: which runner, and why where it is the fallback. */
    String describe();
}
