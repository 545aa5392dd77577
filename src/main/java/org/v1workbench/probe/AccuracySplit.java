package org.v1workbench.probe;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The paper's check that a network predicts orientation-selective and non-selective neurons
 * alike: prediction accuracy (CC_abs, and CC_norm where it exists) per group of neurons, the
 * groups from the probe (orientation-selective = simple or complex, non-selective = untuned,
 * simple, complex), the scores from an experiment's per-neuron score file ({@code neuron, ...,
 * cc_abs, ..., cc_norm}).
 */
public final class AccuracySplit {
    private AccuracySplit() {}

    public static final List<String> COLUMNS = List.of("group", "neurons", "mean_cc_abs", "sem_cc_abs",
            "neurons_cc_norm", "mean_cc_norm", "sem_cc_norm");

    /** One group: counts, means and standard errors (NaN where fewer than 2 values). */
    public record Group(String name, int neurons, double meanCcAbs, double semCcAbs, int neuronsCcNorm,
                        double meanCcNorm, double semCcNorm) {}

    /** Scores per neuron id: {cc_abs, cc_norm}, NaN where a score is empty. */
    public static Map<String, double[]> readScores(Path scoreCsv) {
        return readScores(scoreCsv, null);
    }

    /**
     * As {@link #readScores(Path)}, from a file that may hold several models' scores (a
     * {@code model} column, as benchmark's {@code PREFIX-neurons.csv}): only the rows of
     * {@code model}; null where the file has one model's scores (a neuron listed twice is then
     * bad input).
     */
    public static Map<String, double[]> readScores(Path scoreCsv, String model) {
        Csv.Table t = Csv.read(scoreCsv);
        for (String c : List.of("neuron", "cc_abs", "cc_norm"))
            if (!t.columns().contains(c)) throw new BadInputException(scoreCsv, "has no column '" + c + "'");
        if (model != null && !t.columns().contains("model"))
            throw new BadInputException(scoreCsv, "has no column 'model' to pick the scores of '" + model + "' from");
        Map<String, double[]> out = new HashMap<>();
        int line = 1;
        for (Map<String, String> row : t.rows()) {
            line++;
            if (model != null && !model.equals(row.get("model"))) continue;
            double[] v = {ProbedNeuron.number(scoreCsv, line, row, "cc_abs"), ProbedNeuron.number(scoreCsv, line, row, "cc_norm")};
            if (out.put(row.get("neuron"), v) != null)
                throw new BadInputException(scoreCsv, "line " + line + ": neuron '" + row.get("neuron") + "' has a second row"
                        + (t.columns().contains("model") ? " (several models? pick one: --scores-model)" : ""));
        }
        if (model != null && out.isEmpty()) throw new BadInputException(scoreCsv, "has no rows of model '" + model + "'");
        return out;
    }

    /** The groups all, orientation-selective, non-selective, simple and complex, in that order. */
    public static List<Group> split(List<ProbedNeuron> neurons, Map<String, double[]> scores) {
        List<Group> out = new ArrayList<>();
        out.add(group("all", neurons, scores, n -> true));
        out.add(group("orientation-selective", neurons, scores, n -> n.cellClass() != CellClass.UNTUNED));
        out.add(group("non-selective", neurons, scores, n -> n.cellClass() == CellClass.UNTUNED));
        out.add(group("simple", neurons, scores, n -> n.cellClass() == CellClass.SIMPLE));
        out.add(group("complex", neurons, scores, n -> n.cellClass() == CellClass.COMPLEX));
        return out;
    }

    static Group group(String name, List<ProbedNeuron> neurons, Map<String, double[]> scores, Predicate<ProbedNeuron> in) {
        List<Double> abs = new ArrayList<>(), norm = new ArrayList<>();
        int count = 0;
        for (ProbedNeuron n : neurons) {
            if (!in.test(n)) continue;
            double[] s = scores.get(n.id());
            if (s == null) throw new BadInputException("neuron '" + n.id() + "' has no score");
            count++;
            if (!Double.isNaN(s[0])) abs.add(s[0]);
            if (!Double.isNaN(s[1])) norm.add(s[1]);
        }
        return new Group(name, count, mean(abs), sem(abs), norm.size(), mean(norm), sem(norm));
    }

    static double mean(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Standard error of the mean: sample sd (n - 1) / sqrt(n). */
    static double sem(List<Double> v) {
        if (v.size() < 2) return Double.NaN;
        double m = mean(v), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (v.size() - 1)) / Math.sqrt(v.size());
    }

    public static void write(List<Group> groups, Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Group g : groups)
            rows.add(List.of(g.name(), Integer.toString(g.neurons()), Csv.number(g.meanCcAbs()), Csv.number(g.semCcAbs()),
                    Integer.toString(g.neuronsCcNorm()), Csv.number(g.meanCcNorm()), Csv.number(g.semCcNorm())));
        Csv.write(csv, COLUMNS, rows);
    }

    /** The table in Markdown; CC_norm columns only where some neuron has one. */
    public static String markdown(List<Group> groups) {
        boolean norm = groups.stream().anyMatch(g -> g.neuronsCcNorm() > 0);
        StringBuilder b = new StringBuilder();
        b.append(norm ? "| group | neurons | CC_abs (mean +- SEM) | neurons with CC_norm | CC_norm (mean +- SEM) |\n|---|---:|---:|---:|---:|\n"
                : "| group | neurons | CC_abs (mean +- SEM) |\n|---|---:|---:|\n");
        for (Group g : groups) {
            b.append("| ").append(g.name()).append(" | ").append(g.neurons()).append(" | ").append(pm(g.meanCcAbs(), g.semCcAbs()));
            if (norm) b.append(" | ").append(g.neuronsCcNorm()).append(" | ").append(pm(g.meanCcNorm(), g.semCcNorm()));
            b.append(" |\n");
        }
        return b.toString();
    }

    static String pm(double mean, double sem) {
        if (Double.isNaN(mean)) return "n/a";
        return Double.isNaN(sem) ? String.format(java.util.Locale.ROOT, "%.3f", mean)
                : String.format(java.util.Locale.ROOT, "%.3f +- %.3f", mean, sem);
    }
}
