package org.v1workbench.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the scheduling priority of the calling thread (its Linux "nice" value) so that a
 * window's threads get a core before training does. On Linux the priority is per thread and a
 * thread's children inherit it: lowered before the first computation, it also covers the
 * OpenMP workers nd4j starts from that thread. Training itself loses nothing while the window
 * is idle; when the window needs a core it gets one at once instead of a third of one.
 *
 * <p>Best effort: where there is no {@code /proc/thread-self} or no {@code renice} (not Linux),
 * nothing changes and {@link #yieldToWindow} says so.
 */
public final class BackgroundPriority {
    private BackgroundPriority() {}

    /** The nice value given to training threads in the window (0 normal, 19 lowest). */
    public static final int TRAINING_NICE = 10;

    /**
     * The JVM's own threads that compete with the window for a core while a model trains: the JIT
     * compilers (busiest when training starts) and G1's concurrent threads. Lowered to the
     * training's priority they still share the cores with training as before; only the window's
     * threads come first.
     */
    static final List<String> JVM_BACKGROUND_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre", "G1 Conc#", "G1 Refine#",
            "G1 Service", "G1 Main Marker");

    /**
     * For training in the window's process: lowers the calling thread (and so the OpenMP workers
     * it starts) and the JVM's compiler and concurrent-GC threads to {@link #TRAINING_NICE}; true
     * if the calling thread's priority took effect.
     */
    public static boolean yieldToWindow() {
        List<Long> jvm = new ArrayList<>();
        for (Path t : threads()) {
            String comm = threadName(t);
            if (comm != null && JVM_BACKGROUND_THREADS.stream().anyMatch(comm::startsWith)) jvm.add(Long.parseLong(t.getFileName().toString()));
        }
        return lowerCurrentThreadAnd(TRAINING_NICE, jvm);
    }

    /**
     * Lowers the calling thread to {@code nice} (for the window's own background work, such as
     * drawing charts: after the window's threads, before training); true if it took effect.
     */
    public static boolean lowerCurrentThread(int nice) {
        return lowerCurrentThreadAnd(nice, List.of());
    }

    /** Lowers the calling thread and threads {@code others} to {@code nice}; true if the calling thread's took effect. */
    private static boolean lowerCurrentThreadAnd(int nice, List<Long> others) {
        Long self = currentThreadId();
        if (self == null) return false;
        List<Long> tids = new ArrayList<>(others);
        tids.add(self);
        return renice(nice, tids) && Integer.valueOf(nice).equals(niceOf(self));
    }

    /** The folders of this process's threads under /proc (none where there is no /proc). */
    static List<Path> threads() {
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** A thread's name from its /proc folder, or null when it has ended since it was listed. */
    static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (Exception e) {
            return null;
        }
    }

    /** Sets the nice value of threads {@code tids} of this process (only lowering is allowed without privileges). */
    static boolean renice(int nice, List<Long> tids) {
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        for (long t : tids) cmd.add(Long.toString(t));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The kernel's id of the calling thread (Linux), from the /proc/thread-self link ("PID/task/TID"); null elsewhere. */
    static Long currentThreadId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Long.parseLong(link.getFileName().toString());
        } catch (Exception e) {
            return null;
        }
    }

    /** The nice value of thread {@code tid} of this process (field 19 of its stat line), or null. */
    static Integer niceOf(long tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(f[16]); // field 19 overall; f[0] is field 3
        } catch (Exception e) {
            return null;
        }
    }
}
