package org.v1workbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Npy;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.data.Tier;
import org.v1workbench.metrics.MetricsTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The info, import and score commands as a user runs them, exit statuses included. */
class FoundationCliTest {
    static final Path SHARED = Path.of("../shared/data/pvc8-processed");
    @TempDir Path dir;

    @Test
    void helpAndVersion() {
        CliRunner.Result help = CliRunner.run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("info") && help.out().contains("score") && help.out().contains("import"), help.out());
        CliRunner.Result version = CliRunner.run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().contains("V1 Workbench"));
    }

    @Test
    void infoOnTheSharedSessions() {
        assumeTrue(Files.isDirectory(SHARED), "shared pvc-8 data not found at " + SHARED.toAbsolutePath() + ": skipped");
        CliRunner.Result r = CliRunner.run("info", SHARED.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("sessions:  7"), r.out());
        assertTrue(r.out().contains("neurons:   221"), r.out());
        assertTrue(r.out().contains("images:    270 of 33 x 33"), r.out());
        assertTrue(r.out().contains("repeats:   1"), r.out());
        assertTrue(r.out().contains(" Hz"), r.out());
    }

    @Test
    void importPvc8ProcessedThenInfoOnTheResult() {
        assumeTrue(Files.isDirectory(SHARED), "shared pvc-8 data not found: skipped");
        Path out = dir.resolve("pvc8");
        CliRunner.Result r = CliRunner.run("import", "pvc8-processed", SHARED.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        CliRunner.Result info = CliRunner.run("info", out.toString());
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().contains("neurons:   221"), info.out());
    }

    @Test
    void scoreEqualsAnIndependentImplementationOfSchoppe() throws Exception {
        Dataset d = TestDatasets.withRepeats(300, 6, 4, 11);
        Path data = dir.resolve("ds");
        DatasetFolder.write(d, data);
        // A noisy predictor of the expected counts, for every image, in dataset order.
        double[][] expected = TestDatasets.expected(d);
        java.util.Random rnd = new java.util.Random(3);
        float[] pred = new float[d.images() * d.neuronCount()];
        for (int i = 0; i < d.images(); i++)
            for (int n = 0; n < d.neuronCount(); n++) pred[i * d.neuronCount() + n] = (float) (expected[i][n] + 0.8 * rnd.nextGaussian());
        Path predFile = dir.resolve("pred.npy");
        Npy.writeFloat32(predFile, new int[]{d.images(), d.neuronCount()}, pred);
        Path csv = dir.resolve("scores.csv");
        CliRunner.Result r = CliRunner.run("score", "--data", data.toString(), "--predictions", predFile.toString(), "--out", csv.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("CC_norm"), r.out());

        Csv.Table t = Csv.read(csv);
        assertEquals(List.of("neuron", "session", "mean_rate_hz", "cc_abs", "cc_max", "cc_norm", "fev", "feve"), t.columns());
        int[] test = d.tiers().indices(Tier.TEST);
        for (int n = 0; n < d.neuronCount(); n++) {
            double[][] reps = new double[test.length][d.repeats()];
            double[] yhat = new double[test.length];
            for (int k = 0; k < test.length; k++) {
                yhat[k] = pred[test[k] * d.neuronCount() + n];
                for (int rep = 0; rep < d.repeats(); rep++) reps[k][rep] = d.response(test[k], rep, n);
            }
            double[] ref = MetricsTest.schoppeReference(reps, yhat);
            Map<String, String> row = t.rows().get(n);
            assertEquals("n" + n, row.get("neuron"));
            assertEquals(ref[0], Double.parseDouble(row.get("cc_abs")), 1e-6);
            assertEquals(ref[1], Double.parseDouble(row.get("cc_max")), 1e-6);
            assertEquals(ref[2], Double.parseDouble(row.get("cc_norm")), 1e-6);
        }
    }

    @Test
    void scoreOfTrialMeanDataLeavesTheCeilingColumnsEmpty() throws Exception {
        Dataset d = TestDatasets.withRepeats(60, 1, 2, 2);
        Path data = dir.resolve("ds1");
        DatasetFolder.write(d, data);
        float[] pred = new float[60 * 2];
        for (int i = 0; i < pred.length; i++) pred[i] = i % 7;
        Npy.writeFloat32(dir.resolve("p.npy"), new int[]{60, 2}, pred);
        Path csv = dir.resolve("s.csv");
        CliRunner.Result r = CliRunner.run("score", "--data", data.toString(), "--predictions", dir.resolve("p.npy").toString(), "--tier", "all", "--out", csv.toString());
        assertEquals(0, r.status(), r.err());
        Map<String, String> row = Csv.read(csv).rows().get(0);
        assertFalse(row.get("cc_abs").isEmpty());
        assertTrue(row.get("cc_max").isEmpty() && row.get("cc_norm").isEmpty() && row.get("fev").isEmpty() && row.get("feve").isEmpty());
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheFile() throws Exception {
        Dataset d = TestDatasets.withRepeats(30, 2, 3, 1);
        Path data = dir.resolve("ds");
        DatasetFolder.write(d, data);

        Path wrongShape = dir.resolve("wrong.npy");
        Npy.writeFloat32(wrongShape, new int[]{30, 4}, new float[120]);
        assertBad(CliRunner.run("score", "--data", data.toString(), "--predictions", wrongShape.toString()), "wrong.npy", "4 neurons");

        Path nan = dir.resolve("nan.npy");
        float[] p = new float[90];
        p[10] = Float.NaN;
        Npy.writeFloat32(nan, new int[]{30, 3}, p);
        assertBad(CliRunner.run("score", "--data", data.toString(), "--predictions", nan.toString(), "--tier", "all"), "nan.npy", "NaN");

        Path truncated = dir.resolve("cut.npy");
        byte[] ok = Files.readAllBytes(wrongShape);
        Files.write(truncated, Arrays.copyOf(ok, 100));
        assertBad(CliRunner.run("score", "--data", data.toString(), "--predictions", truncated.toString()), "cut.npy", "truncated");

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertBad(CliRunner.run("info", empty.toString()), "empty", "empty folder");

        assertBad(CliRunner.run("import", "no-such-format", data.toString(), "--out", dir.resolve("x").toString()), "no-such-format", "unknown format");
        assertBad(CliRunner.run("score", "--data", data.toString()), "--predictions", "Missing");
    }

    @Test
    void failedImportLeavesNoOutputFolder() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Files.write(src.resolve("01mean50ms_smallim_d2_crop.mat"), new byte[]{1, 2, 3, 4, 5});
        Path out = dir.resolve("out");
        assertBad(CliRunner.run("import", "pvc8-processed", src.toString(), "--out", out.toString()), "01mean50ms_smallim_d2_crop.mat", "MAT-file");
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("src"), s.map(p -> p.getFileName().toString()).sorted().toList(), "nothing half-written beside it");
        }
    }

    static void assertBad(CliRunner.Result r, String names, String problem) {
        assertEquals(2, r.status(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.contains(names) && err.contains(problem), err);
    }
}
