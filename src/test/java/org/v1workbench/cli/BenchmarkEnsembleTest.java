package org.v1workbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.train.Benchmark;
import org.v1workbench.train.CrossValidation;
import org.v1workbench.train.FitPlan;
import org.v1workbench.train.LocalFits;
import org.v1workbench.train.ModelFitters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code benchmark --ensemble K} from the command line. */
class BenchmarkEnsembleTest {
    @TempDir Path dir;

    @Test
    void anEnsembleOfTwoPredictsTheMeanOfTheTwoSingleSeedFitsOfItsMembersSeeds() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(60, 3, 2, 5), data);
        CliRunner.Result r = CliRunner.run("benchmark", "--data", data.toString(), "--models", "ln,ridge", "--folds", "3", "--seed", "7",
                "--set", "max_epochs=2", "--set", "smooth=1", "--ensemble", "2", "--threads", "1", "--out", dir.resolve("e").toString());
        assertEquals(0, r.status(), r.err());
        Csv.Table models = Csv.read(dir.resolve("e.csv"));
        assertEquals("2", models.rows().get(0).get("ensemble"), "ln: an ensemble of 2");
        assertEquals("1", models.rows().get(1).get("ensemble"), "ridge takes no seed: one fit");
        String md = Files.readString(dir.resolve("e.md"));
        assertTrue(md.contains("ln: an ensemble of 2 per fold"), md);
        assertFalse(md.contains("ensemble=2"), "said once, not as a changed hyperparameter");

        // The members by hand: fold f's fits of seeds 7 + f and 7 + f + 1, as train --ensemble seeds them, averaged.
        Dataset d = DatasetFolder.read(data);
        Map<String, String> single = Map.of("max_epochs", "2", "smooth", "1");
        CrossValidation.FoldFitter fitter = ModelFitters.foldFitter("ln", single);
        CrossValidation.Fold[] folds = CrossValidation.folds(d.images(), 3, 7);
        double[][] mean = new double[d.images()][d.neuronCount()];
        double largestMemberDifference = 0;
        for (String s : d.sessions()) {
            int[] neurons = d.neuronsOf(s);
            Dataset session = d.selectNeurons(neurons);
            for (CrossValidation.Fold f : folds) {
                double[][] a = fitter.fit(session, f, 7 + f.index()).test(), b = fitter.fit(session, f, 7 + f.index() + 1).test();
                for (int t = 0; t < f.test().length; t++)
                    for (int j = 0; j < neurons.length; j++) {
                        mean[f.test()[t]][neurons[j]] = (a[t][j] + b[t][j]) / 2;
                        largestMemberDifference = Math.max(largestMemberDifference, Math.abs(a[t][j] - b[t][j]));
                    }
            }
        }
        assertTrue(largestMemberDifference > 1e-4, "the members' seeds make different fits: " + largestMemberDifference);

        Map<String, String> withEnsemble = new LinkedHashMap<>(single);
        withEnsemble.put("ensemble", "2");
        FitPlan plan = FitPlan.of(d, List.of(FitPlan.entry("ln", "ln", withEnsemble)), 3, 7);
        Benchmark.ModelResult ensemble = Benchmark.results(d, plan, new LocalFits(1).run(d, plan.units(), null)).get(0);
        assertEquals(2, ensemble.ensemble());
        for (int i = 0; i < d.images(); i++) assertArrayEquals(mean[i], ensemble.predictions()[i], 1e-6, "image " + i);

        // ... and the command's per-neuron scores are those of that mean.
        Benchmark.ModelResult byHand = Benchmark.scored(d, "ln", mean, IntStream.range(0, d.images()).toArray(), 0);
        List<Map<String, String>> rows = Csv.read(dir.resolve("e-neurons.csv")).rows().stream().filter(row -> row.get("model").equals("ln")).toList();
        assertEquals(d.neuronCount(), rows.size());
        for (int n = 0; n < d.neuronCount(); n++)
            assertEquals(byHand.scores().get(n).ccAbs(), Double.parseDouble(rows.get(n).get("cc_abs")), 1e-6, "neuron " + n);
    }

    @Test
    void unsupportedCombinationsAreRefusedInOneLine() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(45, 3, 2, 2), data);
        List<String> base = List.of("benchmark", "--data", data.toString(), "--folds", "3", "--out", dir.resolve("x").toString());
        Map<List<String>, String> bad = new LinkedHashMap<>();
        bad.put(List.of("--models", "ln", "--ensemble", "0"), "--ensemble must be at least 1, not 0");
        bad.put(List.of("--models", "ln", "--ensemble", "2", "--set", "ensemble=2"), "--ensemble and --set ensemble: give one of them");
        bad.put(List.of("--models", "ln", "--ensemble", "2", "--transfer"), "--ensemble: not with --transfer (only the cross-validated comparison fits ensembles)");
        for (Map.Entry<List<String>, String> c : bad.entrySet()) {
            List<String> args = new ArrayList<>(base);
            args.addAll(c.getKey());
            CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(2, r.status(), c.getKey() + ": " + r.err());
            assertEquals("error: " + c.getValue(), r.err().strip(), c.getKey().toString());
        }
        assertTrue(Arrays.stream(new String[] {"--ensemble"})
                .allMatch(o -> CliRunner.run("benchmark", "--help").out().contains(o)), "the options are in the help");
    }
}
