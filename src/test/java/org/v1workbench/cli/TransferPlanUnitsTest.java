package org.v1workbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.model.PlantedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code benchmark --transfer} through a plan: two rounds of units, the cores first; a fit on a
 * core refuses to run before its core unit has, naming it; collected, the report of a single run.
 */
class TransferPlanUnitsTest {
    @TempDir Path dir;

    @Test
    void aTransferBenchmarkRunUnitByUnitWritesTheReportOfASingleRun() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(PlantedData.make(90, 16, 4, 4, 9).dataset(), data); // sessions A and B
        Path plan = dir.resolve("plan.json");
        List<String> options = List.of("--data", data.toString(), "--models", "core-readout", "--transfer", "--transfer-cores", "per-session",
                "--folds", "3", "--seed", "1", "--set", "filters=3", "--set", "first_size=5", "--set", "layers=2", "--set", "max_epochs=2",
                "--set", "readout=gaussian");
        CliRunner.Result planned = CliRunner.run(CliRunner.cat(List.of("benchmark", "--plan", plan.toString()), options, "--out", dir.resolve("split").toString()));
        assertEquals(0, planned.status(), planned.err());
        // per session: one core per held-out session (units 0, 1), then per session 3 folds from scratch and 3 on its core
        assertTrue(planned.out().contains("plan: 14 units in " + plan + ", in two rounds: units 0 to 1 train the cores, units 2 to 13 fit"), planned.out());
        assertTrue(planned.out().contains("Slurm: --array=0-1, then --array=2-13 --dependency=afterok:FIRST_JOB"), planned.out());
        assertFalse(Files.exists(dir.resolve("split-cores-core-readout")), "nothing run yet");

        // Unit 5 is session A's first fold on the core without A (unit 0): refused until unit 0 has run.
        CliRunner.Result early = CliRunner.run("benchmark", "--plan", plan.toString(), "--unit", "5", "--threads", "1");
        assertEquals(2, early.status());
        assertEquals("error: unit 5 (core-readout on its core, session A fold 1) needs core unit 0 (the core without session A), which has not "
                + "been run yet (no " + dir.resolve("plan-results").resolve("unit-0.json") + "): run --unit 0 first (units 0 to 1 train the cores)",
                early.err().strip());
        for (int i : new int[]{2, 3, 4, 0, 1, 13, 12, 11, 10, 9, 8, 7, 6, 5}) { // scratch fits before the cores: they need none
            CliRunner.Result u = CliRunner.run("benchmark", "--plan", plan.toString(), "--unit", Integer.toString(i), "--threads", "1");
            assertEquals(0, u.status(), i + ": " + u.err());
        }
        assertTrue(Files.isRegularFile(dir.resolve("split-cores-core-readout").resolve("without-session-B").resolve("config.json")));
        CliRunner.Result collected = CliRunner.run("benchmark", "--plan", plan.toString(), "--collect");
        assertEquals(0, collected.status(), collected.err());

        CliRunner.Result whole = CliRunner.run(CliRunner.cat(List.of("benchmark"), options, "--threads", "1", "--out", dir.resolve("whole").toString()));
        assertEquals(0, whole.status(), whole.err());
        assertEquals(Csv.read(dir.resolve("whole-transfer.csv")).rows(), Csv.read(dir.resolve("split-transfer.csv")).rows());
        assertEquals(Files.readString(dir.resolve("whole-transfer.md")), Files.readString(dir.resolve("split-transfer.md")));
        assertTrue(Files.readString(dir.resolve("split-transfer.md")).contains("one core on all images"));
    }
}
