package org.v1workbench.ui.shell;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.ui.FxTestSupport;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.common.DatasetSource;
import org.v1workbench.ui.common.LoadedDataset;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.Texts;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/** Opening datasets in the background, recent files and remembered layout. */
class WorkbenchModelTest {
    @TempDir
    Path dir;
    final TaskRunner tasks = new TaskRunner();
    final List<Throwable> failures = new ArrayList<>();

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void opensAFolderOffTheFxThreadAndRemembersIt() throws Exception {
        Dataset d = TestDatasets.small();
        Path folder = dir.resolve("gratings");
        DatasetFolder.write(d, folder);
        WorkbenchPrefs prefs = new WorkbenchPrefs(SettingsStore.inMemory());
        WorkbenchModel model = onFx(() -> new WorkbenchModel(tasks, prefs, null));
        onFx(() -> model.open(DatasetSource.folder(folder)));
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        LoadedDataset current = onFx(() -> model.currentProperty().get());
        assertEquals("test-gratings", current.dataset().name());
        assertEquals(d.neuronCount(), current.dataset().neuronCount());
        assertEquals(List.of(folder.toAbsolutePath().normalize()), prefs.recentFiles());
        assertEquals(prefs.recentFiles(), onFx(() -> List.copyOf(model.recent())));
        assertSame(current.dataset(), onFx(() -> model.browser().datasetProperty().get()), "the browser shows it");
        assertEquals(d.neuronCount(), onFx(() -> model.browser().rows().size()));

        onFx(() -> model.open(DatasetSource.folder(folder)));
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        assertEquals(1, onFx(() -> model.datasets().size()), "opening the same folder again replaces it");
    }

    @Test
    void aFolderThatIsNoDatasetFailsWithItsName() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        WorkbenchPrefs prefs = new WorkbenchPrefs(SettingsStore.inMemory());
        tasks.setOnFailure(failures::add);
        WorkbenchModel model = onFx(() -> new WorkbenchModel(tasks, prefs, null));
        onFx(() -> model.open(DatasetSource.folder(empty)));
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        assertEquals(1, failures.size());
        assertInstanceOf(BadInputException.class, failures.get(0));
        assertTrue(Texts.message(failures.get(0)).contains(empty.getFileName().toString()), Texts.message(failures.get(0)));
        assertNull(onFx(() -> model.currentProperty().get()));
        assertTrue(prefs.recentFiles().isEmpty(), "a folder that failed is not a recent file");
    }

    @Test
    void recentFilesAreMostRecentFirstWithoutRepeatsAndBounded() {
        WorkbenchPrefs prefs = new WorkbenchPrefs(SettingsStore.inMemory());
        for (int i = 0; i < 12; i++) prefs.addRecent(dir.resolve("d" + i));
        prefs.addRecent(dir.resolve("d5"));
        List<Path> recent = prefs.recentFiles();
        assertEquals(WorkbenchPrefs.MAX_RECENT, recent.size());
        assertEquals(dir.resolve("d5").toAbsolutePath(), recent.get(0));
        assertEquals(List.of("d5", "d11", "d10", "d9", "d8", "d7", "d6", "d4"),
                recent.stream().map(p -> p.getFileName().toString()).toList());
        prefs.clearRecent();
        assertTrue(prefs.recentFiles().isEmpty());
    }

    @Test
    void windowLayoutAndDividersRoundTrip() {
        SettingsStore store = SettingsStore.inMemory();
        WorkbenchPrefs prefs = new WorkbenchPrefs(store);
        assertTrue(Double.isNaN(prefs.windowLayout().width()), "nothing saved yet");
        prefs.saveWindowLayout(new WorkbenchPrefs.WindowLayout(10, 20, 1300.5, 850, false));
        prefs.saveDividers("main", new double[]{0.2, 0.75});
        WorkbenchPrefs again = new WorkbenchPrefs(store);
        assertEquals(new WorkbenchPrefs.WindowLayout(10, 20, 1300.5, 850, false), again.windowLayout());
        assertArrayEquals(new double[]{0.2, 0.75}, again.dividers("main"), 1e-4);
        store.put("dividers.main", "0.2,garbage");
        assertEquals(0, again.dividers("main").length, "a damaged entry is ignored");
    }
}
