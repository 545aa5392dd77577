package org.v1workbench.data.importers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Hostile;
import org.v1workbench.data.ImportOptions;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the outside formats: MAT v5 (pvc-8 processed), HDF5/NWB and image folders. Good
 * fixtures are broken at random; each try loads or is refused with a BadInputException naming
 * the file. Seeded and bounded by tries.
 */
class ImporterFuzzTest {
    static Path seeds;

    @BeforeAll
    static void seeds() throws Exception {
        seeds = Files.createTempDirectory("fuzz-importers");
        Path mat = Files.createDirectories(seeds.resolve("mat"));
        Pvc8ProcessedFixtureTest.writeSession(mat.resolve("01mean50ms_a.mat"), 1, 3, 0);
        Path img = Files.createDirectories(seeds.resolve("images"));
        int[][][] a = ImageFolderImporterTest.randomRgb(1, 6, 8);
        ImageFolderImporterTest.write(ImageFolderImporterTest.rgbImage(a, BufferedImage.TYPE_INT_RGB), "png", img.resolve("a.png"));
        ImageFolderImporterTest.write(ImageFolderImporterTest.rgbImage(a, BufferedImage.TYPE_INT_RGB), "tiff", img.resolve("b.tif"));
        ImageFolderImporterTest.write(ImageFolderImporterTest.rgbImage(a, BufferedImage.TYPE_INT_RGB), "bmp", img.resolve("c.bmp"));
        Files.writeString(img.resolve("responses.csv"), "image,n1,n2\na.png,1,2\nb.tif,3,4\nc.bmp,5,6\na.png,0,1\n");
    }

    @AfterAll
    static void clean() throws Exception {
        AtomicFiles.deleteTree(seeds);
    }

    static Path fresh(Path from) throws Exception {
        Path dir = Files.createTempDirectory(seeds, "try").resolve(from.getFileName().toString());
        Hostile.copyTree(from, dir);
        return dir;
    }

    @Test
    void matV5() throws Exception {
        Hostile.fuzz("MAT v5 (pvc8-processed)", 15, 200, (rnd, i) -> {
            Path dir = fresh(seeds.resolve("mat"));
            Path f = dir.resolve("01mean50ms_a.mat");
            Hostile.mutate(f, Hostile.edits(rnd));
            Hostile.expectLoadedOrBad(dir, () -> new Pvc8ProcessedImporter().load(dir, ImportOptions.defaults()));
        });
    }

    @Test
    void hdf5Nwb() throws Exception {
        // Hand-made layouts and pynwb's (groups without neurodata_type, links, references, text columns).
        List<String> fixtures = List.of("templates-units.nwb", "dff.nwb", "ragged.nwb", "pynwb-2p.nwb", "pynwb-names.nwb");
        Hostile.fuzz("HDF5/NWB", 15, 300, (rnd, i) -> {
            Path dir = Files.createTempDirectory(seeds, "try");
            Path f = dir.resolve("session.nwb");
            Files.copy(NwbImporterTest.fixture(fixtures.get(rnd.nextInt(fixtures.size()))), f);
            Hostile.mutate(f, Hostile.edits(rnd));
            Hostile.expectLoadedOrBad(f, () -> new NwbImporter().load(f, ImportOptions.defaults()));
            // What info reads, and the ophys path of the importer (a bad input where the file has no such series).
            Hostile.expectLoadedOrBad(f, () -> NwbContents.read(f));
            Hostile.expectLoadedOrBad(f, () -> new NwbImporter().load(f, ImportOptions.nwb(null, null, null, null, null, "DfOverF/RoiResponseSeries")));
        });
    }

    @Test
    void imageFolder() throws Exception {
        String[] files = {"a.png", "b.tif", "c.bmp", "responses.csv"};
        Hostile.fuzz("image folder", 15, 300, (rnd, i) -> {
            Path dir = fresh(seeds.resolve("images"));
            Hostile.mutate(dir.resolve(files[rnd.nextInt(files.length)]), Hostile.edits(rnd));
            Hostile.expectLoadedOrBad(dir, () -> new ImageFolderImporter().load(dir, ImportOptions.defaults()));
        });
    }
}
