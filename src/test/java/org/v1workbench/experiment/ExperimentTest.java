package org.v1workbench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Npy;
import org.v1workbench.data.Tier;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentTest {
    @TempDir
    static Path dir;
    static Dataset data;
    static Experiment trained;
    static Path folder;

    @BeforeAll
    static void train() throws Exception {
        data = PlantedData.make(120, 16, 4, 3, 8).dataset();
        folder = dir.resolve("exp");
        try (TrainingService s = new TrainingService()) {
            trained = s.start(new TrainingRequest(data, Presets.config("core-readout", Map.of("filters", "4", "first_size", "5",
                    "layers", "2", "batch_size", "32", "max_epochs", "4", "lr", "0.01"), 5), List.of(), 1, folder)).await();
        }
    }

    @Test
    void folderHoldsEveryFileWithConsistentContents() throws Exception {
        for (String f : List.of(Experiment.CONFIG, Experiment.TRAINING, Experiment.METRICS, Experiment.HISTORY, Experiment.PREDICTIONS, Experiment.SCORES))
            assertTrue(Files.isRegularFile(folder.resolve(f)), f);
        assertTrue(Files.isRegularFile(folder.resolve("models/all-m0/best/model.fb")));
        int[] test = data.tiers().indices(Tier.TEST);

        JsonNode config = new ObjectMapper().readTree(folder.resolve(Experiment.CONFIG).toFile());
        assertEquals("core-readout", config.get("preset").asText());
        assertEquals("0.01", config.get("hyperparameters").get("lr").asText());
        assertEquals(5, config.get("seed").asLong());
        assertEquals(independentSha256(data), config.get("dataset").get("sha256").asText());
        assertEquals(test.length, config.get("predictions").get("images").size());
        assertTrue(config.get("versions").get("nd4j").asText().startsWith("1.0.0"));
        assertTrue(config.get("versions").get("backend").asText().contains("onednn"));

        Npy.Array p = Npy.read(folder.resolve(Experiment.PREDICTIONS));
        assertArrayEquals(new int[]{test.length, 4}, p.shape());
        double[][] mine = trained.predict(data, test);
        for (int k = 0; k < test.length; k++)
            for (int j = 0; j < 4; j++) assertEquals((float) mine[k][j], p.data()[k * 4 + j]);

        Csv.Table h = Csv.read(folder.resolve(Experiment.HISTORY));
        assertEquals(HistoryRow.COLUMNS, h.columns());
        assertEquals(4, h.rows().size());
        assertEquals(org.v1workbench.model.Hyperparameters.find("stop_on").defaultValue(), h.rows().get(0).get("validation_metric"));

        // scores.csv: cc_abs recomputed here from predictions.npy and the trial means.
        Csv.Table s = Csv.read(folder.resolve(Experiment.SCORES));
        assertEquals(org.v1workbench.metrics.Scoring.COLUMNS, s.columns());
        assertEquals(4, s.rows().size());
        double[][] means = data.meanResponses();
        for (int j = 0; j < 4; j++) {
            double[] a = new double[test.length], b = new double[test.length];
            for (int k = 0; k < test.length; k++) {
                a[k] = p.data()[k * 4 + j];
                b[k] = means[test[k]][j];
            }
            assertEquals("n" + (j + 1), s.rows().get(j).get("neuron"));
            assertEquals(pearson(a, b), Double.parseDouble(s.rows().get(j).get("cc_abs")), 1e-6);
        }
        JsonNode metrics = new ObjectMapper().readTree(folder.resolve(Experiment.METRICS).toFile());
        assertEquals("finished", metrics.get("outcome").asText());
        assertEquals(4, metrics.get("test").get("neurons").asInt());
    }

    @Test
    void reloadedExperimentPredictsIdentically() {
        Experiment back = Experiment.load(folder);
        int[] all = java.util.stream.IntStream.range(0, data.images()).toArray();
        assertArrayEquals(flat(trained.predict(data, all)), flat(back.predict(data, all)));
        assertEquals(trained.config(), back.config());
        assertEquals(trained.dataset(), back.dataset());
        assertEquals(trained.history(), back.history());
        assertEquals(trained.runs(), back.runs());
    }

    @Test
    void otherDataOrBrokenFoldersAreBadInput() throws Exception {
        Dataset other = PlantedData.make(120, 16, 4, 3, 9).dataset();
        assertThrows(BadInputException.class, () -> trained.save(dir.resolve("other"), other));
        assertThrows(BadInputException.class, () -> Experiment.load(dir.resolve("missing")));
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(Experiment.CONFIG), "{\"preset\": ");
        assertThrows(BadInputException.class, () -> Experiment.load(broken));
    }

    @Test
    void savingAgainReplacesTheFolderWhole() throws Exception {
        Path again = dir.resolve("again");
        trained.save(again, data);
        Files.writeString(again.resolve("stray.txt"), "left from before");
        trained.save(again, data);
        assertTrue(Files.notExists(again.resolve("stray.txt")));
        assertArrayEquals(Files.readAllBytes(folder.resolve(Experiment.PREDICTIONS)), Files.readAllBytes(again.resolve(Experiment.PREDICTIONS)));
    }

    static String independentSha256(Dataset d) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (float[] arr : new float[][]{d.stimuliArray(), d.responsesArray()})
            for (float v : arr) {
                int bits = Float.floatToIntBits(v);
                for (int k = 0; k < 4; k++) bytes.write(bits >>> (8 * k) & 0xff); // little-endian
            }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }

    static double pearson(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    static float[] flat(double[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[i].length; j++) f[i * m[i].length + j] = (float) m[i][j];
        return f;
    }
}
