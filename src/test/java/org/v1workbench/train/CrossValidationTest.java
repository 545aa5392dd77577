package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CrossValidationTest {
    @TempDir Path dir;

    @Test
    void foldsPartitionTheImagesAndRotateValidation() {
        CrossValidation.Fold[] folds = CrossValidation.folds(270, 7, 0);
        Set<Integer> tested = new HashSet<>();
        for (CrossValidation.Fold f : folds) {
            assertEquals(270, f.train().length + f.validation().length + f.test().length);
            Set<Integer> seen = new HashSet<>();
            for (int[] part : new int[][]{f.train(), f.validation(), f.test()}) for (int i : part) assertTrue(seen.add(i), "image " + i + " in two tiers");
            for (int i : f.test()) assertTrue(tested.add(i), "image " + i + " tested twice");
            assertArrayEquals(folds[(f.index() + 1) % 7].test(), f.validation());
            assertTrue(f.test().length == 38 || f.test().length == 39);
        }
        assertEquals(270, tested.size());
        assertFalse(Arrays.equals(folds[0].test(), CrossValidation.folds(270, 7, 1)[0].test()), "the seed changes the folds");
    }

    @Test
    void outOfFoldPredictionsNeverComeFromAModelThatSawTheImage() throws Exception {
        Dataset d = TestDatasets.withRepeats(70, 2, 4, 1);
        // A fitter that "predicts" 1 for an image it trained on and 0 otherwise: pooled must be all 0.
        double[][] pooled = CrossValidation.predictOutOfFold(d, 5, 3, (session, fold, seed) -> {
            Set<Integer> seen = new HashSet<>();
            for (int i : fold.train()) seen.add(i);
            for (int i : fold.validation()) seen.add(i);
            double[][] p = new double[fold.test().length][session.neuronCount()];
            for (int t = 0; t < p.length; t++) Arrays.fill(p[t], seen.contains(fold.test()[t]) ? 1 : 0);
            assertEquals(2, session.neuronCount(), "one session's neurons at a time");
            return p;
        }, null);
        for (double[] row : pooled) for (double v : row) assertEquals(0.0, v);
    }

    @Test
    void aSharedCoreIsFittedOncePerFoldToAllSessionsWithTheSameFolds() throws Exception {
        Dataset d = TestDatasets.withRepeats(70, 2, 4, 1);
        assertEquals(2, d.sessions().size());
        List<int[]> tests = new ArrayList<>();
        // Predict each neuron's index + 10 * fold so that the pooled matrix shows which fit predicted what.
        double[][] pooled = CrossValidation.predictOutOfFold(d, 5, 3, (all, fold, seed) -> {
            assertEquals(4, all.neuronCount(), "all sessions' neurons in one fit");
            tests.add(fold.test());
            double[][] p = new double[fold.test().length][all.neuronCount()];
            for (double[] row : p) for (int j = 0; j < row.length; j++) row[j] = j + 10 * fold.index();
            return p;
        }, true, null);
        assertEquals(5, tests.size(), "one fit per fold, not per session and fold");
        CrossValidation.Fold[] folds = CrossValidation.folds(70, 5, 3);
        for (CrossValidation.Fold f : folds) {
            assertArrayEquals(f.test(), tests.get(f.index()));
            for (int i : f.test()) for (int j = 0; j < 4; j++) assertEquals(j + 10 * f.index(), pooled[i][j]);
        }
        assertTrue(ModelFitters.fitsAcrossSessions("core-readout"));
        assertFalse(ModelFitters.fitsAcrossSessions("kindel2019"));
        assertTrue(ModelFitters.fitsAcrossSessions("kindel2019", java.util.Map.of("shared_core", "true", "ridge", "1")));
        assertFalse(ModelFitters.fitsAcrossSessions("ridge"));
        // train plans the same: kindel2019 one network per session, or one for all with shared_core
        assertEquals(List.of("session-A", "session-B"), JobRunner.plan(d, org.v1workbench.model.Presets.config("kindel2019", 0), d.sessions(), 1)
                .stream().map(org.v1workbench.experiment.RunRecord::group).toList());
        assertEquals(List.of("all"), JobRunner.plan(d, org.v1workbench.model.Presets.config("kindel2019", java.util.Map.of("shared_core", "true"), 0),
                d.sessions(), 1).stream().map(org.v1workbench.experiment.RunRecord::group).toList());
    }

    @Test
    void ridgeBenchmarkRecoversAPlantedLinearNeuronAndWritesTheTables() throws Exception {
        Dataset d = TestDatasets.withRepeats(210, 4, 4, 5);
        Path data = dir.resolve("ds");
        DatasetFolder.write(d, data);
        CliRunner.Result r = CliRunner.run("benchmark", "--data", data.toString(), "--models", "ridge", "--folds", "5", "--out", dir.resolve("b").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("left"), "progress with a time-left estimate on stderr");
        Csv.Table models = Csv.read(dir.resolve("b.csv"));
        assertEquals(BenchmarkReport.MODEL_COLUMNS, models.columns());
        assertEquals("ridge", models.rows().get(0).get("model"));
        // Each planted neuron is linear in one pixel: ridge must predict it well out of fold.
        double ccNorm = Double.parseDouble(models.rows().get(0).get("mean_cc_norm"));
        assertTrue(ccNorm > 0.6, "mean CC_norm " + ccNorm);
        Csv.Table neurons = Csv.read(dir.resolve("b-neurons.csv"));
        assertEquals(BenchmarkReport.NEURON_COLUMNS, neurons.columns());
        assertEquals(4, neurons.rows().size());
        assertTrue(Files.readString(dir.resolve("b.md")).contains("| ridge | 4 |"));
        // The provenance beside the tables: what data (checksum) and which libraries and backend.
        var provenance = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("b.json").toFile());
        assertEquals("ridge", provenance.get("models").get(0).asText());
        assertEquals(5, provenance.get("folds").asInt());
        assertEquals(org.v1workbench.experiment.DatasetIdentity.checksum(DatasetFolder.read(data)), provenance.get("dataset").get("sha256").asText());
        assertEquals(210, provenance.get("dataset").get("images").asInt());
        for (String key : List.of("workbench", "java", "nd4j", "backend", "binary_level", "threads", "cpu", "java_kernels"))
            assertFalse(provenance.get("versions").path(key).asText().isEmpty(), key);
    }

    @Test
    void setChangesThePresetsThatHaveTheKeyAndTheReportSaysSo() throws Exception {
        Dataset d = TestDatasets.withRepeats(60, 4, 4, 5);
        Path data = dir.resolve("ds-set");
        DatasetFolder.write(d, data);
        CliRunner.Result r = CliRunner.run("benchmark", "--data", data.toString(), "--models", "ln,ridge", "--folds", "3",
                "--set", "max_epochs=2", "--set", "smooth=0.5", "--out", dir.resolve("s").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(dir.resolve("s.md")).contains("max_epochs=2, smooth=0.5"), Files.readString(dir.resolve("s.md")));
        CliRunner.Result bad = CliRunner.run("benchmark", "--data", data.toString(), "--models", "ln", "--set", "nonsense=1",
                "--out", dir.resolve("t").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("no model preset has a hyperparameter 'nonsense'"), bad.err());
    }

    @Test
    void aConstantPredictionCountsAsZeroAndTheReportSaysHowMany() throws Exception {
        Dataset d = TestDatasets.withRepeats(60, 4, 3, 5);
        // neuron 1 always predicted as one constant; the others by the truth
        double[][] truth = TestDatasets.expected(d);
        CrossValidation.Fitter fitter = (session, fold, seed) -> {
            double[][] p = new double[fold.test().length][session.neuronCount()];
            for (int t = 0; t < p.length; t++)
                for (int n = 0; n < p[t].length; n++) p[t][n] = session.neuron(n).id().equals("n1") ? 2.5 : truth[fold.test()[t]][indexOf(d, session.neuron(n).id())];
            return p;
        };
        List<Benchmark.ModelResult> results = Benchmark.run(d, List.of(new Benchmark.Entry("m", fitter)), 3, 0, null);
        Benchmark.ModelResult r = results.get(0);
        assertEquals(1, r.constantNeurons());
        assertEquals(0.0, r.scores().get(1).ccAbs());
        assertEquals(0.0, r.scores().get(1).ccNorm());
        assertTrue(r.scores().get(0).ccAbs() > 0.5);
        assertEquals((r.scores().get(0).ccAbs() + r.scores().get(2).ccAbs()) / 3,
                org.v1workbench.metrics.PopulationSummary.of(r.scores(), org.v1workbench.metrics.NeuronScore::ccAbs).mean(), 1e-12,
                "the constant neuron is in the mean, as 0");
        assertTrue(BenchmarkReport.markdown(d, results, 3, 0).contains("m predicted a constant for 1 neuron (correlation undefined): counted as r = 0 and CC_norm = 0."));
    }

    private static int indexOf(Dataset d, String id) {
        for (int i = 0; i < d.neuronCount(); i++) if (d.neuron(i).id().equals(id)) return i;
        throw new AssertionError(id);
    }

    @Test
    void anEnsembleSettingAveragesThatManySeeds() throws Exception {
        Dataset d = TestDatasets.withRepeats(60, 4, 2, 5);
        CrossValidation.Fold fold = CrossValidation.folds(60, 3, 0)[0];
        Dataset one = d.selectNeurons(d.neuronsOf("A"));
        java.util.Map<String, String> quick = java.util.Map.of("max_epochs", "2", "smooth", "1");
        double[][] a = ModelFitters.forModel("ln", quick).fitAndPredict(one, fold, 10);
        double[][] b = ModelFitters.forModel("ln", quick).fitAndPredict(one, fold, 11);
        java.util.Map<String, String> two = new java.util.HashMap<>(quick);
        two.put("ensemble", "2");
        double[][] e = ModelFitters.forModel("ln", two).fitAndPredict(one, fold, 10);
        assertNotEquals(a[0][0], b[0][0], 1e-9, "two seeds differ");
        for (int i = 0; i < e.length; i++)
            for (int n = 0; n < e[i].length; n++) assertEquals((a[i][n] + b[i][n]) / 2, e[i][n], 1e-5 * Math.abs(e[i][n]) + 1e-6);
        assertThrows(org.v1workbench.data.BadInputException.class, () -> ModelFitters.forModel("ln", java.util.Map.of("ensemble", "0")));
    }

    @Test
    void unknownModelIsBadInput() {
        CliRunner.Result r = CliRunner.run("benchmark", "--data", "x", "--models", "nonsense", "--out", dir.resolve("b").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown model 'nonsense'"), r.err());
    }
}
