package org.v1workbench.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkbenchLauncherTest {
    @Test
    void theInstalledWindowRunsWithTheSameJvmOptionsAsJavaJar() throws Exception {
        String script = Files.readString(Path.of("installer/package.sh"));
        for (String option : WorkbenchLauncher.WINDOW_JVM_OPTIONS)
            assertTrue(script.contains(option), "installer/package.sh does not pass " + option + " to the packaged window");
    }

    /**
     * The test JVM (started without the window's options) would be relaunched; a JVM started the
     * way the relaunch starts one is not relaunched again (no endless chain of JVMs), and it gets
     * the arguments.
     */
    @Test
    void aRelaunchedJvmHasTheWindowsOptionsAndIsNotRelaunchedAgain() throws Exception {
        assertFalse(WorkbenchLauncher.concurrentExplicitGc(), "surefire's JVM is not started with the window's options");
        List<String> cmd = WorkbenchLauncher.command(Child.class.getName(), "a", "b c");
        assertEquals(List.of(Child.class.getName(), "a", "b c"), cmd.subList(cmd.size() - 3, cmd.size()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("relaunch: no; args: a|b c", out);
    }

    @Test
    void relaunchingCanBeTurnedOff() {
        String before = System.getProperty("v1workbench.relaunch");
        System.setProperty("v1workbench.relaunch", "false");
        try {
            assertNull(WorkbenchLauncher.relaunchIfNeeded("--version"));
        } finally {
            if (before == null) System.clearProperty("v1workbench.relaunch");
            else System.setProperty("v1workbench.relaunch", before);
        }
    }

    /** Runs in the relaunched JVM: says whether it would relaunch itself, and what it was given. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println("relaunch: " + (WorkbenchLauncher.concurrentExplicitGc() ? "no" : "yes") + "; args: " + String.join("|", args));
        }
    }
}
