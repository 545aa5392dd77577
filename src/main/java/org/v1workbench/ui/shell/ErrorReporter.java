package org.v1workbench.ui.shell;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.v1workbench.data.BadInputException;
import org.v1workbench.ui.common.Texts;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;

/**
 * The window's one error handler: an exception that escapes any thread (the JavaFX thread,
 * a worker, a task) is written with its trace to a log file in the user's data folder, and shown
 * in a dialog with its message and the log's path. The dialog is not modal and nothing is
 * rethrown, so the window stays usable.
 */
public final class ErrorReporter implements Thread.UncaughtExceptionHandler {
    private final Path log;
    private final Window owner;

    public ErrorReporter(Path log, Window owner) {
        this.log = log;
        this.owner = owner;
    }

    /** The log in the user's data folder, beside the experiments ({@code ~/v1-workbench/logs/errors.log}). */
    public static Path defaultLog() {
        return Path.of(System.getProperty("user.home"), "v1-workbench", "logs", "errors.log");
    }

    public Path log() {
        return log;
    }

    /** Becomes the handler of every thread, the JavaFX thread included (call on it). */
    public void install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        if (Platform.isFxApplicationThread()) Thread.currentThread().setUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        report(t.getName(), e);
    }

    /** A failed task's exception (the task runner's failure handler). */
    public void report(Throwable e) {
        report(Thread.currentThread().getName(), e);
    }

    private void report(String thread, Throwable e) {
        boolean logged = write(thread, e);
        String text = Texts.message(e) + (logged ? "\n\nDetails are in " + log : "\n\n(the log " + log + " could not be written)");
        boolean bad = causedBy(e, BadInputException.class);
        Runnable show = () -> {
            try {
                Alert a = new Alert(Alert.AlertType.ERROR);
                if (owner != null && owner.isShowing()) a.initOwner(owner);
                a.setTitle("V1 Workbench");
                a.setHeaderText(bad ? "This input cannot be used" : "Something went wrong");
                a.setContentText(text);
                a.show();
            } catch (RuntimeException shown) {
                System.err.println("error: " + text); // no toolkit: the log and stderr have it
            }
        };
        if (Platform.isFxApplicationThread()) show.run();
        else {
            try {
                Platform.runLater(show);
            } catch (IllegalStateException toolkitGone) {
                System.err.println("error: " + text);
            }
        }
    }

    private boolean write(String thread, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String entry = LocalDateTime.now() + " [" + thread + "] " + trace + System.lineSeparator();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException | RuntimeException io) {
            return false;
        }
    }

    private static boolean causedBy(Throwable e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }
}
