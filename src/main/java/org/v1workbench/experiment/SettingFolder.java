package org.v1workbench.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Dataset;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.PopulationSummary;
import org.v1workbench.metrics.Scoring;
import org.v1workbench.model.ModelConfig;

import java.io.IOException;
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
 * picked by them.
 */
public final class SettingFolder {
    /** Per-neuron scores on the pooled validation predictions ({@link Scoring#COLUMNS}). */
    public static final String VALIDATION_SCORES = "validation-scores.csv";

    private SettingFolder() {}

    /**
     * Writes {@code dir} (atomically).
     *
     * @param validation per-neuron scores on the pooled validation predictions
     * @param test       per-neuron test scores, for the chosen setting only; null otherwise
     */
    public static void write(Path dir, ModelConfig config, int ensemble, Dataset data, String metric, String reason, double seconds,
                             List<NeuronScore> validation, List<NeuronScore> test, Map<String, String> versions) throws IOException {
        ObjectNode c = Experiment.JSON.createObjectNode();
        c.put("format", "v1-workbench sweep setting 1");
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
            if (test != null) Scoring.writeCsv(test, tmp.resolve(Experiment.SCORES));
        });
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
