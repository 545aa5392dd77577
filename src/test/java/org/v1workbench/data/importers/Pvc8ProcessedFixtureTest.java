package org.v1workbench.data.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processed pvc-8 importer on MAT 5 files written here (two sessions of 3 and 2 neurons, 4
 * images of 3 x 5 pixels, every value distinct), so that a clean checkout tests it without the
 * real data in ../shared.
 */
class Pvc8ProcessedFixtureTest {
    static final int IMAGES = 4, H = 3, W = 5;

    static int pixel(int i, int y, int x) {
        return 50 * i + 7 * y + x; // uint8: at most 168
    }

    static double activity(int session, int i, int n) {
        return session * 10 + i + 0.25 * n;
    }

    /** A session file as Kindel et al.'s release has it: activity (images x neurons), images (images x H x W, uint8). */
    static void writeSession(Path file, int session, int neurons, int pixelShift) throws Exception {
        MatFile mat = Mat5.newMatFile();
        Matrix activity = Mat5.newMatrix(IMAGES, neurons);
        for (int i = 0; i < IMAGES; i++)
            for (int n = 0; n < neurons; n++) activity.setDouble(i, n, activity(session, i, n));
        Matrix images = Mat5.newMatrix(new int[]{IMAGES, H, W}, MatlabType.UInt8);
        for (int i = 0; i < IMAGES; i++)
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) images.setByte(new int[]{i, y, x}, (byte) (pixel(i, y, x) + pixelShift));
        mat.addArray("activity", activity);
        mat.addArray("images", images);
        Mat5.writeToFile(mat, file.toFile());
    }

    @Test
    void twoSessionsImportWithEveryValueInPlace(@TempDir Path dir) throws Exception {
        writeSession(dir.resolve("01mean50ms_smallim_d2_crop.mat"), 1, 3, 0);
        writeSession(dir.resolve("02mean50ms_smallim_d2_crop.mat"), 2, 2, 0);
        Pvc8ProcessedImporter importer = new Pvc8ProcessedImporter();
        assertTrue(importer.recognises(dir));
        Dataset d = importer.load(dir, ImportOptions.defaults());

        assertEquals(List.of("01", "02"), d.sessions());
        assertEquals(5, d.neuronCount());
        assertEquals(IMAGES, d.images());
        assertEquals(H, d.height());
        assertEquals(W, d.width());
        assertEquals(1, d.repeats());
        assertEquals(0.05, d.windowSeconds());
        List<String> ids = java.util.stream.IntStream.range(0, 5).mapToObj(k -> d.neuron(k).id()).toList();
        assertEquals(List.of("s01-n01", "s01-n02", "s01-n03", "s02-n01", "s02-n02"), ids);
        assertEquals("02", d.neuron(3).session());
        assertEquals("02mean50ms_smallim_d2_crop.mat", d.neuron(3).properties().get("file"));

        int[] session = {1, 1, 1, 2, 2}, within = {0, 1, 2, 0, 1};
        for (int i = 0; i < IMAGES; i++) {
            for (int k = 0; k < 5; k++)
                assertEquals((float) activity(session[k], i, within[k]), d.response(i, 0, k), "image " + i + ", neuron " + ids.get(k));
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) assertEquals(pixel(i, y, x), d.pixel(i, y, x), "pixel (" + i + ", " + y + ", " + x + ")");
        }
        // Mean rate of s02-n02: counts 20.25, 21.25, 22.25, 23.25 per 50 ms; mean 21.75 / 0.05 s = 435 Hz.
        assertEquals(435.0, d.meanRatesHz()[4], 1e-9);
    }

    @Test
    void sessionsThatShowOtherImagesAreNamed(@TempDir Path dir) throws Exception {
        writeSession(dir.resolve("01mean50ms_a.mat"), 1, 3, 0);
        writeSession(dir.resolve("02mean50ms_b.mat"), 2, 2, 1);
        BadInputException e = assertThrows(BadInputException.class, () -> new Pvc8ProcessedImporter().load(dir, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("02mean50ms_b.mat") && e.getMessage().contains("other images"), e.getMessage());
    }

    @Test
    void aNegativeCountIsNamed(@TempDir Path dir) throws Exception {
        MatFile mat = Mat5.newMatFile();
        Matrix activity = Mat5.newMatrix(IMAGES, 1);
        activity.setDouble(2, 0, -1);
        mat.addArray("activity", activity);
        mat.addArray("images", Mat5.newMatrix(new int[]{IMAGES, H, W}, MatlabType.UInt8));
        Mat5.writeToFile(mat, dir.resolve("03mean50ms_c.mat").toFile());
        BadInputException e = assertThrows(BadInputException.class, () -> new Pvc8ProcessedImporter().load(dir, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("03mean50ms_c.mat") && e.getMessage().contains("negative count at image 3, neuron 1"), e.getMessage());
    }
}
