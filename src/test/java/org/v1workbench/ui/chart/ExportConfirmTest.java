package org.v1workbench.ui.chart;

import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.figure.FigureFormat;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.ui.FxTestSupport;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/** The export dialog's choices are remembered between exports, and an export says where it saved the file. */
class ExportConfirmTest {
    @TempDir
    Path dir;
    Stage stage;
    TaskRunner tasks;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            if (stage != null) stage.close();
            return null;
        });
        if (tasks != null) tasks.close();
    }

    @Test
    void settingsAreRemembered() {
        WorkbenchPrefs prefs = new WorkbenchPrefs(SettingsStore.inMemory());
        assertEquals(ExportSettings.DEFAULT, ExportSettings.load(prefs), "nothing saved yet: the defaults");
        ExportSettings chosen = new ExportSettings(FigureFormat.PDF, 85, 60, 600);
        chosen.save(prefs);
        assertEquals(chosen, ExportSettings.load(prefs), "the last format and size come back");
    }

    @Test
    void anExportConfirmsTheSavedPath() throws Exception {
        tasks = new TaskRunner();
        WorkbenchPrefs prefs = new WorkbenchPrefs(SettingsStore.inMemory());
        FigurePane pane = onFx(() -> {
            FigurePane p = FigurePane.forChart("response", tasks, prefs);
            p.setChart(ChartImageTest.scores(0.1, 0.2, 0.3).get());
            stage = new Stage();
            stage.setScene(new Scene(p, 400, 300));
            stage.show();
            return p;
        });
        Path file = dir.resolve("figure.png");
        onFx(() -> pane.exportAndConfirm(file, FigureSize.pixels(300, 200, 72)));
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        FxTestSupport.onFx(() -> null);
        assertTrue(Files.size(file) > 0, "the file is written");
        var alert = onFx(() -> pane.lastConfirmation);
        assertNotNull(alert, "a confirmation after the export");
        assertTrue(onFx(alert::isShowing));
        assertTrue(onFx(alert::getHeaderText).startsWith("Saved response"), onFx(alert::getHeaderText));
        TextField path = (TextField) onFx(() -> alert.getDialogPane().lookup("#export-saved-path"));
        assertEquals(file.toAbsolutePath().toString(), onFx(path::getText), "the full path, to read or copy");
        String shots = System.getProperty("ui.shots");
        if (shots != null) {
            javafx.scene.image.WritableImage img = onFx(() -> alert.getDialogPane().getScene().snapshot(null));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png", Path.of(shots, "export-saved.png").toFile());
        }
        onFx(() -> {
            alert.close();
            return null;
        });
    }
}
