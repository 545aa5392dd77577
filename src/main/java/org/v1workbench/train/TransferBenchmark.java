package org.v1workbench.train;

import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.PairedTest;
import org.v1workbench.metrics.PopulationSummary;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Presets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Leave one session out ({@code benchmark --transfer}): for each session, a core is trained on
 * the neurons of all the other sessions, and this session's neurons are then cross-validated
 * twice with the same folds: a model trained from scratch on the session alone, and readouts
 * fitted on the transferred core (frozen). The held-out session's responses never reach its
 * core. With {@code perFold} (the default) each fold gets its own core, trained on that fold's
 * training and validation images only, so that no test image reaches the core either; otherwise
 * one core per session sees every image (through the other sessions' neurons), which is how a
 * lab would reuse a core on the same stimulus set.
 */
public final class TransferBenchmark {
    private TransferBenchmark() {}

    /** One session's comparison; scores in the session's neuron order. */
    public record SessionResult(String session, List<NeuronScore> scratch, List<NeuronScore> transferred, Path core) {}

    public static List<SessionResult> run(Dataset d, String model, Map<String, String> settings, int folds, long seed, Path coresDir,
                                          Consumer<String> progress) throws Exception {
        return run(d, model, settings, folds, seed, true, coresDir, progress);
    }

    public static List<SessionResult> run(Dataset d, String model, Map<String, String> settings, int folds, long seed, boolean perFold,
                                          Path coresDir, Consumer<String> progress) throws Exception {
        if (!Presets.names().contains(model) || Presets.get(model).coreParameterPrefixes().isEmpty())
            throw new BadInputException("--transfer: " + model + " has no core to transfer (presets with one: "
                    + String.join(", ", Presets.all().stream().filter(p -> !p.coreParameterPrefixes().isEmpty()).map(p -> p.name()).toList()) + ")");
        if (d.sessions().size() < 2) throw new BadInputException("--transfer: dataset '" + d.name() + "' has one session; leaving one out needs two or more");
        Map<String, String> own = ModelFitters.settingsOf(Presets.get(model), settings);
        int[] all = IntStream.range(0, d.images()).toArray();
        List<SessionResult> out = new ArrayList<>();
        for (String s : d.sessions()) {
            // 1. the cores: every other session's neurons; per fold on its training and validation images, or one on all images
            int[] others = IntStream.range(0, d.neuronCount()).filter(n -> !d.neuron(n).session().equals(s)).toArray();
            CrossValidation.Fold[] split = CrossValidation.folds(d.images(), folds, seed);
            Map<String, String> coreSettings = new LinkedHashMap<>(own);
            coreSettings.remove("core_from");
            coreSettings.remove("freeze_core");
            if (Presets.get(model).defaults().containsKey("shared_core")) coreSettings.put("shared_core", "true");
            ModelConfig c = Presets.config(model, coreSettings, seed);
            Path core = coresDir.resolve("without-session-" + s.replaceAll("[^A-Za-z0-9._-]", "_"));
            long t0 = System.nanoTime();
            for (int f = 0; f < (perFold ? folds : 1); f++) {
                Tier[] t = new Tier[d.images()];
                java.util.Arrays.fill(t, Tier.TRAIN);
                for (int i : split[f].validation()) t[i] = Tier.VALIDATION;
                if (perFold) for (int i : split[f].test()) t[i] = Tier.TEST;
                Dataset source = d.selectNeurons(others).toBuilder().tiers(Tiers.of(t)).build();
                TrainingRequest request = new TrainingRequest(source, c, List.of(), 1, perFold ? core.resolve("fold-" + (f + 1)) : core);
                TrainingService.check(request);
                JobRunner.fresh(request, new TrainingJob()).run();
            }
            if (progress != null) progress.accept(String.format(Locale.ROOT, "%s: core%s without session %s trained (%.0f s)", model,
                    perFold ? "s (one per fold)" : "", s, (System.nanoTime() - t0) / 1e9));

            // 2. this session, from scratch and on the transferred core, the same folds
            Dataset session = d.selectNeurons(d.neuronsOf(s));
            Map<String, String> scratchSettings = new LinkedHashMap<>(own);
            scratchSettings.remove("core_from");
            scratchSettings.remove("freeze_core");
            CrossValidation.Fitter onCore = (sess, fold, sd) -> {
                Map<String, String> transferSettings = new LinkedHashMap<>(scratchSettings);
                Path from = perFold ? core.resolve("fold-" + (fold.index() + 1)) : core;
                transferSettings.put("core_from", from.toAbsolutePath().toString());
                transferSettings.put("freeze_core", "true");
                return ModelFitters.forModel(model, transferSettings).fitAndPredict(sess, fold, sd);
            };
            double[][] scratch = CrossValidation.predictOutOfFold(session, folds, seed, ModelFitters.forModel(model, scratchSettings), true, null);
            double[][] transferred = CrossValidation.predictOutOfFold(session, folds, seed, onCore, true, null);
            SessionResult r = new SessionResult(s, Benchmark.scored(session, model, scratch, all, 0).scores(),
                    Benchmark.scored(session, model, transferred, all, 0).scores(), core);
            out.add(r);
            if (progress != null) progress.accept(String.format(Locale.ROOT, "%s: session %s: from scratch %.3f, transferred core %.3f", model, s,
                    mean(r.scratch()), mean(r.transferred())));
        }
        return out;
    }

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
