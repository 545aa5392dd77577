package org.v1workbench.ui.training;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import org.testfx.util.WaitForAsyncUtils;
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
        assertTrue(robot.lookup("#start-training").query().isDisabled(), "Start disabled while lr is not valid");
        robot.clickOn("#start-training");
        assertFalse(onFx(() -> t.runningProperty().get()));
        onFx(() -> {
            lr.setText("0.01");
            return null;
        });
        assertFalse(lr.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("error")));
        assertFalse(robot.lookup("#start-training").query().isDisabled());

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

    /** A bad value: its reason under the field, Start disabled with the reason beside it; fixed: both gone, Start enabled. */
    @Test
    void aBadValueShowsItsReasonAtTheFieldAndDisablesStart(FxRobot robot) throws Exception {
        onFx(() -> {
            model.training().presetProperty().set("core-readout");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node start = robot.lookup("#start-training").query();
        Label blocked = robot.lookup("#start-blocked").queryAs(Label.class);
        assertFalse(start.isDisabled(), "a valid form can start");
        assertFalse(blocked.isVisible());

        for (String[] row : new String[][]{{"core-readout", "lr", "-1", "lr must be above 0", "fix lr: must be above 0"},
                {"kindel2019", "dropout", "1", null, "fix dropout: "}}) {
            onFx(() -> {
                model.training().presetProperty().set(row[0]);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            String[] bad = java.util.Arrays.copyOfRange(row, 1, row.length);
            TextField f = robot.lookup("#hp-" + bad[0]).queryAs(TextField.class);
            String good = f.getText();
            onFx(() -> {
                f.setText(bad[1]);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            String expected = org.v1workbench.model.Hyperparameters.problem(bad[0], bad[1]);
            assertNotNull(expected, bad[0] + "=" + bad[1] + " is not valid");
            if (bad[2] != null) assertEquals(bad[2], expected);
            Label reason = robot.lookup("#hp-" + bad[0] + "-problem").queryAs(Label.class);
            assertEquals(expected, reason.getText());
            assertTrue(reason.isVisible() && reason.getHeight() > 0, "the reason is shown, not only on hover");
            assertShownWhole(reason);
            // beside the field: under it, within its column
            Bounds fb = f.localToScene(f.getBoundsInLocal()), rb = reason.localToScene(reason.getBoundsInLocal());
            assertTrue(rb.getMinY() >= fb.getMaxY() - 1 && rb.getMinY() - fb.getMaxY() < 10, fb + " / " + rb);
            assertTrue(Math.abs(rb.getMinX() - fb.getMinX()) < 2, "aligned with its field");

            assertTrue(start.isDisabled(), "Start disabled while " + bad[0] + " is not valid");
            assertTrue(blocked.isVisible());
            assertTrue(blocked.getText().startsWith(bad[3]), blocked.getText());
            assertShownWhole(blocked);
            shot(robot, "training-bad-" + bad[0]);

            onFx(() -> {
                f.setText(good);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(reason.isVisible(), "reason gone once fixed");
            assertFalse(start.isDisabled(), "Start enabled again once " + bad[0] + " is fixed");
            assertFalse(blocked.isVisible());
        }
        // The reason for an empty experiment name too.
        onFx(() -> {
            model.training().nameProperty().set("");
            return null;
        });
        assertTrue(start.isDisabled());
        assertEquals("name the experiment (its folder's name)", blocked.getText());
    }

    /** Every label of the form shows its whole text (no "weight_aver..."), and "Saved in" shows the folder. */
    @Test
    void formLabelsAreWholeAndSavedInShowsTheFolder(FxRobot robot) throws Exception {
        for (String p : org.v1workbench.model.Presets.names()) {
            onFx(() -> {
                model.training().presetProperty().set(p);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitForFxEvents();
            Node sheet = robot.lookup("#hyperparameters").query();
            int names = 0;
            for (Node n : onFx(() -> List.copyOf(sheet.lookupAll(".label")))) {
                if (!(n instanceof Label l) || !l.isVisible() || l.getText() == null || l.getText().isEmpty()) continue;
                assertShownWhole(l);
                names++;
            }
            assertTrue(names >= org.v1workbench.model.Presets.get(p).defaults().size(), p + ": " + names + " labels checked");
        }
        Path folder = dir.resolve("experiments");
        Label saved = robot.lookup("#experiments-folder").queryAs(Label.class);
        assertEquals(folder.toString(), saved.getText());
        assertShownWhole(saved);
        assertEquals("No experiments in " + folder + " yet", robot.lookup("#experiment-table-empty").queryAs(Label.class).getText(),
                "the empty table names the folder it lists");
        // After choosing another (long) folder, the label shows it, whole.
        Path other = dir.resolve("a-rather-long-folder-name-for-experiments").resolve("of-the-second-recording-session");
        onFx(() -> {
            model.experiments().folderProperty().set(other);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(other.toString(), saved.getText());
        assertShownWhole(saved);
        assertEquals(other.resolve(onFx(() -> model.training().nameProperty().get())), onFx(() -> model.training().outputFolder()));
    }

    /** With -Dui.shots=DIR, the window as it is now, to DIR/NAME.png (to look at); nothing otherwise. */
    static void shot(FxRobot robot, String name) throws Exception {
        String dir = System.getProperty("ui.shots");
        if (dir == null) return;
        javafx.scene.image.WritableImage img = onFx(() -> robot.lookup("#start-training").query().getScene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png", Path.of(dir, name + ".png").toFile());
    }

    /** The text a label draws is its whole text (a cut label draws it shortened, with "..."). */
    static void assertShownWhole(Label l) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        String drawn = onFx(() -> {
            l.applyCss();
            l.layout();
            StringBuilder sb = new StringBuilder();
            for (Node n : l.lookupAll(".text")) if (n instanceof Text t) sb.append(t.getText());
            return sb.toString();
        });
        assertEquals(l.getText(), drawn, "label " + l.getId() + " is cut (" + l.getWidth() + " x " + l.getHeight() + ")");
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
