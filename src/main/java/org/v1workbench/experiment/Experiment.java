package org.v1workbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.JsonFields;
import org.v1workbench.data.Npy;
import org.v1workbench.data.Tier;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.Scoring;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One trained model (an ensemble, and one model per session where the preset does not share a
 * core) with everything needed to trust and reproduce it, and its folder on disk:
 * <pre>
 * config.json      preset, hyperparameters, seed, ensemble, sessions, neuron ids (the columns of
 *                  predictions.npy), dataset identity (name, source, sizes, SHA-256), library
 *                  versions (workbench, Java, nd4j, backend variant, threads)
 * training.json    every run (group x ensemble member x validation-search candidate): status,
 *                  outcome and reason, epochs, best epoch and score, early-stopping counters,
 *                  learning rate: what resuming needs
 * models/RUN/best/ the run's best parameters (model.fb: SameDiff FlatBuffers; network.json)
 * models/RUN/resume/  for a cancelled run: the last completed epoch, with Adam's state
 * metrics.json     outcome, time, test-tier summary and the runs' validation scores
 * history.csv      one row per run and epoch ({@link HistoryRow#COLUMNS})
 * predictions.npy  test-tier images x neurons, float32 spike counts per window; rows are the
 *                  test-tier images in ascending dataset order (their indices are in
 *                  config.json "predictions"."images"), columns the neurons of config.json
 * scores.csv       {@link Scoring}'s columns (neuron, session, mean_rate_hz, cc_abs, cc_max,
 *                  cc_norm, fev, feve) on the test tier
 * </pre>
 * The folder is written atomically: a reader sees the previous version or the new one, never a mix.
 */
public final class Experiment {
    public static final String CONFIG = "config.json", TRAINING = "training.json", METRICS = "metrics.json",
            HISTORY = "history.csv", PREDICTIONS = "predictions.npy", SCORES = "scores.csv", MODELS = "models";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelConfig config;
    private final int ensemble;
    private final List<String> sessions;
    private final List<String> neurons;
    private final DatasetIdentity dataset;
    private final String validationMetric;
    private final Map<String, String> versions;
    private final List<RunRecord> runs;
    private final Map<String, TrainedRun> trained;
    private final List<HistoryRow> history;
    private final Outcome outcome;
    private final String reason;
    private final double seconds;

    public Experiment(ModelConfig config, int ensemble, List<String> sessions, List<String> neurons, DatasetIdentity dataset,
                      String validationMetric, Map<String, String> versions, List<RunRecord> runs,
                      Map<String, TrainedRun> trained, List<HistoryRow> history, Outcome outcome, String reason, double seconds) {
        this.config = config;
        this.ensemble = ensemble;
        this.sessions = List.copyOf(sessions);
        this.neurons = List.copyOf(neurons);
        this.dataset = dataset;
        this.validationMetric = validationMetric;
        this.versions = Map.copyOf(versions);
        this.runs = List.copyOf(runs);
        this.trained = Map.copyOf(trained);
        this.history = List.copyOf(history);
        this.outcome = outcome;
        this.reason = reason == null ? "" : reason;
        this.seconds = seconds;
    }

    public ModelConfig config() { return config; }
    public int ensemble() { return ensemble; }
    public List<String> sessions() { return sessions; }
    /** The neuron ids this experiment predicts, in dataset order: the columns of its predictions. */
    public List<String> neurons() { return neurons; }
    public DatasetIdentity dataset() { return dataset; }
    public String validationMetric() { return validationMetric; }
    public Map<String, String> versions() { return versions; }
    public List<RunRecord> runs() { return runs; }
    public Map<String, TrainedRun> trained() { return trained; }
    public List<HistoryRow> history() { return history; }
    public Outcome outcome() { return outcome; }
    public String reason() { return reason; }
    public double seconds() { return seconds; }

    /** Whether any run was cancelled before it finished (training can resume). */
    public boolean resumable() {
        return runs.stream().anyMatch(r -> r.status() != RunRecord.Status.DONE);
    }

    // ------------------------------------------------------------------------------ predictions

    /**
     * Predicted spike counts per window for {@code images} (dataset indices) of {@code data},
     * {@code images.length x neurons().size()}: for each neuron the mean over the ensemble of the
     * chosen runs that model it. NaN for a neuron without a trained run yet (cancelled before
     * its first epoch).
     */
    public double[][] predict(Dataset data, int[] images) {
        return predict(data, images, false);
    }

    /**
     * As {@link #predict(Dataset, int[])}, with the first fit of every run refit on its training and
     * validation images ({@link TrainedRun#firstFit}): predictions of the validation images by
     * networks that never trained on them (a sweep chooses its settings on those). First fits are
     * held only by the process that trained them (they are not saved): on an experiment read from
     * disk this is {@link #predict(Dataset, int[])}.
     */
    public double[][] predictWithFirstFits(Dataset data, int[] images) {
        return predict(data, images, true);
    }

    private double[][] predict(Dataset data, int[] images, boolean firstFits) {
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < neurons.size(); i++) column.put(neurons.get(i), i);
        int hw = data.height() * data.width();
        if (data.height() != dataset.height() || data.width() != dataset.width())
            throw new BadInputException("images of " + data.height() + " x " + data.width() + " pixels, but the experiment was trained on "
                    + dataset.height() + " x " + dataset.width());
        float[] pixels = new float[images.length * hw];
        for (int k = 0; k < images.length; k++) System.arraycopy(data.stimulus(images[k]), 0, pixels, k * hw, hw);
        double[][] sum = new double[images.length][neurons.size()];
        int[] count = new int[neurons.size()];
        for (RunRecord r : runs) {
            TrainedRun t = trained.get(r.id());
            if (!r.chosen() || t == null) continue;
            if (firstFits) t = t.firstFit();
            float[] p = t.predict(pixels, images.length);
            int nn = r.neurons().size();
            for (int j = 0; j < nn; j++) {
                Integer c = column.get(r.neurons().get(j));
                if (c == null) throw new IllegalStateException("run " + r.id() + " predicts neuron " + r.neurons().get(j) + " outside the experiment");
                count[c]++;
                for (int k = 0; k < images.length; k++) sum[k][c] += p[k * nn + j];
            }
        }
        for (int c = 0; c < neurons.size(); c++)
            for (int k = 0; k < images.length; k++) sum[k][c] = count[c] == 0 ? Double.NaN : sum[k][c] / count[c];
        return sum;
    }

    /** Dataset indices of this experiment's neurons in {@code data}; a BadInputException names a missing one. */
    public int[] neuronIndices(Dataset data) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < data.neuronCount(); i++) idx.put(data.neuron(i).id(), i);
        int[] out = new int[neurons.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = idx.get(neurons.get(i));
            if (k == null) throw new BadInputException("dataset '" + data.name() + "' has no neuron '" + neurons.get(i) + "' that the experiment predicts");
            out[i] = k;
        }
        return out;
    }

    /**
     * Scores ({@link Scoring}'s columns) of the experiment's neurons on {@code images} (dataset
     * indices) of {@code data}, in the experiment's neuron order.
     */
    public List<NeuronScore> score(Dataset data, int[] images) {
        return Scoring.score(data.selectNeurons(neuronIndices(data)), predict(data, images), images);
    }

    // ------------------------------------------------------------------------------ saving

    /**
     * Writes the experiment folder atomically, with predictions and scores on {@code data}'s
     * test tier ({@code data} must be the dataset trained on).
     */
    public void save(Path dir, Dataset data) throws IOException {
        if (!DatasetIdentity.checksum(data).equals(dataset.sha256()))
            throw new BadInputException("dataset '" + data.name() + "' is not the one experiment " + dir + " was trained on (checksum differs)");
        int[] test = data.tiers().indices(Tier.TEST);
        double[][] pred = test.length == 0 ? new double[0][neurons.size()] : predict(data, test);
        List<NeuronScore> scores = test.length == 0 ? List.of() : score(data, test);
        AtomicFiles.writeDirectory(dir, tmp -> writeInto(tmp, test, pred, scores));
    }

    private void writeInto(Path tmp, int[] test, double[][] pred, List<NeuronScore> scores) throws IOException {
        JSON.writeValue(tmp.resolve(CONFIG).toFile(), configJson(test));
        JSON.writeValue(tmp.resolve(TRAINING).toFile(), trainingJson());
        JSON.writeValue(tmp.resolve(METRICS).toFile(), metricsJson(scores));
        ExperimentFiles.writeHistory(tmp.resolve(HISTORY), history);
        float[] flat = new float[test.length * neurons.size()];
        for (int k = 0; k < test.length; k++)
            for (int c = 0; c < neurons.size(); c++) flat[k * neurons.size() + c] = (float) pred[k][c];
        Npy.writeFloat32(tmp.resolve(PREDICTIONS), new int[]{test.length, neurons.size()}, flat);
        Scoring.writeCsv(scores, tmp.resolve(SCORES));
        for (RunRecord r : runs) {
            TrainedRun t = trained.get(r.id());
            if (t == null) continue;
            Path base = tmp.resolve(MODELS).resolve(r.id());
            Network net = t.network();
            synchronized (net) {
                if (t.resumable()) net.save(base.resolve("resume"), true);
                t.<Void, IOException>withBest(n -> {
                    n.save(base.resolve("best"), false);
                    return null;
                });
            }
        }
    }

    private ObjectNode configJson(int[] test) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", "v1-workbench experiment 1");
        m.put("preset", config.preset());
        ObjectNode hp = m.putObject("hyperparameters");
        config.hyperparameters().forEach(hp::put);
        m.put("seed", config.seed());
        m.put("ensemble", ensemble);
        ArrayNode s = m.putArray("sessions");
        sessions.forEach(s::add);
        ArrayNode n = m.putArray("neurons");
        neurons.forEach(n::add);
        dataset.writeTo(m.putObject("dataset"));
        m.put("validation_metric", validationMetric);
        ObjectNode v = m.putObject("versions");
        new TreeMap<>(versions).forEach(v::put);
        ObjectNode p = m.putObject("predictions");
        p.put("file", PREDICTIONS);
        p.put("rows", "test-tier images in ascending dataset order");
        p.put("columns", "the neurons above, in that order");
        p.put("units", "spike counts per response window");
        ArrayNode im = p.putArray("images");
        for (int i : test) im.add(i);
        return m;
    }

    private ObjectNode trainingJson() {
        ObjectNode m = JSON.createObjectNode();
        m.put("outcome", outcome.label());
        m.put("reason", reason);
        m.put("seconds", seconds);
        ArrayNode a = m.putArray("runs");
        for (RunRecord r : runs) {
            ObjectNode o = a.addObject();
            o.put("id", r.id());
            o.put("group", r.group());
            ArrayNode nn = o.putArray("neurons");
            r.neurons().forEach(nn::add);
            o.put("member", r.member());
            o.put("seed", r.seed());
            o.put("candidate", r.candidate());
            ObjectNode ov = o.putObject("overrides");
            new TreeMap<>(r.overrides()).forEach(ov::put);
            o.put("status", r.status().label());
            o.put("outcome", r.outcome() == null ? null : r.outcome().label());
            o.put("reason", r.reason());
            o.put("epochs", r.epochs());
            o.put("best_epoch", r.bestEpoch());
            putNumber(o, "best_score", r.bestScore());
            o.put("since_best", r.sinceBest());
            o.put("since_lr_drop", r.sinceLrDrop());
            o.put("learning_rate", r.learningRate());
            o.put("chosen", r.chosen());
            o.put("seconds", r.seconds());
            o.put("restores", r.restores());
        }
        return m;
    }

    private ObjectNode metricsJson(List<NeuronScore> scores) {
        ObjectNode m = JSON.createObjectNode();
        m.put("outcome", outcome.label());
        m.put("reason", reason);
        m.put("resumable", resumable());
        m.put("seconds", seconds);
        m.put("validation_metric", validationMetric);
        ObjectNode t = m.putObject("test");
        t.put("neurons", scores.size());
        putNumber(t, "mean_cc_abs", mean(scores.stream().mapToDouble(NeuronScore::ccAbs).toArray()));
        putNumber(t, "mean_cc_norm", mean(scores.stream().mapToDouble(NeuronScore::ccNorm).toArray()));
        putNumber(t, "mean_cc_abs_above_5hz", mean(scores.stream().filter(s -> s.meanRateHz() > 5).mapToDouble(NeuronScore::ccAbs).toArray()));
        t.put("neurons_above_5hz", scores.stream().filter(s -> s.meanRateHz() > 5).count());
        ArrayNode a = m.putArray("runs");
        for (RunRecord r : runs) {
            ObjectNode o = a.addObject();
            o.put("id", r.id());
            o.put("outcome", r.outcome() == null ? "pending" : r.outcome().label());
            o.put("epochs", r.epochs());
            o.put("best_epoch", r.bestEpoch());
            putNumber(o, "best_validation_" + validationMetric, r.bestScore());
            ObjectNode ov = o.putObject("overrides");
            new TreeMap<>(r.overrides()).forEach(ov::put);
            o.put("chosen", r.chosen());
        }
        return m;
    }

    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v)
            if (Double.isFinite(x)) {
                s += x;
                n++;
            }
        return n == 0 ? Double.NaN : s / n;
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }

    // ------------------------------------------------------------------------------ loading

    /**
     * Reads an experiment folder (networks included). A missing file, or a field that is missing
     * or of the wrong type, is a BadInputException naming the file and the field.
     */
    public static Experiment load(Path dir) {
        try {
            AtomicFiles.recover(dir);
        } catch (IOException e) {
            throw new BadInputException(dir, "an interrupted save cannot be recovered (" + e.getMessage() + ")", e);
        }
        if (!Files.isDirectory(dir)) throw new BadInputException(dir, "not found (no experiment folder)");
        ExperimentFiles.Config c = ExperimentFiles.config(dir);
        JsonFields t = ExperimentFiles.json(dir.resolve(TRAINING));
        List<RunRecord> runs = new ArrayList<>();
        Map<String, TrainedRun> trained = new HashMap<>();
        for (JsonFields r : t.objects("runs")) {
            Outcome outcome = r.has("outcome") ? ExperimentFiles.outcome(r, "outcome") : null;
            RunRecord rr = new RunRecord(r.text("id"), r.text("group"), r.strings("neurons"), r.integer("member"),
                    r.longInteger("seed"), r.integer("candidate"), r.textMapOrEmpty("overrides"), ExperimentFiles.status(r, "status"), outcome,
                    r.text("reason", ""), r.integer("epochs"), r.integer("best_epoch"), r.number("best_score", Double.NaN),
                    r.integer("since_best"), r.integer("since_lr_drop"), r.number("learning_rate"), r.flag("chosen"),
                    r.number("seconds", 0), r.integer("restores", 0));
            runs.add(rr);
            Path base = org.v1workbench.data.Inside.resolve(dir.resolve(MODELS), rr.id(), t.file());
            org.v1workbench.data.Inside.check(dir, base.resolve("resume"));
            org.v1workbench.data.Inside.check(dir, base.resolve("best"));
            if (Files.isDirectory(base.resolve("resume"))) {
                Network resume = Network.load(base.resolve("resume"));
                Network.State best = Network.load(base.resolve("best")).parameters();
                trained.put(rr.id(), new TrainedRun(resume, best, true));
            } else if (Files.isDirectory(base.resolve("best"))) {
                Network net = Network.load(base.resolve("best"));
                trained.put(rr.id(), new TrainedRun(net, net.parameters(), false));
            }
        }
        return new Experiment(c.model(), c.ensemble(), c.sessions(), c.neurons(), c.dataset(), c.validationMetric(), c.versions(),
                runs, trained, ExperimentFiles.history(dir), ExperimentFiles.outcome(t, "outcome"), t.text("reason", ""),
                t.number("seconds", 0));
    }
}
