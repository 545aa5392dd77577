package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.experiment.SweepSetting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A sweep's settings keep their folds' learning curves ({@code history.csv}, as a trained
 * experiment's), so that the window can draw them; and they say which sweep and setting they are.
 */
public class SweepHistoryTest {
    @TempDir Path dir;

    @Test
    void eachSettingHoldsOneCurvePerFoldAndSaysWhichSweepAndSettingItIs() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(60, 4, 4, 5), data);
        List<String> args = new ArrayList<>(List.of("sweep", "--data", data.toString(), "--model", "core-readout", "--folds", "3",
                "--grid", "lr=0.003,0.03", "--out", dir.resolve("sw").toString()));
        args.addAll(SweepTest.TINY);
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        Csv.Table table = Csv.read(dir.resolve("sw.csv"));

        List<ExperimentSummary> listed = ExperimentSummary.scan(dir);
        assertEquals(List.of("s1", "s2"), listed.stream().map(ExperimentSummary::name).toList(), "the folder's scan finds the sweep's settings, in order");
        int chosen = 0;
        for (ExperimentSummary s : listed) {
            Path h = s.dir().resolve(Experiment.HISTORY);
            assertEquals(HistoryRow.COLUMNS, Csv.read(h).columns(), "the format of a trained experiment's history.csv");
            assertEquals(List.of("fold1", "fold2", "fold3"), s.history().stream().map(HistoryRow::run).distinct().toList());
            for (String fold : List.of("fold1", "fold2", "fold3"))
                assertEquals(List.of(1, 2), s.history().stream().filter(x -> x.run().equals(fold)).map(HistoryRow::epoch).toList(), fold);
            for (HistoryRow x : s.history()) {
                assertEquals("cc_norm", x.validationMetric());
                assertTrue(Double.isFinite(x.validationCc()) && Double.isFinite(x.trainLoss()) && Double.isFinite(x.validationLoss()), x.toString());
            }
            assertEquals(2, s.epochs());

            SweepSetting sw = s.sweep();
            assertNotNull(sw);
            assertEquals(new SweepSetting("sw", s.name(), Map.of("lr", s.hyperparameters().get("lr")), 3, sw.chosen()), sw);
            assertEquals("sw " + s.name(), s.title());
            assertFalse(s.hasModel());
            Map<String, String> row = table.rows().stream().filter(x -> x.get("setting").equals(s.name())).findFirst().orElseThrow();
            assertEquals(Double.parseDouble(row.get("validation_mean_cc_norm")), s.validationScore(), 1e-12, "the score it was chosen on");
            assertEquals(Boolean.parseBoolean(row.get("chosen")), sw.chosen());
            assertEquals(sw.chosen(), !Double.isNaN(s.meanCcNorm()), "a test score for the chosen setting only");
            if (sw.chosen()) chosen++;
            assertThrows(BadInputException.class, () -> Experiment.load(s.dir()), "no model to load");

            // The mean over the folds, as the window draws it.
            List<HistoryRow> mean = HistoryRow.meanOverRuns(s.history(), "mean");
            assertEquals(2, mean.size());
            double cc = s.history().stream().filter(x -> x.epoch() == 2).mapToDouble(HistoryRow::validationCc).average().orElseThrow();
            assertEquals(cc, mean.get(1).validationCc(), 1e-12);
        }
        assertEquals(1, chosen);
    }

    @Test
    void theMeanOverRunsStopsAtTheLastEpochEveryRunReached() {
        List<HistoryRow> rows = List.of(row("fold1", 1, 0.1), row("fold1", 2, 0.2), row("fold1", 3, 0.3),
                row("fold2", 1, 0.3), row("fold2", 2, Double.NaN));
        List<HistoryRow> mean = HistoryRow.meanOverRuns(rows, "mean");
        assertEquals(List.of(1, 2), mean.stream().map(HistoryRow::epoch).toList(), "epoch 3 has fold1 only");
        assertEquals(0.2, mean.get(0).validationCc(), 1e-12);
        assertEquals(0.2, mean.get(1).validationCc(), 1e-12, "a missing value is the mean of the others");
        assertEquals("mean", mean.get(0).run());
        assertEquals(List.of(), HistoryRow.meanOverRuns(List.of(), "mean"));
    }

    @Test
    void aUnitsResultFileKeepsItsLearningCurvesAndTheirRunsAreNamedByFold() throws Exception {
        List<HistoryRow> h = List.of(row("all-m0", 1, 0.25), new HistoryRow("all-m0", 2, Double.NaN, 1.5, 0.5, "cc_abs", 0.01, 100, 2));
        FitResult r = new FitResult(3, new double[][]{{1}}, new double[][]{{2}}, 1.5, h);
        FitFiles.writeResult(dir, r);
        FitFiles.writeResult(dir, new FitResult(0, null, new double[][]{{2}}, 1));
        FitFiles.writeResult(dir, new FitResult(1, null, new double[][]{{2}}, 1));
        FitFiles.writeResult(dir, new FitResult(2, null, new double[][]{{2}}, 1));
        List<FitResult> back = FitFiles.readResults(dir, 4);
        assertEquals(h, back.get(3).history(), "NaN included");
        assertEquals(List.of(), back.get(0).history());

        FitUnit u = new FitUnit(0, 0, "s1", "core-readout", Map.of(), "V1a", 3, 2, 0, 1);
        assertEquals("fold3", FitPlan.runName(u, false, 1, "all-m0", false));
        assertEquals("fold3-V1a-member2", FitPlan.runName(u, true, 2, "all-m0", false));
        assertEquals("fold3-V1a-all-m0-c1", FitPlan.runName(u, true, 1, "all-m0-c1", true));
    }

    private static HistoryRow row(String run, int epoch, double cc) {
        return new HistoryRow(run, epoch, 1.0 / epoch, 1.2 / epoch, cc, "cc_norm", 0.001, 50, epoch);
    }

    /** A {@code history.csv} without its speed and time columns, which no two runs share: the curves. */
    public static List<Map<String, String>> curves(Path historyCsv) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(historyCsv).rows()) {
            Map<String, String> copy = new LinkedHashMap<>(row);
            copy.remove("images_per_s");
            copy.remove("elapsed_s");
            out.add(copy);
        }
        return out;
    }
}
