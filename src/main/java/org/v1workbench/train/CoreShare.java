package org.v1workbench.train;

import org.v1workbench.model.engine.Backend;
import org.v1workbench.sim.SampleData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes trainings in different processes (the window and a {@code benchmark} in a terminal, two
 * {@code train} runs) share the cores instead of fighting over them.
 *
 * <p>Why: each process sized its thread pools to the whole machine (nd4j's and OpenMP's threads,
 * and the Java kernels' split), so two trainings on 2 cores ran four or more busy threads, and
 * OpenMP's idle threads spin; a fit beside a benchmark ran 14 times slower. Now each process that
 * trains registers itself in {@code <cache>/trainings/} (a file named by its pid, holding the
 * process's start time; removed when its last training ends, on exit, or, where a process died
 * without removing it, by the next process that finds its pid dead or reused), and before each
 * epoch sets its threads to its share: {@code cores / trainings}, at least 1, and never more than
 * it had alone, so a training alone runs exactly as before.
 *
 * <p>Not where the user chose a thread count ({@code -Dv1workbench.threads}, {@code
 * OMP_NUM_THREADS}, {@code --threads}), nor with {@code -Dv1workbench.shareCores=false}.
 */
public final class CoreShare implements AutoCloseable {
    /** Set to {@code false} to keep each process's thread counts whatever else trains. */
    public static final String PROPERTY = "v1workbench.shareCores";

    private static final Object LOCK = new Object();
    private static int holders;
    private static Path registered;
    private static Thread removeOnExit;
    /** The thread counts a training alone has (nd4j's, the Java kernels'): read once, before any change. */
    private static int[] alone;
    /** Set while {@link LocalFits} runs with {@code --threads}: the user's count stands. */
    static volatile boolean pinned;

    /** The registrations open now, each told the fewest threads its training got. */
    private static final java.util.List<CoreShare> ACTIVE = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int fewest = Integer.MAX_VALUE;

    private CoreShare() {}

    /**
     * The fewest nd4j threads an epoch got while this registration was open, where fewer than
     * alone (other processes trained); 0 where it never shared. For the provenance: the last
     * digits of a training's numbers may depend on its thread count.
     */
    public int fewestSharedThreads() {
        return fewest == Integer.MAX_VALUE ? 0 : fewest;
    }

    /**
     * Registers this process as training (counted once however many of its threads train) until
     * {@link #close}. Where the cache folder cannot be written, trains as before, unregistered.
     */
    public static CoreShare register() {
        return register(folder());
    }

    static CoreShare register(Path folder) {
        synchronized (LOCK) {
            if (holders++ == 0) {
                Path file = folder.resolve(ProcessHandle.current().pid() + ".training");
                try {
                    Files.createDirectories(folder);
                    Files.writeString(file, startTime(ProcessHandle.current()).map(Instant::toString).orElse("") + "\n", StandardCharsets.UTF_8);
                    registered = file;
                    if (removeOnExit == null) {
                        removeOnExit = new Thread(CoreShare::unregister, "core-share: unregister");
                        Runtime.getRuntime().addShutdownHook(removeOnExit);
                    }
                } catch (IOException | RuntimeException e) {
                    registered = null; // a read-only cache: nothing to share with
                }
            }
            CoreShare c = new CoreShare();
            ACTIVE.add(c);
            return c;
        }
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (!ACTIVE.remove(this)) return; // closed already
            if (holders > 0 && --holders == 0) unregister();
        }
    }

    private static void unregister() {
        synchronized (LOCK) {
            if (registered == null) return;
            try {
                Files.deleteIfExists(registered);
            } catch (IOException e) {
                // the next process finds it stale
            }
            registered = null;
        }
    }

    /** Where trainings register: {@code <cache>/trainings}. */
    static Path folder() {
        return SampleData.cacheRoot().resolve("trainings");
    }

    /**
     * How many processes train now: the registered ones still alive (this one included where it
     * registered). Files of dead processes, or of a pid now used by a process started after the
     * file's time, are removed.
     */
    static int trainings(Path folder) {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.training")) {
            for (Path f : files) {
                if (live(f)) n++;
                else Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            // no folder, or it went away: nobody else registered
        }
        return n;
    }

    private static boolean live(Path file) throws IOException {
        String name = file.getFileName().toString();
        long pid;
        try {
            pid = Long.parseLong(name.substring(0, name.length() - ".training".length()));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) return false;
        String recorded;
        try {
            recorded = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
        Optional<Instant> started = startTime(p.get());
        // A pid reused by a process that started after the file was written is not the one that wrote it.
        return recorded.isEmpty() || started.isEmpty() || !started.get().isAfter(Instant.parse(recorded).plusSeconds(1));
    }

    private static Optional<Instant> startTime(ProcessHandle p) {
        return p.info().startInstant();
    }

    /** A process's threads when {@code trainings} train at once on {@code cores}: its share, at least 1, at most what it has alone. */
    static int share(int cores, int trainings, int alone) {
        return Math.max(1, Math.min(alone, cores / Math.max(1, trainings)));
    }

    /**
     * Sets this process's threads to its share now (on the training thread: OpenMP's count is the
     * calling thread's) and returns the nd4j thread count in effect, or 0 where sharing is off.
     * Called before each epoch, so a training that started alone gives up threads at its next
     * epoch when another starts, and takes them back when it ends.
     */
    public static int adjust() {
        if (!enabled()) return 0;
        int cores = Runtime.getRuntime().availableProcessors(), k = trainings(folder());
        synchronized (LOCK) {
            // What a training alone has: OpenMP's count when nd4j loaded (nd4j's own reports its
            // pool's size, which cannot change once started), and the Java kernels' split.
            if (alone == null) alone = new int[]{Backend.init().threads(), Backend.javaKernelThreads()};
            if (applied == null) applied = alone.clone();
            int nd4j = share(cores, k, alone[0]), java = share(cores, k, alone[1]);
            Integer here = appliedHere.get();
            if (applied[0] != nd4j || (here == null ? alone[0] : here) != nd4j) Backend.useThreads(nd4j);
            if (applied[1] != java) Backend.useJavaKernelThreads(java);
            applied = new int[]{nd4j, java};
            appliedHere.set(nd4j);
            if (nd4j < alone[0]) for (CoreShare c : ACTIVE) c.fewest = Math.min(c.fewest, nd4j);
            return nd4j;
        }
    }

    /**
     * The counts {@link #adjust} last set for the process (nd4j's pool and BLAS, the Java
     * kernels'), and on each thread (OpenMP's count is per thread; a new thread has nd4j's default).
     * Nothing is set while a training is alone and always was: it runs exactly as before.
     */
    private static int[] applied;
    private static final ThreadLocal<Integer> appliedHere = new ThreadLocal<>();

    private static boolean enabled() {
        if ("false".equals(System.getProperty(PROPERTY)) || pinned) return false;
        String p = System.getProperty(Backend.THREADS_PROPERTY), env = System.getenv("OMP_NUM_THREADS");
        return (p == null || p.isBlank()) && (env == null || env.isBlank());
    }
}
