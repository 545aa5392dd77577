package org.v1workbench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Neuron;

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

/** {@code snapshot} from the command line: a PNG of the dataset view, clear errors for the rest. */
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
    void modelViewsNeedAnExperiment() {
        for (String view : List.of("training", "inspector", "filters")) {
            String err = stderrOf(() -> assertEquals(2, Main.run("snapshot", "--view", view, "--data", data.toString(),
                    "--out", dir.resolve(view + ".png").toString())));
            assertTrue(err.contains("needs an experiment"), err);
            assertEquals(1, err.strip().lines().count(), "one line, no stack trace: " + err);
            assertFalse(Files.exists(dir.resolve(view + ".png")));
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
