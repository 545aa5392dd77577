package org.v1workbench.experiment;

/**
 * One epoch of one training run, as {@code history.csv} holds it. {@code validationMetric} is
 * {@code cc_norm} where the data have repeats, else {@code cc_abs}; {@code validationCc} is its
 * mean over the run's neurons on the validation tier. Serializable: a sweep's fits send their
 * histories back to the driver from Spark tasks.
 */
public record HistoryRow(String run, int epoch, double trainLoss, double validationLoss, double validationCc,
                         String validationMetric, double learningRate, double imagesPerSecond, double elapsedSeconds)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final java.util.List<String> COLUMNS = java.util.List.of("run", "epoch", "train_loss", "validation_loss",
            "validation_cc", "validation_metric", "learning_rate", "images_per_s", "elapsed_s");

    /** This row under another run id (a sweep names each fit's run by its fold). */
    public HistoryRow withRun(String id) {
        return new HistoryRow(id, epoch, trainLoss, validationLoss, validationCc, validationMetric, learningRate, imagesPerSecond,
                elapsedSeconds);
    }

    /**
     * Per epoch, the mean over the runs of {@code rows} of every column, as one run named
     * {@code id}: for the epochs that every run reached, so that each point averages the same runs
     * (early stopping ends runs at different epochs, and a mean over the runs still going would
     * jump where one stops). A value missing (NaN) in some runs is the mean of the others.
     */
    public static java.util.List<HistoryRow> meanOverRuns(java.util.List<HistoryRow> rows, String id) {
        java.util.Set<String> runs = new java.util.HashSet<>();
        java.util.SortedMap<Integer, java.util.List<HistoryRow>> byEpoch = new java.util.TreeMap<>();
        for (HistoryRow h : rows) {
            runs.add(h.run());
            byEpoch.computeIfAbsent(h.epoch(), e -> new java.util.ArrayList<>()).add(h);
        }
        java.util.List<HistoryRow> out = new java.util.ArrayList<>();
        for (var e : byEpoch.entrySet()) {
            java.util.List<HistoryRow> at = e.getValue();
            if (at.stream().map(HistoryRow::run).distinct().count() < runs.size()) continue;
            out.add(new HistoryRow(id, e.getKey(), mean(at, HistoryRow::trainLoss), mean(at, HistoryRow::validationLoss),
                    mean(at, HistoryRow::validationCc), at.get(0).validationMetric(), mean(at, HistoryRow::learningRate),
                    mean(at, HistoryRow::imagesPerSecond), mean(at, HistoryRow::elapsedSeconds)));
        }
        return out;
    }

    private static double mean(java.util.List<HistoryRow> rows, java.util.function.ToDoubleFunction<HistoryRow> f) {
        double sum = 0;
        int n = 0;
        for (HistoryRow h : rows) {
            double v = f.applyAsDouble(h);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
