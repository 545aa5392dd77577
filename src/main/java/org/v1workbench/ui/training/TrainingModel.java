package org.v1workbench.ui.training;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.util.Duration;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Hyperparameter;
import org.v1workbench.model.Hyperparameters;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingEvent;
import org.v1workbench.train.TrainingJob;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;
import org.v1workbench.ui.common.EventThrottle;
import org.v1workbench.ui.common.Frames;
import org.v1workbench.ui.common.LoadedDataset;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.Texts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training panel's state: the preset, its hyperparameters as the user edits them (each
 * checked as typed), the seed and the experiment's folder name; the running job, its progress,
 * and the learning curves of the live run and of any finished experiments overlaid for
 * comparison. Training runs on the {@link TrainingService}'s thread; its events reach the JavaFX
 * thread through an {@link EventThrottle}, at most one batch per 100 ms.
 */
public final class TrainingModel {
    /** How often training events are handed to the JavaFX thread, at most. */
    public static final Duration EVENT_PERIOD = Duration.millis(100);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** One hyperparameter as edited: its default, the text typed, and what is wrong with it (null: nothing). */
    public static final class Value {
        private final String key, defaultValue;
        private final StringProperty text;
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

        Value(String key, String defaultValue) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.text = new SimpleStringProperty(this, key, defaultValue);
            text.addListener((o, a, b) -> problem.set(Hyperparameters.problem(key, b)));
        }

        public String key() { return key; }
        public String defaultValue() { return defaultValue; }
        public StringProperty textProperty() { return text; }
        public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
        public Hyperparameter spec() { return Hyperparameters.find(key); }
    }

    private final TrainingService service;
    private final ExperimentsModel experiments;
    private final ObjectProperty<LoadedDataset> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final StringProperty preset = new SimpleStringProperty(this, "preset");
    private final ObservableList<Value> values = FXCollections.observableArrayList();
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 0);
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyStringWrapper startBlocked = new ReadOnlyStringWrapper(this, "startBlocked");
    private final ReadOnlyStringWrapper throughput = new ReadOnlyStringWrapper(this, "throughput", "");
    private final ReadOnlyStringWrapper timeLeft = new ReadOnlyStringWrapper(this, "timeLeft", "");
    private final ObservableList<RunCurves> curves = FXCollections.observableArrayList();
    private final ObservableSet<Path> overlaid = FXCollections.observableSet();
    private final ObservableSet<Path> selection = FXCollections.observableSet();
    private final BooleanProperty openWhenDone = new SimpleBooleanProperty(this, "openWhenDone", true);
    private final EventThrottle<TrainingEvent> throttle = new EventThrottle<>(EVENT_PERIOD, this::apply);
    private final Map<String, Integer> colours = new HashMap<>();
    private Runnable beforeBatch = () -> {}, afterBatch = () -> {};
    private TrainingJob job;
    private String jobKey, jobLabel;
    private Dataset jobData;
    private int jobCount;
    private long epochEvents;

    public TrainingModel(TrainingService service, ExperimentsModel experiments) {
        this.service = service;
        this.experiments = experiments;
        preset.addListener((o, a, b) -> {
            // One change of the list (the property sheet rebuilds its editors on each change).
            List<Value> fresh = new ArrayList<>();
            if (b != null) Presets.get(b).defaults().forEach((k, v) -> fresh.add(new Value(k, v)));
            values.setAll(fresh);
            if (b != null) name.set(defaultName(b));
        });
        preset.set(Presets.names().get(0));
        // An experiment's curves are shown while it is ticked or selected, and go when it is neither.
        SetChangeListener<Path> follow = c -> {
            if (c.wasRemoved() && !shown(c.getElementRemoved())) curves.removeIf(r -> r.key().equals(c.getElementRemoved().toString()));
            if (c.wasAdded()) {
                experiments.listed().stream().filter(s -> s.dir().equals(c.getElementAdded())).findFirst()
                        .ifPresent(this::addHistory);
            }
        };
        overlaid.addListener(follow);
        selection.addListener(follow);
        // Why Start cannot be pressed, kept up to date with every value that formProblem() reads.
        javafx.beans.InvalidationListener recheck = o -> updateStartBlocked();
        javafx.beans.value.ChangeListener<String> valueProblem = (o, a, b) -> updateStartBlocked();
        values.addListener((javafx.collections.ListChangeListener<Value>) c -> {
            while (c.next()) {
                for (Value v : c.getRemoved()) v.problemProperty().removeListener(valueProblem);
                for (Value v : c.getAddedSubList()) v.problemProperty().addListener(valueProblem);
            }
            updateStartBlocked();
        });
        for (Value v : values) v.problemProperty().addListener(valueProblem);
        dataset.addListener(recheck);
        name.addListener(recheck);
        experiments.folderProperty().addListener(recheck);
        updateStartBlocked();
    }

    private void updateStartBlocked() {
        startBlocked.set(startReason(formProblem(), values));
    }

    /**
     * What keeps Start disabled, said so that it can be acted on ("fix lr: must be above 0"), or
     * null when the form can start a training.
     */
    static String startReason(String formProblem, List<Value> values) {
        if (formProblem == null) return null;
        for (Value v : values) {
            if (formProblem.equals(v.problemProperty().get())) {
                String k = v.key();
                return "fix " + k + ": " + (formProblem.startsWith(k + " ") ? formProblem.substring(k.length() + 1) : formProblem);
            }
        }
        return formProblem;
    }

    private boolean shown(Path p) {
        return overlaid.contains(p) || selection.contains(p);
    }

    static String defaultName(String preset) {
        return preset + "-" + LocalDateTime.now().format(STAMP);
    }

    public ObjectProperty<LoadedDataset> datasetProperty() { return dataset; }
    public List<String> presets() { return Presets.names(); }
    public StringProperty presetProperty() { return preset; }
    public ObservableList<Value> values() { return values; }
    public LongProperty seedProperty() { return seed; }
    public StringProperty nameProperty() { return name; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** Why the form cannot start a training now ("fix lr: must be above 0"), null when it can; follows every edit. */
    public ReadOnlyStringProperty startBlockedProperty() { return startBlocked.getReadOnlyProperty(); }
    public ReadOnlyStringProperty throughputProperty() { return throughput.getReadOnlyProperty(); }
    public ReadOnlyStringProperty timeLeftProperty() { return timeLeft.getReadOnlyProperty(); }
    public ObservableList<RunCurves> curves() { return curves; }
    /** Finished experiments whose curves are shown beside the live run's (the table's ticks). */
    public ObservableSet<Path> overlaid() { return overlaid; }
    /** The experiments selected in the table: their curves are shown too, while they are selected. */
    public ObservableSet<Path> selection() { return selection; }

    /** Makes {@code dirs} the selection, changing only what differs (curves that stay are not rebuilt). */
    public void select(java.util.Collection<Path> dirs) {
        java.util.Set<Path> want = new java.util.LinkedHashSet<>(dirs);
        selection.retainAll(want);
        selection.addAll(want);
    }
    public BooleanProperty openWhenDoneProperty() { return openWhenDone; }
    public ExperimentsModel experiments() { return experiments; }
    public EventThrottle<TrainingEvent> throttle() { return throttle; }
    /** Epoch events received so far (the stall benchmark reports it). */
    public long epochEvents() { return epochEvents; }

    public String description() {
        return preset.get() == null ? "" : "Defaults: " + Presets.get(preset.get()).description() + ".";
    }

    /** The first problem of the form (a hyperparameter, the name, the dataset), or null. */
    public String formProblem() {
        for (Value v : values) if (v.problemProperty().get() != null) return v.problemProperty().get();
        if (dataset.get() == null) return "open a dataset to train on";
        String n = name.get() == null ? "" : name.get().trim();
        if (n.isEmpty()) return "name the experiment (its folder's name)";
        if (!n.matches("[A-Za-z0-9._-]+")) return "the experiment's name may hold letters, digits, '.', '_' and '-' only";
        Path out = outputFolder();
        if (out != null && Files.exists(out)) return "an experiment called " + n + " exists in " + out.getParent() + ": choose another name";
        return null;
    }

    /** Where the experiment will be saved: the experiments folder and the name. */
    public Path outputFolder() {
        Path f = experiments.folderProperty().get();
        String n = name.get() == null ? "" : name.get().trim();
        return f == null || n.isEmpty() ? null : f.resolve(n);
    }

    /** Fills the form with {@code c}'s preset, hyperparameters and seed (to train a variant of an experiment). */
    public void load(ModelConfig c) {
        preset.set(c.preset());
        for (Value v : values) {
            String x = c.hyperparameters().get(v.key());
            if (x != null) v.textProperty().set(x);
        }
        seed.set(c.seed());
    }

    /**
     * Fills the form with a listed experiment's or sweep setting's configuration, to train it (a
     * setting's is the sweep's preset, its fixed values and the setting's own), named after it.
     */
    public void load(ExperimentSummary s) {
        load(new ModelConfig(s.preset(), new java.util.TreeMap<>(s.hyperparameters()), s.seed()));
        name.set(s.title().replaceAll("[^A-Za-z0-9._-]+", "-") + "-trained");
    }

    /** The configuration the form describes (the preset's defaults, the edited values and the seed). */
    public ModelConfig config() {
        Map<String, String> hp = new LinkedHashMap<>();
        for (Value v : values) hp.put(v.key(), v.textProperty().get().trim());
        return Presets.config(preset.get(), hp, seed.get());
    }

    /**
     * Starts training on the current dataset; false (and {@link #problemProperty()} says why) when
     * the form is not valid or the service rejects the request.
     */
    public boolean start() {
        if (running.get()) return false;
        String p = formProblem();
        if (p != null) {
            problem.set(p);
            return false;
        }
        Dataset d = dataset.get().dataset();
        Path out = outputFolder();
        TrainingJob j;
        try {
            j = service.start(new TrainingRequest(d, config(), out));
        } catch (BadInputException e) {
            problem.set(e.getMessage());
            return false;
        }
        problem.set(null);
        job = j;
        jobData = d;
        jobCount++;
        jobKey = out.toString();
        jobLabel = name.get().trim();
        running.set(true);
        progress.set(-1);
        progressText.set("Training " + jobLabel + ": building the model ...");
        throughput.set("");
        timeLeft.set("");
        j.addListener(throttle::offer);
        throttle.start();
        Path dir = out;
        j.result().whenComplete((e, err) -> {
            // Read the saved experiment back here, on the training thread: files and JSON parsing stay off the JavaFX thread.
            ExperimentSummary s = null;
            String unreadable = null;
            if (err == null) {
                try {
                    s = ExperimentSummary.read(dir);
                } catch (BadInputException ex) {
                    unreadable = ex.getMessage();
                }
            }
            ExperimentSummary summary = s;
            String readProblem = unreadable;
            Platform.runLater(() -> finished(j, e, err, summary, readProblem));
        });
        return true;
    }

    /** Asks the running job to stop; it saves what it has (resumable) and ends as cancelled. */
    public void stop() {
        if (job != null) {
            job.cancel();
            progressText.set("Stopping " + jobLabel + " after the current batch ...");
        }
    }

    /** The job's end (JavaFX thread); {@code s} is its saved experiment, read back on the training thread, or null with {@code readProblem}. */
    private void finished(TrainingJob j, Experiment e, Throwable err, ExperimentSummary s, String readProblem) {
        throttle.stop();
        if (j != job) return;
        running.set(false);
        progress.set(0);
        timeLeft.set("");
        job = null;
        name.set(defaultName(preset.get()));
        if (err != null) {
            Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            problem.set("training failed: " + Texts.message(c));
            progressText.set("Training " + jobLabel + " failed");
            return;
        }
        if (s == null) {
            problem.set("the experiment was trained but could not be read back: " + readProblem);
            return;
        }
        overlaid.add(Path.of(jobKey));
        // Into the experiment table and list a frame later: a table whose rows change restyles
        // every visible cell, which in the same frame as the rest of a run's end stalled the window.
        boolean open = openWhenDone.get();
        OpenExperiment opened = new OpenExperiment(s, e, jobData);
        Frames.afterNext(() -> {
            if (open) experiments.show(opened);
            else experiments.list(s);
        });
        progressText.set(String.format(Locale.ROOT, "%s: %s after %s; test CC_norm %s, CC_abs %s", jobLabel, e.outcome().label(),
                Texts.duration(e.seconds()), Texts.fmt(s.meanCcNorm()), Texts.fmt(s.meanCcAbs())));
    }

    /**
     * Called around every batch of events applied to the curves: the training panel holds its
     * charts' redraws there, so that a batch redraws each chart once, not once per point.
     */
    void onBatch(Runnable before, Runnable after) {
        beforeBatch = before;
        afterBatch = after;
    }

    /** Applies a batch of events (JavaFX thread). */
    private void apply(List<TrainingEvent> batch) {
        beforeBatch.run();
        try {
            applyEach(batch);
        } finally {
            afterBatch.run();
        }
    }

    private void applyEach(List<TrainingEvent> batch) {
        for (TrainingEvent ev : batch) {
            if (ev instanceof TrainingEvent.Epoch e) {
                epochEvents++;
                curvesFor(jobKey, jobLabel, e.run(), e.runs(), e.validationMetric())
                        .add(e.epoch(), e.trainLoss(), e.validationLoss(), e.validationCc(), e.validationMetric());
                progress.set(Math.min(1, (e.runIndex() + e.epoch() / (double) e.maxEpochs()) / e.runs()));
                progressText.set(String.format(Locale.ROOT, "Training %s: %sepoch %d of at most %d, validation %s %.3f",
                        jobLabel, e.runs() > 1 ? "run " + (e.runIndex() + 1) + " of " + e.runs() + ", " : "", e.epoch(), e.maxEpochs(),
                        label(e.validationMetric()), e.validationCc()));
                throughput.set(String.format(Locale.ROOT, "%.0f images/s", e.imagesPerSecond()));
                double perEpoch = e.elapsedSeconds() / Math.max(1, e.epoch());
                double left = perEpoch * ((e.maxEpochs() - e.epoch()) + (double) (e.runs() - e.runIndex() - 1) * e.maxEpochs());
                timeLeft.set(left <= 0 ? "finishing" : "at most " + Texts.duration(left) + " left");
            } else if (ev instanceof TrainingEvent.RunEnd r) {
                progressText.set(String.format(Locale.ROOT, "Training %s: run %s %s after %d epochs (best %s at epoch %d)",
                        jobLabel, r.run(), r.outcome().label(), r.epochs(), Texts.fmt(r.bestValidationCc()), r.bestEpoch()));
            } else if (ev instanceof TrainingEvent.End end) {
                progressText.set("Training " + jobLabel + ": " + end.outcome().label() + ", saving ...");
            } else if (ev instanceof TrainingEvent.Failed f) {
                problem.set("training failed: " + f.message());
            }
        }
    }

    private RunCurves curvesFor(String key, String label, String run, int runs, String metric) {
        for (RunCurves c : curves) if (c.key().equals(key) && c.run().equals(run)) return c;
        int colour = colours.computeIfAbsent(key, k -> colours.size());
        RunCurves c = new RunCurves(key, runs > 1 ? label + " \u00B7 " + run : label, run, colour, metric);
        curves.add(c);
        return c;
    }

    private void addHistory(ExperimentSummary s) {
        String key = s.dir().toString();
        if (curves.stream().anyMatch(c -> c.key().equals(key))) return;
        if (!s.hasModel()) {
            addSettingHistory(s, key);
            return;
        }
        long runs = s.history().stream().map(HistoryRow::run).distinct().count();
        List<RunCurves> added = new ArrayList<>();
        for (HistoryRow h : s.history()) {
            RunCurves c = null;
            for (RunCurves x : added) if (x.run().equals(h.run())) c = x;
            if (c == null) {
                int colour = colours.computeIfAbsent(key, k -> colours.size());
                c = new RunCurves(key, runs > 1 ? s.name() + " \u00B7 " + h.run() : s.name(), h.run(), colour, h.validationMetric());
                added.add(c);
            }
            c.add(h.epoch(), h.trainLoss(), h.validationLoss(), h.validationCc(), h.validationMetric());
        }
        curves.addAll(added);
    }

    /**
     * A sweep setting's curves: the mean over its folds' fits at each epoch, up to the last epoch
     * that every fit reached (so every point averages the same fits), in one colour, the legend
     * saying so. One curve per setting keeps a comparison of settings readable; the folds' own
     * curves are in its {@code history.csv}.
     */
    private void addSettingHistory(ExperimentSummary s, String key) {
        long fits = s.history().stream().map(HistoryRow::run).distinct().count();
        if (fits == 0) return; // a sweep written before settings kept their curves
        List<HistoryRow> mean = HistoryRow.meanOverRuns(s.history(), "mean");
        int colour = colours.computeIfAbsent(key, k -> colours.size());
        RunCurves c = new RunCurves(key, s.title() + " (" + meanOf(s, fits) + ")", "mean", colour, s.validationMetric());
        for (HistoryRow h : mean) c.add(h.epoch(), h.trainLoss(), h.validationLoss(), h.validationCc(), h.validationMetric());
        curves.add(c);
    }

    /** "mean of 3 folds" (or "mean of 6 fits" where a fold has several: one per session or seed). */
    static String meanOf(ExperimentSummary s, long fits) {
        int folds = s.sweep() == null ? 0 : s.sweep().folds();
        return "mean of " + fits + (fits == folds ? " folds" : " fits");
    }

    /** "CC_norm" for cc_norm, as the field writes it. */
    static String label(String metric) {
        return metric == null ? "CC" : metric.equals("cc_norm") ? "CC_norm" : metric.equals("cc_abs") ? "CC_abs" : metric;
    }

    /** Number of jobs started (tests). */
    int jobCount() {
        return jobCount;
    }
}
