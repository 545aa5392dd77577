package org.v1workbench.ui.importer;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.cli.Main;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;
import org.v1workbench.ui.shell.MainWindow;
import org.v1workbench.ui.shell.WorkbenchModel;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * File > Import... driven as a user would: pick the NWB fixture, change an option, preview,
 * import; the dataset opens in the window, and the command line the dialog shows gives the same
 * dataset. With {@code -Dimport.dialog.snapshot=FILE.png} it also saves a picture of the dialog.
 */
@ExtendWith(ApplicationExtension.class)
class ImportDialogTest {
    TaskRunner tasks;
    WorkbenchModel model;

    @TempDir Path dir;

    @Start
    void start(Stage stage) {
        tasks = new TaskRunner();
        model = new WorkbenchModel(tasks, new WorkbenchPrefs(SettingsStore.inMemory()), null);
        MainWindow window = new MainWindow(model);
        stage.setScene(new Scene(window.root(), 1000, 700));
        stage.show();
    }

    @BeforeEach
    void idle() throws Exception {
        tasks.awaitIdle(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void pickPreviewImportAndTheDatasetOpens(FxRobot robot) throws Exception {
        Path fixture = Path.of(getClass().getResource("/nwb/templates-units.nwb").toURI());
        Path out = dir.resolve("imported");
        robot.clickOn("File").clickOn("Import...");
        TextField source = robot.lookup("#import-source").queryAs(TextField.class);
        robot.clickOn(source).write(fixture.toString()).type(KeyCode.ENTER);
        tasks.awaitIdle(30, TimeUnit.SECONDS);

        ImportModel m = onFx(() -> (ImportModel) findModel(robot));
        assertEquals("nwb", onFx(() -> m.formatProperty().get()), "detected");
        assertEquals(List.of("stimulus/presentation/image_index"), onFx(() -> List.copyOf(m.tableChoices())));
        assertEquals(List.of("units"), onFx(() -> List.copyOf(m.seriesChoices())));
        assertTrue(onFx(() -> m.messageProperty().get()).startsWith("Ready"), onFx(() -> m.messageProperty().get()));

        robot.clickOn("#import-window").write("0.3");
        robot.clickOn("#import-out").write(out.toString());
        robot.clickOn("#import-preview");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        FlowPane thumbs = robot.lookup("#import-thumbnails").queryAs(FlowPane.class);
        assertEquals(4, onFx(() -> thumbs.getChildren().size()));
        assertTrue(onFx(() -> robot.lookup("#import-matrix").queryAs(ImageView.class).getImage() != null));
        String summary = onFx(() -> m.messageProperty().get());
        assertTrue(summary.startsWith("3 neurons x 4 images of 6 x 8; repeats per image 3 (12 presentations)"), summary);
        assertTrue(Files.notExists(out), "a preview writes nothing");

        String command = onFx(() -> robot.lookup("#import-command").queryAs(javafx.scene.control.TextInputControl.class).getText());
        assertEquals("java -jar v1-workbench.jar import nwb " + fixture + " --out " + out + " --window-s 0.3", command);
        String snapshot = System.getProperty("import.dialog.snapshot");
        if (snapshot != null) {
            var image = onFx(() -> source.getScene().getRoot().snapshot(null, null));
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of(snapshot).toFile());
        }

        robot.clickOn("#import-run");
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        tasks.awaitIdle(60, TimeUnit.SECONDS); // the import, then the opening it starts
        Dataset opened = onFx(() -> model.currentProperty().get().dataset());
        assertEquals(4, opened.images());
        assertEquals(3, opened.repeats());
        // Planted (make_fixtures.py): unit 12 at presentation 5 (image 0's second showing) fired (1 + 2*5) % 5 = 1 spike.
        assertEquals(1f, opened.response(0, 1, 1));

        // The command line the dialog showed makes the same dataset.
        List<String> args = onFx(m::args);
        args.set(args.indexOf("--out") + 1, dir.resolve("from-cli").toString());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(Main.OK, r.status(), r.err());
        assertArrayEquals(DatasetFolder.read(out).responsesArray(), DatasetFolder.read(dir.resolve("from-cli")).responsesArray());
    }

    private static Object findModel(FxRobot robot) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows())
            if (w.getScene() != null && w.getScene().getRoot().getProperties().get(ImportModel.class) instanceof ImportModel m) return m;
        throw new AssertionError("no import dialog open");
    }
}
