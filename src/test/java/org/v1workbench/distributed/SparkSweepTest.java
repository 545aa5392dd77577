package org.v1workbench.distributed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.train.SweepHistoryTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.distributed.SparkRuns.run;
import static org.v1workbench.distributed.SparkRuns.withoutSeconds;

/** A sweep on local Spark finds what the plain sweep finds: the same scores, choice and configuration. */
class SparkSweepTest {
    @TempDir Path dir;

    @Test
    void aSweepOnLocalSparkGivesThePlainSweepsTablesAndChoice() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(60, 4, 4, 5), data);
        List<String> common = List.of("sweep", "--data", data.toString(), "--model", "core-readout", "--folds", "3", "--threads", "1",
                "--grid", "lr=0.003,0.03", "--random", "2", "--range", "l1_mask=0.0001:0.1:log", "--set", "max_epochs=2",
                "--set", "first_size=3", "--set", "layers=1", "--set", "filters=4");
        CliRunner.Result plain = run(common, "--out", dir.resolve("plain").toString());
        assertEquals(0, plain.status(), plain.err());
        CliRunner.Result spark = run(common, "--spark", "local[2]", "--out", dir.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.err().contains("spark: 12 fits as tasks on local[2]"), spark.err());

        assertEquals(withoutSeconds(Csv.read(dir.resolve("plain.csv"))), withoutSeconds(Csv.read(dir.resolve("spark.csv"))));
        assertEquals(4, Csv.read(dir.resolve("spark.csv")).rows().size());
        assertEquals(Csv.read(dir.resolve("plain-test-neurons.csv")).rows(), Csv.read(dir.resolve("spark-test-neurons.csv")).rows());
        assertEquals(Files.readString(dir.resolve("plain-best.json")).replace("plain", "spark"), Files.readString(dir.resolve("spark-best.json")));
        for (String setting : List.of("s1", "s2", "s3", "s4")) // the folds' learning curves came back from the tasks, the same
            assertEquals(SweepHistoryTest.curves(dir.resolve("plain-settings").resolve(setting).resolve("history.csv")),
                    SweepHistoryTest.curves(dir.resolve("spark-settings").resolve(setting).resolve("history.csv")), setting);
    }
}
