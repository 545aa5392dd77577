package org.v1workbench.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.PopulationSummary;
import org.v1workbench.metrics.Scoring;
import org.v1workbench.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One setting of a sweep as an experiment folder that holds no model: {@code config.json} (as an
 * experiment's), {@code metrics.json} and {@code scores.csv}, so that
 * {@link ExperimentSummary#read} and the lists of experiments read a sweep's settings as they read
 * trained experiments. A setting is k cross-validation fits, not one model: there is nothing to
 * load or probe ({@link Experiment#load} refuses the folder). Its scores on the validation folds
 * are in {@code validation-scores.csv} and {@code metrics.json} "validation"; only the chosen
 * setting has test scores ({@code scores.csv}, {@code metrics.json} "test"), so that no setting is
 * picked by them. {@code config.json} "sweep" says which sweep and setting it is
 * ({@link SweepSetting}), and {@code history.csv} holds every fold's learning curves, one run per
 * fit (named {@code fold1}, {@code fold2}, ...; with the session and the ensemble member where a
 * setting has several fits per fold), in the format of a trained experiment's.
 */
public final class SettingFolder {
    /** Per-neuron scores on the pooled validation predictions ({@link Scoring#COLUMNS}). */
    public static final String VALIDATION_SCORES = "validation-scores.csv";
    /** The {@code format} of a setting's {@code config.json}. */
    public static final String FORMAT = "v1-workbench sweep setting 1";
    /** The settings of sweep {@code PREFIX} are in the folder {@code PREFIX-settings}. */
    public static final String SUFFIX = "-settings";

    private SettingFolder() {}

    /**
     * Writes {@code dir} (atomically).
     *
     * @param validation per-neuron scores on the pooled validation predictions
     * @param test       per-neuron test scores, for the chosen setting only; null otherwise
     * @param setting    which sweep and setting this is, for {@code config.json} "sweep"
     * @param history    the learning curves of the setting's fits, one run per fit
     */
    public static void write(Path dir, ModelConfig config, int ensemble, Dataset data, String metric, String reason, double seconds,
                             List<NeuronScore> validation, List<NeuronScore> test, Map<String, String> versions, SweepSetting setting,
                             List<HistoryRow> history) throws IOException {
        ObjectNode c = Experiment.JSON.createObjectNode();
        c.put("format", FORMAT);
        c.put("preset", config.preset());
        ObjectNode hp = c.putObject("hyperparameters");
        config.hyperparameters().forEach(hp::put);
        c.put("seed", config.seed());
        c.put("ensemble", ensemble);
        var sessions = c.putArray("sessions");
        data.sessions().forEach(sessions::add);
        var neurons = c.putArray("neurons");
        data.neurons().forEach(n -> neurons.add(n.id()));
        DatasetIdentity.of(data).writeTo(c.putObject("dataset"));
        c.put("validation_metric", metric);
        ObjectNode v = c.putObject("versions");
        new TreeMap<>(versions).forEach(v::put);
        ObjectNode sw = c.putObject("sweep");
        sw.put("name", setting.sweep());
        sw.put("setting", setting.label());
        setting.swept().forEach(sw.putObject("swept")::put);
        sw.put("folds", setting.folds());
        sw.put("chosen", setting.chosen());

        ObjectNode m = Experiment.JSON.createObjectNode();
        m.put("outcome", Outcome.FINISHED.label());
        m.put("reason", reason);
        m.put("seconds", seconds);
        summary(m.putObject("validation"), validation);
        if (test != null) summary(m.putObject("test"), test);
        AtomicFiles.writeDirectory(dir, tmp -> {
            Experiment.JSON.writeValue(tmp.resolve(Experiment.CONFIG).toFile(), c);
            Experiment.JSON.writeValue(tmp.resolve(Experiment.METRICS).toFile(), m);
            Scoring.writeCsv(validation, tmp.resolve(VALIDATION_SCORES));
            ExperimentFiles.writeHistory(tmp.resolve(Experiment.HISTORY), history);
            if (test != null) Scoring.writeCsv(test, tmp.resolve(Experiment.SCORES));
        });
    }

    /** The files {@code sweep} writes beside {@code PREFIX}, by their ends: how a file finds its sweep's settings. */
    private static final List<String> REPORT_ENDINGS = List.of("-best.json", "-test-neurons.csv", ".csv", ".md", ".png", ".json");

    /**
     * The settings of the sweep(s) at {@code path}, in label order: a sweep's {@code PREFIX-settings}
     * folder, one setting in it (its sweep's settings, all), a folder holding sweeps, or one of a
     * sweep's report files ({@code PREFIX.csv}, {@code PREFIX-best.json}, ...). A BadInputException
     * says where no sweep was found.
     */
    public static List<ExperimentSummary> settingsAt(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(p)) {
            String name = p.getFileName().toString();
            for (String end : REPORT_ENDINGS)
                if (name.endsWith(end)) {
                    Path settings = p.resolveSibling(name.substring(0, name.length() - end.length()) + SUFFIX);
                    if (Files.isDirectory(settings)) {
                        p = settings;
                        break;
                    }
                }
        } else if (ExperimentSummary.isExperiment(p) && p.getParent() != null) {
            ExperimentSummary one = ExperimentSummary.read(p);
            if (one.sweep() == null) throw new BadInputException(p, "is a trained experiment, not a sweep: open it as an experiment");
            p = p.getParent();
        }
        if (!Files.isDirectory(p)) throw new BadInputException(path, "not found, or not a sweep's folder or file");
        List<ExperimentSummary> found = new java.util.ArrayList<>(ExperimentSummary.scan(p).stream().filter(s -> s.sweep() != null).toList());
        if (found.isEmpty())
            throw new BadInputException(path, "holds no sweep settings (sweep --out PREFIX writes them to PREFIX" + SUFFIX + "/)");
        found.sort(java.util.Comparator.comparing((ExperimentSummary s) -> s.dir().getParent().toString()).thenComparing(ExperimentSummary::name));
        return found;
    }

    private static void summary(ObjectNode o, List<NeuronScore> scores) {
        PopulationSummary abs = PopulationSummary.of(scores, NeuronScore::ccAbs), norm = PopulationSummary.of(scores, NeuronScore::ccNorm);
        o.put("neurons", scores.size());
        number(o, "mean_cc_abs", abs.mean());
        number(o, "sem_cc_abs", abs.sem());
        number(o, "mean_cc_norm", norm.mean());
        number(o, "sem_cc_norm", norm.sem());
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }
}
