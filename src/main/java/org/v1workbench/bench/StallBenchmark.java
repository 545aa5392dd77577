package org.v1workbench.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.ui.common.DatasetSource;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;
import org.v1workbench.ui.shell.MainWindow;
import org.v1workbench.ui.shell.SnapshotModel;
import org.v1workbench.ui.shell.Snapshots;
import org.v1workbench.ui.shell.WorkbenchModel;
import org.v1workbench.ui.shell.Workspace;
import org.v1workbench.ui.training.TrainingModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How long the JavaFX thread stalls while a model trains: the window (shown on JavaFX's headless
 * platform, software rendering) trains the snapshot's small core-readout on a dataset from its
 * training panel, live curves and all, while every 2 seconds the workspace switches between the
 * training panel and the dataset browser (so both are laid out and drawn). An animation timer
 * records the time of every frame (pulse); a stall is the gap between two frames. The idle
 * platform's gaps are measured first, for comparison. Another preset can be trained instead
 * ({@code --models}), at its defaults but for the epochs.
 */
public final class StallBenchmark {
    private StallBenchmark() {}

    /**
     * @param openSeconds      from opening the dataset until every task it started has finished
     * @param openFxCpuSeconds the JavaFX thread's CPU time meanwhile
     * @param opening  frame gaps while the dataset opens (the dataset browser in view)
     * @param idle     frame gaps with nothing running
     * @param training frame gaps while the model trains
     * @param epochs   epoch events the training panel received
     * @param batches  batches the event throttle delivered to the JavaFX thread
     */
    public record Result(double openSeconds, double openFxCpuSeconds, Phase opening, Gaps idle, Phase inView, Phase switching, long epochs, long batches, double trainSeconds,
                         double imagesPerSecond, int gcPauses, double gcMaxMs) {}

    /**
     * Frame gaps of one phase of the training, the worst one (when, and how much of it the JVM
     * spent in stop-the-world collections), and the worst gap that no collection overlapped.
     */
    public record Phase(Gaps gaps, double worstAtSeconds, double worstGcMs, double worstCpuMs, double worstWithoutGcMs) {
        /** @param cpuAt the JavaFX thread's CPU time (ns) at each frame time */
        static Phase of(List<Long> frames, Map<Long, Long> cpuAt, GcPauses gc, long t0) {
            double worstAt = Double.NaN, worst = -1, worstGc = 0, worstCpu = Double.NaN, worstNoGc = 0;
            for (int i = 1; i < frames.size(); i++) {
                double g = (frames.get(i) - frames.get(i - 1)) / 1e6;
                double inGc = gc.pausedMs(frames.get(i - 1), frames.get(i));
                if (g > worst) {
                    worst = g;
                    worstAt = (frames.get(i - 1) - t0) / 1e9;
                    worstGc = inGc;
                    worstCpu = cpuMs(cpuAt, frames.get(i - 1), frames.get(i));
                }
                if (inGc == 0) worstNoGc = Math.max(worstNoGc, g);
            }
            return new Phase(Gaps.of(frames), worstAt, worstGc, worstCpu, worstNoGc);
        }

        String line(String what) {
            return String.format(Locale.ROOT, "%s %s%n    longest stall %.1f ms (from %.1f s; %.0f ms of it in GC pauses, %.0f ms of it on a core for the JavaFX thread);"
                            + " longest without a GC pause %.1f ms",
                    what, gaps, gaps.maxMs(), worstAtSeconds, worstGcMs, worstCpuMs, worstWithoutGcMs);
        }
    }

    /**
     * Stop-the-world garbage-collection pauses while listening (from the collectors'
     * notifications), to tell the stalls the JVM causes from those of the window's own work.
     */
    static final class GcPauses implements AutoCloseable {
        private final List<long[]> pauses = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<Runnable> removers = new ArrayList<>();

        static GcPauses listen() {
            GcPauses p = new GcPauses();
            long jvmStartNanos = System.nanoTime() - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
            for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                if (!(bean instanceof javax.management.NotificationEmitter em)) continue;
                javax.management.NotificationListener l = (n, h) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                    // ZGC's and Shenandoah's "Cycles" are concurrent work, not pauses; G1's "Concurrent GC" (Java 20 on) reports pauses.
                    if (info.getGcName().endsWith("Cycles")) return;
                    long start = jvmStartNanos + info.getGcInfo().getStartTime() * 1_000_000L;
                    p.pauses.add(new long[]{start, start + Math.max(1, info.getGcInfo().getDuration()) * 1_000_000L});
                };
                em.addNotificationListener(l, null, null);
                p.removers.add(() -> {
                    try {
                        em.removeNotificationListener(l);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
            return p;
        }

        /** Milliseconds of pauses overlapping [from, to] (nanoTime). */
        double pausedMs(long from, long to) {
            double ms = 0;
            synchronized (pauses) {
                for (long[] q : pauses) ms += Math.max(0, Math.min(to, q[1]) - Math.max(from, q[0])) / 1e6;
            }
            return ms;
        }

        int count() {
            return pauses.size();
        }

        double maxMs() {
            synchronized (pauses) {
                return pauses.stream().mapToDouble(q -> (q[1] - q[0]) / 1e6).max().orElse(0);
            }
        }

        /** Stops listening; closing again does nothing. */
        @Override
        public void close() {
            removers.forEach(Runnable::run);
            removers.clear();
        }
    }

    /** Frame gaps in milliseconds: count, mean, 99th percentile, maximum. */
    public record Gaps(int frames, double meanMs, double p99Ms, double maxMs) {
        static Gaps of(List<Long> times) {
            if (times.size() < 2) return new Gaps(times.size(), Double.NaN, Double.NaN, Double.NaN);
            double[] g = new double[times.size() - 1];
            for (int i = 1; i < times.size(); i++) g[i - 1] = (times.get(i) - times.get(i - 1)) / 1e6;
            double[] s = g.clone();
            Arrays.sort(s);
            return new Gaps(times.size(), Arrays.stream(g).average().orElse(Double.NaN), s[(int) Math.floor(0.99 * (s.length - 1))], s[s.length - 1]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d frames, gap mean %.1f ms, 99th percentile %.1f ms, max %.1f ms", frames, meanMs, p99Ms, maxMs);
        }
    }

    /** Runs the benchmark on {@code data} (null: the sample data), training at most {@code epochs} epochs. */
    public static Result run(Path data, int epochs, Consumer<String> progress) throws Exception {
        return run(data, epochs, null, progress);
    }

    /**
     * As above, training {@code preset} at its defaults (null: the snapshot's small core-readout):
     * to check that the window stays responsive while a large model trains on a large dataset.
     */
    public static Result run(Path data, int epochs, String preset, Consumer<String> progress) throws Exception {
        org.v1workbench.model.ModelConfig config = preset == null ? SnapshotModel.config() : org.v1workbench.model.Presets.config(preset, 0);
        if (epochs < 1) throw new BadInputException("--epochs must be at least 1, not " + epochs);
        if (data != null && !Files.exists(data)) throw new BadInputException(data, "not found");
        if (System.getProperty("headless.geometry") == null) System.setProperty("headless.geometry", "1400x900-32");
        boolean started = Snapshots.startToolkit(1400, 900);
        TaskRunner tasks = new TaskRunner();
        Path tmp = Files.createTempDirectory("v1-stall-");
        WorkbenchModel[] holder = new WorkbenchModel[1];
        GcPauses gc = null;
        try {
            WorkbenchModel model = Snapshots.fx(() -> new WorkbenchModel(tasks, new WorkbenchPrefs(SettingsStore.inMemory()), org.v1workbench.metrics.Metrics::ccMax));
            holder[0] = model;
            MainWindow window = Snapshots.fx(() -> {
                MainWindow w = new MainWindow(model);
                Stage stage = new Stage();
                stage.setScene(new Scene(w.root(), 1400, 900));
                stage.show();
                return w;
            });
            List<Long> frames = new ArrayList<>();
            // CPU time of the JavaFX thread at each frame: a stall with little of it is a thread
            // waiting for a core (or a lock); one with much of it, the window's own work.
            Map<Long, Long> cpuAt = new java.util.HashMap<>();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            // The render thread rasterises each frame (in software on the headless platform); the next pulse waits for it.
            Map<Long, Long> rendererCpuAt = new java.util.HashMap<>();
            long renderer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                    .mapToLong(Thread::getId).findFirst().orElse(0);
            long[] switchFrom = {Long.MAX_VALUE};
            AnimationTimer timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    frames.add(t);
                    cpuAt.put(t, threads.getCurrentThreadCpuTime());
                    if (renderer != 0) rendererCpuAt.put(t, threads.getThreadCpuTime(renderer));
                }
            };
            // Opening the dataset, with the dataset browser in view: reading happens in tasks, but
            // what the browser then does with the rows (a table of every neuron) runs here.
            progress.accept("loading the dataset ...");
            GcPauses openGc = GcPauses.listen();
            long open0 = System.nanoTime(), openCpu0 = fxCpuNanos(threads);
            Snapshots.fx(() -> {
                window.select(Workspace.DATASET);
                timer.start();
                model.open(data == null ? DatasetSource.sample() : DatasetSource.folder(data));
                return null;
            });
            tasks.awaitIdle(600, TimeUnit.SECONDS);
            Snapshots.fx(() -> null); // what the last task handed to the JavaFX thread has run
            double openSeconds = (System.nanoTime() - open0) / 1e9, openFxCpu = (fxCpuNanos(threads) - openCpu0) / 1e9;
            Phase opening = Snapshots.fx(() -> {
                timer.stop();
                Phase ph = Phase.of(new ArrayList<>(frames), cpuAt, openGc, open0);
                frames.clear();
                return ph;
            });
            openGc.close();
            Dataset d = Snapshots.fx(() -> model.currentProperty().get() == null ? null : model.currentProperty().get().dataset());
            if (d == null) throw new BadInputException(data == null ? Path.of("sample") : data, "could not be opened");

            progress.accept("idle frames (3 s) ...");
            Snapshots.fx(() -> {
                window.select(Workspace.TRAINING);
                timer.start();
                return null;
            });
            Thread.sleep(3000);
            Gaps idle = Snapshots.fx(() -> {
                timer.stop();
                Gaps g = Gaps.of(new ArrayList<>(frames));
                frames.clear();
                return g;
            });

            progress.accept("training " + epochs + " epochs of " + (preset == null ? "the snapshot's model" : preset) + " with the window open ...");
            Snapshots.fx(() -> {
                TrainingModel t = model.training();
                model.experiments().folderProperty().set(tmp);
                t.load(config);
                for (TrainingModel.Value v : t.values()) if (v.key().equals("max_epochs")) v.textProperty().set(Integer.toString(epochs));
                t.nameProperty().set("stall-benchmark");
                t.openWhenDoneProperty().set(false);
                return null;
            });
            tasks.awaitIdle(60, TimeUnit.SECONDS);
            gc = GcPauses.listen();
            long t0 = System.nanoTime();
            boolean ok = Snapshots.fx(() -> {
                timer.start();
                return model.training().start();
            });
            if (!ok) throw new IllegalStateException("training did not start: " + Snapshots.fx(() -> model.training().problemProperty().get()));
            // First epoch: the training panel stays in view. From the first epoch event on, the
            // workspace switches between the dataset browser and the training panel every 2 s.
            int tick = 0;
            while (Snapshots.fx(() -> model.training().runningProperty().get())) {
                Thread.sleep(250);
                if (switchFrom[0] == Long.MAX_VALUE) {
                    if (Snapshots.fx(() -> model.training().epochEvents()) > 0) switchFrom[0] = System.nanoTime();
                    continue;
                }
                if (++tick % 8 == 0) {
                    boolean toDataset = tick % 16 == 8;
                    Platform.runLater(() -> window.select(toDataset ? Workspace.DATASET : Workspace.TRAINING));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String problem = Snapshots.fx(() -> model.training().problemProperty().get());
            if (problem != null) throw new IllegalStateException(problem);
            List<Long> during = Snapshots.fx(() -> {
                timer.stop();
                return new ArrayList<>(frames);
            });
            gc.close(); // count the pauses of the training only
            if (Boolean.getBoolean("v1workbench.stalls.verbose")) {
                List<double[]> gaps = new ArrayList<>();
                for (int i = 1; i < during.size(); i++)
                    gaps.add(new double[]{(during.get(i) - during.get(i - 1)) / 1e6, (during.get(i - 1) - t0) / 1e9,
                            System.currentTimeMillis() - (System.nanoTime() - during.get(i - 1)) / 1_000_000,
                            cpuMs(cpuAt, during.get(i - 1), during.get(i)), cpuMs(rendererCpuAt, during.get(i - 1), during.get(i))});
                gaps.sort((a, b) -> Double.compare(b[0], a[0]));
                for (double[] g : gaps.subList(0, Math.min(8, gaps.size()))) {
                    progress.accept(String.format(Locale.ROOT, "stall %.0f ms from %.2f s (wall clock %tT.%<tL), JavaFX thread on a core %.0f ms, render thread %.0f ms",
                            g[0], g[1], (long) g[2], g[3], g[4]));
                }
            }
            List<Long> still = new ArrayList<>(), switching = new ArrayList<>();
            for (long f : during) (f < switchFrom[0] ? still : switching).add(f);
            Phase inView = Phase.of(still, cpuAt, gc, t0), switched = Phase.of(switching, cpuAt, gc, t0);
            long epochsSeen = Snapshots.fx(() -> model.training().epochEvents());
            long batches = Snapshots.fx(() -> model.training().throttle().batches());
            ExperimentSummary s = ExperimentSummary.read(tmp.resolve("stall-benchmark"));
            double ips = s.history().stream().mapToDouble(h -> h.imagesPerSecond()).filter(Double::isFinite).average().orElse(Double.NaN);
            return new Result(openSeconds, openFxCpu, opening, idle, inView, switched, epochsSeen, batches, seconds, ips, gc.count(), gc.maxMs());
        } finally {
            if (gc != null) gc.close();
            if (holder[0] != null) holder[0].close();
            tasks.close();
            org.v1workbench.data.AtomicFiles.deleteTree(tmp);
            if (started) Platform.exit();
        }
    }

    /** The JavaFX thread's CPU time so far (ns), read from the JavaFX thread. */
    private static long fxCpuNanos(java.lang.management.ThreadMXBean threads) throws Exception {
        return Snapshots.fx(threads::getCurrentThreadCpuTime);
    }

    /** A thread's CPU milliseconds between two frames, from its CPU time (ns) at each frame. */
    static double cpuMs(Map<Long, Long> cpuAt, long from, long to) {
        Long a = cpuAt.get(from), b = cpuAt.get(to);
        return a == null || b == null || a < 0 || b < 0 ? Double.NaN : (b - a) / 1e6;
    }

    /** The result as the lines {@code benchmark --ui-stall} prints. */
    public static List<String> report(Result r) {
        return List.of(
                String.format(Locale.ROOT, "opening the dataset: %.1f s, %.1f s of it on a core for the JavaFX thread", r.openSeconds(), r.openFxCpuSeconds()),
                r.opening().line("while the dataset opens, dataset browser shown:"),
                "idle window (3 s):                  " + r.idle(),
                r.inView().line("first epoch, training panel shown:"),
                r.switching().line("later epochs, switching workspaces every 2 s:"),
                String.format(Locale.ROOT, "stop-the-world GC pauses while training: %d, longest %.0f ms (before Java 20, without G1's remark and cleanup"
                        + " pauses, which it does not report; goal for stalls: < 50 ms)", r.gcPauses(), r.gcMaxMs()),
                String.format(Locale.ROOT, "training: %d epochs in %.1f s, %.0f images/s; %d event batches reached the JavaFX thread; %d cores, load average %.1f",
                        r.epochs(), r.trainSeconds(), r.imagesPerSecond(), r.batches(), Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }
}
