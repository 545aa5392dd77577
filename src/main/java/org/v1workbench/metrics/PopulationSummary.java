package org.v1workbench.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A population mean with its standard error over neurons, leaving out neurons whose value is
 * NaN (and saying how many remained).
 */
public record PopulationSummary(double mean, double sem, int neurons) {
    /** @param values {@code [neurons]}, NaN where a neuron has no value */
    public static PopulationSummary of(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) return new PopulationSummary(Double.NaN, Double.NaN, 0);
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double sem = v.length < 2 ? Double.NaN : Math.sqrt(Metrics.variance(v, 1) / v.length);
        return new PopulationSummary(mean, sem, v.length);
    }

    /** The summary of one metric of {@code scores} ({@code [neurons]}). */
    public static PopulationSummary of(List<NeuronScore> scores, ToDoubleFunction<NeuronScore> metric) {
        return of(scores.stream().mapToDouble(metric).toArray());
    }

    /** The neurons whose mean rate exceeds {@code hz} (the paper's "above 5 Hz" subset). */
    public static List<NeuronScore> above(List<NeuronScore> scores, double hz) {
        return scores.stream().filter(s -> s.meanRateHz() > hz).toList();
    }

    /** "0.512 +- 0.013 (n = 221)", or "n/a" where no neuron has a value. */
    public String format() {
        if (neurons == 0) return "n/a";
        return String.format(java.util.Locale.ROOT, "%.3f +- %.3f (n = %d)", mean, Double.isNaN(sem) ? 0 : sem, neurons);
    }
}
