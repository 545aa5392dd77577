package org.v1workbench.experiment;

import java.util.List;
import java.util.Map;

/**
 * One training run of an experiment and where it stands: which neurons (one session, or several
 * for a shared core), which ensemble member and seed, which candidate of the preset's validation
 * search (with its hyperparameter overrides), and the early-stopping state needed to resume it.
 *
 * @param status       {@code pending} (not started), {@code stopped} (cancelled, resumable), {@code done}
 * @param outcome      how it ended; null while pending
 * @param bestScore    best mean validation CC so far (NaN before the first epoch)
 * @param sinceBest    epochs since the best score (early stopping counts these)
 * @param sinceLrDrop  epochs without improvement since the last learning-rate change
 * @param chosen       whether this candidate is the one the search kept for its group and seed
 */
public record RunRecord(String id, String group, List<String> neurons, int member, long seed, int candidate,
                        Map<String, String> overrides, String status, Outcome outcome, String reason, int epochs,
                        int bestEpoch, double bestScore, int sinceBest, int sinceLrDrop, double learningRate,
                        boolean chosen, double seconds) {
    public static final String PENDING = "pending", STOPPED = "stopped", DONE = "done";

    public RunRecord {
        neurons = List.copyOf(neurons);
        overrides = Map.copyOf(overrides);
    }
}
