package org.v1workbench.ui.common;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the workbench's work off the JavaFX thread. Every load, render and computation goes
 * through here, so that the window can show what is running (the status bar follows the latest
 * foreground task), cancel it, and tell tests and {@code snapshot} when all work is done.
 * Submit on the JavaFX thread; tasks report back through their own state.
 */
public final class TaskRunner implements AutoCloseable {
    private final ExecutorService pool;
    private final ReadOnlyObjectWrapper<Task<?>> foreground = new ReadOnlyObjectWrapper<>(this, "foreground");
    private final ReadOnlyBooleanWrapper idle = new ReadOnlyBooleanWrapper(this, "idle", true);
    private final AtomicInteger running = new AtomicInteger();
    private Consumer<Throwable> onFailure = e -> {
        System.err.println("task failed: " + e); // with the trace: a bare ConcurrentModificationException names no place
        e.printStackTrace();
    };

    public TaskRunner() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "workbench-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Where failures of foreground tasks go (the window shows them in a dialog). */
    public void setOnFailure(Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    /**
     * Starts {@code task} on a worker thread. A foreground task is what the status bar shows and
     * the cancel button stops (loading a dataset); background tasks are small and silent
     * (thumbnails) unless they fail.
     */
    public <T> Task<T> run(Task<T> task, boolean isForeground) {
        return run(task, isForeground, true);
    }

    /**
     * As {@link #run(Task, boolean)} for a task whose caller shows its failure itself (the import
     * dialog's message line): the failure does not also go to the window's error dialog, so each
     * error is shown once. A failure that is not bad input (a bug) still prints its trace.
     */
    public <T> Task<T> runWithInlineErrors(Task<T> task, boolean isForeground) {
        return run(task, isForeground, false);
    }

    private <T> Task<T> run(Task<T> task, boolean isForeground, boolean reportFailure) {
        if (!Platform.isFxApplicationThread()) throw new IllegalStateException("submit tasks on the JavaFX thread");
        running.incrementAndGet();
        idle.set(false);
        if (isForeground) foreground.set(task);
        task.stateProperty().addListener((obs, was, now) -> {
            if (now == Worker.State.SUCCEEDED || now == Worker.State.FAILED || now == Worker.State.CANCELLED) {
                if (now == Worker.State.FAILED) {
                    if (reportFailure) onFailure.accept(task.getException());
                    else if (task.getException() != null && !isBadInput(task.getException())) task.getException().printStackTrace();
                }
                if (foreground.get() == task) foreground.set(null);
                if (running.decrementAndGet() == 0) idle.set(true);
            }
        });
        pool.execute(task);
        return task;
    }

    private static boolean isBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof org.v1workbench.data.BadInputException) return true;
        return false;
    }

    public ReadOnlyObjectProperty<Task<?>> foregroundProperty() {
        return foreground.getReadOnlyProperty();
    }

    /** True while no task is queued or running. */
    public ReadOnlyBooleanProperty idleProperty() {
        return idle.getReadOnlyProperty();
    }

    /** Cancels the foreground task, if any. */
    public void cancelForeground() {
        Task<?> t = foreground.get();
        if (t != null) t.cancel(true);
    }

    /**
     * Blocks a thread other than the JavaFX thread until no task runs and the JavaFX thread has
     * handled every result (a finished task may start the next one, so idleness is checked twice
     * on the JavaFX thread, one event apart).
     */
    public void awaitIdle(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        if (Platform.isFxApplicationThread()) throw new IllegalStateException("awaitIdle would block the JavaFX thread");
        long end = System.nanoTime() + unit.toNanos(timeout);
        int quiet = 0;
        while (quiet < 2) {
            if (System.nanoTime() > end) throw new TimeoutException("work still running after " + timeout + " " + unit);
            boolean[] now = new boolean[1];
            CountDownLatch latch = new CountDownLatch(1);
            Platform.runLater(() -> {
                now[0] = idle.get();
                latch.countDown();
            });
            if (!latch.await(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS))
                throw new TimeoutException("the JavaFX thread did not answer");
            if (now[0]) quiet++;
            else {
                quiet = 0;
                Thread.sleep(10);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
