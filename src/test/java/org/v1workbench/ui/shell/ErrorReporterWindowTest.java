package org.v1workbench.ui.shell;

import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.WindowTestBase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * The one error handler: an exception thrown in a background task, and one escaping a plain
 * thread, each land in the log file with their trace and in a dialog with the message and the
 * log's path; the window stays usable (a later task runs, nothing is disabled).
 */
class ErrorReporterWindowTest extends WindowTestBase {
    Path log;
    ErrorReporter errors;
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();

    @Start
    void start(Stage stage) throws Exception {
        show(stage, TestDatasets.small(), 1000);
        log = Files.createTempDirectory("v1-errors").resolve("logs").resolve("errors.log");
        errors = new ErrorReporter(log, stage);
        errors.install();
        tasks.setOnFailure(errors::report);
    }

    @AfterEach
    void restoreHandler() {
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    static List<String> dialogTexts() throws Exception {
        return onFx(ErrorReporterWindowTest::dialogTextsHere);
    }

    /** On the JavaFX thread. */
    static List<String> dialogTextsHere() {
        return Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .map(w -> ((DialogPane) w.getScene().getRoot()).getContentText()).toList();
    }

    @Test
    void aBackgroundFailureIsLoggedAndShownAndTheWindowStaysUsable() throws Exception {
        onFx(() -> tasks.run(new Task<Void>() {
            @Override
            protected Void call() {
                throw new IllegalStateException("planted failure in a task");
            }
        }, true));
        waitFor(() -> !Window.getWindows().stream().filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane).toList().isEmpty(),
                20, "the error dialog");
        Thread t = new Thread(() -> {
            throw new IllegalArgumentException("planted failure on a plain thread");
        }, "planted-thread");
        t.start();
        t.join();
        waitFor(() -> Files.exists(log), 10, "the log");
        waitFor(() -> dialogTextsHere().size() >= 2, 20, "the second dialog");

        String logged = Files.readString(log);
        assertTrue(logged.contains("planted failure in a task") && logged.contains("planted failure on a plain thread"), logged);
        assertTrue(logged.contains("at org.v1workbench"), "the log holds the trace");
        List<String> texts = dialogTexts();
        assertTrue(texts.stream().anyMatch(s -> s.contains("planted failure in a task") && s.contains(log.toString())), texts.toString());
        assertTrue(texts.stream().anyMatch(s -> s.contains("planted failure on a plain thread") && s.contains(log.toString())), texts.toString());

        // still usable: nothing disabled, and the next task runs to its end
        assertFalse(onFx(() -> window.root().isDisabled()));
        Task<String> next = onFx(() -> tasks.run(new Task<String>() {
            @Override
            protected String call() {
                return "fine";
            }
        }, true));
        waitFor(() -> "fine".equals(next.getValue()), 20, "a task after the failures");
        onFx(() -> {
            for (Window w : List.copyOf(Window.getWindows()))
                if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane) ((Stage) w).close();
            return null;
        });
    }
}
