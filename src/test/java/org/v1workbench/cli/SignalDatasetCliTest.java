package org.v1workbench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Npy;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.PlantedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-photon-like recording end to end on the command line: a folder whose responses are
 * z-scored (most values negative) and whose dataset.json holds only a name and window_s, as a
 * Python user writes it, passes {@code info}, trains with a CNN preset at its default loss, and is
 * scored (CC_abs checked against a Pearson r computed here from the saved predictions).
 */
class SignalDatasetCliTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeZScoredFolder() throws Exception {
        Dataset counts = PlantedData.make(100, 16, 4, 3, 9).dataset();
        Path tmp = dir.resolve("counts");
        DatasetFolder.write(counts, tmp);
        data = Files.createDirectories(dir.resolve("zscored"));
        Files.copy(tmp.resolve(DatasetFolder.STIMULI), data.resolve(DatasetFolder.STIMULI));
        float[] r = counts.responsesArray();
        int nn = counts.neuronCount();
        for (int n = 0; n < nn; n++) {
            double sum = 0, sq = 0;
            int k = 0;
            for (int i = n; i < r.length; i += nn) { sum += r[i]; sq += r[i] * r[i]; k++; }
            double mean = sum / k, sd = Math.sqrt(sq / k - mean * mean);
            for (int i = n; i < r.length; i += nn) r[i] = (float) ((r[i] - mean) / sd);
        }
        Npy.writeFloat32(data.resolve(DatasetFolder.RESPONSES), new int[]{counts.images(), counts.repeats(), nn}, r);
        Files.writeString(data.resolve(DatasetFolder.META), "{\"name\": \"z-scored planted\", \"window_s\": 0.1}");
    }

    @Test
    void infoTrainAndEvaluateAZScoredFolder() throws Exception {
        CliRunner.Result info = CliRunner.run("info", data.toString());
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().contains("responses: signal") && info.out().contains("negative values are real"), info.out());
        assertFalse(info.out().contains("Hz"), "a signal has no rate: " + info.out());

        Path exp = dir.resolve("exp");
        CliRunner.Result train = CliRunner.run("train", "--data", data.toString(), "--model", "kindel2019", "--out", exp.toString(),
                "--seed", "2", "--max-epochs", "3", "--set", "conv1_size=5", "--set", "conv2_size=3", "--set", "dense=16");
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("outcome:    finished"), train.out());
        String config = Files.readString(exp.resolve("config.json"));
        assertTrue(config.contains("\"loss\" : \"mse\""), "the saved configuration names the loss that trained it: " + config);
        assertTrue(config.contains("\"responses\" : \"signal\"") && config.contains("\"unit\" : \"a.u.\""),
                "the data identity records what the responses were taken to be: " + config);
        assertEquals("signal", org.v1workbench.experiment.Experiment.load(exp).dataset().responses());

        Path csv = dir.resolve("scores.csv");
        CliRunner.Result eval = CliRunner.run("evaluate", "--experiment", exp.toString(), "--data", data.toString(), "--out", csv.toString());
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().contains("above 5 Hz:       n/a"), eval.out());
        Dataset d = DatasetFolder.read(data);
        assertEquals(ResponseKind.SIGNAL, d.responseKind());
        int[] test = d.tiers().indices(Tier.TEST);
        Npy.Array pred = Npy.read(exp.resolve(Experiment.PREDICTIONS));
        boolean negative = false;
        for (float v : pred.data()) negative |= v < 0;
        assertTrue(negative, "predictions of a z-scored signal go negative");
        Csv.Table t = Csv.read(csv);
        assertEquals(d.neuronCount(), t.rows().size());
        for (Map<String, String> row : t.rows()) {
            assertEquals("", row.get("mean_rate_hz"), "a signal has no rate");
            assertFalse(row.get("cc_norm").isEmpty(), "repeats give CC_norm for a signal as for counts");
            TrainEvaluateCommandTest.assertCcAbsIsPearsonOfPredictions(d, test, pred, row);
        }

        CliRunner.Result refused = CliRunner.run("train", "--data", data.toString(), "--model", "ln", "--set", "loss=poisson",
                "--out", dir.resolve("never").toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("loss=poisson"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }
}
