package org.v1workbench.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Reading experiment folders without their networks: bad folders are named, a scan skips them. */
class ExperimentSummaryTest {
    @Test
    void aFolderWithoutTheFilesIsNotAnExperiment(@TempDir Path dir) throws Exception {
        assertFalse(ExperimentSummary.isExperiment(dir));
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentSummary.read(dir));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("missing"), e.getMessage());
        Files.writeString(dir.resolve("config.json"), "{ not json");
        Files.writeString(dir.resolve("metrics.json"), "{}");
        e = assertThrows(BadInputException.class, () -> ExperimentSummary.read(dir));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(dir.resolve("config.json"), "{\"preset\": \"ln\"}");
        e = assertThrows(BadInputException.class, () -> ExperimentSummary.read(dir));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("'hyperparameters' is missing"), e.getMessage());
    }

    @Test
    void scanListsOnlyReadableExperiments(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/config.json"), "{");
        Files.writeString(root.resolve("broken/metrics.json"), "{");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("note.txt"), "not a folder");
        assertEquals(List.of(), ExperimentSummary.scan(root));
        assertEquals(List.of(), ExperimentSummary.scan(root.resolve("nowhere")));
    }
}
