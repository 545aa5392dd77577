package org.v1workbench.ui;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.v1workbench.data.Dataset;
import org.v1workbench.ui.common.DatasetSource;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;
import org.v1workbench.ui.shell.MainWindow;
import org.v1workbench.ui.shell.Workspace;
import org.v1workbench.ui.shell.WorkbenchModel;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * The fixture the TestFX window tests share: the workbench window on TestFX's stage, with its
 * own task runner, settings in memory and a dataset opened, closed after each test. TestFX looks
 * for {@code @Start} among a test class's own methods only, so each subclass declares one that
 * calls {@link #show}.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class WindowTestBase {
    protected TaskRunner tasks;
    protected WorkbenchModel model;
    protected MainWindow window;

    /** Shows the window ({@code width} x 780) on {@code stage} and starts opening {@code data} (on the JavaFX thread). */
    protected void show(Stage stage, Dataset data, double width) {
        tasks = new TaskRunner();
        model = new WorkbenchModel(tasks, new WorkbenchPrefs(SettingsStore.inMemory()), null);
        window = new MainWindow(model);
        stage.setScene(new Scene(window.root(), width, 780));
        stage.show();
        model.open(DatasetSource.of(data));
    }

    /**
     * Waits for the dataset to open, then shows {@code workspace}, with {@code experiments} as the
     * experiments folder (null: the default), and waits for what that starts.
     */
    protected void openWorkspace(Workspace workspace, Path experiments) throws Exception {
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        onFx(() -> {
            if (experiments != null) model.experiments().folderProperty().set(experiments);
            window.select(workspace);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
    }

    @AfterEach
    protected void closeWindowModel() {
        if (model != null) model.close();
        if (tasks != null) tasks.close();
    }

    /** Waits until {@code condition} (checked on the JavaFX thread) holds; fails after {@code seconds}. */
    protected static void waitFor(BooleanSupplier condition, long seconds, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (onFx(condition::getAsBoolean)) return;
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what);
    }
}
