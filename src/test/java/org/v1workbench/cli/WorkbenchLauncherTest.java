package org.v1workbench.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkbenchLauncherTest {
    @Test
    void theInstalledWindowRunsWithTheSameJvmOptionsAsJavaJar() throws Exception {
        String script = Files.readString(Path.of("installer/package.sh"));
        for (String option : WorkbenchLauncher.WINDOW_JVM_OPTIONS)
            assertTrue(script.contains(option), "installer/package.sh does not pass " + option + " to the packaged window");
        assertTrue(WorkbenchLauncher.WINDOW_JVM_OPTIONS.contains("-XX:+ExplicitGCInvokesConcurrent"),
                "the relaunch test looks for ExplicitGCInvokesConcurrent");
    }
}
