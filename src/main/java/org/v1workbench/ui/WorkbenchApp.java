package org.v1workbench.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The workbench window. Not the jar's main class: JavaFX sits on the class path, where an
 * Application subclass cannot be launched as main class, so the CLI's {@code Main} calls
 * {@link #main} when it is given no command.
 */
public final class WorkbenchApp extends Application {
    private TaskRunner tasks;

    /** Opens the window; the first argument, if any, is a dataset folder to open. */
    public static void main(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        tasks = new TaskRunner();
        WorkbenchPrefs prefs = new WorkbenchPrefs(SettingsStore.user());
        WorkbenchModel model = new WorkbenchModel(tasks, prefs, CcMax.function());
        MainWindow window = new MainWindow(model);
        window.attach(stage);
        stage.show();
        initialSource(getParameters().getRaw(), prefs).ifPresent(model::open);
    }

    /**
     * What to open first: a folder named on the command line, else the most recent dataset that
     * still exists.
     */
    static Optional<DatasetSource> initialSource(List<String> args, WorkbenchPrefs prefs) {
        if (!args.isEmpty()) return Optional.of(DatasetSource.folder(Path.of(args.get(0))));
        for (Path p : prefs.recentFiles()) if (Files.isDirectory(p)) return Optional.of(DatasetSource.folder(p));
        return Optional.empty();
    }

    @Override
    public void stop() {
        if (tasks != null) tasks.close();
    }
}
