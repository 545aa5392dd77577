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
    /**
     * The installed launcher's JVM has the window's collector options but not the Vector API
     * module, whose JVM notice would come before every command's output; the commands that train
     * and the window then run in a second JVM (with the module), which needs the runtime's java.
     */
    @Test
    void theInstalledLauncherHasTheCollectorOptionsButNotTheIncubatorModule() throws Exception {
        String script = Files.readString(Path.of("installer/package.sh"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^java_options=\"([^\"]*)\"").matcher(script);
        assertTrue(m.find(), "installer/package.sh sets java_options");
        List<String> launcher = List.of(m.group(1).split(" "));
        for (String option : WorkbenchLauncher.WINDOW_JVM_OPTIONS)
            assertEquals(!WorkbenchLauncher.TRAINING_JVM_OPTIONS.contains(option), launcher.contains(option), option + " in " + launcher);
        assertTrue(script.contains("--add-modules \"$modules\"") && script.contains(",jdk.incubator.vector"), "the runtime keeps the module");
        assertFalse(script.contains("--strip-native-commands"), "the runtime keeps bin/java, which starts the training JVM");
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

    /**
     * The window started where it cannot open (no display): JavaFX's real failure, through the
     * relaunched window JVM, comes out as one line that says what is missing, exit 2, and neither
     * a stack trace nor JavaFX's configuration warning.
     */
    @Test
    void theWindowWithoutADisplaySaysSoInOneLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "glass's GTK platform is Linux's");
        String[] result = startWindow(null);
        assertEquals("2", result[0], result[2]);
        assertEquals("", result[1], "nothing on stdout");
        assertEquals(1, result[2].strip().lines().count(), "one line: " + result[2]);
        assertTrue(result[2].startsWith("error: the window needs a display"), result[2]);
    }

    /**
     * Where GTK 3 is not installed (this project's build machine), the window started on a
     * virtual display (Xvfb) fails in glass's GTK loading, for real: one line naming GTK 3 and
     * the Debian package, exit 2. Skipped where GTK 3 is installed or Xvfb is missing.
     */
    @Test
    void theWindowWithoutGtk3SaysWhatToInstallInOneLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "glass's GTK platform is Linux's");
        org.junit.jupiter.api.Assumptions.assumeFalse(gtk3Installed(), "GTK 3 is installed here: the window would open");
        Path xvfb = Path.of("/usr/bin/Xvfb");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(xvfb), "no Xvfb (apt-get install xvfb) to give the window a display");
        Process server = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "640x480x24")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String display = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(display != null && display.strip().matches("[0-9]+"), "Xvfb's display number: " + display);
            String[] result = startWindow(":" + display.strip());
            assertEquals("2", result[0], result[2]);
            assertEquals(1, result[2].strip().lines().count(), "one line: " + result[2]);
            assertTrue(result[2].startsWith("error: the window needs GTK 3 (libgtk-3.so.0), which is not installed"), result[2]);
            assertTrue(result[2].contains("sudo apt-get install libgtk-3-0"), result[2]);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether the dynamic linker finds GTK 3 (what glass asks it for). */
    private static boolean gtk3Installed() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "/sbin/ldconfig -p 2>/dev/null | grep -q 'libgtk-3.so.0 '").start();
        return p.waitFor() == 0;
    }

    /** {@code java -cp ... Main} with no arguments (the window) on {@code display} (none where null): exit status, stdout, stderr. */
    private static String[] startWindow(String display) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().remove("WAYLAND_DISPLAY");
        if (display == null) b.environment().remove("DISPLAY");
        else b.environment().put("DISPLAY", display);
        Path err = Files.createTempFile("window", ".err");
        try {
            Process p = b.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the window's JVM did not exit: " + Files.readString(err));
            }
            return new String[]{Integer.toString(p.exitValue()), out, Files.readString(err)};
        } finally {
            Files.delete(err);
        }
    }

    /** Messages as glass and the JVM's loader write them; anything else stays an internal error. */
    @Test
    void missingLibrariesAreNamedWithTheirPackage() {
        String gtk = WindowStartFailure.describe(new java.lang.reflect.InvocationTargetException(
                new UnsupportedOperationException("Unable to load glass GTK library.")));
        assertTrue(gtk.contains("GTK 3") && gtk.contains("sudo apt-get install libgtk-3-0"), gtk);
        String xtst = WindowStartFailure.describe(new RuntimeException(new UnsatisfiedLinkError(
                "/root/.openjfx/cache/21.0.11/amd64/libglass.so: libXtst.so.6: cannot open shared object file: No such file or directory")));
        assertTrue(xtst.contains("libXtst.so.6") && xtst.contains("sudo apt-get install libxtst6"), xtst);
        String other = WindowStartFailure.describe(new UnsatisfiedLinkError("libfoo.so.3: cannot open shared object file: No such file or directory"));
        assertTrue(other.contains("libfoo.so.3") && other.contains("apt-file search libfoo.so.3"), other);
        assertNull(WindowStartFailure.describe(new IllegalStateException("a bug")));
        assertNull(WindowStartFailure.describe(new UnsatisfiedLinkError("no such method")));
        assertTrue(WorkbenchLauncher.windowFailure(new UnsupportedOperationException("Unable to load glass GTK library."))
                instanceof org.v1workbench.data.BadInputException, "exit 2");
        IllegalStateException bug = new IllegalStateException("a bug");
        assertEquals(bug, WorkbenchLauncher.windowFailure(bug), "a bug stays one, with its stack trace");
    }

    /** Runs in the relaunched JVM: says whether it would relaunch itself, and what it was given. */
    public static final class Child {
        public static void main(String[] args) {
            boolean again = !(WorkbenchLauncher.concurrentExplicitGc() && WorkbenchLauncher.vectorApi());
            System.out.println("relaunch: " + (again ? "yes" : "no") + "; args: " + String.join("|", args));
        }
    }
}
