package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.TestDatasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FitPlanTest {
    @Test
    void anEnsembleSplitIntoOneUnitPerMemberPredictsExactlyAsTheEnsembleFittedInOneJob() throws Exception {
        Dataset d = TestDatasets.withRepeats(60, 4, 1, 5);
        Map<String, String> settings = Map.of("max_epochs", "2", "smooth", "1", "ensemble", "2");
        double[][] inOneJob = CrossValidation.predictOutOfFold(d, 3, 7, ModelFitters.forModel("ln", settings), null);

        FitPlan plan = FitPlan.of(d, List.of(FitPlan.entry("ln", "ln", settings)), 3, 7);
        assertEquals(6, plan.units().size(), "3 folds x 2 members");
        assertEquals(List.of(7L, 8L, 8L, 9L, 9L, 10L), plan.units().stream().map(FitUnit::seed).toList(), "seed + fold + member");
        List<FitResult> results = new ArrayList<>(new LocalFits(null).run(d, plan.units(), null));
        java.util.Collections.reverse(results); // any order, as Spark returns them
        FitPlan.Pooled pooled = plan.collect(d, results).get(0);
        for (int i = 0; i < d.images(); i++) assertArrayEquals(inOneJob[i], pooled.test()[i], 0.0, "image " + i);
        // Every image is a validation image of exactly one fold: the pooled validation predictions cover all.
        for (double[] row : pooled.validation()) assertFalse(Double.isNaN(row[0]));
    }

    @Test
    void collectRefusesMissingAndRepeatedResults() throws Exception {
        Dataset d = TestDatasets.withRepeats(30, 2, 2, 1);
        FitPlan plan = FitPlan.of(d, List.of(new FitPlan.Entry("m", "m", new java.util.TreeMap<>(), false, 1)), 3, 0);
        assertEquals(6, plan.units().size(), "2 sessions x 3 folds");
        List<FitResult> results = new LocalFits(u -> (session, fold, seed) -> new CrossValidation.FoldPredictions(null,
                new double[fold.test().length][session.neuronCount()]), null).run(d, plan.units(), null);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> plan.collect(d, results.subList(0, 5)));
        assertEquals("1 of 6 units have no result (first: unit 5)", missing.getMessage());
        List<FitResult> twice = new ArrayList<>(results);
        twice.add(results.get(2));
        assertEquals("two results for unit 2", assertThrows(IllegalArgumentException.class, () -> plan.collect(d, twice)).getMessage());
        assertNull(plan.collect(d, results).get(0).validation(), "no validation predictions from this fitter");
    }
}
