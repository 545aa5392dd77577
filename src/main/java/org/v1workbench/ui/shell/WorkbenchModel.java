package org.v1workbench.ui.shell;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.v1workbench.data.Dataset;
import org.v1workbench.train.TrainingService;
import org.v1workbench.ui.common.DatasetSource;
import org.v1workbench.ui.common.LoadedDataset;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;
import org.v1workbench.ui.dataset.DatasetBrowserModel;
import org.v1workbench.ui.filters.FiltersModel;
import org.v1workbench.ui.inspector.InspectorModel;
import org.v1workbench.ui.training.ExperimentsModel;
import org.v1workbench.ui.training.TrainingModel;

import java.nio.file.Path;
import java.util.function.ToDoubleFunction;

/**
 * The main window's state: the open datasets, the current one, recent files, and the work in
 * progress. Opening a dataset loads it on a worker thread; the browser follows the current one.
 */
public final class WorkbenchModel {
    private final TaskRunner tasks;
    private final WorkbenchPrefs prefs;
    private final ObservableList<LoadedDataset> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<LoadedDataset> current = new SimpleObjectProperty<>(this, "current");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> readRecent = FXCollections.unmodifiableObservableList(recent);
    private final DatasetBrowserModel browser;
    private final TrainingService service = new TrainingService(true);
    private final ExperimentsModel experiments;
    private final TrainingModel training;
    private final InspectorModel inspector;
    private final FiltersModel filters;

    public WorkbenchModel(TaskRunner tasks, WorkbenchPrefs prefs, ToDoubleFunction<double[][]> ccMax) {
        this.tasks = tasks;
        this.prefs = prefs;
        this.browser = new DatasetBrowserModel(tasks, ccMax, 40);
        recent.setAll(prefs.recentFiles());
        current.addListener((o, a, b) -> {
            if (b != null && (a == null || a.dataset() != b.dataset())) browser.show(b.dataset());
        });
        experiments = new ExperimentsModel(tasks, prefs, datasets);
        training = new TrainingModel(service, experiments);
        training.datasetProperty().bind(current);
        inspector = new InspectorModel(tasks);
        inspector.experimentProperty().bind(experiments.currentProperty());
        filters = new FiltersModel(tasks);
        filters.experimentProperty().bind(experiments.currentProperty());
        filters.evaluationProperty().bind(inspector.evaluationProperty());
    }

    /** Stops training (a running job saves what it has) and the training thread. */
    public void close() {
        service.close();
    }

    /** Loads {@code source} in the background and makes it current; replaces an open copy of the same folder. */
    public Task<Dataset> open(DatasetSource source) {
        Task<Dataset> t = new Task<>() {
            @Override
            protected Dataset call() {
                updateMessage("Loading " + source.label() + " ...");
                updateProgress(-1, 1);
                return source.load(this::updateMessage);
            }
        };
        t.setOnSucceeded(e -> {
            LoadedDataset loaded = new LoadedDataset(source, t.getValue());
            int same = -1;
            for (int i = 0; i < datasets.size(); i++)
                if (source.path().isPresent() && datasets.get(i).source().path().equals(source.path())) same = i;
            if (same >= 0) datasets.set(same, loaded);
            else datasets.add(loaded);
            current.set(loaded);
            source.path().ifPresent(p -> recent.setAll(prefs.addRecent(p)));
        });
        return tasks.run(t, true);
    }

    public void clearRecent() {
        prefs.clearRecent();
        recent.clear();
    }

    public TaskRunner tasks() { return tasks; }
    public WorkbenchPrefs prefs() { return prefs; }
    public ObservableList<LoadedDataset> datasets() { return datasets; }
    public ObjectProperty<LoadedDataset> currentProperty() { return current; }
    public ObservableList<Path> recent() { return readRecent; }
    public DatasetBrowserModel browser() { return browser; }
    public ExperimentsModel experiments() { return experiments; }
    public TrainingModel training() { return training; }
    public InspectorModel inspector() { return inspector; }
    public FiltersModel filters() { return filters; }
}
