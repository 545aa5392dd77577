package org.v1workbench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Neuron;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;
import java.util.Map;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** {@code snapshot} from the command line: PNGs of every view, clear errors for bad input. */
class SnapshotCommandTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void setUp() throws Exception {
        // JavaFX starts once per JVM; started here the way the other window tests start it, so
        // that snapshot finds it running and leaves it running for them.
        FxToolkit.registerPrimaryStage();
        Random rnd = new Random(3);
        int images = 30, size = 16, repeats = 5, neurons = 8;
        float[] stim = new float[images * size * size];
        for (int i = 0; i < stim.length; i++) stim[i] = rnd.nextInt(256);
        float[] resp = new float[images * repeats * neurons];
        for (int i = 0; i < resp.length; i++) resp[i] = rnd.nextInt(6);
        List<Neuron> list = new ArrayList<>();
        for (int n = 0; n < neurons; n++) list.add(new Neuron("n" + n, n < 4 ? "s1" : "s2"));
        Dataset d = Dataset.builder().name("snapshot-test").stimuli(stim, images, size, size).responses(resp, repeats, neurons)
                .neurons(list).windowSeconds(0.05).build();
        data = dir.resolve("data");
        DatasetFolder.write(d, data);
    }

    @Test
    void datasetViewRendersToPng() throws Exception {
        Path out = dir.resolve("shots/dataset.png");
        assertEquals(0, Main.run("snapshot", "--view", "dataset", "--data", data.toString(), "--out", out.toString()));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(1400, img.getWidth());
        assertEquals(900, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
        assertTrue(colours.size() > 200, "a drawn window (text, thumbnails, charts), not a blank image: " + colours.size() + " colours");
    }

    @Test
    void modelViewsRenderAnExperimentAndRefuseOneOfAnotherDataset() throws Exception {
        Dataset d = DatasetFolder.read(data);
        Path exp = dir.resolve("exp");
        try (TrainingService service = new TrainingService()) {
            service.start(new TrainingRequest(d, Presets.config("core-readout", Map.of("filters", "2", "first_size", "5", "layers", "1",
                    "batch_size", "8", "max_epochs", "2"), 1), exp)).await();
        }
        for (String view : List.of("training", "inspector", "filters")) {
            Path out = dir.resolve("shots/" + view + ".png");
            assertEquals(0, Main.run("snapshot", "--view", view, "--data", data.toString(), "--experiment", exp.toString(), "--out", out.toString()));
            BufferedImage img = ImageIO.read(out.toFile());
            assertEquals(1400, img.getWidth());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
            assertTrue(colours.size() > 100, view + ": a drawn window, not a blank image: " + colours.size() + " colours");
        }

        String err = stderrOf(() -> assertEquals(2, Main.run("snapshot", "--view", "inspector", "--data", data.toString(),
                "--experiment", data.toString(), "--out", dir.resolve("x.png").toString())));
        assertTrue(err.contains("not an experiment folder"), err);
        assertEquals(1, err.strip().lines().count(), "one line, no stack trace: " + err);

        Dataset other = d.toBuilder().name("other").responses(new float[30 * 5 * 8], 5, 8).build();
        Path otherData = dir.resolve("other");
        DatasetFolder.write(other, otherData);
        err = stderrOf(() -> assertEquals(2, Main.run("snapshot", "--view", "inspector", "--data", otherData.toString(),
                "--experiment", exp.toString(), "--out", dir.resolve("y.png").toString())));
        assertTrue(err.contains("was trained on dataset 'snapshot-test'"), err);
        assertFalse(Files.exists(dir.resolve("y.png")));
    }

    @Test
    void theSnapshotsModelIsTrainedOnceAndCached() throws Exception {
        Dataset d = DatasetFolder.read(data);
        Path cache = dir.resolve("cache");
        long t0 = System.nanoTime();
        Path first = org.v1workbench.ui.shell.SnapshotModel.ensure(cache, d, line -> {});
        assertTrue(org.v1workbench.experiment.ExperimentSummary.isExperiment(first));
        var s = org.v1workbench.experiment.ExperimentSummary.read(first);
        // saved with loss = auto resolved: Poisson on the sample's spike counts
        assertEquals(org.v1workbench.ui.shell.SnapshotModel.config().with("loss", "poisson").hyperparameters(), s.hyperparameters());
        assertEquals(org.v1workbench.ui.shell.SnapshotModel.config().integer("max_epochs"), s.epochs());
        List<String> lines = new ArrayList<>();
        assertEquals(first, org.v1workbench.ui.shell.SnapshotModel.ensure(cache, d, lines::add));
        assertEquals(List.of(), lines, "nothing trained the second time");
        assertNotEquals(first, org.v1workbench.ui.shell.SnapshotModel.folder(cache, d.toBuilder().name("x").responses(new float[30 * 5 * 8], 5, 8).build(),
                org.v1workbench.ui.shell.SnapshotModel.config()), "another dataset, another cache entry");
    }

    /**
     * A model view without --experiment says on stderr that it shows the snapshot's own short
     * model, trained now the first time and cached after, and how to show one's own.
     */
    @Test
    void aModelViewWithoutAnExperimentSaysItShowsTheSnapshotsOwnModel() throws Exception {
        String before = System.getProperty("v1workbench.cache");
        System.setProperty("v1workbench.cache", dir.resolve("own-cache").toString());
        try {
            Path out = dir.resolve("shots/own-inspector.png");
            String err = stderrOf(() -> assertEquals(0, Main.run("snapshot", "--view", "inspector", "--data", data.toString(), "--out", out.toString())));
            String first = err.lines().findFirst().orElse("");
            assertTrue(first.startsWith("snapshot: no --experiment, so the inspector view shows the snapshot's own short model"), err);
            assertTrue(first.contains("which it trains now on dataset 'snapshot-test'") && first.contains("pass --experiment EXP"), first);
            assertTrue(err.contains("snapshot model: epoch 1/6"), "the training's progress: " + err);
            assertTrue(Files.size(out) > 0);
            err = stderrOf(() -> assertEquals(0, Main.run("snapshot", "--view", "filters", "--data", data.toString(), "--out", out.toString())));
            assertTrue(err.startsWith("snapshot: no --experiment, so the filters view shows the snapshot's own short model (core-readout, "
                    + "8 filters, 6 epochs) trained earlier on dataset 'snapshot-test' and cached in "), err);
            assertFalse(err.contains("epoch 1/6"), "not trained again: " + err);
            err = stderrOf(() -> assertEquals(0, Main.run("snapshot", "--view", "dataset", "--data", data.toString(), "--out", out.toString())));
            assertFalse(err.contains("no --experiment"), "the dataset view has no model: " + err);
        } finally {
            if (before == null) System.clearProperty("v1workbench.cache");
            else System.setProperty("v1workbench.cache", before);
        }
    }

    @Test
    void badArgumentsExitWith2() {
        String err = stderrOf(() -> assertEquals(2, Main.run("snapshot", "--view", "gallery", "--data", data.toString(), "--out", dir.resolve("x.png").toString())));
        assertTrue(err.contains("unknown view 'gallery'"), err);
        err = stderrOf(() -> assertEquals(2, Main.run("snapshot", "--view", "dataset", "--data", dir.resolve("missing").toString(), "--out", dir.resolve("x.png").toString())));
        assertTrue(err.contains("missing") && err.contains("not found"), err);
        err = stderrOf(() -> assertEquals(2, Main.run("snapshot", "--view", "dataset", "--data", data.toString(), "--out", dir.resolve("x.jpg").toString())));
        assertTrue(err.contains(".png"), err);
        assertEquals(2, Main.run("snapshot", "--view", "dataset", "--data", data.toString()), "--out is required");
    }

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString();
    }
}
