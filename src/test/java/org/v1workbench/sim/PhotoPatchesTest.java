package org.v1workbench.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Patches cut from a user's photographs: grey, the right size, seeded, and bad folders refused. */
class PhotoPatchesTest {
    @Test
    void colourPhotosBecomeRec601GreyPatches(@TempDir Path dir) throws Exception {
        BufferedImage red = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) for (int x = 0; x < 200; x++) red.setRGB(x, y, 0xC80000); // R = 200
        ImageIO.write(red, "png", dir.resolve("red.png").toFile());
        Files.writeString(dir.resolve("notes.txt"), "not a photo");
        PhotoPatches p = new PhotoPatches(dir, 16);
        assertEquals(1, p.files().size(), "only image files are used");
        float[] patches = p.generate(1, 3);
        assertEquals(3 * 16 * 16, patches.length);
        for (float v : patches) assertEquals(Math.rint(0.299 * 200), v, 0.0);
    }

    @Test
    void greyGradientIsAreaAveragedAndIncreasesAlongX(@TempDir Path dir) throws Exception {
        BufferedImage ramp = new BufferedImage(256, 100, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 100; y++) for (int x = 0; x < 256; x++) ramp.getRaster().setSample(x, y, 0, x);
        ImageIO.write(ramp, "png", dir.resolve("ramp.png").toFile());
        float[] patches = new PhotoPatches(dir, 20).generate(3, 5);
        for (int k = 0; k < 5; k++)
            for (int i = 0; i < 20; i++) {
                for (int j = 1; j < 20; j++)
                    assertTrue(patches[(k * 20 + i) * 20 + j] >= patches[(k * 20 + i) * 20 + j - 1], "grey rises along x");
                assertEquals(patches[(k * 20) * 20 + 5], patches[(k * 20 + i) * 20 + 5], 0.0, "and is constant along y");
            }
        // Area averaging, checked by hand: a 4 x 4 crop of a known pattern down to 2 x 2.
        double[] grey = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30};
        assertArrayEquals(new float[]{5, 9, 21, 25}, PhotoPatches.resample(grey, 4, 0, 0, 4, 2));
        // A 3 x 3 crop to 2 x 2: each output pixel covers 1.5 x 1.5 source pixels.
        double[] g3 = {0, 0, 90, 0, 0, 90, 0, 0, 90};
        float[] out = PhotoPatches.resample(g3, 3, 0, 0, 3, 2);
        assertEquals(0, out[0], 0.0);
        assertEquals(60, out[1], 0.0); // (0.5 * 0 + 1 * 90) / 1.5
    }

    @Test
    void sameSeedSamePatchesAndSimulationRunsOnPhotos(@TempDir Path dir) throws Exception {
        for (int f = 0; f < 3; f++) {
            BufferedImage img = new BufferedImage(120 + 30 * f, 90, BufferedImage.TYPE_INT_RGB);
            java.util.Random r = new java.util.Random(f);
            for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) img.setRGB(x, y, r.nextInt(0x1000000));
            ImageIO.write(img, f == 2 ? "bmp" : "png", dir.resolve("photo" + f + (f == 2 ? ".bmp" : ".png")).toFile());
        }
        PhotoPatches p = new PhotoPatches(dir, 24);
        assertArrayEquals(p.generate(4, 12), new PhotoPatches(dir, 24).generate(4, 12));
        assertTrue(!java.util.Arrays.equals(p.generate(4, 12), p.generate(5, 12)));
        Simulation sim = Simulator.run(SimulationSettings.defaults().withPhotos(dir).withImages(12).withNeurons(5).withRepeats(2).withSize(24));
        assertEquals(12, sim.dataset().images());
        assertTrue(sim.dataset().name().contains("photographs"));
    }

    @Test
    void badFoldersAreRefusedWithTheirName(@TempDir Path dir) throws Exception {
        BadInputException none = assertThrows(BadInputException.class, () -> new PhotoPatches(dir.resolve("missing"), 16));
        assertTrue(none.getMessage().contains("missing"));
        BadInputException empty = assertThrows(BadInputException.class, () -> new PhotoPatches(dir, 16));
        assertTrue(empty.getMessage().contains("no photographs"), empty.getMessage());
        Files.write(dir.resolve("broken.png"), new byte[]{1, 2, 3, 4});
        BadInputException broken = assertThrows(BadInputException.class, () -> new PhotoPatches(dir, 16));
        assertTrue(broken.getMessage().contains("broken.png"), broken.getMessage());
    }
}
