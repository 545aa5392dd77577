package org.v1workbench.experiment;

import java.util.List;
import java.util.Map;

/**
 * One training run of an experiment and where it stands: which neurons (one session, or several
 * for a shared core), which ensemble member and seed, which candidate of the preset's validation
 * search (with its hyperparameter overrides), and the early-stopping state needed to resume it.
 *
 * @param status       not started, stopped (cancelled, resumable) or done
 * @param outcome      how it ended; null while pending
 * @param bestScore    best mean validation CC so far (NaN before the first epoch)
 * @param sinceBest    epochs since the best score (early stopping counts these)
 * @param sinceLrDrop  epochs without improvement since the last learning-rate change
 * @param chosen       whether this candidate is the one the search kept for its group and seed
 * @param restores     times early stopping went back to the best weights and trained on ({@code restore_rounds})
 */
public record RunRecord(String id, String group, List<String> neurons, int member, long seed, int candidate,
                        Map<String, String> overrides, Status status, Outcome outcome, String reason, int epochs,
                        int bestEpoch, double bestScore, int sinceBest, int sinceLrDrop, double learningRate,
                        boolean chosen, double seconds, int restores) {
    /** Where a run stands; {@link #label()} is what {@code training.json} says. */
    public enum Status {
        /** Not started. */
        PENDING,
        /** Cancelled after at least one epoch: resumable. */
        STOPPED,
        /** Finished, early-stopped or diverged. */
        DONE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status parse(String s) {
            for (Status v : values()) if (v.label().equals(s)) return v;
            throw new IllegalArgumentException("unknown run status '" + s + "' (pending, stopped or done)");
        }
    }

    public RunRecord {
        neurons = List.copyOf(neurons);
        overrides = Map.copyOf(overrides);
    }

    /** A run not started yet, at the configuration's learning rate. */
    public static RunRecord pending(String id, String group, List<String> neurons, int member, long seed, int candidate,
                                    Map<String, String> overrides, double learningRate) {
        return new RunRecord(id, group, neurons, member, seed, candidate, overrides, Status.PENDING, null, "", 0, 0, Double.NaN, 0, 0,
                learningRate, false, 0, 0);
    }

    /**
     * This run after training: where it stands, how and why it ended, and the early-stopping and
     * schedule state to resume from; not chosen until the search compares the finished candidates.
     */
    public RunRecord after(Status status, Outcome outcome, String reason, int epochs, int bestEpoch, double bestScore, int sinceBest,
                           int sinceLrDrop, double learningRate, double seconds, int restores) {
        return new RunRecord(id, group, neurons, member, seed, candidate, overrides, status, outcome, reason, epochs, bestEpoch, bestScore,
                sinceBest, sinceLrDrop, learningRate, false, seconds, restores);
    }

    /** This run, chosen (or not) as its group's candidate. */
    public RunRecord withChosen(boolean chosen) {
        return new RunRecord(id, group, neurons, member, seed, candidate, overrides, status, outcome, reason, epochs, bestEpoch, bestScore,
                sinceBest, sinceLrDrop, learningRate, chosen, seconds, restores);
    }
}
