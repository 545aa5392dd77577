package org.v1workbench.ui.filters;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.model.FilterUsage;
import org.v1workbench.model.FirstLayerKernels;
import org.v1workbench.model.Network;
import org.v1workbench.probe.Kernels;
import org.v1workbench.probe.MostExcitingInput;
import org.v1workbench.probe.ProbeSettings;
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
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The filter view's state: the first-layer filters of each chosen run of the current experiment,
 * the filter selected, which neurons use it most (readout feature weights where they belong to
 * first-layer filters, otherwise the effect of removing the filter), and the most exciting inputs
 * of many neurons, computed on request on a worker thread.
 */
public final class FiltersModel {
    /** The first-layer filters of one run, and the neurons it predicts (its output columns). */
    public record RunKernels(String run, String preset, TrainedRun trained, Kernels kernels, List<String> neurons) {
        @Override
        public String toString() {
            return run + " (" + kernels.filters() + " filters, " + kernels.height() + " x " + kernels.width() + ")";
        }
    }

    /**
     * How much each of a run's neurons uses each filter: {@code values[f][n]}, with what the
     * number is ({@code measure}, the axis label) and why it is that measure ({@code explanation}).
     */
    public record Usage(String run, List<String> neurons, double[][] values, String measure, String explanation) {}

    /** Most exciting inputs of several neurons, best CC_norm first. */
    public record Meis(List<String> ids, List<MostExcitingInput.Mei> meis, List<Double> ccNorm) {}

    /** Images (of the test tier) on which removing a filter is measured, at most. */
    static final int ABLATION_IMAGES = 300;

    private final TaskRunner tasks;
    private final ObjectProperty<OpenExperiment> experiment = new SimpleObjectProperty<>(this, "experiment");
    private final ObjectProperty<Evaluation> evaluation = new SimpleObjectProperty<>(this, "evaluation");
    private final ObservableList<RunKernels> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunKernels> run = new SimpleObjectProperty<>(this, "run");
    private final IntegerProperty filter = new SimpleIntegerProperty(this, "filter", -1);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 12);
    private final ReadOnlyObjectWrapper<Usage> usage = new ReadOnlyObjectWrapper<>(this, "usage");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ReadOnlyStringWrapper usageStatus = new ReadOnlyStringWrapper(this, "usageStatus", "");
    private final ReadOnlyObjectWrapper<Meis> meis = new ReadOnlyObjectWrapper<>(this, "meis");
    private final ReadOnlyStringWrapper meiStatus = new ReadOnlyStringWrapper(this, "meiStatus", "");
    private final Map<String, Usage> usageCache = new HashMap<>();
    private Task<Usage> usageTask;
    private Task<Meis> meiTask;

    public FiltersModel(TaskRunner tasks) {
        this.tasks = tasks;
        experiment.addListener((o, a, b) -> load(b));
        run.addListener((o, a, b) -> {
            filter.set(-1);
            usage.set(null);
            if (b != null) computeUsage(b);
        });
        evaluation.addListener((o, a, b) -> {
            meis.set(null);
            meiStatus.set(b == null ? "" : b.exactGradients() ? "" : "Most exciting inputs need the model's own gradients "
                    + "(automatic differentiation), which this build does not have yet: by finite differences they would take hours.");
        });
        load(null);
    }

    public ObjectProperty<OpenExperiment> experimentProperty() { return experiment; }
    /** The inspector's evaluation of the same experiment (scores, response model, pixel statistics). */
    public ObjectProperty<Evaluation> evaluationProperty() { return evaluation; }
    public ObservableList<RunKernels> runs() { return runs; }
    public ObjectProperty<RunKernels> runProperty() { return run; }
    public IntegerProperty filterProperty() { return filter; }
    /** Screen pixels per kernel weight. */
    public DoubleProperty zoomProperty() { return zoom; }
    public ReadOnlyObjectProperty<Usage> usageProperty() { return usage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty usageStatusProperty() { return usageStatus.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Meis> meisProperty() { return meis.getReadOnlyProperty(); }
    public ReadOnlyStringProperty meiStatusProperty() { return meiStatus.getReadOnlyProperty(); }

    private void load(OpenExperiment e) {
        if (usageTask != null) usageTask.cancel();
        usageCache.clear();
        run.set(null);
        runs.clear();
        if (e == null) {
            message.set("No experiment is open. Train one in the Training workspace, or pick one in the sidebar.");
            return;
        }
        Experiment x = e.experiment();
        List<RunKernels> found = new ArrayList<>();
        for (RunRecord r : x.runs()) {
            TrainedRun t = x.trained().get(r.id());
            if (!r.chosen() || t == null) continue;
            Optional<FirstLayerKernels> k = t.withBest(FirstLayerKernels::of);
            k.ifPresent(w -> found.add(new RunKernels(r.id(), x.config().preset(), t, new Kernels(w.weights(), w.filters(), w.height(), w.width()),
                    r.neurons())));
        }
        if (found.isEmpty()) {
            message.set("Experiment " + e.label() + " (" + x.config().preset() + ") has no learned first-layer filters: "
                    + switch (x.config().preset()) {
                case "ln" -> "an LN model has one linear filter per neuron; the inspector shows it as the neuron's receptive field.";
                case "gabor-energy" -> "its Gabor filter bank is fixed, not learned.";
                case "lnln" -> "its first layer is dense on the pixels, one weight per pixel and unit.";
                default -> "its first layer is not a convolution on the image.";
            });
            return;
        }
        message.set(null);
        runs.setAll(found);
        run.set(found.get(0));
    }

    private void computeUsage(RunKernels rk) {
        if (usageTask != null) usageTask.cancel();
        Usage hit = usageCache.get(rk.run());
        if (hit != null) {
            usage.set(hit);
            usageStatus.set("");
            return;
        }
        OpenExperiment e = experiment.get();
        Dataset d = e == null ? null : e.dataset();
        Optional<float[]> weights = rk.trained().withBest(FilterUsage::readoutFeatureWeights);
        if (weights.isEmpty() && d == null) {
            usageStatus.set("Open the dataset this experiment was trained on to measure which neurons use each filter.");
            return;
        }
        usageStatus.set("Measuring which neurons use each filter of " + rk.run() + " ...");
        Task<Usage> t = new Task<>() {
            @Override
            protected Usage call() {
                updateMessage("Filters: which neurons use each filter of " + rk.run() + " ...");
                return weights.isPresent() ? fromWeights(rk, weights.get()) : byAblation(rk, d, (done, total) -> {
                    if (isCancelled()) throw new CancellationException();
                    updateProgress(done, total);
                });
            }
        };
        t.setOnSucceeded(ev -> {
            usageCache.put(rk.run(), t.getValue());
            if (t == usageTask) {
                usage.set(t.getValue());
                usageStatus.set("");
            }
        });
        t.setOnFailed(ev -> {
            if (t == usageTask) usageStatus.set("Could not measure filter use: " + Texts.message(t.getException()));
        });
        usageTask = t;
        tasks.run(t, true);
    }

    static Usage fromWeights(RunKernels rk, float[] w) {
        int f = rk.kernels().filters(), n = rk.neurons().size();
        double[][] v = new double[f][n];
        for (int c = 0; c < f; c++) for (int j = 0; j < n; j++) v[c][j] = w[c * n + j];
        return new Usage(rk.run(), rk.neurons(), v, "readout feature weight",
                "The readout's feature weight w[f, n]: how neuron n weighs channel f of this one-layer core "
                        + "(times its spatial mask). Bars show the largest |w|; negative weights are suppression.");
    }

    /**
     * The effect of removing each filter: for neuron n, the RMS over images of the change of its
     * predicted rate, divided by the standard deviation of its intact predictions (NaN where that is 0).
     */
    static Usage byAblation(RunKernels rk, Dataset d, java.util.function.BiConsumer<Integer, Integer> progress) {
        int[] test = d.tiers().indices(Tier.TEST);
        if (test.length == 0) test = java.util.stream.IntStream.range(0, d.images()).toArray();
        int m = Math.min(ABLATION_IMAGES, test.length), p = d.height() * d.width();
        float[] images = new float[m * p];
        for (int i = 0; i < m; i++) System.arraycopy(d.stimulus(test[i]), 0, images, i * p, p);
        Network net = rk.trained().network();
        int filters = rk.kernels().filters(), nn = rk.neurons().size();
        double[][] v = new double[filters][nn];
        rk.trained().withBest(n -> {
            float[] base = net.predict(images, m);
            double[] sd = new double[nn];
            for (int j = 0; j < nn; j++) {
                double s = 0, ss = 0;
                for (int i = 0; i < m; i++) {
                    s += base[i * nn + j];
                    ss += (double) base[i * nn + j] * base[i * nn + j];
                }
                double mean = s / m;
                sd[j] = Math.sqrt(Math.max(0, ss / m - mean * mean));
            }
            for (int f = 0; f < filters; f++) {
                float[] abl = FilterUsage.predictWithout(net, f, images, m);
                for (int j = 0; j < nn; j++) {
                    double ss = 0;
                    for (int i = 0; i < m; i++) {
                        double dlt = abl[i * nn + j] - base[i * nn + j];
                        ss += dlt * dlt;
                    }
                    v[f][j] = sd[j] > 0 ? Math.sqrt(ss / m) / sd[j] : Double.NaN;
                }
                progress.accept(f + 1, filters);
            }
            return null;
        });
        String why = switch (rk.preset()) {
            case "kindel2019" -> "kindel2019's dense layer mixes every channel at every position, so no single weight ties a filter to a neuron. ";
            case "core-readout" -> "The readout weighs the channels of the core's last layer, not these first-layer filters. ";
            default -> "";
        };
        return new Usage(rk.run(), rk.neurons(), v, "change when removed (RMS / sd)",
                why + "Shown instead: how much each neuron's predicted responses on " + m + " test images change when the filter is removed "
                        + "(kernel and bias set to 0), RMS change over the sd of its predictions; 0 = unused.");
    }

    /** Starts computing the most exciting inputs of the {@code count} best-predicted neurons (CC_norm). */
    public Task<Meis> computeMeis(int count) {
        Evaluation v = evaluation.get();
        if (v == null || !v.exactGradients()) return null;
        if (meiTask != null) meiTask.cancel();
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < v.neuronCount(); n++) order.add(n);
        order.sort(Comparator.comparingDouble((Integer n) -> {
            double c = v.scores().get(n).ccNorm();
            return Double.isNaN(c) ? Double.NEGATIVE_INFINITY : c;
        }).reversed());
        List<Integer> chosen = order.subList(0, Math.min(count, order.size()));
        ProbeSettings s = Evaluation.probeSettings(true, v.unit());
        Task<Meis> t = new Task<>() {
            @Override
            protected Meis call() {
                List<MostExcitingInput.Mei> out = new ArrayList<>();
                int group = 16;
                for (int start = 0; start < chosen.size(); start += group) {
                    if (isCancelled()) throw new CancellationException();
                    updateMessage(String.format(Locale.ROOT, "Filters: most exciting inputs, neurons %d to %d of %d ...", start + 1,
                            Math.min(chosen.size(), start + group), chosen.size()));
                    updateProgress(start, chosen.size());
                    int k = Math.min(group, chosen.size() - start);
                    int[] ns = new int[k];
                    long[] seeds = new long[k];
                    for (int q = 0; q < k; q++) {
                        ns[q] = chosen.get(start + q);
                        seeds[q] = s.seed() * 1_000_003L + ns[q];
                    }
                    out.addAll(List.of(MostExcitingInput.ascend(v.model(), ns, v.stats(), v.stats().typicalNorm(), s, seeds, v::bestNaturalImage)));
                }
                updateProgress(1, 1);
                return new Meis(chosen.stream().map(n -> v.scores().get(n).neuron()).toList(), out,
                        chosen.stream().map(n -> v.scores().get(n).ccNorm()).toList());
            }
        };
        t.setOnSucceeded(e -> {
            if (t == meiTask) {
                meis.set(t.getValue());
                meiStatus.set("");
            }
        });
        t.setOnFailed(e -> {
            if (t == meiTask) meiStatus.set("Most exciting inputs failed: " + Texts.message(t.getException()));
        });
        meiTask = t;
        meiStatus.set("Computing the most exciting inputs of " + chosen.size() + " neurons ...");
        return tasks.run(t, true);
    }
}
