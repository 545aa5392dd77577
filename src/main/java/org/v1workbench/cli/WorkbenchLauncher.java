package org.v1workbench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the JavaFX workbench, looked up by name so that headless commands never load JavaFX.
 *
 * <p>Training asks for garbage collections (native memory is freed only when the Java wrappers of
 * nd4j's arrays are collected; see {@code Network}), and a requested collection stops every
 * thread, the JavaFX thread included, for up to a few hundred milliseconds. With
 * {@code -XX:+ExplicitGCInvokesConcurrent} the collection runs beside the application instead.
 * A JVM flag cannot be set from inside, so when the window is started without it (plain
 * {@code java -jar}), this starts the window in a second JVM that has it, passing the same JVM
 * options and waiting for it; where that fails it opens the window here.
 * {@code -Dv1workbench.relaunch=false} turns this off.
 */
final class WorkbenchLauncher {
    static final String CONCURRENT_GC = "-XX:+ExplicitGCInvokesConcurrent";

    private WorkbenchLauncher() {}

    static int launch() throws Exception {
        if (!concurrentExplicitGc() && !"false".equals(System.getProperty("v1workbench.relaunch"))) {
            Integer status = relaunch();
            if (status != null) return status;
        }
        Class<?> app = Class.forName("org.v1workbench.ui.WorkbenchApp");
        app.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        return Main.OK;
    }

    static boolean concurrentExplicitGc() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("ExplicitGCInvokesConcurrent").getValue());
        } catch (RuntimeException e) {
            return true; // not HotSpot: nothing to gain from starting again
        }
    }

    /** The window in a JVM with concurrent requested collections; its exit status, or null where it could not start. */
    private static Integer relaunch() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), CONCURRENT_GC));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        try {
            Process window = new ProcessBuilder(cmd).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(window::destroy)); // this JVM stopped: the window too
            return window.waitFor();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }
}
