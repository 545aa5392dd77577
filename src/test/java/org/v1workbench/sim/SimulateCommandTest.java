package org.v1workbench.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.Main;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code simulate} writes the on-disk format with ground truth; bad options exit with status 2. */
class SimulateCommandTest {
    @Test
    void writesADatasetWithGroundTruth(@TempDir Path tmp) {
        Path out = tmp.resolve("sim");
        int status = Main.run("simulate", "--out", out.toString(), "--images", "30", "--neurons", "8", "--repeats", "4",
                "--size", "32", "--seed", "3", "--overdispersion", "0.2", "--noise", "0.2");
        assertEquals(0, status);
        Dataset d = DatasetFolder.read(out);
        assertEquals(30, d.images());
        assertEquals(8, d.neuronCount());
        assertEquals(4, d.repeats());
        assertEquals(32, d.width());
        assertTrue(Files.isRegularFile(out.resolve("true_rates.npy")));
        assertTrue(d.notes().get("spike_counts").contains("gamma-Poisson"));
        for (var n : d.neurons()) {
            String type = n.property("cell_type");
            assertTrue(java.util.Set.of("simple", "complex", "center_surround", "other").contains(type), type);
            assertTrue(Double.parseDouble(n.property("max_rate_hz")) > 0);
        }
    }

    @Test
    void badOptionsGiveStatusTwoAndOneLine(@TempDir Path tmp) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(2, Main.run("simulate", "--out", tmp.resolve("x").toString(), "--images", "0"));
            assertEquals(2, Main.run("simulate", "--out", tmp.resolve("x").toString(), "--photos", tmp.resolve("nowhere").toString(), "--images", "3"));
            assertEquals(2, Main.run("simulate", "--images", "3"));
            assertEquals(2, Main.run("simulate", "--out", tmp.resolve("x").toString(), "--noise", "2"));
        } finally {
            System.setErr(old);
        }
        String text = err.toString();
        assertTrue(text.contains("--images must be at least 1"), text);
        assertTrue(text.contains("nowhere"), text);
        assertTrue(text.contains("--out DIR is required"), text);
        assertFalse(text.contains("Exception"), "no stack trace: " + text);
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
    }

    @Test
    void hiddenFigureOptionDrawsAPng(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("fig.png");
        assertEquals(0, Main.run("simulate", "--figure", png.toString(), "--neurons", "30", "--size", "48"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 5 * 96 && img.getHeight() > 300);
    }
}
