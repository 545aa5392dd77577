package org.v1workbench.distributed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.PlantedData;
import org.v1workbench.train.TransferBenchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.distributed.SparkRuns.run;

/**
 * {@code benchmark --transfer --spark local[2]}: the cores as the first job's tasks, sent back as
 * bytes and written by the driver, then the readouts on them as the second job's, each task with
 * its core; every session's scores the same as the plain run's, to the last digit.
 */
class SparkTransferTest {
    @TempDir Path dir;

    @Test
    void aTransferBenchmarkOnLocalSparkWritesThePlainRunsReport() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(PlantedData.make(90, 16, 4, 4, 9).dataset(), data); // sessions A and B, two neurons each
        List<String> common = List.of("benchmark", "--data", data.toString(), "--models", "core-readout", "--transfer", "--folds", "3",
                "--seed", "2", "--set", "filters=3", "--set", "first_size=5", "--set", "layers=2", "--set", "max_epochs=2",
                "--set", "readout=gaussian", "--threads", "1");
        CliRunner.Result plain = run(common, "--out", dir.resolve("plain").toString());
        assertEquals(0, plain.status(), plain.err());
        CliRunner.Result spark = run(common, "--spark", "local[2]", "--out", dir.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        // 2 sessions x 3 folds: 6 cores, 6 fits from scratch, 6 on the cores
        assertTrue(spark.err().contains("spark: 18 fits as tasks on local[2], 1 nd4j thread each, dataset broadcast"), spark.err());
        assertTrue(spark.err().contains("spark: round 1 done: 6 cores written to " + dir.resolve("spark-cores-core-readout") + "; round 2: 6 fits on them"),
                spark.err());
        assertTrue(spark.err().contains("spark: fit 18/18 done"), spark.err());

        Csv.Table a = Csv.read(dir.resolve("plain-transfer.csv")), b = Csv.read(dir.resolve("spark-transfer.csv"));
        assertEquals(TransferBenchmark.COLUMNS, b.columns());
        assertEquals(List.of("A", "B", "all"), b.rows().stream().map(r -> r.get("session")).toList());
        assertEquals(a.rows(), b.rows(), "every session's scores, digit for digit");
        assertEquals(Files.readString(dir.resolve("plain-transfer.md")), Files.readString(dir.resolve("spark-transfer.md")));
        assertEquals(plain.out(), spark.out());
        // The driver wrote each core where the plain run does, the same network (its training curves but for their times).
        for (String s : List.of("A", "B"))
            for (int f = 1; f <= 3; f++) {
                Path core = Path.of("without-session-" + s, "fold-" + f);
                Experiment e = Experiment.load(dir.resolve("spark-cores-core-readout").resolve(core));
                assertEquals(s.equals("A") ? List.of("n3", "n4") : List.of("n1", "n2"), e.neurons(), core.toString());
                assertEquals(losses(Experiment.load(dir.resolve("plain-cores-core-readout").resolve(core))), losses(e), core.toString());
            }
    }

    private static List<String> losses(Experiment e) {
        return e.history().stream().map(h -> h.run() + " " + h.epoch() + " " + h.trainLoss() + " " + h.validationLoss()).toList();
    }
}
