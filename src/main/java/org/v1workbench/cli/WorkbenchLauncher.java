package org.v1workbench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts the JavaFX workbench, looked up by name so that headless commands never load JavaFX.
 *
 * <p>The window's JVM needs options that cannot be set from inside ({@link #WINDOW_JVM_OPTIONS}):
 * training asks for garbage collections (native memory is freed only when the Java wrappers of
 * nd4j's arrays are collected; see {@code Network}), and a requested collection stops every
 * thread, the JavaFX thread included, for up to a few hundred milliseconds; with
 * {@code -XX:+ExplicitGCInvokesConcurrent} it runs beside the application instead. G1's pause
 * goal (200 ms by default) is lowered to 20 ms, and the first metaspace threshold raised, so that
 * the young collections and the class-loading collections while training starts stay short.
 * So when the window is started without them (plain {@code java -jar}), this starts it in a
 * second JVM that has them, passing the same JVM options and waiting for it; where that fails
 * it opens the window here. {@code -Dv1workbench.relaunch=false} turns this off. The stall
 * benchmark ({@code benchmark --ui-stall}) runs the same way, to measure what the window gets.
 *
 * <p>Training wants the Java Vector API ({@link #TRAINING_JVM_OPTIONS}; {@code model.JavaKernels}
 * runs nd4j's slowest kernels with it), an incubator module that only a JVM option loads. So the
 * window's options include it, and the commands that train ({@link #TRAINING_COMMANDS}) started by
 * plain {@code java -jar} run in a second JVM that has it ({@link #relaunchToTrain}). That JVM's
 * one-line notice that it uses an incubator module is not passed on. The installer's launcher
 * starts its JVM with the window's collector options but without the module, for the same reason
 * (the JVM prints the notice before any of the program runs), so the same relaunches happen there
 * (with the runtime's {@code bin/java}). A relaunched JVM also gets
 * {@link #RELAUNCH_ENVIRONMENT} (OpenMP's spinning), which no JVM can set for itself.
 */
public final class WorkbenchLauncher {
    /**
     * The JVM options a JVM that trains should have: the Vector API module, and a heap that gives
     * back what it no longer uses. G1 keeps up to 70% of its heap free after a full collection
     * by default; with 30% (and at least 10%) the collection training asks for before it records
     * a step ({@code model.engine.MemoryPacer}) shrinks the heap to little more than what is live.
     * At 8,000 neurons that is 0.6 GB committed rather than 1.3 to 1.8 GB, at the moment the run
     * needs the most native memory (docs/benchmarks.md, "Scale").
     */
    public static final List<String> TRAINING_JVM_OPTIONS = List.of("--add-modules", "jdk.incubator.vector",
            "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10");

    /** The JVM options the window runs with: its collector's (the installer's launcher sets these), and training's. */
    public static final List<String> WINDOW_JVM_OPTIONS = Stream.concat(
            Stream.of("-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxGCPauseMillis=20", "-XX:MetaspaceSize=256m"),
            TRAINING_JVM_OPTIONS.stream()).toList();

    /** The commands that train networks. */
    static final java.util.Set<String> TRAINING_COMMANDS = java.util.Set.of("train", "benchmark", "sweep");

    /**
     * Environment variables a relaunched JVM gets where this one's environment does not set them.
     * {@code GOMP_SPINCOUNT}: how long an idle OpenMP thread (nd4j's and oneDNN's) spins before it
     * sleeps; libgomp's default, 300,000 pauses, is milliseconds on recent Intel CPUs, during which
     * it holds a core that the Java kernels' second thread and nd4j's own thread pool need. A
     * short spin (10,000) frees that core for networks with long ops and costs nothing for
     * networks whose ops follow each other within microseconds (kindel2019); no spinning at all
     * ({@code OMP_WAIT_POLICY=PASSIVE}) would slow those down (docs/benchmarks.md). libgomp reads
     * it once, when nd4j loads, hence here.
     */
    public static final java.util.Map<String, String> RELAUNCH_ENVIRONMENT = java.util.Map.of("GOMP_SPINCOUNT", "10000");

    /** What a JVM prints on standard error at start when it loads the Vector API module. */
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    private WorkbenchLauncher() {}

    /** Opens the window on {@code dataset} (absolute), or on the sample data where it is null. */
    static int launch(Path dataset) throws Exception {
        String[] args = dataset == null ? new String[0] : new String[]{dataset.toString()};
        Integer status = relaunchIfNeeded(args);
        if (status != null) return status;
        Class<?> app = Class.forName("org.v1workbench.ui.shell.WorkbenchApp");
        try {
            app.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw windowFailure(e.getCause());
        }
        return Main.OK;
    }

    /**
     * What the window's start threw, as one line naming what this machine lacks (a missing GTK 3
     * or other native library, no display: bad input, exit 2, see {@link WindowStartFailure});
     * anything else as it was (an internal error, with its stack trace).
     */
    static Exception windowFailure(Throwable t) {
        String missing = WindowStartFailure.describe(t);
        if (missing != null) return new org.v1workbench.data.BadInputException(missing);
        if (t instanceof Exception e) return e;
        if (t instanceof Error e) throw e;
        return new RuntimeException(t);
    }

    /**
     * Where this JVM lacks the window's options (and relaunching is not turned off), runs
     * {@code Main args} in a JVM that has them and returns its exit status; null to go on here.
     */
    static Integer relaunchIfNeeded(String... args) {
        if (concurrentExplicitGc() && vectorApi() || relaunchOff()) return null;
        return relaunch(WINDOW_JVM_OPTIONS, args);
    }

    /**
     * Where {@code args} is a command that trains and this JVM lacks the Vector API (and
     * relaunching is not turned off), runs {@code Main args} in a JVM that has it and returns its
     * exit status; null to go on here. (The stall benchmark relaunches with the window's options
     * itself.)
     */
    static Integer relaunchToTrain(String... args) {
        if (!trains(args) || vectorApi() || relaunchOff()) return null;
        return relaunch(TRAINING_JVM_OPTIONS, args);
    }

    /** Whether {@code args} are a command that trains (not the stall benchmark, which starts the window's JVM). */
    static boolean trains(String... args) {
        if (List.of(args).contains("--version") && List.of(args).contains("--verbose")) return true; // reports what training runs with
        return args.length > 0 && TRAINING_COMMANDS.contains(args[0]) && !List.of(args).contains("--ui-stall");
    }

    private static boolean relaunchOff() {
        return "false".equals(System.getProperty("v1workbench.relaunch"));
    }

    /** Whether this JVM has the Vector API module. */
    static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static boolean concurrentExplicitGc() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("ExplicitGCInvokesConcurrent").getValue());
        } catch (RuntimeException e) {
            return true; // not HotSpot: nothing to gain from starting again
        }
    }

    /**
     * The command line that runs {@code mainClass args} in a JVM like this one (same Java, class
     * path and JVM options) with {@code options} added.
     */
    static List<String> command(List<String> options, String mainClass, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(options);
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code Main args} in a JVM with {@code options}; its exit status, or null where it could not start. */
    private static Integer relaunch(List<String> options, String... args) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(options, Main.class.getName(), args))
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.INHERIT);
            RELAUNCH_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy)); // this JVM stopped: the child too
            Thread err = new Thread(() -> passOnErrors(child.getErrorStream(), System.err), "child stderr");
            err.start();
            int status = child.waitFor();
            err.join();
            return status;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }

    /**
     * Copies {@code from} to {@code to} as it comes, without the JVM's incubator-module notice
     * where that is the first line.
     */
    static void passOnErrors(java.io.InputStream from, java.io.PrintStream to) {
        try (from) {
            byte[] notice = (INCUBATOR_NOTICE + System.lineSeparator()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] head = from.readNBytes(notice.length);
            if (!java.util.Arrays.equals(head, notice)) to.write(head, 0, head.length);
            to.flush();
            byte[] buffer = new byte[8192];
            for (int n; (n = from.read(buffer)) > 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the child is gone
        }
    }
}
