package org.v1workbench.train;

import org.v1workbench.experiment.Experiment;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle on one queued or running training job: listen to it, cancel it, wait for its
 * experiment. Listeners may be added and removed from any thread at any time; a listener added
 * late misses the events already sent.
 */
public final class TrainingJob {
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final CompletableFuture<Experiment> result = new CompletableFuture<>();

    TrainingJob() {}

    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    public void removeListener(TrainingListener l) {
        listeners.remove(l);
    }

    /**
     * Asks the job to stop. Training checks between batches, so it stops within one batch; the
     * experiment is then saved at its last completed epoch (resumable) and the job ends with
     * outcome {@code cancelled}.
     */
    public void cancel() {
        cancel.set(true);
    }

    public boolean cancelRequested() {
        return cancel.get();
    }

    /** Completes with the experiment when the job ends (also when cancelled), exceptionally on failure. */
    public CompletableFuture<Experiment> result() {
        return result;
    }

    /** Waits for the job; rethrows its failure (a BadInputException stays one). */
    public Experiment await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    void emit(TrainingEvent e) {
        for (TrainingListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                // A broken listener must not stop training; it is reported once on stderr.
                System.err.println("training listener failed: " + ex);
            }
        }
    }

    void complete(Experiment e) {
        result.complete(e);
    }

    void fail(Throwable t) {
        result.completeExceptionally(t);
    }
}
