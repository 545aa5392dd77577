package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.metrics.NeuronScore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** {@code benchmark --nested}: the inner folds, the choice, and its agreement with the plain benchmark. */
class NestedBenchmarkTest {
    private static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        for (int i : a) s.add(i);
        return s;
    }

    @Test
    void theInnerFoldsSplitTheOuterTrainingImagesAndNeverHoldAnOuterTestImage() {
        for (int images : new int[] {60, 61, 270})
            for (int k : new int[] {3, 5})
                for (int n : new int[] {2, 3}) {
                    CrossValidation.Fold[] outer = CrossValidation.folds(images, k, 7);
                    for (CrossValidation.Fold o : outer) {
                        CrossValidation.Fold[] inner = CrossValidation.innerFolds(images, k, 7, o.index(), n);
                        assertEquals(n, inner.length);
                        Set<Integer> test = set(o.test());
                        List<Integer> innerTests = new ArrayList<>();
                        for (CrossValidation.Fold f : inner) {
                            for (int[] tier : new int[][] {f.train(), f.validation(), f.test()})
                                for (int i : tier) assertFalse(test.contains(i), "outer test image " + i + " in inner fold " + f.index());
                            assertArrayEquals(o.validation(), f.validation(), "early stopping on the outer validation images");
                            Set<Integer> tr = set(f.train());
                            for (int i : f.test()) assertFalse(tr.contains(i), "an inner test image is trained on");
                            assertEquals(o.train().length, f.train().length + f.test().length);
                            assertTrue(f.test().length >= o.train().length / n);
                            for (int i : f.test()) innerTests.add(i);
                        }
                        innerTests.sort(null);
                        assertEquals(Arrays.stream(o.train()).boxed().toList(), innerTests, "the inner tests cover the outer training images once");
                        // A function of (seed, outer fold): drawn again, the same; another outer fold or seed, another draw.
                        CrossValidation.Fold[] again = CrossValidation.innerFolds(images, k, 7, o.index(), n);
                        for (int j = 0; j < n; j++) assertArrayEquals(inner[j].test(), again[j].test());
                    }
                }
        assertNotEquals(CrossValidation.innerSeed(7, 0), CrossValidation.innerSeed(7, 1));
        assertNotEquals(CrossValidation.innerSeed(7, 0), CrossValidation.innerSeed(8, 0));
    }

    @Test
    void everyInnerFitOfThePlanSeesOnlyItsOuterFoldsTrainingAndValidationImages() throws Exception {
        Dataset d = TestDatasets.withRepeats(60, 3, 4, 2);
        List<Sweep.Setting> candidates = List.of(new Sweep.Setting("s1", Map.of("lr", "0.003")), new Sweep.Setting("s2", Map.of("lr", "0.01")));
        FitPlan plan = NestedBenchmark.plan(d, "ln", candidates, Map.of("max_epochs", "2", "smooth", "1", "ensemble", "2"), 3, 5, 2);
        // ln is fitted per session (2): per candidate 3 outer folds, and 3 x 2 inner folds, each of 2 members.
        assertEquals(2 * 2 * (3 + 3 * 2) * 2, plan.units().size());
        assertEquals(2 + 2 * 3, plan.entries().size());
        CrossValidation.Fold[] outer = CrossValidation.folds(d.images(), 3, 5);
        List<String> seen = new ArrayList<>();
        List<FitResult> results = new LocalFits(u -> (session, fold, seed) -> {
            Set<Integer> outerTest = set(outer[u.fold()].test());
            if (u.isInner()) {
                for (int[] tier : new int[][] {fold.train(), fold.validation(), fold.test()})
                    for (int i : tier) assertFalse(outerTest.contains(i), "unit " + u.index() + " sees outer test image " + i);
                assertArrayEquals(CrossValidation.innerFolds(d.images(), 3, 5, u.fold(), 2)[u.inner()].test(), fold.test());
            } else {
                assertArrayEquals(outer[u.fold()].test(), fold.test());
            }
            assertEquals(5 + u.fold() + u.member(), seed, "an inner fit is seeded as its outer fold's fit");
            seen.add(u.label());
            double[][] t = new double[fold.test().length][session.neuronCount()];
            for (int i = 0; i < t.length; i++) Arrays.fill(t[i], fold.test()[i] % 7);
            double[][] v = new double[fold.validation().length][session.neuronCount()];
            return new CrossValidation.FoldPredictions(v, t);
        }, null).run(d, plan.units(), null);
        assertEquals(plan.units().size(), seen.size());
        NestedBenchmark.Result r = NestedBenchmark.result(d, "ln", plan, candidates, 2, results);
        assertEquals(3, r.choices().size());
        assertEquals(2, r.test().ensemble());
        for (double[] row : r.test().predictions()) assertFalse(Double.isNaN(row[0]), "every image predicted out of fold");
    }

    @Test
    void withOneCandidateTheNestedScoresAreThePlainBenchmarksOfThatSetting() throws Exception {
        Dataset d = TestDatasets.withRepeats(60, 3, 2, 5);
        Map<String, String> fixed = Map.of("max_epochs", "2", "smooth", "1");
        List<Sweep.Setting> one = List.of(new Sweep.Setting("s1", Map.of("lr", "0.003")));
        FitPlan nestedPlan = NestedBenchmark.plan(d, "ln", one, fixed, 3, 7, 2);
        NestedBenchmark.Result nested = NestedBenchmark.result(d, "ln", nestedPlan, one, 2, new LocalFits(null).run(d, nestedPlan.units(), null));

        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.put("lr", "0.003");
        FitPlan plainPlan = FitPlan.of(d, List.of(FitPlan.entry("ln", "ln", all)), 3, 7);
        Benchmark.ModelResult plain = Benchmark.results(d, plainPlan, new LocalFits(null).run(d, plainPlan.units(), null)).get(0);

        for (NestedBenchmark.FoldChoice c : nested.choices()) assertEquals(0, c.chosen());
        for (int i = 0; i < d.images(); i++) assertArrayEquals(plain.predictions()[i], nested.test().predictions()[i], 0.0, "image " + i);
        for (int n = 0; n < d.neuronCount(); n++) {
            NeuronScore a = plain.scores().get(n), b = nested.test().scores().get(n);
            assertEquals(a.ccAbs(), b.ccAbs(), 0.0);
            assertEquals(a.ccNorm(), b.ccNorm(), 0.0);
        }
        assertTrue(NestedBenchmark.markdown(nested).contains("| 1 | s1 | lr=0.003 |"), NestedBenchmark.markdown(nested));
        for (int i = 0; i < d.images(); i++) assertArrayEquals(plain.predictions()[i], nested.plain().get(0).predictions()[i], 0.0);
    }

    @Test
    void aClearlyBadCandidateIsNotChosen() throws Exception {
        Dataset d = TestDatasets.withRepeats(240, 3, 2, 3);
        Map<String, String> fixed = Map.of("max_epochs", "30", "smooth", "1");
        // lr=1e-7 leaves ln at its start; lr=0.01 fits the planted linear neurons.
        List<Sweep.Setting> two = List.of(new Sweep.Setting("s1", Map.of("lr", "1e-7")), new Sweep.Setting("s2", Map.of("lr", "0.01")));
        FitPlan plan = NestedBenchmark.plan(d, "ln", two, fixed, 3, 0, 2);
        NestedBenchmark.Result r = NestedBenchmark.result(d, "ln", plan, two, 2, new LocalFits(null).run(d, plan.units(), null));
        assertTrue(r.norm(), "the data have repeats: chosen on CC_norm");
        for (NestedBenchmark.FoldChoice c : r.choices()) {
            assertEquals(1, c.chosen(), "fold " + c.fold() + ": inner scores " + Arrays.toString(c.innerScores()));
            assertTrue(c.innerScores()[1] > c.innerScores()[0] + 0.15, Arrays.toString(c.innerScores()));
        }
        assertTrue(NestedBenchmark.markdown(r).contains("| s2 | lr=0.01 | 3 of 3 |"), NestedBenchmark.markdown(r));
        double mean = r.test().scores().stream().mapToDouble(NeuronScore::ccNorm).average().orElseThrow();
        assertTrue(mean > 0.15, "nested CC_norm " + mean); // ln on 80 training images of 64 pixels: 0.23
    }
}
