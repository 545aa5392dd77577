package org.v1workbench.experiment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Hostile;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fuzzes the readers of a saved experiment: its JSON and CSV files, its predictions and each
 * network's description, broken at random; every try either loads or is refused with a
 * BadInputException whose first line names the experiment folder's file. The SameDiff graph
 * ({@code model.fb}) is left out: nd4j parses it in native code, where a broken file could take
 * the test's JVM down instead of failing a test.
 */
class ExperimentFuzzTest {
    static Path seeds;
    static List<String> files = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        seeds = Files.createTempDirectory("fuzz-experiment");
        Dataset d = TestDatasets.withRepeats(40, 2, 2, 3);
        try (TrainingService s = new TrainingService()) {
            s.start(new TrainingRequest(d, Presets.config("core-readout", Map.of("max_epochs", "1", "filters", "2", "first_size", "3",
                    "layers", "1", "batch_size", "20"), 1), List.of("A"), 1, seeds.resolve("exp"))).result().get();
        }
        Path exp = seeds.resolve("exp");
        try (Stream<Path> all = Files.walk(exp)) {
            all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("model.fb"))
                    .forEach(f -> files.add(exp.relativize(f).toString()));
        }
    }

    @AfterAll
    static void clean() throws IOException {
        AtomicFiles.deleteTree(seeds);
    }

    @Test
    void brokenExperimentFilesLoadOrSayWhichFile() throws Exception {
        assertTrue(files.contains(Experiment.CONFIG) && files.stream().anyMatch(f -> f.endsWith("network.json")), files.toString());
        Hostile.fuzz("saved experiment (config, training, metrics, history, scores, predictions, network.json)", 17, 300, (rnd, i) -> {
            Path dir = Files.createTempDirectory(seeds, "try").resolve("exp");
            Hostile.copyTree(seeds.resolve("exp"), dir);
            Path broken = dir.resolve(files.get(rnd.nextInt(files.size())));
            Hostile.mutate(broken, Hostile.edits(rnd));
            Hostile.expectLoadedOrBad(broken, () -> Experiment.load(dir));
            Hostile.expectLoadedOrBad(broken, () -> ExperimentSummary.read(dir));
        });
    }

    @Test
    void aSavesLeftoverTemporaryFolderIsNotListed() throws Exception {
        Path root = Files.createTempDirectory(seeds, "list");
        Hostile.copyTree(seeds.resolve("exp"), root.resolve("exp"));
        Hostile.copyTree(seeds.resolve("exp"), root.resolve(".exp.tmp-killed"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(root.resolve("exp")),
                ExperimentSummary.scan(root).stream().map(ExperimentSummary::dir).toList());
    }

    private static void assertTrue(boolean b, String message) {
        org.junit.jupiter.api.Assertions.assertTrue(b, message);
    }
}
