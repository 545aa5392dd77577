package org.v1workbench.ui.training;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.experiment.Outcome;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.WindowTestBase;
import org.v1workbench.ui.shell.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * The training panel driven as a user would: edit hyperparameters (a bad value is refused at the
 * field), start a training on a tiny dataset, watch epochs appear on the live charts, stop it, and
 * find the saved experiment listed with the curves that were drawn.
 */
class TrainingViewTest extends WindowTestBase {
    Dataset d;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        show(stage, d = TestDatasets.small(), 1250);
    }

    @BeforeEach
    void loaded() throws Exception {
        openWorkspace(Workspace.TRAINING, dir.resolve("experiments"));
    }

    @Test
    void startShowsLiveCurvesAndStopSavesAResumableExperiment(FxRobot robot) throws Exception {
        TrainingModel t = model.training();
        onFx(() -> {
            t.presetProperty().set("core-readout");
            return null;
        });
        Map<String, String> small = Map.of("filters", "3", "first_size", "5", "layers", "1", "batch_size", "16",
                "max_epochs", "500", "patience", "500", "lr", "0.01");
        for (var e : small.entrySet()) {
            TextField f = robot.lookup("#hp-" + e.getKey()).queryAs(TextField.class);
            onFx(() -> {
                f.setText(e.getValue());
                return null;
            });
        }
        // A bad value is flagged at its field and stops the start.
        TextField lr = robot.lookup("#hp-lr").queryAs(TextField.class);
        onFx(() -> {
            lr.setText("-1");
            return null;
        });
        assertTrue(lr.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("error")));
        robot.clickOn("#start-training");
        Label problem = robot.lookup("#training-problem").queryAs(Label.class);
        assertEquals("lr must be above 0", problem.getText());
        assertFalse(onFx(() -> t.runningProperty().get()));
        onFx(() -> {
            lr.setText("0.01");
            return null;
        });
        assertFalse(lr.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("error")));

        String name = onFx(() -> t.nameProperty().get());
        robot.clickOn("#start-training");
        assertTrue(onFx(() -> t.runningProperty().get()));
        assertEquals("3", onFx(() -> t.config().text("filters")), "the sheet's values reach the config");
        waitFor(() -> scorePoints() >= 3, 120, "three epochs on the live chart");
        assertFalse(robot.lookup("#training-speed").queryAs(Label.class).getText().isEmpty(), "images per second shown");
        assertTrue(robot.lookup("#training-time-left").queryAs(Label.class).getText().contains("left"));
        // While it trains, the status bar follows it and its Cancel stops it (as the Stop button does).
        StatusBar status = robot.lookup("#status-bar").queryAs(StatusBar.class);
        assertTrue(onFx(() -> status.getText().startsWith("Training " + name)), onFx(status::getText));
        assertFalse(robot.lookup("#stop-training").query().isDisabled());
        assertFalse(robot.lookup("#cancel-task").query().isDisabled());
        robot.clickOn("#cancel-task");
        waitFor(() -> !t.runningProperty().get(), 120, "the job to end after Cancel");
        assertTrue(robot.lookup("#stop-training").query().isDisabled());
        tasks.awaitIdle(30, TimeUnit.SECONDS);

        Path exp = dir.resolve("experiments").resolve(name);
        assertTrue(Files.isRegularFile(exp.resolve(Experiment.METRICS)), "experiment saved in the chosen folder");
        ExperimentSummary s = ExperimentSummary.read(exp);
        assertEquals(Outcome.CANCELLED, s.outcome());
        waitFor(() -> !model.experiments().listed().isEmpty(), 10, "the experiment listed (a frame after the run's end)");
        assertEquals(List.of(exp), onFx(() -> model.experiments().listed().stream().map(ExperimentSummary::dir).toList()));
        assertEquals(exp, onFx(() -> model.experiments().currentProperty().get().summary().dir()), "opened when done");
        assertTrue(onFx(() -> model.experiments().currentProperty().get().dataset()) == d, "paired with the dataset trained on");

        // The curves drawn live are the history that was saved, epoch for epoch.
        List<HistoryRow> history = s.history();
        assertTrue(history.size() >= 3);
        XYDataset score = onFx(() -> ((XYPlot) window.trainingView().scorePane().chart().getPlot()).getDataset());
        XYDataset loss = onFx(() -> ((XYPlot) window.trainingView().lossPane().chart().getPlot()).getDataset());
        assertEquals(1, score.getSeriesCount());
        assertEquals(history.size(), score.getItemCount(0));
        assertEquals(2, loss.getSeriesCount(), "training and validation loss");
        for (int k = 0; k < history.size(); k++) {
            assertEquals(history.get(k).epoch(), score.getXValue(0, k), 0);
            assertEquals(history.get(k).validationCc(), score.getYValue(0, k), 1e-12);
            assertEquals(history.get(k).trainLoss(), loss.getYValue(0, k), 1e-12);
            assertEquals(history.get(k).validationLoss(), loss.getYValue(1, k), 1e-12);
        }
        // Every epoch's event reached the panel, through the throttle: in batches that are never
        // empty, so at most one per epoch event plus the run's and the job's end.
        long batches = onFx(() -> t.throttle().batches()), epochEvents = onFx(() -> t.epochEvents());
        assertTrue(epochEvents >= history.size(), epochEvents + " epoch events for " + history.size() + " epochs saved");
        assertTrue(batches >= 1 && batches <= epochEvents + 2, batches + " batches for " + epochEvents + " epoch events");
        assertTrue(robot.lookup("#training-status").queryAs(Label.class).getText().contains("cancelled"));

        // Unticking compare removes its curves; ticking brings them back from history.csv.
        onFx(() -> {
            t.overlaid().remove(exp);
            return null;
        });
        assertEquals(0, onFx(() -> ((XYPlot) window.trainingView().scorePane().chart().getPlot()).getDataset().getSeriesCount()));
        onFx(() -> {
            t.overlaid().add(exp);
            return null;
        });
        XYDataset again = onFx(() -> ((XYPlot) window.trainingView().scorePane().chart().getPlot()).getDataset());
        assertEquals(history.size(), again.getItemCount(0));
    }

    int scorePoints() {
        XYDataset ds = ((XYPlot) window.trainingView().scorePane().chart().getPlot()).getDataset();
        return ds == null || ds.getSeriesCount() == 0 ? 0 : ds.getItemCount(0);
    }

    @Test
    void presetsFillTheSheetWithTheirDefaults(FxRobot robot) throws Exception {
        for (String p : org.v1workbench.model.Presets.names()) {
            onFx(() -> {
                model.training().presetProperty().set(p);
                return null;
            });
            Map<String, String> defaults = org.v1workbench.model.Presets.get(p).defaults();
            for (var e : defaults.entrySet()) {
                var node = robot.lookup("#hp-" + e.getKey()).tryQuery();
                if (node.isPresent() && node.get() instanceof javafx.scene.control.ComboBox<?> box)
                    assertEquals(e.getValue(), box.getValue(), p + " " + e.getKey() + " (start from the core of...)");
                else if (node.isPresent()) assertEquals(e.getValue(), ((TextField) node.get()).getText(), p + " " + e.getKey());
                else assertFalse(org.v1workbench.model.Hyperparameters.find(e.getKey()).options().isEmpty(), p + " " + e.getKey() + " is a choice box");
            }
            assertEquals(org.v1workbench.model.Presets.config(p, 0), onFx(() -> model.training().config()), p);
        }
    }
}
