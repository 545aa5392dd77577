package org.v1workbench.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code benchmark --ui-stall --models}: what is refused before the window's JVM starts. */
class BenchmarkUiStallTest {
    @Test
    void theStallBenchmarkTrainsOneKnownPresetAndRefusesOthersInOneLine() {
        CliRunner.Result two = CliRunner.run("benchmark", "--ui-stall", "--models", "ln,sensorium");
        assertEquals(2, two.status(), two.err());
        assertEquals("error: --ui-stall trains one preset (--models), not [ln, sensorium]", two.err().strip());

        CliRunner.Result unknown = CliRunner.run("benchmark", "--ui-stall", "--models", "nonsense");
        assertEquals(2, unknown.status(), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("nonsense") && unknown.err().contains("sensorium"), "names the preset and the valid ones: " + unknown.err());
    }
}
