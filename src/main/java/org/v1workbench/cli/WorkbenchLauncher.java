package org.v1workbench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 */
public final class WorkbenchLauncher {
    /** The JVM options the window runs with (the installer sets the same). */
    public static final List<String> WINDOW_JVM_OPTIONS = List.of("-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxGCPauseMillis=20",
            "-XX:MetaspaceSize=256m");

    private WorkbenchLauncher() {}

    /** Opens the window on {@code dataset} (absolute), or on the sample data where it is null. */
    static int launch(Path dataset) throws Exception {
        String[] args = dataset == null ? new String[0] : new String[]{dataset.toString()};
        Integer status = relaunchIfNeeded(args);
        if (status != null) return status;
        Class<?> app = Class.forName("org.v1workbench.ui.shell.WorkbenchApp");
        app.getMethod("main", String[].class).invoke(null, (Object) args);
        return Main.OK;
    }

    /**
     * Where this JVM lacks the window's options (and relaunching is not turned off), runs
     * {@code Main args} in a JVM that has them and returns its exit status; null to go on here.
     */
    static Integer relaunchIfNeeded(String... args) {
        if (concurrentExplicitGc() || "false".equals(System.getProperty("v1workbench.relaunch"))) return null;
        return relaunch(args);
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
     * path and JVM options) with the window's options added.
     */
    static List<String> command(String mainClass, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(WINDOW_JVM_OPTIONS);
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code Main args} in a JVM with the window's options; its exit status, or null where it could not start. */
    private static Integer relaunch(String... args) {
        try {
            Process child = new ProcessBuilder(command(Main.class.getName(), args)).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy)); // this JVM stopped: the child too
            return child.waitFor();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }
}
