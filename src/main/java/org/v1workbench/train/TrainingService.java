package org.v1workbench.train;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.Hyperparameters;
import org.v1workbench.model.Presets;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Trains models in the background, one job at a time, on a thread of its own ("v1-training"),
 * for the command line and the window alike: {@link #start} queues a job and returns at once;
 * the job reports through {@link TrainingEvent}s and completes with an {@link Experiment}.
 *
 * <p>Cheap checks (the preset and its hyperparameters, sessions, tiers) run on the caller's
 * thread and throw {@link BadInputException} at once; everything else runs on the service's thread.
 */
public final class TrainingService implements AutoCloseable {
    private final java.util.Set<TrainingJob> jobs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final ExecutorService executor;
    private final boolean yieldToWindow;
    private boolean warnedPriority;
    /** What tests replace in the jobs' runners (faults, saving, autosave pacing); {@link JobRunner.Seams#NONE} otherwise. */
    private final JobRunner.Seams seams;

    /** A service whose thread runs at the normal priority (the command line). */
    public TrainingService() {
        this(false);
    }

    /** A service whose jobs run with {@code seams} (tests). */
    TrainingService(JobRunner.Seams seams) {
        this(false, seams);
    }

    /**
     * @param yieldToWindow run training at a lower priority ({@link BackgroundPriority}), so that
     *                      a window in the same process stays responsive on a machine with few cores
     */
    public TrainingService(boolean yieldToWindow) {
        this(yieldToWindow, JobRunner.Seams.NONE);
    }

    private TrainingService(boolean yieldToWindow, JobRunner.Seams seams) {
        this.seams = seams;
        this.yieldToWindow = yieldToWindow;
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "v1-training");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a training job. */
    public TrainingJob start(TrainingRequest request) {
        check(request);
        TrainingJob job = new TrainingJob();
        submit(job, () -> JobRunner.fresh(request, job, seams).run());
        return job;
    }

    /**
     * Continues a cancelled experiment, or one autosaved before a crash, from its last saved epochs (an experiment that had
     * finished is only saved again), on {@code data}, which must be the dataset it was trained on.
     */
    public TrainingJob resume(Path experiment, Dataset data) {
        TrainingJob job = new TrainingJob();
        submit(job, () -> JobRunner.resumed(Experiment.load(experiment), data, experiment, job, seams).run());
        return job;
    }

    private void submit(TrainingJob job, java.util.concurrent.Callable<Experiment> work) {
        jobs.add(job);
        executor.execute(() -> {
            // Again for every job: the JVM may have started compiler threads since the last one.
            if (yieldToWindow && !BackgroundPriority.yieldToWindow() && !warnedPriority) {
                warnedPriority = true;
                System.err.println("note: could not lower the training's priority (renice); the window may stall while a model trains");
            }
            try {
                if (job.cancelRequested() && closed) throw new java.util.concurrent.CancellationException("training service closed");
                job.complete(work.call());
            } catch (Throwable t) {
                job.emit(new TrainingEvent.Failed(t.getMessage() == null ? t.toString() : t.getMessage(), t));
                job.fail(t);
            } finally {
                jobs.remove(job);
            }
        });
    }

    static void check(TrainingRequest r) {
        Presets.get(r.config().preset());
        Dataset d = r.data();
        if (r.ensemble() < 1) throw new BadInputException("--ensemble must be at least 1, not " + r.ensemble());
        for (String s : r.sessions())
            if (!d.sessions().contains(s))
                throw new BadInputException("dataset '" + d.name() + "' has no session '" + s + "' (it has: " + String.join(", ", d.sessions()) + ")");
        if (d.tiers().count(Tier.TRAIN) == 0)
            throw new BadInputException("dataset '" + d.name() + "' has no images in the train tier: nothing to train on");
        if (d.tiers().count(Tier.VALIDATION) == 0)
            throw new BadInputException("dataset '" + d.name() + "' has no images in the validation tier: early stopping needs some");
        Hyperparameters.check(r.config());
    }

    /**
     * Stops accepting jobs and cancels the queued and running ones (a running job still saves its
     * experiment, resumable); the thread ends after it.
     */
    @Override
    public void close() {
        closed = true;
        for (TrainingJob j : jobs) j.cancel();
        executor.shutdown();
    }
}
