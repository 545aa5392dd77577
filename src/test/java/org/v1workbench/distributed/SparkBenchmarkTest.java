package org.v1workbench.distributed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.train.BenchmarkReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.distributed.SparkRuns.run;
import static org.v1workbench.distributed.SparkRuns.withoutSeconds;

/**
 * The done-when of distributed benchmarks: {@code benchmark --spark local[2]} gives every neuron
 * the same scores as the plain run, to the last digit, with the same report files.
 */
class SparkBenchmarkTest {
    @TempDir Path dir;

    @Test
    void aBenchmarkOnLocalSparkScoresEveryNeuronExactlyAsThePlainRun() throws Exception {
        // Two sessions: ridge and ln (an ensemble of two seeds: two units per fit) per session,
        // core-readout once per fold for both sessions (a shared core).
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(60, 4, 4, 5), data);
        List<String> common = List.of("benchmark", "--data", data.toString(), "--models", "ridge,ln,core-readout", "--folds", "3",
                "--seed", "4", "--set", "max_epochs=2", "--set", "first_size=3", "--set", "layers=1", "--set", "filters=4",
                "--set", "ensemble=2", "--threads", "1");
        CliRunner.Result plain = run(common, "--out", dir.resolve("plain").toString());
        assertEquals(0, plain.status(), plain.err());
        CliRunner.Result spark = run(common, "--spark", "local[2]", "--out", dir.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.err().contains("spark: 24 fits as tasks on local[2], 1 nd4j thread each, dataset broadcast"), spark.err());
        assertTrue(spark.err().contains("spark: fit 24/24 done"), spark.err());

        Csv.Table a = Csv.read(dir.resolve("plain-neurons.csv")), b = Csv.read(dir.resolve("spark-neurons.csv"));
        assertEquals(BenchmarkReport.NEURON_COLUMNS, b.columns());
        assertEquals(12, a.rows().size(), "3 models x 4 neurons");
        assertEquals(a.rows(), b.rows(), "every neuron's scores, digit for digit");
        for (Map<String, String> row : a.rows()) assertFalse(row.get("cc_abs").isEmpty(), "a score for " + row);
        // The model table too, but for the seconds, which are the fits' own times.
        assertEquals(withoutSeconds(Csv.read(dir.resolve("plain.csv"))), withoutSeconds(Csv.read(dir.resolve("spark.csv"))));
        assertTrue(Files.isRegularFile(dir.resolve("spark.md")) && Files.isRegularFile(dir.resolve("spark.json")));
    }

    @Test
    void aNestedBenchmarkOfEnsemblesOnLocalSparkChoosesAndScoresExactlyAsThePlainRun() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(60, 3, 1, 6), data);
        List<String> common = List.of("benchmark", "--data", data.toString(), "--models", "ln", "--folds", "3", "--set", "max_epochs=2",
                "--set", "smooth=1", "--ensemble", "2", "--nested", "--nested-vary", "lr=0.003,0.01", "--inner-folds", "2", "--threads", "1");
        CliRunner.Result plain = run(common, "--out", dir.resolve("plain").toString());
        assertEquals(0, plain.status(), plain.err());
        CliRunner.Result spark = run(common, "--spark", "local[2]", "--out", dir.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.err().contains("spark: fit 36/36 done"), spark.err()); // 2 candidates x 3 folds x (1 + 2 inner) x 2 members
        assertEquals(Csv.read(dir.resolve("plain-nested.csv")).rows(), Csv.read(dir.resolve("spark-nested.csv")).rows());
        assertEquals(Csv.read(dir.resolve("plain-neurons.csv")).rows(), Csv.read(dir.resolve("spark-neurons.csv")).rows());
        assertEquals("2", Csv.read(dir.resolve("spark.csv")).rows().get(0).get("ensemble"));
    }

    @Test
    void tasksReadTheDatasetByPathAndAWrongDataModeIsBadInput() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(45, 2, 2, 3), data);
        List<String> common = List.of("benchmark", "--data", data.toString(), "--models", "ridge", "--folds", "3", "--threads", "1");
        CliRunner.Result plain = run(common, "--out", dir.resolve("plain").toString());
        assertEquals(0, plain.status(), plain.err());
        CliRunner.Result spark = run(common, "--spark", "local[2]", "--spark-data", "path", "--out", dir.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.err().contains("dataset read by path on each executor"), spark.err());
        assertEquals(Csv.read(dir.resolve("plain-neurons.csv")).rows(), Csv.read(dir.resolve("spark-neurons.csv")).rows());

        CliRunner.Result bad = run(common, "--spark", "local[2]", "--spark-data", "carrier-pigeon", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.status());
        assertEquals("error: --spark-data must be auto, broadcast or path, not 'carrier-pigeon'", bad.err().strip());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }
}
