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
 * <p>A sweep's setting ({@link SettingFolder}) reads as an experiment too, with {@link #sweep()}
 * saying which; it has no model ({@link #hasModel()}), and a test score only if the sweep chose it.
 *
 * @param meanCcAbs       mean test-tier CC_abs over neurons (NaN when the test tier was empty, and for a setting the sweep did not choose)
 * @param meanCcNorm      mean test-tier CC_norm over neurons (NaN without repeats)
 * @param validationScore the validation score in {@code validationMetric}, mean over neurons: for a
 *                        trained experiment, its chosen runs' best epochs averaged over the runs; for
 *                        a sweep's setting, the score of its pooled validation predictions, which the
 *                        sweep chose on (NaN where unknown)
 * @param epochs          the most epochs any run trained
 * @param history         one row per run and epoch, as in {@code history.csv}
 * @param sweep           which sweep and setting this folder is; null for a trained experiment
 */
public record ExperimentSummary(Path dir, String preset, Map<String, String> hyperparameters, long seed, int ensemble,
                                String datasetName, String datasetSha256, int neurons, String validationMetric,
                                Outcome outcome, String reason, double seconds, double meanCcAbs, double meanCcNorm,
                                double validationScore, int epochs, List<HistoryRow> history, SweepSetting sweep) {
    public ExperimentSummary {
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        history = List.copyOf(history);
    }

    /** Whether there is a model to load, inspect and probe: not for a sweep's setting, which is k cross-validation fits. */
    public boolean hasModel() {
        return sweep == null;
    }

    /** How lists and legends name it: the folder's name, or {@code PREFIX LABEL} for a sweep's setting. */
    public String title() {
        return sweep == null ? name() : sweep.title();
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
        Path abs = dir.toAbsolutePath().normalize();
        ExperimentFiles.Config c = ExperimentFiles.config(dir);
        JsonFields m = ExperimentFiles.json(dir.resolve(Experiment.METRICS));
        JsonFields t = m.objectOrEmpty("test");
        SweepSetting sweep = SweepSetting.read(abs, c.json(), m);
        List<HistoryRow> history = ExperimentFiles.history(dir);
        String metric = c.validationMetric();
        int epochs = 0;
        double validation;
        if (sweep != null) {
            validation = m.objectOrEmpty("validation").number("mean_" + metric, Double.NaN);
            for (HistoryRow h : history) epochs = Math.max(epochs, h.epoch());
        } else {
            double sum = 0;
            int n = 0;
            for (JsonFields r : m.has("runs") ? m.objects("runs") : List.<JsonFields>of()) {
                epochs = Math.max(epochs, r.integer("epochs", 0));
                double best = r.number("best_validation_" + metric, Double.NaN);
                if (r.flag("chosen", true) && Double.isFinite(best)) {
                    sum += best;
                    n++;
                }
            }
            validation = n == 0 ? Double.NaN : sum / n;
        }
        return new ExperimentSummary(abs, c.model().preset(), c.model().hyperparameters(),
                c.model().seed(), c.ensemble(), c.dataset().name(), c.dataset().sha256(), c.neurons().size(), metric,
                ExperimentFiles.outcome(m, "outcome"), m.text("reason", ""), m.number("seconds", Double.NaN),
                t.number("mean_cc_abs", Double.NaN), t.number("mean_cc_norm", Double.NaN), validation, epochs, history, sweep);
    }

    /**
     * The experiments directly inside {@code root}, and the settings of the sweeps there (in
     * their {@code PREFIX-settings} folders), newest first: by the modification time of an
     * experiment's metrics, of a sweep's settings folder (its settings together, in label
     * order). Folders that are not experiments, or cannot be read, are left out, and so are hidden
     * ones (a save's temporary folder, {@code .NAME.tmp-...}, left by a killed process).
     */
    public static List<ExperimentSummary> scan(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        List<ExperimentSummary> out = new ArrayList<>();
        for (Path p : folders(root)) {
            if (isExperiment(p)) add(out, p);
            else if (p.getFileName().toString().endsWith(SettingFolder.SUFFIX))
                for (Path setting : folders(p)) if (isExperiment(setting)) add(out, setting);
        }
        out.sort(Comparator.comparingLong(ExperimentSummary::listedTime).reversed()
                .thenComparing(e -> e.dir().getParent().toString()).thenComparing(ExperimentSummary::name));
        return out;
    }

    /** The visible sub-folders of {@code dir}. */
    private static List<Path> folders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void add(List<ExperimentSummary> out, Path dir) {
        try {
            out.add(read(dir));
        } catch (BadInputException ignored) {
            // A broken folder is not an experiment to list; opening it by hand reports why.
        }
    }

    /** The time a list sorts by: the experiment's metrics' or, for a sweep's setting, its sweep's settings folder's. */
    private long listedTime() {
        return modified(sweep == null ? dir.resolve(Experiment.METRICS) : dir.getParent());
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
