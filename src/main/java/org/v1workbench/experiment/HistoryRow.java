package org.v1workbench.experiment;

/**
 * One epoch of one training run, as {@code history.csv} holds it. {@code validationMetric} is
 * {@code cc_norm} where the data have repeats, else {@code cc_abs}; {@code validationCc} is its
 * mean over the run's neurons on the validation tier.
 */
public record HistoryRow(String run, int epoch, double trainLoss, double validationLoss, double validationCc,
                         String validationMetric, double learningRate, double imagesPerSecond, double elapsedSeconds) {
    public static final java.util.List<String> COLUMNS = java.util.List.of("run", "epoch", "train_loss", "validation_loss",
            "validation_cc", "validation_metric", "learning_rate", "images_per_s", "elapsed_s");
}
