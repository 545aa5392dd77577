package org.v1workbench.experiment;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.JsonFields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What lists and comparisons of experiments need, read from {@code config.json},
 * {@code metrics.json} and {@code history.csv} without loading any network: fast enough to scan
 * a folder of many experiments.
 *
 * @param meanCcAbs  mean test-tier CC_abs over neurons (NaN when the test tier was empty)
 * @param meanCcNorm mean test-tier CC_norm over neurons (NaN without repeats)
 * @param history    one row per run and epoch, as in {@code history.csv}
 */
public record ExperimentSummary(Path dir, String preset, Map<String, String> hyperparameters, long seed, int ensemble,
                                String datasetName, String datasetSha256, int neurons, String validationMetric,
                                Outcome outcome, String reason, double seconds, double meanCcAbs, double meanCcNorm,
                                int epochs, List<HistoryRow> history) {
    public ExperimentSummary {
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        history = List.copyOf(history);
    }

    /** The folder's name, which is how the window and the command line refer to it. */
    public String name() {
        return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }

    /** Whether {@code dir} looks like an experiment folder (it has the files a finished save writes). */
    public static boolean isExperiment(Path dir) {
        return Files.isRegularFile(dir.resolve(Experiment.CONFIG)) && Files.isRegularFile(dir.resolve(Experiment.METRICS));
    }

    /**
     * Reads the summary of the experiment in {@code dir}; a BadInputException names a missing or
     * broken file (and the field). {@code config.json} and {@code history.csv} are read as
     * {@link Experiment#load} reads them.
     */
    public static ExperimentSummary read(Path dir) {
        ExperimentFiles.Config c = ExperimentFiles.config(dir);
        JsonFields m = ExperimentFiles.json(dir.resolve(Experiment.METRICS));
        JsonFields t = m.objectOrEmpty("test");
        int epochs = 0;
        if (m.has("runs")) for (JsonFields r : m.objects("runs")) epochs = Math.max(epochs, r.integer("epochs", 0));
        return new ExperimentSummary(dir.toAbsolutePath().normalize(), c.model().preset(), c.model().hyperparameters(),
                c.model().seed(), c.ensemble(), c.dataset().name(), c.dataset().sha256(), c.neurons().size(), c.validationMetric(),
                ExperimentFiles.outcome(m, "outcome"), m.text("reason", ""), m.number("seconds", Double.NaN),
                t.number("mean_cc_abs", Double.NaN), t.number("mean_cc_norm", Double.NaN), epochs, ExperimentFiles.history(dir));
    }

    /**
     * The experiments directly inside {@code root}, newest first (by the modification time of
     * their metrics). Folders that are not experiments, or cannot be read, are left out, and so
     * are hidden ones (a save's temporary folder, {@code .NAME.tmp-...}, left by a killed process).
     */
    public static List<ExperimentSummary> scan(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        List<ExperimentSummary> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(ExperimentSummary::isExperiment).toList()) {
                try {
                    out.add(read(p));
                } catch (BadInputException ignored) {
                    // A broken folder is not an experiment to list; opening it by hand reports why.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparingLong((ExperimentSummary e) -> modified(e.dir().resolve(Experiment.METRICS))).reversed());
        return out;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
