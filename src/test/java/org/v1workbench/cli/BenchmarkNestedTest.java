package org.v1workbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code benchmark --nested} from the command line. */
class BenchmarkNestedTest {
    @TempDir Path dir;

    @Test
    void aNestedBenchmarkRunUnitByUnitReportsAsASingleRunAndListsEachFoldsChoice() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(60, 3, 1, 4), data);
        List<String> options = List.of("--data", data.toString(), "--models", "ln", "--folds", "3", "--set", "max_epochs=2", "--set", "smooth=1",
                "--nested", "--nested-vary", "lr=0.003,0.01", "--inner-folds", "2");
        CliRunner.Result whole = CliRunner.run(CliRunner.cat(List.of("benchmark"), options, "--threads", "1", "--out", dir.resolve("whole").toString()));
        assertEquals(0, whole.status(), whole.err());
        assertTrue(whole.err().contains("2 candidates of ln x 3 outer folds x (1 + 2 inner folds): 18 fits"), whole.err());
        assertTrue(whole.err().contains("inner 2/2"), "progress names the inner fold");
        Csv.Table choices = Csv.read(dir.resolve("whole-nested.csv"));
        assertEquals(List.of("outer_fold", "candidate", "setting", "inner_score", "inner_metric", "chosen"), choices.columns());
        assertEquals(6, choices.rows().size());
        for (int f = 1; f <= 3; f++) {
            String fold = Integer.toString(f);
            assertEquals(1, choices.rows().stream().filter(row -> row.get("outer_fold").equals(fold) && row.get("chosen").equals("true")).count());
        }
        assertEquals("ln nested", Csv.read(dir.resolve("whole.csv")).rows().get(0).get("model"));
        String md = Files.readString(dir.resolve("whole.md"));
        assertTrue(md.contains("## Nested model selection") && md.contains("| outer fold | chosen | setting | inner CC_norm of the chosen |"), md);
        assertTrue(md.contains("Nested score (pooled out-of-fold): CC_abs "), md);

        Path plan = dir.resolve("plan.json");
        CliRunner.Result planned = CliRunner.run(CliRunner.cat(List.of("benchmark", "--plan", plan.toString()), options, "--out", dir.resolve("split").toString()));
        assertEquals(0, planned.status(), planned.err());
        assertTrue(planned.out().contains("plan: 18 units"), planned.out());
        for (int i = 17; i >= 0; i--) assertEquals(0, CliRunner.run("benchmark", "--plan", plan.toString(), "--unit", Integer.toString(i)).status());
        CliRunner.Result collected = CliRunner.run("benchmark", "--plan", plan.toString(), "--collect");
        assertEquals(0, collected.status(), collected.err());
        assertEquals(Csv.read(dir.resolve("whole-nested.csv")).rows(), Csv.read(dir.resolve("split-nested.csv")).rows());
        assertEquals(Csv.read(dir.resolve("whole-neurons.csv")).rows(), Csv.read(dir.resolve("split-neurons.csv")).rows());
        assertTrue(Files.readString(plan).contains("\"inner_fold\""), "the plan file lists the inner units");
    }

    @Test
    void unsupportedCombinationsAreRefusedInOneLine() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(45, 3, 2, 2), data);
        List<String> base = List.of("benchmark", "--data", data.toString(), "--folds", "3", "--out", dir.resolve("x").toString());
        Map<List<String>, String> bad = new LinkedHashMap<>();
        bad.put(List.of("--models", "ln", "--nested", "--transfer", "--nested-vary", "lr=0.1,0.2"), "--nested: not with --transfer");
        bad.put(List.of("--models", "ln", "--nested-vary", "lr=0.1,0.2"), "--nested-vary needs --nested");
        bad.put(List.of("--models", "ln", "--nested"), "--nested needs at least one --nested-vary KEY=V1,V2,...");
        bad.put(List.of("--models", "ln,ridge", "--nested", "--nested-vary", "lr=0.1,0.2"),
                "--nested: name one preset in --models (one of: " + String.join(", ", org.v1workbench.model.Presets.names()) + "), not ln,ridge");
        bad.put(List.of("--models", "ln", "--nested", "--nested-vary", "lr=0.1,0.2", "--inner-folds", "1"),
                "--inner-folds: at least 2 inner folds are needed (test, train), not 1");
        bad.put(List.of("--models", "ln", "--nested", "--nested-vary", "lr=0.1,0.2", "--set", "lr=0.1"), "--set lr: lr is swept; set it or sweep it, not both");
        for (Map.Entry<List<String>, String> c : bad.entrySet()) {
            List<String> args = new ArrayList<>(base);
            args.addAll(c.getKey());
            CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(2, r.status(), c.getKey() + ": " + r.err());
            assertEquals("error: " + c.getValue(), r.err().strip(), c.getKey().toString());
        }
        CliRunner.Result vary = CliRunner.run(CliRunner.cat(base, List.of("--models", "ln", "--nested", "--nested-vary", "nonsense=1,2")));
        assertEquals(2, vary.status());
        assertTrue(vary.err().strip().startsWith("error: --nested-vary: no hyperparameter 'nonsense'"), vary.err());
        assertEquals(1, vary.err().strip().lines().count());
        assertTrue(Arrays.stream(new String[] {"--nested", "--nested-vary", "--inner-folds"})
                .allMatch(o -> CliRunner.run("benchmark", "--help").out().contains(o)), "the options are in the help");
    }
}
