package org.v1workbench.ui.common;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Hands events from a worker thread to the JavaFX thread in batches, at most one batch every
 * {@code period}: a busy producer (a training epoch every few milliseconds on a small model)
 * cannot flood the JavaFX thread with redraws. {@link #offer} may be called from any thread;
 * everything else on the JavaFX thread. While started, a timeline drains the queue; {@link #flush}
 * drains it at once (at the end of a job, so that the last event is never left waiting).
 */
public final class EventThrottle<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<T>> sink;
    private final Timeline timeline;
    private long batches;

    public EventThrottle(Duration period, Consumer<List<T>> sink) {
        this.sink = sink;
        this.timeline = new Timeline(new KeyFrame(period, e -> flush()));
        timeline.setCycleCount(Animation.INDEFINITE);
    }

    /** Queues an event (any thread; never blocks). */
    public void offer(T event) {
        queue.add(event);
    }

    public void start() {
        requireFx();
        if (timeline.getStatus() != Animation.Status.RUNNING) timeline.play();
    }

    /** Stops the timeline after delivering what is queued. */
    public void stop() {
        requireFx();
        timeline.stop();
        flush();
    }

    public boolean running() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }

    /** Delivers every queued event now, as one batch (nothing when the queue is empty). */
    public void flush() {
        requireFx();
        List<T> batch = new ArrayList<>();
        for (T e; (e = queue.poll()) != null; ) batch.add(e);
        if (batch.isEmpty()) return;
        batches++;
        sink.accept(batch);
    }

    /** Batches delivered so far (for tests and the stall benchmark). */
    public long batches() {
        return batches;
    }

    private static void requireFx() {
        if (!Platform.isFxApplicationThread()) throw new IllegalStateException("call on the JavaFX thread");
    }
}
