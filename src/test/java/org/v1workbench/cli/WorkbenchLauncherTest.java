package org.v1workbench.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        List<String> cmd = WorkbenchLauncher.command(WorkbenchLauncher.WINDOW_JVM_OPTIONS, Child.class.getName(), "a", "b c");
        assertEquals(List.of(Child.class.getName(), "a", "b c"), cmd.subList(cmd.size() - 3, cmd.size()));
        Path err = Files.createTempFile("child", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out + Files.readString(err));
            assertEquals("relaunch: no; args: a|b c", out);
            assertEquals(WorkbenchLauncher.INCUBATOR_NOTICE, Files.readString(err).strip(), "the JVM's notice, which the relaunch drops");
        } finally {
            Files.delete(err);
        }
    }

    /**
     * A training command started without the Vector API runs in a JVM that has it: the
     * throughput benchmark's JSON names the Java kernels and the OpenMP spin count the relaunch
     * sets, and the child JVM's incubator notice does not reach standard error.
     */
    @Test
    void aTrainingCommandRunsInAJvmWithTheVectorApi() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        List<String> plain = new ArrayList<>(cmd);
        plain.add("--version");
        cmd.addAll(List.of("benchmark", "--throughput", "--models", "kindel2019", "--epochs", "2", "--json"));
        Path err = Files.createTempFile("train", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
            String errors = Files.readString(err);
            assertEquals(0, p.exitValue(), out + errors);
            JsonNode json = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
            assertTrue(json.get("java_kernels").asText().startsWith("Java Vector API"), out);
            if (System.getenv("GOMP_SPINCOUNT") == null) assertEquals("10000", json.get("gomp_spincount").asText(), "the relaunched JVM's OpenMP spinning");
            assertFalse(errors.contains("incubator"), errors);
        } finally {
            Files.delete(err);
        }
    }

    @Test
    void commandsThatDoNotTrainAreNotRelaunched() {
        // this JVM has the Vector API (surefire's options): nothing to relaunch for, whatever the command
        assertTrue(WorkbenchLauncher.vectorApi());
        assertNull(WorkbenchLauncher.relaunchToTrain("train", "--model", "kindel2019"));
        // and without it, only the training commands (the stall benchmark relaunches with the window's options itself)
        for (String[] args : List.of(new String[]{}, new String[]{"info"}, new String[]{"--version"}, new String[]{"benchmark", "--ui-stall"}))
            assertFalse(WorkbenchLauncher.trains(args), String.join(" ", args));
        for (String c : List.of("train", "benchmark", "sweep")) assertTrue(WorkbenchLauncher.trains(c, "--help"), c);
    }

    /** The relaunched JVM's standard error comes through unchanged but for the notice in its first line. */
    @Test
    void theIncubatorNoticeIsDroppedAndNothingElse() {
        String n = WorkbenchLauncher.INCUBATOR_NOTICE + System.lineSeparator();
        for (String[] c : List.of(new String[]{n + "error: x\n", "error: x\n"}, new String[]{"", ""}, new String[]{"short", "short"},
                new String[]{n, ""}, new String[]{"error: y\n" + n, "error: y\n" + n}, new String[]{n + n, n})) {
            java.io.ByteArrayOutputStream to = new java.io.ByteArrayOutputStream();
            WorkbenchLauncher.passOnErrors(new java.io.ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8)),
                    new java.io.PrintStream(to, true, StandardCharsets.UTF_8));
            assertEquals(c[1], to.toString(StandardCharsets.UTF_8), c[0]);
        }
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
            boolean again = !(WorkbenchLauncher.concurrentExplicitGc() && WorkbenchLauncher.vectorApi());
            System.out.println("relaunch: " + (again ? "yes" : "no") + "; args: " + String.join("|", args));
        }
    }
}
