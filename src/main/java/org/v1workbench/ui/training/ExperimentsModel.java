package org.v1workbench.ui.training;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.experiment.SettingFolder;
import org.v1workbench.ui.common.LoadedDataset;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The experiments the workbench knows: those in the experiments folder (listed from their
 * summaries, no network loaded), the settings of the sweeps there, and any opened from
 * elsewhere; and the current one, loaded with its networks, which the inspector and filter views
 * show. A sweep's setting is listed but never current: it has no model. An experiment is paired
 * with the open dataset whose checksum it recorded; checksums are computed on a worker thread,
 * once per dataset.
 */
public final class ExperimentsModel {
    private final TaskRunner tasks;
    private final WorkbenchPrefs prefs;
    private final ObservableList<LoadedDataset> datasets;
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>(this, "folder");
    private final ObservableList<ExperimentSummary> listed = FXCollections.observableArrayList();
    private final ObjectProperty<OpenExperiment> current = new SimpleObjectProperty<>(this, "current");
    private final Map<Dataset, String> checksums = Collections.synchronizedMap(new IdentityHashMap<>());

    public ExperimentsModel(TaskRunner tasks, WorkbenchPrefs prefs, ObservableList<LoadedDataset> datasets) {
        this.tasks = tasks;
        this.prefs = prefs;
        this.datasets = datasets;
        folder.set(Path.of(prefs.get("experiments.dir", defaultFolder().toString())));
        folder.addListener((o, a, b) -> {
            if (b != null) prefs.put("experiments.dir", b.toString());
            rescan();
        });
        datasets.addListener((ListChangeListener<LoadedDataset>) c -> {
            OpenExperiment e = current.get();
            if (e != null && e.dataset() == null) pair(e);
        });
    }

    /** {@code ~/v1-workbench/experiments}: where trainings are saved until the user picks another folder. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), "v1-workbench", "experiments");
    }

    public ObjectProperty<Path> folderProperty() { return folder; }
    public ObservableList<ExperimentSummary> listed() { return listed; }
    public ObjectProperty<OpenExperiment> currentProperty() { return current; }

    /** Lists the experiments folder again (in the background); experiments opened from elsewhere stay listed. */
    public Task<List<ExperimentSummary>> rescan() {
        Path dir = folder.get();
        Task<List<ExperimentSummary>> t = new Task<>() {
            @Override
            protected List<ExperimentSummary> call() {
                return dir == null ? List.of() : ExperimentSummary.scan(dir);
            }
        };
        t.setOnSucceeded(e -> {
            List<ExperimentSummary> found = new ArrayList<>(t.getValue());
            for (ExperimentSummary s : listed)
                if (!inFolder(s, dir)) found.add(s);
            listed.setAll(dedupe(found));
        });
        return tasks.run(t, false);
    }

    /** Whether a scan of {@code dir} lists {@code s}: an experiment in it, or a setting of a sweep in it. */
    private static boolean inFolder(ExperimentSummary s, Path dir) {
        Path parent = s.dir().getParent();
        if (dir == null || parent == null) return false;
        return dir.equals(parent) || (s.sweep() != null && dir.equals(parent.getParent()));
    }

    /**
     * Lists the settings of the sweep at {@code path} (in the background; see
     * {@link SettingFolder#settingsAt}: its settings folder, a setting, a folder of sweeps or a
     * sweep's report file), after those listed already. Nothing becomes current: a setting has
     * no model to open.
     */
    public Task<List<ExperimentSummary>> openSweep(Path path) {
        Task<List<ExperimentSummary>> t = new Task<>() {
            @Override
            protected List<ExperimentSummary> call() {
                updateMessage("Reading sweep " + path.getFileName() + " ...");
                updateProgress(-1, 1);
                return SettingFolder.settingsAt(path);
            }
        };
        t.setOnSucceeded(e -> {
            List<ExperimentSummary> all = new ArrayList<>(listed);
            all.removeIf(s -> t.getValue().stream().anyMatch(x -> x.dir().equals(s.dir())));
            all.addAll(t.getValue());
            listed.setAll(all);
        });
        return tasks.run(t, true);
    }

    private static List<ExperimentSummary> dedupe(List<ExperimentSummary> list) {
        List<ExperimentSummary> out = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (ExperimentSummary s : list) if (seen.add(s.dir())) out.add(s);
        return out;
    }

    /** Puts (or replaces) a summary in the list, first. */
    void list(ExperimentSummary s) {
        listed.removeIf(x -> x.dir().equals(s.dir()));
        listed.add(0, s);
    }

    /** Loads the experiment in {@code dir} (networks included) in the background and makes it current. */
    public Task<OpenExperiment> open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        List<Dataset> candidates = datasets.stream().map(LoadedDataset::dataset).toList();
        Task<OpenExperiment> t = new Task<>() {
            @Override
            protected OpenExperiment call() {
                updateMessage("Opening experiment " + abs.getFileName() + " ...");
                updateProgress(-1, 1);
                if (!Files.isDirectory(abs)) throw new BadInputException(abs, "not found");
                ExperimentSummary s = ExperimentSummary.read(abs);
                if (!s.hasModel()) throw new BadInputException(abs, noModel(s));
                Experiment e = Experiment.load(abs);
                return new OpenExperiment(s, e, match(e, candidates));
            }
        };
        t.setOnSucceeded(e -> {
            list(t.getValue().summary());
            current.set(t.getValue());
        });
        return tasks.run(t, true);
    }

    /** Why a sweep's setting cannot be opened, inspected or probed: what the window says where it refuses. */
    public static String noModel(ExperimentSummary s) {
        int folds = s.sweep() == null ? 0 : s.sweep().folds();
        return "setting " + s.sweep().label() + " of sweep " + s.sweep().sweep() + " has no model to inspect or probe: it is "
                + (folds > 0 ? folds + " cross-validation fits" : "a set of cross-validation fits") + ", saved as scores and curves only "
                + "(train this configuration to get one)";
    }

    /** Makes an experiment already in memory (a training that just ended) current. */
    void show(OpenExperiment e) {
        list(e.summary());
        current.set(e);
    }

    /** The open dataset the experiment was trained on, or null. Worker thread. */
    Dataset match(Experiment e, List<Dataset> candidates) {
        for (Dataset d : candidates) {
            if (d.images() != e.dataset().images() || d.neuronCount() != e.dataset().neurons()) continue;
            if (checksum(d).equals(e.dataset().sha256())) return d;
        }
        return null;
    }

    /** The dataset's checksum as experiments record it, computed once per dataset (worker thread). */
    String checksum(Dataset d) {
        return checksums.computeIfAbsent(d, DatasetIdentity::checksum);
    }

    private void pair(OpenExperiment e) {
        List<Dataset> candidates = datasets.stream().map(LoadedDataset::dataset).toList();
        Task<Dataset> t = new Task<>() {
            @Override
            protected Dataset call() {
                return match(e.experiment(), candidates);
            }
        };
        t.setOnSucceeded(ev -> {
            if (t.getValue() != null && current.get() == e) current.set(new OpenExperiment(e.summary(), e.experiment(), t.getValue()));
        });
        tasks.run(t, false);
    }

    /** Copies the current experiment's folder to {@code target} (replaced atomically) and lists the copy. */
    public Task<Path> saveAs(Path target) {
        OpenExperiment e = current.get();
        if (e == null) throw new IllegalStateException("no experiment open");
        Path source = e.summary().dir(), abs = target.toAbsolutePath().normalize();
        Task<Path> t = new Task<>() {
            @Override
            protected Path call() throws IOException {
                if (abs.equals(source)) return abs;
                if (abs.startsWith(source)) throw new BadInputException(abs, "is inside the experiment it would copy");
                updateMessage("Saving experiment to " + abs + " ...");
                AtomicFiles.writeDirectory(abs, tmp -> copyTree(source, tmp));
                return abs;
            }
        };
        t.setOnSucceeded(ev -> {
            try {
                list(ExperimentSummary.read(abs));
            } catch (BadInputException ignored) {
                // listed on the next scan
            }
        });
        return tasks.run(t, true);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }
}
