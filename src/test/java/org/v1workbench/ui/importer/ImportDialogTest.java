package org.v1workbench.ui.importer;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

        robot.clickOn("#import-nwb-window").write("0.3");
        robot.clickOn("#import-out").write(out.toString());
        robot.clickOn("#import-preview");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        FlowPane thumbs = robot.lookup("#import-thumbnails").queryAs(FlowPane.class);
        assertEquals(4, onFx(() -> thumbs.getChildren().size()));
        assertTrue(onFx(() -> robot.lookup("#import-matrix").queryAs(ImageView.class).getImage() != null));
        String summary = onFx(() -> m.messageProperty().get());
        assertTrue(summary.startsWith("3 neurons x 4 images of 6 x 8; repeats per image 3 (12 presentations)"), summary);
        assertTrue(Files.notExists(out), "a preview writes nothing");
        // 4 images: the default split leaves the validation tier empty, and the dialog says so.
        assertTrue(summary.endsWith("split 2 / 0 / 2 images train / validation / test (the default split)"), summary);
        String warning = onFx(() -> robot.lookup("#import-warning").queryAs(Label.class).getText());
        assertTrue(warning.startsWith("Empty tier: the import will use 2 / 0 / 2 images train / validation / test (the default split)"), warning);
        assertTrue(warning.contains("validation images") && warning.contains("from 7 images on; this source has 4."), warning);
        assertTrue(onFx(() -> robot.lookup("#import-warning").queryAs(Label.class).isVisible()));

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

    @Test
    void eachFormatOffersEveryOptionOfItsImporter(FxRobot robot) throws Exception {
        robot.clickOn("File").clickOn("Import...");
        ImportModel m = onFx(() -> (ImportModel) findModel(robot));
        Map<String, List<String>> fields = Map.of(
                "nwb", List.of("import-nwb-images", "import-nwb-table", "import-nwb-series", "import-nwb-index-column", "import-nwb-latency",
                        "import-nwb-window"),
                "image-folder", List.of("import-image-folder-responses", "import-image-folder-size", "import-image-folder-window"),
                "pvc8-raw", List.of("import-pvc8-raw-images", "import-pvc8-raw-latency", "import-pvc8-raw-window"),
                "sensorium", List.of("import-sensorium-window"),
                "npy", List.of("import-options-none"));
        List<String> every = fields.values().stream().flatMap(List::stream).toList();
        for (var e : fields.entrySet()) {
            onFx(() -> {
                m.formatProperty().set(e.getKey());
                return null;
            });
            for (String id : every) {
                boolean shown = robot.lookup("#" + id).tryQuery().isPresent();
                assertEquals(e.getValue().contains(id), shown, e.getKey() + ": #" + id);
            }
        }
        assertFalse(onFx(() -> m.args().contains("--window-s")), "npy takes no window");

        // Each field is its command-line option, and the series is a choice of the file's, not free text.
        onFx(() -> {
            m.formatProperty().set("image-folder");
            return null;
        });
        robot.clickOn("#import-image-folder-responses").write("r.csv");
        robot.clickOn("#import-image-folder-size").write("32");
        robot.clickOn("#import-image-folder-window").write("0.5");
        assertEquals(List.of("--responses", "r.csv", "--size", "32", "--window-s", "0.5"), onFx(() -> tail(m.args())));
        assertEquals(32, onFx(() -> m.options().size()));
        onFx(() -> {
            m.formatProperty().set("pvc8-raw");
            m.imageVersionProperty().set("large");
            return null;
        });
        robot.clickOn("#import-pvc8-raw-latency").write("40");
        robot.clickOn("#import-pvc8-raw-window").write("100");
        assertEquals(List.of("--images", "large", "--latency-ms", "40", "--window-ms", "100"), onFx(() -> tail(m.args())));
        assertEquals("large", onFx(() -> m.options().imageVersion()));
        assertEquals(40.0, onFx(() -> m.options().latencyMs()));

        Path dff = Path.of(getClass().getResource("/nwb/dff.nwb").toURI());
        onFx(() -> {
            m.formatProperty().set("nwb");
            m.sourceProperty().set(dff);
            return null;
        });
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        ComboBox<?> series = robot.lookup("#import-nwb-series").queryAs(ComboBox.class);
        assertFalse(onFx(series::isEditable), "a choice of the series the file holds");
        List<String> held = onFx(() -> List.copyOf(m.seriesChoices()));
        assertFalse(held.isEmpty(), "the file's series are offered");
        assertEquals(held, onFx(() -> series.getItems().stream().map(Object::toString).toList()));
    }

    @Test
    void aFailureShowsOnceInline(FxRobot robot) throws Exception {
        List<Throwable> dialogs = new java.util.ArrayList<>();
        onFx(() -> {
            tasks.setOnFailure(dialogs::add); // what the window shows as an error dialog
            return null;
        });
        Path bad = dir.resolve("broken.nwb");
        Files.writeString(bad, "not an HDF5 file");
        robot.clickOn("File").clickOn("Import...");
        ImportModel m = onFx(() -> (ImportModel) findModel(robot));
        onFx(() -> {
            m.sourceProperty().set(bad);
            return null;
        });
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        robot.clickOn("#import-preview");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        String message = onFx(() -> robot.lookup("#import-message").queryAs(Label.class).getText());
        assertTrue(message.contains("broken.nwb"), message);
        assertEquals(List.of(), dialogs, "the failure is not shown a second time in a dialog");
        long alerts = onFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane).count());
        assertEquals(0, alerts, "no error dialog");
    }

    @Test
    void sixImagesWarnOfTheEmptyValidationTier() {
        Dataset six = org.v1workbench.ui.TestDatasets.build(6, 8, 2, 3, 1);
        String w = TierCheck.warning(six);
        assertTrue(w.startsWith("Empty tier: the import will use 4 / 0 / 2 images train / validation / test (the default split)"), w);
        assertTrue(w.contains("refuses a dataset without validation images"), w);
        assertFalse(w.contains("test images"), "the test tier has images: " + w);
        assertEquals("", TierCheck.warning(org.v1workbench.ui.TestDatasets.build(7, 8, 2, 3, 1)), "7 images fill every tier");
        Dataset noTest = six.toBuilder().tiers(org.v1workbench.data.Tiers.of(new org.v1workbench.data.Tier[]{
                org.v1workbench.data.Tier.TRAIN, org.v1workbench.data.Tier.TRAIN, org.v1workbench.data.Tier.TRAIN,
                org.v1workbench.data.Tier.TRAIN, org.v1workbench.data.Tier.VALIDATION, org.v1workbench.data.Tier.VALIDATION})).build();
        String t = TierCheck.warning(noTest);
        assertTrue(t.contains("4 / 2 / 0 images train / validation / test (the split the source declares)"), t);
        assertTrue(t.contains("`score`") && !t.contains("default split"), t);
    }

    /** The options after {@code import FORMAT SOURCE --out DIR}. */
    private static List<String> tail(List<String> args) {
        return args.subList(5, args.size());
    }

    private static Object findModel(FxRobot robot) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows())
            if (w.getScene() != null && w.getScene().getRoot().getProperties().get(ImportModel.class) instanceof ImportModel m) return m;
        throw new AssertionError("no import dialog open");
    }
}
