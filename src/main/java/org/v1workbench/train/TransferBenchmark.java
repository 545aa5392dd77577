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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave one session out ({@code benchmark --transfer}): for each session, a core is trained on
 * the neurons of all the other sessions, and this session's neurons are then cross-validated
 * twice with the same folds: a model trained from scratch on the session alone, and readouts
 * fitted on the transferred core (frozen). The held-out session's responses never reach its
 * core. With {@code perFold} (the default) each fold gets its own core, trained on that fold's
 * training and validation images only, so that no test image reaches the core either; otherwise
 * one core per session sees every image (through the other sessions' neurons), which is how a
 * lab would reuse a core on the same stimulus set.
 *
 * <p>The cores and the fits are units of work ({@link TransferPlan}) in two rounds, the cores
 * first: they run here one after the other, as Spark tasks or as a job array's tasks, with the
 * same numbers wherever they ran.
 */
public final class TransferBenchmark {
    private TransferBenchmark() {}

    /** One session's comparison; scores in the session's neuron order. */
    public record SessionResult(String session, List<NeuronScore> scratch, List<NeuronScore> transferred, Path core) {}

    static double mean(List<NeuronScore> s) {
        return PopulationSummary.of(s, NeuronScore::ccAbs).mean();
    }

    private static double[] values(List<NeuronScore> s, boolean norm) {
        return s.stream().mapToDouble(n -> norm ? n.ccNorm() : n.ccAbs()).toArray();
    }

    public static final List<String> COLUMNS = List.of("model", "session", "neurons", "metric", "mean_scratch", "sem_scratch",
            "mean_transferred", "sem_transferred", "mean_difference", "fraction_transferred_higher", "p");

    /** Writes {@code PREFIX-transfer.csv} and {@code PREFIX-transfer.md}; returns the markdown. */
    public static String write(Dataset d, String model, List<SessionResult> results, int folds, long seed, Map<String, String> settings,
                               Path prefix) throws IOException {
        return write(d, model, results, folds, seed, true, settings, prefix);
    }

    public static String write(Dataset d, String model, List<SessionResult> results, int folds, long seed, boolean perFold,
                               Map<String, String> settings, Path prefix) throws IOException {
        boolean norm = d.repeats() >= 2;
        String metric = norm ? "cc_norm" : "cc_abs";
        List<List<String>> rows = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append("# Core transfer, leave one session out: ").append(model).append(" on ").append(d.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "For each session: a core trained on the other %d sessions' neurons (%s), then this session's "
                + "neurons cross-validated over images (%d folds, seed %d) from scratch and as readouts on that frozen core. %s, mean ± SEM over "
                + "the session's neurons; paired Wilcoxon signed-rank test.%n%n", d.sessions().size() - 1,
                perFold ? "one core per fold, on that fold's training and validation images: no test image reaches it"
                        : "one core on all images: the test images reach it through the other sessions' neurons, never this session's",
                folds, seed, norm ? "CC_norm" : "Pearson r (CC_abs)"));
        if (!settings.isEmpty())
            md.append("Settings: ").append(String.join(", ", settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())).append(".\n\n");
        md.append("| session | neurons | from scratch | transferred core | difference | transferred higher | p |\n|---|---|---|---|---|---|---|\n");
        List<NeuronScore> allScratch = new ArrayList<>(), allTransferred = new ArrayList<>();
        for (SessionResult r : results) {
            allScratch.addAll(r.scratch());
            allTransferred.addAll(r.transferred());
            row(rows, md, model, r.session(), r.scratch(), r.transferred(), norm, metric);
        }
        row(rows, md, model, "all", allScratch, allTransferred, norm, metric);
        Path parent = prefix.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Csv.write(parent.resolve(prefix.getFileName() + "-transfer.csv"), COLUMNS, rows);
        String text = md.toString();
        AtomicFiles.writeFile(parent.resolve(prefix.getFileName() + "-transfer.md"), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        return text;
    }

    private static void row(List<List<String>> rows, StringBuilder md, String model, String session, List<NeuronScore> scratch,
                            List<NeuronScore> transferred, boolean norm, String metric) {
        PopulationSummary a = PopulationSummary.of(values(scratch, norm)), b = PopulationSummary.of(values(transferred, norm));
        PairedTest t = PairedTest.wilcoxon(values(transferred, norm), values(scratch, norm));
        rows.add(List.of(model, session, Integer.toString(scratch.size()), metric, Csv.number(a.mean()), Csv.number(a.sem()), Csv.number(b.mean()),
                Csv.number(b.sem()), Csv.number(t.meanDiff()), Csv.number(t.fractionAGreater()), Csv.number(t.p())));
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %+.3f | %.0f%% | %s |%n", session, scratch.size(), BenchmarkReport.pm(a),
                BenchmarkReport.pm(b), t.meanDiff(), 100 * t.fractionAGreater(), BenchmarkReport.pValue(t.p())));
    }
}
