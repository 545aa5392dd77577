package org.v1workbench.train;

import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.PairedTest;
import org.v1workbench.metrics.PopulationSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a benchmark's tables: {@code PREFIX.csv} (one row per model), {@code PREFIX-neurons.csv}
 * (one row per model and neuron) and {@code PREFIX.md} (readable, with paired tests of the best
 * model against each other and, for simulated data, CC per ground-truth cell type).
 */
public final class BenchmarkReport {
    public static final List<String> MODEL_COLUMNS = List.of("model", "neurons", "mean_cc_abs", "sem_cc_abs", "mean_cc_norm",
            "sem_cc_norm", "mean_cc_abs_above_5hz", "neurons_above_5hz", "seconds", "ensemble");
    public static final List<String> NEURON_COLUMNS = List.of("model", "neuron", "session", "mean_rate_hz", "cc_abs", "cc_norm");

    private BenchmarkReport() {}

    public static void write(Dataset d, List<Benchmark.ModelResult> results, int folds, long seed, Path prefix) throws IOException {
        write(d, results, folds, seed, java.util.Map.of(), prefix);
    }

    /** As above, with the hyperparameters set on the presets ({@code benchmark --set}), named in the report. */
    public static void write(Dataset d, List<Benchmark.ModelResult> results, int folds, long seed, java.util.Map<String, String> settings,
                             Path prefix) throws IOException {
        write(d, results, folds, seed, settings, prefix, "");
    }

    /** As above, with {@code more} (markdown: a nested benchmark's choices) appended to {@code PREFIX.md}. */
    public static void write(Dataset d, List<Benchmark.ModelResult> results, int folds, long seed, java.util.Map<String, String> settings,
                             Path prefix, String more) throws IOException {
        Path parent = prefix.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String base = prefix.getFileName().toString();
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> neuronRows = new ArrayList<>();
        for (Benchmark.ModelResult r : results) {
            List<NeuronScore> s = r.scores();
            PopulationSummary abs = PopulationSummary.of(s, NeuronScore::ccAbs), norm = PopulationSummary.of(s, NeuronScore::ccNorm);
            List<NeuronScore> above = PopulationSummary.above(s, 5.0);
            rows.add(List.of(r.model(), Integer.toString(s.size()), Csv.number(abs.mean()), Csv.number(abs.sem()), Csv.number(norm.mean()),
                    Csv.number(norm.sem()), Csv.number(PopulationSummary.of(above, NeuronScore::ccAbs).mean()), Integer.toString(above.size()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), Integer.toString(r.ensemble())));
            for (NeuronScore n : s)
                neuronRows.add(List.of(r.model(), n.neuron(), n.session(), Csv.number(n.meanRateHz()), Csv.number(n.ccAbs()), Csv.number(n.ccNorm())));
        }
        Csv.write(parent.resolve(base + ".csv"), MODEL_COLUMNS, rows);
        Csv.write(parent.resolve(base + "-neurons.csv"), NEURON_COLUMNS, neuronRows);
        String md = markdown(d, results, folds, seed, settings) + more;
        AtomicFiles.writeFile(parent.resolve(base + ".md"), tmp -> Files.writeString(tmp, md, StandardCharsets.UTF_8));
        // PREFIX.json: what the scores were computed with (dataset checksum, versions, backend).
        Provenance.writeBenchmark(parent.resolve(base + ".json"), d, results.stream().map(Benchmark.ModelResult::model).toList(),
                folds, seed, settings);
    }

    /** True where at least one model has a CC_norm (the data has repeats). */
    static boolean hasNorm(List<Benchmark.ModelResult> results) {
        return results.stream().anyMatch(r -> PopulationSummary.of(r.scores(), NeuronScore::ccNorm).neurons() > 0);
    }

    public static String markdown(Dataset d, List<Benchmark.ModelResult> results, int folds, long seed) {
        return markdown(d, results, folds, seed, java.util.Map.of());
    }

    public static String markdown(Dataset d, List<Benchmark.ModelResult> results, int folds, long seed, java.util.Map<String, String> settings) {
        boolean norm = hasNorm(results);
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmark on ").append(d.name()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "%d neurons in %d sessions, %d images of %d x %d, %d repeat(s). "
                        + "%d-fold cross-validation over images per session (seed %d; fold k tested, fold k+1 for early stopping, the rest trained); "
                        + "scores on the pooled out-of-fold predictions.%n%n",
                d.neuronCount(), d.sessions().size(), d.images(), d.height(), d.width(), d.repeats(), folds, seed));
        List<String> joint = results.stream().map(Benchmark.ModelResult::model).filter(m -> ModelFitters.fitsAcrossSessions(m, settings)).toList();
        if (d.sessions().size() > 1 && !joint.isEmpty())
            sb.append(String.join(", ", joint)).append(joint.size() == 1 ? " shares its" : " share their")
                    .append(" core across sessions: one model per fold for all ").append(d.sessions().size())
                    .append(" sessions (a readout per neuron), as `train` fits it; the other models, one per session and fold.\n\n");
        List<String> changed = settings.entrySet().stream().filter(e -> !e.getKey().equals(ModelFitters.ENSEMBLE))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        if (!changed.isEmpty())
            sb.append("Presets' hyperparameters changed from their defaults (where a preset has them): ")
                    .append(String.join(", ", changed)).append(".\n\n");
        for (Benchmark.ModelResult r : results)
            if (r.ensemble() > 1)
                sb.append(String.format(Locale.ROOT, "%s: an ensemble of %d per fold (the mean of the predictions of %d networks of seeds s to s+%d, "
                        + "s = seed + fold, as `train --ensemble %d` seeds its members).%n%n", r.model(), r.ensemble(), r.ensemble(), r.ensemble() - 1,
                        r.ensemble()));
        // a signal (dF/F, z-scored) has no rate, so no "above 5 Hz" subset
        boolean rates = results.stream().flatMap(r -> r.scores().stream()).anyMatch(n -> !Double.isNaN(n.meanRateHz()));
        sb.append("| model | neurons | CC_abs | ").append(norm ? "CC_norm | " : "").append(rates ? "CC_abs above 5 Hz | neurons above 5 Hz | " : "")
                .append("seconds |\n");
        sb.append("|---|---|---|").append(norm ? "---|" : "").append(rates ? "---|---|" : "").append("---|\n");
        for (Benchmark.ModelResult r : results) {
            List<NeuronScore> s = r.scores();
            List<NeuronScore> above = PopulationSummary.above(s, 5.0);
            sb.append("| ").append(r.model()).append(" | ").append(s.size()).append(" | ")
                    .append(pm(PopulationSummary.of(s, NeuronScore::ccAbs))).append(" | ");
            if (norm) sb.append(pm(PopulationSummary.of(s, NeuronScore::ccNorm))).append(" | ");
            if (rates) sb.append(pm(PopulationSummary.of(above, NeuronScore::ccAbs))).append(" | ").append(above.size()).append(" | ");
            sb.append(String.format(Locale.ROOT, "%.0f", r.seconds())).append(" |\n");
        }
        for (Benchmark.ModelResult r : results)
            if (r.constantNeurons() > 0)
                sb.append(String.format(Locale.ROOT, "%n%s predicted a constant for %d neuron%s (correlation undefined): counted as r = 0%s.%n",
                        r.model(), r.constantNeurons(), r.constantNeurons() == 1 ? "" : "s", norm ? " and CC_norm = 0" : ""));
        if (results.size() > 1) {
            String metric = norm ? "CC_norm" : "CC_abs";
            Benchmark.ModelResult best = results.get(0);
            for (Benchmark.ModelResult r : results) if (mean(r, norm) > mean(best, norm)) best = r;
            sb.append("\nPaired comparison over neurons (").append(metric).append(", Wilcoxon signed-rank, two-sided) of the best model, ")
                    .append(best.model()).append(", against each other:\n\n");
            sb.append("| ").append(best.model()).append(" vs | mean difference | neurons where ").append(best.model()).append(" is higher | p |\n|---|---|---|---|\n");
            for (Benchmark.ModelResult r : results) {
                if (r == best) continue;
                PairedTest t = PairedTest.wilcoxon(values(best, norm), values(r, norm));
                sb.append(String.format(Locale.ROOT, "| %s | %+.3f | %.0f%% of %d | %s |%n", r.model(), t.meanDiff(), 100 * t.fractionAGreater(), t.n(), pValue(t.p())));
            }
        }
        Set<String> types = new LinkedHashSet<>();
        d.neurons().forEach(n -> { if (n.property("cell_type") != null) types.add(n.property("cell_type")); });
        if (!types.isEmpty()) {
            String metric = norm ? "CC_norm" : "CC_abs";
            sb.append("\n").append(metric).append(" by ground-truth cell type (simulated data):\n\n| model |");
            for (String t : types) sb.append(' ').append(t).append(" |");
            sb.append("\n|---|").append("---|".repeat(types.size())).append('\n');
            for (Benchmark.ModelResult r : results) {
                sb.append("| ").append(r.model()).append(" |");
                for (String t : types) {
                    List<NeuronScore> ofType = new ArrayList<>();
                    for (int n = 0; n < d.neuronCount(); n++) if (t.equals(d.neuron(n).property("cell_type"))) ofType.add(r.scores().get(n));
                    sb.append(' ').append(pm(PopulationSummary.of(ofType, norm ? NeuronScore::ccNorm : NeuronScore::ccAbs))).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static double mean(Benchmark.ModelResult r, boolean norm) {
        return PopulationSummary.of(r.scores(), norm ? NeuronScore::ccNorm : NeuronScore::ccAbs).mean();
    }

    static double[] values(Benchmark.ModelResult r, boolean norm) {
        return r.scores().stream().mapToDouble(norm ? NeuronScore::ccNorm : NeuronScore::ccAbs).toArray();
    }

    static String pm(PopulationSummary s) {
        if (s.neurons() == 0) return "n/a";
        return String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), Double.isNaN(s.sem()) ? 0 : s.sem());
    }

    static String pValue(double p) {
        return Double.isNaN(p) ? "n/a" : p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
