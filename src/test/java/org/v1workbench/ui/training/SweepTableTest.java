package org.v1workbench.ui.training;

import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.train.FitPlan;
import org.v1workbench.train.LocalFits;
import org.v1workbench.train.Sweep;
import org.v1workbench.train.SweepReport;
import org.v1workbench.train.SweepSpace;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.WindowTestBase;
import org.v1workbench.ui.shell.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * A sweep seen in the window: its settings listed in the experiments table with the swept value,
 * the validation score and, for the chosen one only, the test score; sorted by a click on a
 * header; two selected, their mean curves overlaid with the settings' names; and the inspector,
 * which needs a model, refused with the reason.
 */
class SweepTableTest extends WindowTestBase {
    Dataset d;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        show(stage, d = TestDatasets.small(), 1250);
    }

    @BeforeEach
    void loaded() throws Exception {
        openWorkspace(Workspace.TRAINING, null);
    }

    /** A sweep of three learning rates of a tiny core-readout, 3 folds of 2 epochs, written as {@code sweep --out DIR/tiny} would. */
    Path runTinySweep() throws Exception {
        String preset = "core-readout";
        SweepSpace space = new SweepSpace(preset, List.of(SweepSpace.grid(preset, "lr=0.001,0.01,0.1")), List.of(), 0, 0);
        List<Sweep.Setting> settings = Sweep.settings(space);
        Map<String, String> fixed = new LinkedHashMap<>(Map.of("max_epochs", "2", "first_size", "3", "layers", "1", "filters", "4"));
        FitPlan plan = Sweep.plan(d, preset, settings, fixed, 3, 0);
        Sweep.Result r = Sweep.result(d, plan, settings, new LocalFits(1).run(d, plan.units(), null));
        SweepReport.write(d, preset, space, r, fixed, 3, 0, dir.resolve("tiny"));
        return dir.resolve("tiny-settings");
    }

    @Test
    void aSweepsSettingsAreListedSortedAndTheirCurvesOverlaid(FxRobot robot) throws Exception {
        runTinySweep();
        onFx(() -> {
            model.experiments().folderProperty().set(dir); // the folder's scan picks the sweep up
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        TableView<ExperimentSummary> table = window.trainingView().table();
        assertEquals(3, onFx(() -> table.getItems().size()));

        // The swept hyperparameter has a column; the validation score is every setting's, the test score the chosen one's only.
        waitFor(() -> robot.lookup("#column-hp-lr").tryQuery().isPresent(), 10, "a column for the swept lr (its header laid out)");
        List<ExperimentSummary> rows = onFx(() -> List.copyOf(table.getItems()));
        assertEquals(1, rows.stream().filter(s -> s.sweep().chosen()).count());
        for (ExperimentSummary s : rows) {
            assertTrue(Double.isFinite(s.validationScore()), s.name());
            assertEquals(s.sweep().chosen(), Double.isFinite(s.meanCcNorm()), s.name());
            assertEquals(s.sweep().chosen(), TrainingView.experimentText(s).endsWith("chosen"), TrainingView.experimentText(s));
        }
        // The sidebar offers only what can be opened.
        assertEquals(0, onFx(() -> robot.lookup("#experiment-list").queryListView().getItems().size()));

        // Sorted by validation score: a click, ascending; another, descending.
        List<Path> listOrder = onFx(() -> model.experiments().listed().stream().map(ExperimentSummary::dir).toList());
        robot.clickOn("#column-validation");
        assertEquals(sortedScores(rows, false), onFx(() -> table.getItems().stream().map(ExperimentSummary::validationScore).toList()));
        robot.clickOn("#column-validation");
        List<ExperimentSummary> best = onFx(() -> List.copyOf(table.getItems()));
        assertEquals(sortedScores(rows, true), best.stream().map(ExperimentSummary::validationScore).toList());
        assertTrue(best.get(0).sweep().chosen(), "the best validation score is the chosen setting");
        assertEquals(listOrder, onFx(() -> model.experiments().listed().stream().map(ExperimentSummary::dir).toList()),
                "the list itself (the sidebar's) is left in its order");

        // Two selected: their mean curves, one series each, named after the settings.
        onFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectIndices(0, 1);
            return null;
        });
        XYDataset score = onFx(() -> ((XYPlot) window.trainingView().scorePane().chart().getPlot()).getDataset());
        assertEquals(2, score.getSeriesCount());
        for (int k = 0; k < 2; k++) {
            ExperimentSummary s = best.get(k);
            assertEquals(s.title() + " (mean of 3 folds)", score.getSeriesKey(k).toString());
            List<HistoryRow> mean = HistoryRow.meanOverRuns(s.history(), "mean");
            assertEquals(mean.size(), score.getItemCount(k));
            for (int i = 0; i < mean.size(); i++) assertEquals(mean.get(i).validationCc(), score.getYValue(k, i), 1e-12);
        }
        assertNotEquals(onFx(() -> colourOf(0)), onFx(() -> colourOf(1)), "one colour each");

        // No model, so no inspector: the button is disabled and its place says why; the table's row menu too.
        Button inspect = robot.lookup("#open-in-inspector").queryButton();
        assertTrue(inspect.isDisabled());
        Tooltip tip = onFx(() -> (Tooltip) inspect.getParent().getProperties().get("javafx.scene.control.Tooltip"));
        assertNotNull(tip, "a tool tip on the disabled button's place");
        assertTrue(tip.getText().contains("has no model to inspect or probe"), tip.getText());
        assertFalse(robot.lookup("#train-configuration").queryButton().isDisabled());

        // Deselected, its curve goes; a tick keeps one without selecting it.
        onFx(() -> {
            table.getSelectionModel().clearSelection();
            model.training().overlaid().add(best.get(2).dir());
            return null;
        });
        XYDataset after = onFx(() -> ((XYPlot) window.trainingView().scorePane().chart().getPlot()).getDataset());
        assertEquals(1, after.getSeriesCount());
        assertEquals(best.get(2).title() + " (mean of 3 folds)", after.getSeriesKey(0).toString());

        // Opening a setting as an experiment is refused with the reason, not a failed load.
        var open = onFx(() -> model.experiments().open(best.get(0).dir()));
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        String refused = onFx(() -> open.getException().getMessage());
        assertTrue(refused.contains("has no model to inspect or probe"), refused);
        assertNull(onFx(() -> model.experiments().currentProperty().get()));
    }

    @Test
    void aSweepFromElsewhereIsListedBesideTheFoldersExperiments(FxRobot robot) throws Exception {
        Path settings = runTinySweep();
        onFx(() -> {
            model.experiments().folderProperty().set(dir.resolve("experiments")); // empty
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        onFx(() -> model.experiments().openSweep(settings.resolve("s2"))); // one setting: its whole sweep
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        waitFor(() -> robot.lookup("#column-hp-lr").tryQuery().isPresent(), 10, "a column for the swept lr (its header laid out)");
        assertEquals(List.of("s1", "s2", "s3"), onFx(() -> model.experiments().listed().stream().map(ExperimentSummary::name).toList()));
        onFx(() -> model.experiments().rescan());
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        assertEquals(3, onFx(() -> model.experiments().listed().size()), "kept over a rescan of the experiments folder");

        // Sorting by the swept value is numeric.
        robot.clickOn("#column-hp-lr");
        assertEquals(List.of("0.001", "0.01", "0.1"), onFx(() -> window.trainingView().table().getItems().stream()
                .map(s -> s.hyperparameters().get("lr")).toList()));
        // Train this configuration: the form takes the setting's values.
        onFx(() -> {
            window.trainingView().table().getSelectionModel().clearAndSelect(2);
            return null;
        });
        robot.clickOn("#train-configuration");
        assertEquals("0.1", onFx(() -> model.training().config().text("lr")));
        assertEquals("2", onFx(() -> model.training().config().text("max_epochs")), "the sweep's fixed values too");
        assertEquals("tiny-s3-trained", onFx(() -> model.training().nameProperty().get()));
    }

    private static List<Double> sortedScores(List<ExperimentSummary> rows, boolean descending) {
        List<Double> v = new ArrayList<>(rows.stream().map(ExperimentSummary::validationScore).toList());
        v.sort(descending ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
        return v;
    }

    private java.awt.Paint colourOf(int series) {
        XYPlot plot = (XYPlot) window.trainingView().scorePane().chart().getPlot();
        return plot.getRenderer().getSeriesPaint(series);
    }

}
