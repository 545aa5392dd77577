package org.v1workbench.metrics;

import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Scores predictions of every neuron of a dataset with the standard metrics. */
public final class Scoring {
    /** The columns of the {@code score}/{@code evaluate} CSV, in order (DESIGN.md). */
    public static final List<String> COLUMNS = List.of("neuron", "session", "mean_rate_hz", "cc_abs", "cc_max", "cc_norm", "fev", "feve");

    private Scoring() {}

    /**
     * One score per neuron of {@code d}, in the dataset's neuron order.
     *
     * @param d           responses {@code [images][repeats][neurons]} (NaN where a repeat is missing)
     * @param predictions {@code [images.length][neurons]}, in the responses' units as stored (spike
     *                    counts per window, or the signal); row k predicts dataset image {@code images[k]}
     * @param images      {@code [k]}: dataset image indices of the rows
     * @return {@code [neurons]}
     */
    public static List<NeuronScore> score(Dataset d, double[][] predictions, int[] images) {
        if (predictions.length != images.length)
            throw new IllegalArgumentException(predictions.length + " prediction rows for " + images.length + " images");
        List<NeuronScore> out = new ArrayList<>();
        for (int n = 0; n < d.neuronCount(); n++) {
            double[][] rep = new double[images.length][d.repeats()];
            double[] pred = new double[images.length];
            double sum = 0;
            long count = 0;
            for (int k = 0; k < images.length; k++) {
                if (predictions[k].length != d.neuronCount())
                    throw new IllegalArgumentException("prediction row " + k + " has " + predictions[k].length + " neurons, not " + d.neuronCount());
                pred[k] = predictions[k][n];
                for (int r = 0; r < d.repeats(); r++) {
                    double v = d.response(images[k], r, n);
                    rep[k][r] = v;
                    if (!Double.isNaN(v)) { sum += v; count++; }
                }
            }
            Neuron neuron = d.neuron(n);
            // a signal (dF/F, z-scored) has no rate: its mean_rate_hz stays empty
            double rate = count == 0 || !d.responseKind().firing() ? Double.NaN : sum / count * d.displayScale();
            double ccAbs = Metrics.ccAbs(pred, Metrics.trialMeans(rep));
            boolean repeats = d.repeats() >= 2;
            out.add(new NeuronScore(neuron.id(), neuron.session(), rate, ccAbs,
                    repeats ? Metrics.ccMax(rep) : Double.NaN, repeats ? Metrics.ccNorm(pred, rep) : Double.NaN,
                    repeats ? Metrics.fev(rep) : Double.NaN, repeats ? Metrics.feve(pred, rep) : Double.NaN));
        }
        return out;
    }

    /** Writes the {@code score} CSV (atomically); NaN becomes an empty field. */
    public static void writeCsv(List<NeuronScore> scores, Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (NeuronScore s : scores)
            rows.add(List.of(s.neuron(), s.session(), Csv.number(s.meanRateHz()), Csv.number(s.ccAbs()), Csv.number(s.ccMax()),
                    Csv.number(s.ccNorm()), Csv.number(s.fev()), Csv.number(s.feve())));
        Csv.write(file, COLUMNS, rows);
    }

    /**
     * A note where some neuron's CC_max, CC_norm or FEVE is above 1 (empty otherwise): the three
     * are estimates from the repeats' variability and can pass 1 on few images or repeats; the
     * files keep the raw values, and this says so rather than leave a reader puzzling over 1.137.
     */
    public static String estimatesNote(List<NeuronScore> scores) {
        List<String> parts = new ArrayList<>();
        long max = scores.stream().filter(s -> s.ccMax() > 1).count(), norm = scores.stream().filter(s -> s.ccNorm() > 1).count(),
                feve = scores.stream().filter(s -> s.feve() > 1).count();
        if (max > 0) parts.add(max + " CC_max");
        if (norm > 0) parts.add(norm + " CC_norm");
        if (feve > 0) parts.add(feve + " FEVE");
        if (parts.isEmpty()) return "";
        return "note:             values above 1 (" + String.join(", ", parts) + ") are estimates: the noise ceiling is estimated from "
                + "the repeats, and with few images or repeats the estimate can pass 1; the files keep the raw values\n";
    }

    /** The short population summary printed by score and evaluate. */
    public static String summary(List<NeuronScore> scores) {
        StringBuilder sb = new StringBuilder();
        sb.append("neurons scored:   ").append(scores.size()).append('\n');
        sb.append("CC_abs:           ").append(PopulationSummary.of(scores, NeuronScore::ccAbs).format()).append('\n');
        PopulationSummary norm = PopulationSummary.of(scores, NeuronScore::ccNorm);
        if (norm.neurons() > 0) {
            sb.append("CC_max:           ").append(PopulationSummary.of(scores, NeuronScore::ccMax).format()).append('\n');
            sb.append("CC_norm:          ").append(norm.format()).append('\n');
            sb.append("FEVE:             ").append(PopulationSummary.of(scores, NeuronScore::feve).format()).append('\n');
        } else {
            sb.append("CC_norm:          n/a (needs 2 or more repeats per image)\n");
        }
        sb.append(estimatesNote(scores));
        if (scores.stream().allMatch(s -> Double.isNaN(s.meanRateHz())))
            return sb.append("above 5 Hz:       n/a (the responses are not spike counts or rates)\n").toString();
        List<NeuronScore> above = PopulationSummary.above(scores, 5.0);
        sb.append("above 5 Hz:       ").append(above.size()).append(" neurons, CC_abs ")
                .append(PopulationSummary.of(above, NeuronScore::ccAbs).format());
        if (norm.neurons() > 0) sb.append(", CC_norm ").append(PopulationSummary.of(above, NeuronScore::ccNorm).format());
        return sb.append('\n').toString();
    }
}
