package org.v1workbench.train;

import org.v1workbench.experiment.Outcome;

import java.nio.file.Path;

/**
 * What the training service reports, on its own thread (a window must hand events to its UI
 * thread). A job trains one or more runs (one per session group, ensemble member and
 * validation-search candidate), each emitting {@link Epoch} events and one {@link RunEnd}; the
 * job ends with exactly one {@link End} or {@link Failed}.
 */
public sealed interface TrainingEvent permits TrainingEvent.Epoch, TrainingEvent.RunEnd, TrainingEvent.End, TrainingEvent.Failed {

    /**
     * One completed epoch. {@code validationCc} is the mean over the run's neurons of
     * {@code validationMetric} ({@code cc_norm} where the data have repeats, else {@code cc_abs})
     * on the validation tier; losses are Poisson negative log-likelihoods per image and neuron
     * (training: mean over the epoch's batches, penalties included; validation: on trial means,
     * without penalties); {@code imagesPerSecond} counts training images only; {@code elapsedSeconds}
     * since the run started (earlier sessions of a resumed run included).
     */
    record Epoch(String run, int runIndex, int runs, int epoch, int maxEpochs, double trainLoss, double validationLoss,
                 double validationCc, String validationMetric, double learningRate, double imagesPerSecond,
                 double elapsedSeconds) implements TrainingEvent {}

    /** One run ended. {@code bestValidationCc} is NaN when no epoch completed. */
    record RunEnd(String run, int runIndex, int runs, Outcome outcome, String reason, int epochs, int bestEpoch,
                  double bestValidationCc) implements TrainingEvent {}

    /** The job ended; the experiment was saved to {@code experiment} (null when no folder was asked for). */
    record End(Outcome outcome, String reason, Path experiment, double seconds) implements TrainingEvent {}

    /** The job failed (bad input found late, an I/O error, a bug); nothing was saved. */
    record Failed(String message, Throwable error) implements TrainingEvent {}
}
