package org.v1workbench.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.v1workbench.data.Dataset;
import org.v1workbench.ui.common.DatasetSource;
import org.v1workbench.ui.common.LoadedDataset;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.WorkbenchPrefs;
import org.v1workbench.ui.dataset.DatasetBrowserView;
import org.v1workbench.ui.filters.FiltersView;
import org.v1workbench.ui.inspector.InspectorView;
import org.v1workbench.ui.training.TrainingView;

import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The workbench window: menu, sidebar of datasets and experiments, the workspaces as tabs, and a
 * status bar with the running task's progress and a cancel button.
 */
public final class MainWindow {
    public static final String STYLESHEET = MainWindow.class.getResource("workbench.css").toExternalForm();

    private final WorkbenchModel model;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Map<Workspace, Tab> tabByWorkspace = new EnumMap<>(Workspace.class);
    private final DatasetBrowserView browserView;
    private final TrainingView trainingView;
    private final InspectorView inspectorView;
    private final FiltersView filtersView;
    private final SplitPane main;
    private final StatusBar status = new StatusBar();
    private final Menu recentMenu = new Menu("Open recent");

    public MainWindow(WorkbenchModel model) {
        this.model = model;
        root.getStyleClass().add("workbench");
        browserView = new DatasetBrowserView(model.browser(), model.tasks(), model.prefs());
        trainingView = new TrainingView(model.training(), model.tasks(), model.prefs());
        inspectorView = new InspectorView(model.inspector(), model.tasks(), model.prefs());
        filtersView = new FiltersView(model.filters(), model.tasks(), model.prefs());
        for (Workspace w : Workspace.values()) {
            Node view = switch (w) {
                case DATASET -> browserView;
                case TRAINING -> trainingView;
                case INSPECTOR -> inspectorView;
                case FILTERS -> filtersView;
            };
            Tab t = new Tab(w.title(), view);
            t.setClosable(false);
            t.setId("tab-" + w.cliName());
            t.setTooltip(new Tooltip(w.description()));
            tabByWorkspace.put(w, t);
            tabs.getTabs().add(t);
        }
        WorkbenchSidebar sidebar = new WorkbenchSidebar(model);
        main = new SplitPane(sidebar, tabs);
        main.setDividerPositions(0.145);
        SplitPane.setResizableWithParent(sidebar, false);

        root.setTop(menuBar());
        root.setCenter(main);
        root.setBottom(statusBar());
        root.getStylesheets().add(STYLESHEET);
    }

    public Parent root() {
        return root;
    }

    public DatasetBrowserView browserView() {
        return browserView;
    }

    public TrainingView trainingView() {
        return trainingView;
    }

    public InspectorView inspectorView() {
        return inspectorView;
    }

    public FiltersView filtersView() {
        return filtersView;
    }

    public void select(Workspace w) {
        tabs.getSelectionModel().select(tabByWorkspace.get(w));
    }

    public Workspace selected() {
        for (var e : tabByWorkspace.entrySet()) if (e.getValue().isSelected()) return e.getKey();
        return Workspace.DATASET;
    }

    /**
     * Puts the window in {@code stage}: restores the remembered layout, saves it when the window
     * closes, and shows failures of foreground tasks in a dialog.
     */
    public void attach(Stage stage) {
        WorkbenchPrefs prefs = model.prefs();
        Scene scene = new Scene(root, 1400, 900);
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            LoadedDataset d = model.currentProperty().get();
            return "V1 Workbench" + (d == null ? "" : " \u2014 " + d.source().label());
        }, model.currentProperty()));
        WorkbenchPrefs.WindowLayout w = prefs.windowLayout();
        if (w.width() > 200 && w.height() > 150 && !Double.isNaN(w.x()) && onSomeScreen(w)) {
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setWidth(w.width());
            stage.setHeight(w.height());
        }
        stage.setMaximized(w.maximized());
        restoreDividers();
        String tab = prefs.get("workspace", Workspace.DATASET.name());
        try {
            select(Workspace.valueOf(tab));
        } catch (IllegalArgumentException ignored) {
            select(Workspace.DATASET);
        }
        ErrorReporter errors = new ErrorReporter(ErrorReporter.defaultLog(), stage);
        errors.install();
        model.tasks().setOnFailure(errors::report);
        stage.setOnHidden(e -> {
            if (!stage.isMaximized())
                prefs.saveWindowLayout(new WorkbenchPrefs.WindowLayout(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false));
            else prefs.put("window.maximized", "true");
            saveDividers();
            prefs.put("workspace", selected().name());
        });
    }

    private static boolean onSomeScreen(WorkbenchPrefs.WindowLayout w) {
        return !Screen.getScreensForRectangle(new Rectangle2D(w.x(), w.y(), w.width(), w.height())).isEmpty();
    }

    private void restoreDividers() {
        restore("main", main);
        browserView.splitPanes().forEach(this::restore);
        restore("training", trainingView.split());
        restore("filters", filtersView.split());
    }

    private void restore(String name, SplitPane pane) {
        double[] p = model.prefs().dividers(name);
        if (p.length == pane.getDividers().size() && p.length > 0) pane.setDividerPositions(p);
    }

    private void saveDividers() {
        model.prefs().saveDividers("main", main.getDividerPositions());
        model.prefs().saveDividers("training", trainingView.split().getDividerPositions());
        model.prefs().saveDividers("filters", filtersView.split().getDividerPositions());
        browserView.splitPanes().forEach((n, p) -> model.prefs().saveDividers(n, p.getDividerPositions()));
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open dataset...");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseDataset());
        model.recent().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        MenuItem importItem = new MenuItem("Import...");
        importItem.setOnAction(e -> new org.v1workbench.ui.importer.ImportDialog(new org.v1workbench.ui.importer.ImportModel(model.tasks()),
                model.tasks(), dir -> model.open(DatasetSource.folder(dir))).show(root.getScene().getWindow(), STYLESHEET));
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> {
            if (root.getScene() != null && root.getScene().getWindow() != null) root.getScene().getWindow().hide();
        });
        MenuItem openExperiment = new MenuItem("Open experiment...");
        openExperiment.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        openExperiment.setOnAction(e -> chooseExperiment());
        MenuItem openSweep = new MenuItem("Open sweep...");
        openSweep.setOnAction(e -> chooseSweep());
        MenuItem saveExperiment = new MenuItem("Save experiment as...");
        saveExperiment.setOnAction(e -> saveExperiment());
        saveExperiment.disableProperty().bind(Bindings.isNull(model.experiments().currentProperty()));
        MenuItem folder = new MenuItem("Experiments folder...");
        folder.setOnAction(e -> chooseExperimentsFolder());
        Menu file = new Menu("File", null, open, recentMenu, importItem, new SeparatorMenuItem(), openExperiment, openSweep, saveExperiment, folder,
                new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        int k = 1;
        for (Workspace w : Workspace.values()) {
            MenuItem item = new MenuItem(w.title());
            item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + k++));
            item.setOnAction(e -> select(w));
            view.getItems().add(item);
        }
        MenuItem about = new MenuItem("About V1 Workbench");
        about.setOnAction(e -> about());
        MenuItem guide = new MenuItem("User guide");
        guide.setAccelerator(KeyCombination.keyCombination("F1"));
        guide.setOnAction(e -> openUserGuide());
        MenuItem report = new MenuItem("Report a problem...");
        report.setOnAction(e -> reportProblem());
        Menu help = new Menu("Help", null, guide, report, new SeparatorMenuItem(), about);
        return new MenuBar(file, view, help);
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : model.recent()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> model.open(DatasetSource.folder(p)));
            recentMenu.getItems().add(item);
        }
        if (!model.recent().isEmpty()) recentMenu.getItems().add(new SeparatorMenuItem());
        MenuItem clear = new MenuItem("Clear recent");
        clear.setDisable(model.recent().isEmpty());
        clear.setOnAction(e -> model.clearRecent());
        recentMenu.getItems().add(clear);
    }

    private void chooseDataset() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open dataset (a dataset folder, or any folder an importer recognises)");
        String last = model.prefs().get("open.dir", null);
        if (last != null && new File(last).isDirectory()) chooser.setInitialDirectory(new File(last));
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir == null) return;
        if (dir.getParentFile() != null) model.prefs().put("open.dir", dir.getParent());
        model.open(DatasetSource.folder(dir.toPath()));
    }

    private void chooseExperiment() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open experiment (a folder that training wrote)");
        Path f = model.experiments().folderProperty().get();
        if (f != null && f.toFile().isDirectory()) chooser.setInitialDirectory(f.toFile());
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir == null) return;
        if (dir.getName().endsWith(org.v1workbench.experiment.SettingFolder.SUFFIX)) { // a sweep: its settings, listed
            model.experiments().openSweep(dir.toPath());
            select(Workspace.TRAINING);
        } else model.experiments().open(dir.toPath());
    }

    /** Lists a sweep's settings in the training workspace's table (they have no model to open). */
    private void chooseSweep() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open sweep (its PREFIX-settings folder, or a folder of sweeps)");
        Path f = model.experiments().folderProperty().get();
        if (f != null && f.toFile().isDirectory()) chooser.setInitialDirectory(f.toFile());
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir == null) return;
        model.experiments().openSweep(dir.toPath());
        select(Workspace.TRAINING);
    }

    private void saveExperiment() {
        OpenExperiment e = model.experiments().currentProperty().get();
        if (e == null) return;
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Save experiment " + e.label() + " as (a new folder)");
        Path f = model.experiments().folderProperty().get();
        if (f != null && f.toFile().isDirectory()) chooser.setInitialDirectory(f.toFile());
        chooser.setInitialFileName(e.label() + "-copy");
        File target = chooser.showSaveDialog(root.getScene().getWindow());
        if (target != null) model.experiments().saveAs(target.toPath());
    }

    private void chooseExperimentsFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder that experiments are saved in and listed from");
        Path f = model.experiments().folderProperty().get();
        if (f != null && f.toFile().isDirectory()) chooser.setInitialDirectory(f.toFile());
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) model.experiments().folderProperty().set(dir.toPath());
    }

    private javafx.application.HostServices hostServices;

    /** The application's host services, to open the user guide in the system browser (none in snapshots and tests). */
    public void setHostServices(javafx.application.HostServices hostServices) {
        this.hostServices = hostServices;
    }

    /**
     * Writes the bundled guide as HTML (in the background: it parses a dozen pages) and opens it
     * in the system browser; where there is no browser to ask, a window names the file to open.
     */
    private void openUserGuide() {
        javafx.concurrent.Task<Path> t = new javafx.concurrent.Task<>() {
            @Override
            protected Path call() throws Exception {
                return UserGuide.writeHtml(UserGuide.defaultFolder(org.v1workbench.train.Provenance.versionLines().get(0)));
            }
        };
        t.setOnSucceeded(e -> {
            Path index = t.getValue();
            if (hostServices != null) hostServices.showDocument(index.toUri().toString());
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.initOwner(root.getScene().getWindow());
            a.setTitle("User guide");
            a.setHeaderText(hostServices != null ? "The user guide is opening in your browser." : "The user guide is written as HTML.");
            TextField path = new TextField(index.toString());
            path.setEditable(false);
            path.setId("user-guide-path");
            a.getDialogPane().setContent(new javafx.scene.layout.VBox(6, new Label("If no browser opened, open this file:"), path));
            a.getDialogPane().setPrefWidth(620);
            a.show();
        });
        t.setOnFailed(e -> new Alert(Alert.AlertType.ERROR, "Could not write the user guide: " + t.getException().getMessage()).show());
        Thread th = new Thread(t, "user-guide");
        th.setDaemon(true);
        th.start();
    }

    /** The version lines and the errors log's path, selectable, with a button that copies them. */
    private void reportProblem() {
        String text = UserGuide.problemReport(org.v1workbench.train.Provenance.versionLines(), ErrorReporter.defaultLog());
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(root.getScene().getWindow());
        a.setTitle("Report a problem");
        a.setHeaderText("Please describe what you did and what happened, and include these lines and the errors log:");
        javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(5);
        area.setId("problem-report");
        Button copy = new Button("Copy to clipboard");
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            copy.setText("Copied");
        });
        a.getDialogPane().setContent(new javafx.scene.layout.VBox(8, area, copy));
        a.getDialogPane().setPrefWidth(620);
        a.show();
    }

    private void about() {
        String v = MainWindow.class.getPackage().getImplementationVersion();
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(root.getScene().getWindow());
        a.setTitle("About V1 Workbench");
        a.setHeaderText("V1 Workbench " + (v == null ? "(development build)" : v));
        a.setContentText("""
                Train deep networks to predict the responses of primary visual cortex (V1) neurons to natural \
                images, score them against the noise ceiling (CC_norm), and probe what each neuron encodes.

                Method: Kindel, Christensen & Zylberberg (2019), J. Vision 19(4):29.
                pvc-8 recordings: Coen-Cagli, Kohn & Schwartz (2015), Nature Neuroscience 18:1648 (CRCNS).

                Java %s, JavaFX %s.""".formatted(System.getProperty("java.version"), System.getProperty("javafx.runtime.version", "?")));
        a.getDialogPane().setPrefWidth(560);
        a.show();
    }

    private StatusBar statusBar() {
        status.setId("status-bar");
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-task");
        cancel.setTooltip(new Tooltip("Stop the running task"));
        cancel.disableProperty().bind(Bindings.isNull(model.tasks().foregroundProperty()).and(model.training().runningProperty().not()));
        cancel.setOnAction(e -> {
            if (model.tasks().foregroundProperty().get() != null) model.tasks().cancelForeground();
            else model.training().stop();
        });
        status.getRightItems().add(cancel);
        model.tasks().foregroundProperty().addListener((o, a, t) -> bindStatus(t));
        model.training().runningProperty().addListener((o, a, b) -> bindStatus(model.tasks().foregroundProperty().get()));
        model.currentProperty().addListener((o, a, b) -> bindStatus(model.tasks().foregroundProperty().get()));
        bindStatus(null);
        return status;
    }

    private void bindStatus(Task<?> t) {
        status.textProperty().unbind();
        status.progressProperty().unbind();
        if (t != null) {
            status.textProperty().bind(t.messageProperty());
            status.progressProperty().bind(t.progressProperty());
        } else if (model.training().runningProperty().get()) {
            // No other task: the status bar follows the training (Cancel stops it, saving what it has).
            status.textProperty().bind(model.training().progressTextProperty());
            status.progressProperty().bind(model.training().progressProperty());
        } else {
            status.setProgress(0);
            LoadedDataset d = model.currentProperty().get();
            status.setText(d == null ? "Ready. Open a dataset with File \u203A Open dataset..." : "Ready \u2014 " + summary(d.dataset()));
        }
    }

    static String summary(Dataset d) {
        return String.format(Locale.ROOT, "%s: %d sessions, %d neurons, %d images of %d x %d px, %d %s, %.0f ms window%s",
                d.name(), d.sessions().size(), d.neuronCount(), d.images(), d.height(), d.width(), d.repeats(),
                d.repeats() == 1 ? "repeat (trial means)" : "repeats", d.windowSeconds() * 1000,
                d.responseKind() == org.v1workbench.data.ResponseKind.SPIKE_COUNTS ? "" : ", " + WorkbenchSidebar.responses(d));
    }
}
