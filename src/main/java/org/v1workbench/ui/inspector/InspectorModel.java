package org.v1workbench.ui.inspector;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.Scoring;
import org.v1workbench.probe.MostExcitingInput;
import org.v1workbench.probe.NetworkResponseModel;
import org.v1workbench.probe.PixelStats;
import org.v1workbench.probe.ProbeProgress;
import org.v1workbench.probe.ProbeSettings;
import org.v1workbench.probe.ReceptiveField;
import org.v1workbench.probe.ReceptiveFieldProbe;
import org.v1workbench.probe.ResponseModel;
import org.v1workbench.probe.Tuning;
import org.v1workbench.probe.TuningProbe;
import org.v1workbench.sim.NeuronParams;
import org.v1workbench.sim.SimulatedNeuron;
import org.v1workbench.ui.common.Evaluation;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.Texts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The neuron inspector's state. For the current experiment (on the dataset it was trained on):
 * predictions for the test tier and every image, scored per neuron (CC_abs, CC_max, CC_norm from
 * {@link Scoring}); the neuron list, filtered by a search text; and for the selected neuron only,
 * the probes (receptive field, tuning, most exciting input, top natural images), computed on a
 * worker thread and cached per neuron; and its ground truth where the data are simulated.
 */
public final class InspectorModel {
    /** One row of the neuron list. */
    /** One row of the neuron list; {@code meanLevel} is in the dataset's unit (Hz for spike counts). */
    public record Entry(int index, String id, String session, double ccNorm, double ccAbs, double meanLevel) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** What the inspector shows of one neuron without probing: its test-tier predictions and scores, in {@code unit}. */
    public record NeuronView(Entry entry, NeuronScore score, double[] recorded, double[] predicted, int[] images,
                             double[][] repeats, String unit) {}

    /** The ground truth of a simulated neuron: parameters, RF profile (flat h x w) and its tuning measured like the model's. */
    public record Truth(NeuronParams params, double[] profile, Tuning tuning) {}

    /**
     * The probes of one neuron. {@code mei} is null when the model's gradients are only finite
     * differences (too slow for an ascent); {@code note} says what was left out and why; {@code readout}
     * is where a Gaussian readout reads the neuron, {x, y} in image pixels (a receptive-field
     * estimate of its own beside the gradient RF), null for other readouts.
     */
    public record Probed(String id, ReceptiveField rf, Tuning tuning, MostExcitingInput.Mei mei,
                         MostExcitingInput.Extremes extremes, Truth truth, String note, ProbeSettings settings, double[] readout) {}

    private final TaskRunner tasks;
    private final ObjectProperty<OpenExperiment> experiment = new SimpleObjectProperty<>(this, "experiment");
    private final ReadOnlyObjectWrapper<Evaluation> evaluation = new ReadOnlyObjectWrapper<>(this, "evaluation");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final FilteredList<Entry> shown = new FilteredList<>(entries);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<NeuronView> neuron = new ReadOnlyObjectWrapper<>(this, "neuron");
    private final ReadOnlyObjectWrapper<Probed> probed = new ReadOnlyObjectWrapper<>(this, "probed");
    private final ReadOnlyStringWrapper probeStatus = new ReadOnlyStringWrapper(this, "probeStatus", "");
    private final Map<String, Probed> cache = new HashMap<>();
    private Task<Evaluation> evaluating;
    private Task<Probed> probing;

    public InspectorModel(TaskRunner tasks) {
        this.tasks = tasks;
        experiment.addListener((o, a, b) -> evaluate(b));
        search.addListener((o, a, b) -> {
            String q = b == null ? "" : b.trim().toLowerCase(Locale.ROOT);
            shown.setPredicate(q.isEmpty() ? null : e -> e.id().toLowerCase(Locale.ROOT).contains(q)
                    || e.session().toLowerCase(Locale.ROOT).contains(q));
        });
        selected.addListener((o, a, b) -> showNeuron(b));
        evaluate(null);
    }

    public ObjectProperty<OpenExperiment> experimentProperty() { return experiment; }
    public ReadOnlyObjectProperty<Evaluation> evaluationProperty() { return evaluation.getReadOnlyProperty(); }
    /** Why nothing is shown (no experiment, or its dataset is not open); null when something is. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** The neurons that match the search, best CC_norm first. */
    public ObservableList<Entry> shown() { return shown; }
    public StringProperty searchProperty() { return search; }
    public ObjectProperty<String> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<NeuronView> neuronProperty() { return neuron.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Probed> probedProperty() { return probed.getReadOnlyProperty(); }
    public ReadOnlyStringProperty probeStatusProperty() { return probeStatus.getReadOnlyProperty(); }

    private void evaluate(OpenExperiment e) {
        if (evaluating != null) evaluating.cancel();
        if (probing != null) probing.cancel();
        cache.clear();
        entries.clear();
        evaluation.set(null);
        neuron.set(null);
        probed.set(null);
        probeStatus.set("");
        if (e == null) {
            message.set("No experiment is open. Train one in the Training workspace, or pick one in the sidebar (File \u203A Open experiment...).");
            return;
        }
        if (e.dataset() == null) {
            message.set("Experiment " + e.label() + " was trained on dataset '" + e.summary().datasetName()
                    + "', which is not open. Open it with File \u203A Open dataset... to inspect its neurons.");
            return;
        }
        message.set("Evaluating " + e.label() + " on its test tier ...");
        Task<Evaluation> t = new Task<>() {
            @Override
            protected Evaluation call() {
                updateMessage("Inspector: predicting the test tier and every image with " + e.label() + " ...");
                return evaluationOf(e, this::isCancelled);
            }
        };
        t.setOnSucceeded(ev -> {
            if (t != evaluating) return;
            Evaluation v = t.getValue();
            evaluation.set(v);
            List<Entry> list = entries(v);
            entries.setAll(list);
            message.set(null);
            String keep = selected.get();
            if (keep != null && list.stream().anyMatch(x -> x.id().equals(keep))) showNeuron(keep);
            else selected.set(list.isEmpty() ? null : list.get(0).id());
        });
        t.setOnFailed(ev -> message.set("Could not evaluate " + e.label() + ": " + Texts.message(t.getException())));
        evaluating = t;
        tasks.run(t, true);
    }

    /** Predictions and scores of an experiment on its dataset, in the dataset's unit (worker thread). */
    public static Evaluation evaluationOf(OpenExperiment e, java.util.function.BooleanSupplier cancelled) {
        Dataset d = e.dataset();
        var exp = e.experiment();
        int[] test = d.tiers().indices(Tier.TEST);
        int[] cols = exp.neuronIndices(d);
        double[][] counts = test.length == 0 ? new double[0][cols.length] : exp.predict(d, test);
        if (cancelled.getAsBoolean()) throw new CancellationException();
        double scale = d.displayScale();
        double[][] mean = d.meanResponses();
        double[][] pred = new double[test.length][cols.length], rec = new double[test.length][cols.length];
        for (int k = 0; k < test.length; k++)
            for (int c = 0; c < cols.length; c++) {
                pred[k][c] = counts[k][c] * scale;
                rec[k][c] = mean[test[k]][cols[c]] * scale;
            }
        double[] levels = new double[cols.length];
        for (int c = 0; c < cols.length; c++) levels[c] = d.meanLevel(test, cols[c]);
        List<NeuronScore> scores = test.length == 0 ? List.of() : Scoring.score(d.selectNeurons(cols), counts, test);
        ResponseModel model = NetworkResponseModel.of(exp, exp.neurons(), d);
        boolean exact = true;   // automatic differentiation
        double[][] all = MostExcitingInput.predict(model, d.stimuliArray(), d.images(), 256, (s, done, total) -> {
            if (cancelled.getAsBoolean()) throw new CancellationException();
        });
        return new Evaluation(e, model, exact, test, pred, rec, scores, cols, all, levels, PixelStats.of(d));
    }

    private void showNeuron(String id) {
        if (probing != null) probing.cancel();
        Evaluation v = evaluation.get();
        Entry entry = v == null || id == null ? null : entries.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (entry == null) {
            neuron.set(null);
            probed.set(null);
            probeStatus.set("");
            return;
        }
        int n = entry.index();
        Dataset d = v.source().dataset();
        neuron.set(neuronView(v, entry));
        Probed hit = cache.get(id);
        if (hit != null) {
            probed.set(hit);
            probeStatus.set("");
            return;
        }
        probed.set(null);
        probeStatus.set("Probing neuron " + id + " ...");
        Task<Probed> t = new Task<>() {
            @Override
            protected Probed call() {
                updateMessage("Inspector: probing neuron " + id + " (receptive field, tuning, most exciting input) ...");
                return probe(v, n, d.neuron(v.datasetIndex()[n]), (stage, done, total) -> {
                    if (isCancelled()) throw new CancellationException();
                    updateMessage("Inspector: neuron " + id + ", " + stage);
                    updateProgress(done, total);
                });
            }
        };
        t.setOnSucceeded(ev -> {
            cache.put(id, t.getValue());
            if (t == probing) {
                probed.set(t.getValue());
                probeStatus.set("");
            }
        });
        t.setOnFailed(ev -> {
            if (t == probing) probeStatus.set("Probing " + id + " failed: " + Texts.message(t.getException()));
        });
        probing = t;
        tasks.run(t, true);
    }

    /** The neuron list: every neuron of the evaluation, highest CC_norm first (ties by id). */
    public static List<Entry> entries(Evaluation v) {
        List<Entry> list = new ArrayList<>();
        for (int n = 0; n < v.neuronCount(); n++) {
            NeuronScore s = v.scores().get(n);
            list.add(new Entry(n, s.neuron(), s.session(), s.ccNorm(), s.ccAbs(), v.meanLevels()[n]));
        }
        list.sort(Comparator.comparingDouble((Entry x) -> Double.isNaN(x.ccNorm()) ? Double.NEGATIVE_INFINITY : x.ccNorm()).reversed()
                .thenComparing(Entry::id));
        return list;
    }

    /** One neuron's test-tier predictions, recorded means and repeats, in the dataset's unit. */
    public static NeuronView neuronView(Evaluation v, Entry entry) {
        int n = entry.index();
        double[] rec = new double[v.testImages().length], pred = new double[rec.length];
        for (int k = 0; k < rec.length; k++) {
            rec[k] = v.recorded()[k][n];
            pred[k] = v.predicted()[k][n];
        }
        Dataset d = v.source().dataset();
        double[][] all = d.repeatsOf(v.datasetIndex()[n]);
        double[][] reps = new double[rec.length][];
        for (int k = 0; k < rec.length; k++) {
            reps[k] = all[v.testImages()[k]].clone();
            for (int r = 0; r < reps[k].length; r++) reps[k][r] *= d.displayScale();
        }
        return new NeuronView(entry, v.scores().get(n), rec, pred, v.testImages(), reps, d.unit());
    }

    /** Probes neuron {@code n} of the evaluation's model (worker thread). */
    public static Probed probe(Evaluation v, int n, Neuron datasetNeuron, ProbeProgress progress) {
        ResponseModel model = v.model();
        boolean exact = v.exactGradients();
        ProbeSettings s = Evaluation.probeSettings(exact, v.unit());
        Dataset d = v.source().dataset();
        int p = d.height() * d.width();
        int sample = Math.min(s.gradientImages(), d.images());
        int[] order = Tiers.permutation(d.images(), s.seed());
        float[] images = new float[sample * p];
        for (int i = 0; i < sample; i++) System.arraycopy(d.stimulus(order[i]), 0, images, i * p, p);
        ReceptiveField rf = ReceptiveFieldProbe.fromGradients(model, new int[]{n}, images, sample, progress)[0];
        Tuning tuning = TuningProbe.measure(model, new int[]{n}, new double[]{rf.x()}, new double[]{rf.y()},
                new double[]{rf.size()}, v.stats(), s, progress)[0];
        MostExcitingInput.Mei mei = s.meiSteps() > 0
                ? MostExcitingInput.ascend(model, n, v.stats(), v.stats().typicalNorm(), s, s.seed() * 1_000_003L + n,
                        v::bestNaturalImage) : null;
        MostExcitingInput.Extremes extremes = MostExcitingInput.extremes(v.allPredicted(), n, s.topImages());
        Truth truth = truth(datasetNeuron, d, v.stats(), s, progress);
        String note = exact ? "" : "Receptive field from finite-difference gradients on " + sample
                + " images; most exciting input not computed (it needs the model's own gradients).";
        double[] readout = v.source().experiment() == null ? null
                : org.v1workbench.probe.ReadoutPositions.of(v.source().experiment()).get(datasetNeuron.id());
        return new Probed(datasetNeuron.id(), rf, tuning, mei, extremes, truth, note, s, readout);
    }

    /** The ground truth of a simulated neuron (its neurons.csv has the simulator's parameters), else null. */
    static Truth truth(Neuron neuron, Dataset d, PixelStats stats, ProbeSettings s, ProbeProgress progress) {
        String mech = neuron.properties().get("mechanism");
        if (mech == null || mech.isEmpty() || d.height() != d.width()) return null;
        NeuronParams params;
        try {
            params = NeuronParams.of(neuron);
        } catch (RuntimeException e) {
            return null;
        }
        SimulatedNeuron sim = SimulatedNeuron.of(params, d.height());
        ResponseModel truthModel = new ResponseModel() {
            @Override public int neurons() { return 1; }
            @Override public int height() { return d.height(); }
            @Override public int width() { return d.width(); }
            @Override public double[][] rates(float[] images, int count) {
                int px = d.height() * d.width();
                double[][] out = new double[count][1];
                for (int i = 0; i < count; i++) out[i][0] = sim.expectedRate(java.util.Arrays.copyOfRange(images, i * px, (i + 1) * px));
                return out;
            }
        };
        Tuning t = TuningProbe.measure(truthModel, new int[]{0}, new double[]{params.rfX()}, new double[]{params.rfY()},
                new double[]{params.rfSize()}, stats, s, progress)[0];
        return new Truth(params, sim.spatialProfile(), t);
    }
}
