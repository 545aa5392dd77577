package org.v1workbench.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.importers.Pvc8ProcessedImporter;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The importer on the real processed pvc-8 sessions in ../shared (skipped where absent). */
class Pvc8ProcessedImporterTest {
    static final Path SHARED = Path.of("../shared/data/pvc8-processed");
    static Dataset dataset;
    @TempDir Path dir;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isDirectory(SHARED), "shared pvc-8 data not found at " + SHARED.toAbsolutePath() + ": skipped");
        dataset = new Pvc8ProcessedImporter().load(SHARED, ImportOptions.defaults());
    }

    @Test
    void holdsSevenSessionsOf221NeuronsAnd270ImagesOf33By33() {
        assertEquals(7, dataset.sessions().size());
        assertEquals(221, dataset.neuronCount());
        assertEquals(270, dataset.images());
        assertEquals(33, dataset.height());
        assertEquals(33, dataset.width());
        assertEquals(1, dataset.repeats());
        assertEquals(0.05, dataset.windowSeconds());
        assertEquals(26, dataset.neuronsOf("01").length);
        assertEquals(44, dataset.neuronsOf("05").length);
    }

    @Test
    void arraysEqualTheMatFilesValues() throws Exception {
        int offset = 0;
        try (var files = Files.list(SHARED)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mat")).sorted().toList()) {
                MatFile mat = Mat5.readFromFile(f.toFile());
                Matrix activity = mat.getArray("activity"), images = mat.getArray("images");
                int neurons = activity.getDimensions()[1];
                for (int i = 0; i < 270; i++)
                    for (int n = 0; n < neurons; n++)
                        assertEquals((float) activity.getDouble(i, n), dataset.response(i, 0, offset + n), f + " activity(" + i + "," + n + ")");
                for (int i = 0; i < 270; i += 13)
                    for (int y = 0; y < 33; y++)
                        for (int x = 0; x < 33; x++)
                            assertEquals(images.getDouble(new int[]{i, y, x}), dataset.pixel(i, y, x), f + " images(" + i + "," + y + "," + x + ")");
                offset += neurons;
            }
        }
        assertEquals(221, offset);
    }

    @Test
    void importedFolderHoldsTheSameArrays() throws Exception {
        Path out = dir.resolve("pvc8");
        DatasetFolder.write(dataset, out);
        Npy.Array resp = Npy.read(out.resolve("responses.npy"));
        assertArrayEquals(new int[]{270, 1, 221}, resp.shape());
        assertArrayEquals(dataset.responsesArray(), resp.data());
        Npy.Array stim = Npy.read(out.resolve("stimuli.npy"));
        assertArrayEquals(new int[]{270, 33, 33}, stim.shape());
        assertArrayEquals(dataset.stimuliArray(), stim.data());
    }

    @Test
    void meanRatesAreCountsPerFiftyMillisecondsInHz() {
        double[] rates = dataset.meanRatesHz();
        double sum = 0;
        for (int i = 0; i < 270; i++) sum += dataset.response(i, 0, 0);
        assertEquals(sum / 270 / 0.05, rates[0], 1e-9);
        assertTrue(Arrays.stream(rates).allMatch(r -> r >= 0 && r < 200));
    }

    @Test
    void truncatedOrIncompleteSessionFilesAreNamed() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        byte[] real = Files.readAllBytes(SHARED.resolve("01mean50ms_smallim_d2_crop.mat"));
        Files.write(bad.resolve("01mean50ms_smallim_d2_crop.mat"), Arrays.copyOf(real, real.length / 2));
        BadInputException e = assertThrows(BadInputException.class, () -> new Pvc8ProcessedImporter().load(bad, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("01mean50ms_smallim_d2_crop.mat"), e.getMessage());

        Path missing = dir.resolve("missing");
        Files.createDirectories(missing);
        MatFile mat = Mat5.newMatFile();
        mat.addArray("activity", Mat5.newMatrix(270, 3));
        Mat5.writeToFile(mat, missing.resolve("02mean50ms_x.mat").toFile());
        e = assertThrows(BadInputException.class, () -> new Pvc8ProcessedImporter().load(missing, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("02mean50ms_x.mat") && e.getMessage().contains("'images'"), e.getMessage());
    }
}
