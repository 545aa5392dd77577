package org.v1workbench.ui.shell;

import javafx.application.Application;
import javafx.stage.Stage;
import org.v1workbench.ui.common.DatasetSource;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.nio.file.Path;
import java.util.List;

/**
 * The workbench window. Not the jar's main class: JavaFX sits on the class path, where an
 * Application subclass cannot be launched as main class, so the CLI's {@code Main} calls
 * {@link #main} when it is given no command.
 */
public final class WorkbenchApp extends Application {
    private TaskRunner tasks;
    private WorkbenchModel model;

    /** Opens the window on the sample data, or on the dataset folder named by the first argument. */
    public static void main(String[] args) {
        configureRendering();
        quietConfigurationWarning();
        Application.launch(WorkbenchApp.class, args);
    }

    /**
     * JavaFX warns on every start from the class path ("Unsupported JavaFX configuration: classes
     * were loaded from 'unnamed module ...'"); the jar and the installer run it that way on
     * purpose (JavaFX is one of the jar's libraries), so the warning is noise on every start of
     * the window, the headless snapshots' included. Only that record is dropped: its logger is
     * "javafx", the parent of JavaFX's other loggers (CSS, layout), whose warnings still show.
     * Held in a field so that the logger, and its filter, are not lost to garbage collection.
     */
    public static void quietConfigurationWarning() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith(CONFIGURATION_WARNING));
    }

    /** How JavaFX's warning about running from the class path begins. */
    static final String CONFIGURATION_WARNING = "Unsupported JavaFX configuration";
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /**
     * JavaFX settings read when its toolkit starts (so set before; a value given on the command
     * line wins). Region caching off: JavaFX draws each panel's background once into a texture
     * and then stretches slices of it over the panel, which costs a software renderer (no GPU:
     * remote desktops, virtual machines, the headless snapshots and benchmarks) far more than
     * filling the rectangles, at every workspace switch (docs/benchmarks.md, "The window's
     * responsiveness"); with a GPU, filling is as cheap as stretching.
     */
    static void configureRendering() {
        if (System.getProperty("prism.disableRegionCaching") == null) System.setProperty("prism.disableRegionCaching", "true");
    }

    @Override
    public void start(Stage stage) {
        tasks = new TaskRunner();
        WorkbenchPrefs prefs = new WorkbenchPrefs(SettingsStore.user());
        model = new WorkbenchModel(tasks, prefs, CcMax.function());
        MainWindow window = new MainWindow(model);
        window.setHostServices(getHostServices());
        window.attach(stage);
        stage.show();
        model.open(initialSource(getParameters().getRaw()));
        model.experiments().rescan();
    }

    /** What to open first: a folder named on the command line, else the sample dataset. */
    static DatasetSource initialSource(List<String> args) {
        return args.isEmpty() ? DatasetSource.sample() : DatasetSource.folder(Path.of(args.get(0)));
    }

    @Override
    public void stop() {
        if (model != null) model.close();
        if (tasks != null) tasks.close();
    }
}
