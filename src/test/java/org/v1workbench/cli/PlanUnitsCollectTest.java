package org.v1workbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.train.SweepHistoryTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The plan/run split for job arrays: {@code --plan FILE} writes the units, {@code --unit I} runs
 * one in a process of its own, {@code --collect} writes the report, the same as one run's.
 */
class PlanUnitsCollectTest {
    @TempDir Path dir;

    @Test
    void aBenchmarkRunUnitByUnitWritesTheReportOfASingleRun() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(45, 3, 4, 2), data);
        Path plan = dir.resolve("plan.json");
        List<String> options = List.of("--data", data.toString(), "--models", "ridge,ln", "--folds", "3", "--set", "max_epochs=2",
                "--set", "ensemble=2");
        CliRunner.Result planned = CliRunner.run(CliRunner.cat(List.of("benchmark", "--plan", plan.toString()), options, "--out", dir.resolve("split").toString()));
        assertEquals(0, planned.status(), planned.err());
        int units = 2 * 3 + 2 * 3 * 2; // ridge per session and fold; ln also per member
        assertTrue(planned.out().contains("plan: " + units + " units in " + plan), planned.out());
        assertTrue(planned.out().contains("--unit I   (I = 0 to " + (units - 1) + "; Slurm: --array=0-" + (units - 1)), planned.out());
        assertFalse(Files.exists(dir.resolve("split.csv")), "nothing run yet");

        for (int i = units - 1; i >= 1; i--) { // any order, any process, with the array task's cores
            CliRunner.Result u = CliRunner.run("benchmark", "--plan", plan.toString(), "--unit", Integer.toString(i), "--threads", "1");
            assertEquals(0, u.status(), u.err());
            assertTrue(Files.isRegularFile(dir.resolve("plan-results/unit-" + i + ".json")));
        }
        CliRunner.Result early = CliRunner.run("benchmark", "--plan", plan.toString(), "--collect");
        assertEquals(2, early.status());
        assertEquals("error: " + dir.resolve("plan-results") + ": 1 of " + units + " units have no result yet (units 0): run them with --unit I",
                early.err().strip());
        assertEquals(0, CliRunner.run("benchmark", "--plan", plan.toString(), "--unit", "0").status());
        CliRunner.Result collected = CliRunner.run("benchmark", "--plan", plan.toString(), "--collect");
        assertEquals(0, collected.status(), collected.err());

        CliRunner.Result whole = CliRunner.run(CliRunner.cat(List.of("benchmark"), options, "--threads", "1", "--out", dir.resolve("whole").toString()));
        assertEquals(0, whole.status(), whole.err());
        assertEquals(Csv.read(dir.resolve("whole-neurons.csv")).rows(), Csv.read(dir.resolve("split-neurons.csv")).rows());
        assertEquals(withoutSeconds(Csv.read(dir.resolve("whole.csv"))), withoutSeconds(Csv.read(dir.resolve("split.csv"))));

        // Bad uses, each one line and status 2.
        Map<List<String>, String> bad = new java.util.LinkedHashMap<>();
        bad.put(List.of("benchmark", "--plan", plan.toString(), "--unit", "99"), "--unit must be 0 to " + (units - 1) + ", not 99");
        bad.put(List.of("benchmark", "--plan", plan.toString(), "--unit", "1", "--folds", "4"),
                "with --unit or --collect the plan's own options are used; give only --plan FILE and --unit I (and --threads N) or --collect, not --folds 4");
        bad.put(List.of("benchmark", "--collect"), "--collect needs --plan FILE");
        bad.put(List.of("benchmark", "--plan", plan.toString(), "--unit", "1", "--collect"), "--unit and --collect: one at a time");
        bad.put(List.of("sweep", "--plan", plan.toString(), "--collect"), plan + ": is a plan of benchmark, not of sweep");
        bad.put(List.of("benchmark", "--plan", dir.resolve("p2.json").toString(), "--data", data.toString(), "--models", "ridge",
                "--spark", "local[2]", "--out", dir.resolve("x").toString()), "--plan: the units run one by one with --unit I, not on --spark");
        for (Map.Entry<List<String>, String> c : bad.entrySet()) {
            CliRunner.Result r = CliRunner.run(c.getKey().toArray(new String[0]));
            assertEquals(2, r.status(), c.getKey() + ": " + r.err());
            assertEquals("error: " + c.getValue(), r.err().strip(), c.getKey().toString());
        }
        // Other data at the plan's path is refused.
        DatasetFolder.write(TestDatasets.withRepeats(45, 3, 4, 3), data);
        CliRunner.Result changed = CliRunner.run("benchmark", "--plan", plan.toString(), "--unit", "0");
        assertEquals(2, changed.status());
        assertTrue(changed.err().startsWith("error: " + plan + ": was planned on other data: the dataset's checksum is "), changed.err());
    }

    @Test
    void aSweepRunUnitByUnitChoosesAsASingleRun() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(45, 3, 2, 2), data);
        Path plan = dir.resolve("sweep-plan.json");
        List<String> options = List.of("--data", data.toString(), "--model", "ln", "--folds", "3", "--grid", "smooth=0.1,10",
                "--set", "max_epochs=2");
        assertEquals(0, CliRunner.run(CliRunner.cat(List.of("sweep", "--plan", plan.toString()), options, "--out", dir.resolve("split").toString())).status());
        for (int i = 0; i < 12; i++) assertEquals(0, CliRunner.run("sweep", "--plan", plan.toString(), "--unit", Integer.toString(i)).status());
        CliRunner.Result collected = CliRunner.run("sweep", "--plan", plan.toString(), "--collect");
        assertEquals(0, collected.status(), collected.err());
        assertEquals(0, CliRunner.run(CliRunner.cat(List.of("sweep"), options, "--out", dir.resolve("whole").toString())).status());
        assertEquals(withoutSeconds(Csv.read(dir.resolve("whole.csv"))), withoutSeconds(Csv.read(dir.resolve("split.csv"))));
        assertEquals(Files.readString(dir.resolve("whole-best.json")).replace("whole", "split"), Files.readString(dir.resolve("split-best.json")));
        for (String setting : List.of("s1", "s2")) { // the units' learning curves, through their result files
            List<Map<String, String>> curves = SweepHistoryTest.curves(dir.resolve("split-settings").resolve(setting).resolve("history.csv"));
            assertEquals(SweepHistoryTest.curves(dir.resolve("whole-settings").resolve(setting).resolve("history.csv")), curves, setting);
            assertEquals(List.of("fold1-A", "fold2-A", "fold3-A", "fold1-B", "fold2-B", "fold3-B"),
                    curves.stream().map(row -> row.get("run")).distinct().toList(), "ln is fitted per session");
        }
    }

    private static List<Map<String, String>> withoutSeconds(Csv.Table t) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> row : t.rows()) {
            Map<String, String> copy = new java.util.LinkedHashMap<>(row);
            copy.remove("seconds");
            out.add(copy);
        }
        return out;
    }
}
