package org.v1workbench.data;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the readers of our own on-disk format (NPY, CSV, the dataset folder with its JSON):
 * good files broken at random, each either loaded or refused with a BadInputException naming
 * the file. Bounded by tries, seeded (a failure names the seed that reproduces it).
 */
class DataLoaderFuzzTest {
    static Path seeds;

    @BeforeAll
    static void seeds() throws IOException {
        seeds = Files.createTempDirectory("fuzz-data");
        DatasetFolder.write(TestDatasets.withRepeats(6, 2, 3, 1), seeds.resolve("dataset"));
    }

    @AfterAll
    static void clean() throws IOException {
        AtomicFiles.deleteTree(seeds);
    }

    static Path fresh(String name) throws IOException {
        Path dir = Files.createTempDirectory(seeds, "try");
        Hostile.copyTree(seeds.resolve("dataset"), dir.resolve(name));
        return dir.resolve(name);
    }

    @Test
    void npy() throws Exception {
        Hostile.fuzz("npy", 15, 600, (rnd, i) -> {
            Path f = fresh("d").resolve(rnd.nextBoolean() ? DatasetFolder.RESPONSES : DatasetFolder.STIMULI);
            Hostile.mutate(f, Hostile.edits(rnd));
            Hostile.expectLoadedOrBad(f, () -> Npy.read(f));
            Hostile.expectLoadedOrBad(f, () -> Npy.readStrings(f));
        });
    }

    @Test
    void csv() throws Exception {
        Hostile.fuzz("csv", 15, 400, (rnd, i) -> {
            Path f = fresh("d").resolve(DatasetFolder.NEURONS);
            Hostile.mutate(f, Hostile.edits(rnd));
            Hostile.expectLoadedOrBad(f, () -> Csv.read(f));
        });
    }

    @Test
    void datasetFolderAndJson() throws Exception {
        String[] files = {DatasetFolder.META, DatasetFolder.META, DatasetFolder.STIMULI, DatasetFolder.RESPONSES, DatasetFolder.NEURONS};
        Hostile.fuzz("dataset folder (dataset.json, npy, csv)", 15, 600, (rnd, i) -> {
            Path dir = fresh("dataset-under-test");
            Hostile.mutate(dir.resolve(files[rnd.nextInt(files.length)]), Hostile.edits(rnd));
            Hostile.expectLoadedOrBad(dir, () -> DatasetFolder.read(dir));
            Hostile.expectLoadedOrBad(dir, () -> Importers.open(dir));
        });
    }
}
