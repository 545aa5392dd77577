package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.PlantedData;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** benchmark --transfer: one core per held-out session, trained without it, and the two columns side by side. */
class TransferBenchmarkTest {
    @TempDir Path dir;

    @Test
    void eachSessionIsComparedOnACoreThatNeverSawItsNeurons() throws Exception {
        Dataset d = PlantedData.make(90, 16, 4, 4, 9).dataset();
        Path data = dir.resolve("ds");
        DatasetFolder.write(d, data);
        CliRunner.Result r = CliRunner.run("benchmark", "--data", data.toString(), "--models", "core-readout", "--transfer", "--folds", "3",
                "--set", "filters=3", "--set", "first_size=5", "--set", "layers=2", "--set", "max_epochs=2", "--set", "readout=gaussian",
                "--out", dir.resolve("t").toString());
        assertEquals(0, r.status(), r.err());
        Csv.Table t = Csv.read(dir.resolve("t-transfer.csv"));
        assertEquals(TransferBenchmark.COLUMNS, t.columns());
        assertEquals(java.util.List.of("A", "B", "all"), t.rows().stream().map(row -> row.get("session")).toList());
        assertEquals("2", t.rows().get(0).get("neurons"));
        assertEquals("4", t.rows().get(2).get("neurons"));
        for (var row : t.rows()) {
            assertFalse(row.get("mean_scratch").isEmpty());
            assertFalse(row.get("mean_transferred").isEmpty());
        }
        // the core for session A was trained on session B's neurons only
        Experiment coreA = Experiment.load(dir.resolve("t-cores-core-readout").resolve("without-session-A").resolve("fold-2"));
        assertEquals(java.util.List.of("n3", "n4"), coreA.neurons());
        // one core per fold, each trained without its fold's test images
        CrossValidation.Fold fold2 = CrossValidation.folds(90, 3, 0)[1];
        for (int f = 1; f <= 3; f++) assertTrue(Files.isDirectory(dir.resolve("t-cores-core-readout").resolve("without-session-A").resolve("fold-" + f)));
        // the fold's test images were the core's test tier (its predictions.npy rows), not its training images
        int[] shape = org.v1workbench.data.Npy.read(dir.resolve("t-cores-core-readout").resolve("without-session-A").resolve("fold-2")
                .resolve(Experiment.PREDICTIONS)).shape();
        assertEquals(fold2.test().length, shape[0]);
        assertTrue(Files.readString(dir.resolve("t-transfer.md")).contains("no test image reaches it"));
        assertTrue(Files.readString(dir.resolve("t-transfer.md")).contains("| all | 4 |"));
        CliRunner.Result bad = CliRunner.run("benchmark", "--data", data.toString(), "--models", "ln", "--transfer", "--folds", "3",
                "--out", dir.resolve("u").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("ln has no core to transfer"), bad.err());
    }
}
