package org.v1workbench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Npy;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.PlantedData;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainEvaluateCommandTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = dir.resolve("planted");
        DatasetFolder.write(PlantedData.make(100, 16, 4, 2, 3).dataset(), data);
    }

    /** Runs the command line, returning exit status, stdout and stderr. */
    static String[] run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new String[]{Integer.toString(status), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void trainThenEvaluate() throws Exception {
        Path exp = dir.resolve("exp");
        String[] r = run("train", "--data", data.toString(), "--model", "core-readout", "--out", exp.toString(), "--seed", "2",
                "--max-epochs", "3", "--set", "filters=4", "--set", "first_size=5", "--set", "layers=2", "--set", "batch_size=32");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("outcome:    finished"), r[1]);
        assertTrue(r[1].contains("mean CC_norm"), r[1]);
        assertFalse(r[1].contains("Added differentiated op"), "SameDiff's noise stays off stdout");
        assertTrue(r[2].contains("epoch 3/3"), r[2]);
        assertTrue(r[2].contains("backend: nd4j-native"), r[2]);
        assertTrue(Files.isRegularFile(exp.resolve(Experiment.PREDICTIONS)));

        Path csv = dir.resolve("scores.csv");
        r = run("evaluate", "--experiment", exp.toString(), "--data", data.toString(), "--out", csv.toString());
        assertEquals("0", r[0], r[2]);
        Csv.Table t = Csv.read(csv);
        assertEquals(org.v1workbench.metrics.Scoring.COLUMNS, t.columns());
        assertEquals(4, t.rows().size());
        // The same scores as the experiment's own scores.csv.
        assertEquals(Files.readString(exp.resolve(Experiment.SCORES)), Files.readString(csv));
        // CC_abs is the Pearson r, computed here from scratch, between the saved test-tier
        // predictions (float32) and the trial-averaged responses.
        Dataset d = DatasetFolder.read(data);
        int[] test = d.tiers().indices(Tier.TEST);
        Npy.Array pred = Npy.read(exp.resolve(Experiment.PREDICTIONS));
        assertArrayEquals(new int[]{test.length, d.neuronCount()}, pred.shape());
        for (Map<String, String> row : t.rows()) assertCcAbsIsPearsonOfPredictions(d, test, pred, row);
        assertTrue(r[1].contains("CC_norm:"), r[1]);
    }

    /** A score row's cc_abs is Pearson's r, computed here, between the saved test predictions and the trial means (no repeat missing). */
    static void assertCcAbsIsPearsonOfPredictions(Dataset d, int[] test, Npy.Array pred, Map<String, String> row) {
        int n = IntStream.range(0, d.neuronCount()).filter(k -> d.neuron(k).id().equals(row.get("neuron"))).findFirst().orElseThrow();
        double[] x = new double[test.length], y = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            x[i] = pred.data()[i * d.neuronCount() + n];
            double sum = 0;
            for (int k = 0; k < d.repeats(); k++) sum += d.response(test[i], k, n);
            y[i] = sum / d.repeats();
        }
        assertEquals(pearson(x, y), Double.parseDouble(row.get("cc_abs")), 1e-5, row.get("neuron"));
    }

    /** Pearson's r from its textbook formula (no missing values here). */
    static double pearson(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow(), my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        String[] r = run("train", "--data", data.toString(), "--model", "resnet50", "--out", dir.resolve("x").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("error: ") && r[2].contains("resnet50"), r[2]);

        r = run("train", "--data", dir.resolve("nowhere").toString(), "--model", "ln", "--out", dir.resolve("x").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("nowhere"), r[2]);

        r = run("train", "--data", data.toString(), "--model", "ln", "--set", "speed=11", "--out", dir.resolve("x").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("speed"), r[2]);

        Dataset d = DatasetFolder.read(data);
        Path noTrain = dir.resolve("no-train");
        DatasetFolder.write(d.toBuilder().tiers(Tiers.of(IntStream.range(0, d.images())
                .mapToObj(i -> i % 3 == 0 ? Tier.VALIDATION : Tier.TEST).toArray(Tier[]::new))).build(), noTrain);
        r = run("train", "--data", noTrain.toString(), "--model", "ln", "--out", dir.resolve("x").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("train tier"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);

        r = run("evaluate", "--experiment", dir.resolve("no-experiment").toString(), "--data", data.toString());
        assertEquals("2", r[0]);
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on bad input");
    }
}
