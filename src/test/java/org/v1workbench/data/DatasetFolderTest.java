package org.v1workbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DatasetFolderTest {
    @TempDir Path dir;

    @Test
    void writesAndReadsBackEveryField() throws Exception {
        Dataset d = TestDatasets.withRepeats(40, 3, 5, 1);
        Path out = dir.resolve("ds");
        DatasetFolder.write(d, out);
        for (String f : new String[]{"dataset.json", "stimuli.npy", "responses.npy", "neurons.csv"}) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        Dataset back = DatasetFolder.read(out);
        assertArrayEquals(d.stimuliArray(), back.stimuliArray());
        assertArrayEquals(d.responsesArray(), back.responsesArray());
        assertEquals(d.neurons(), back.neurons());
        assertEquals(d.tiers(), back.tiers());
        assertEquals(d.windowSeconds(), back.windowSeconds());
        assertEquals("|u1", Npy.read(out.resolve("stimuli.npy")).dtype(), "integer grey levels are stored as uint8");
        assertArrayEquals(new int[]{40, 3, 5}, Npy.read(out.resolve("responses.npy")).shape());
    }

    @Test
    void replacesAnExistingFolderOnlyWhenTheNewOneIsComplete() throws Exception {
        Path out = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(20, 2, 3, 1), out);
        byte[] before = Files.readAllBytes(out.resolve("responses.npy"));
        assertThrows(RuntimeException.class, () -> AtomicFiles.writeDirectory(out, tmp -> {
            Files.writeString(tmp.resolve("dataset.json"), "{}");
            throw new IllegalStateException("failed half way");
        }));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("responses.npy")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary folder left behind");
        }
    }

    @Test
    void shapesThatDisagreeAreRejectedNamingTheFile() throws Exception {
        Path out = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(20, 2, 3, 1), out);
        Npy.writeFloat32(out.resolve("responses.npy"), new int[]{19, 2, 3}, new float[19 * 6]);
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetFolder.read(out));
        assertTrue(e.getMessage().contains("responses.npy") && e.getMessage().contains("19 images"), e.getMessage());
    }

    @Test
    void nanPixelsAndInfiniteResponsesAreRejected() throws Exception {
        Path out = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(20, 2, 3, 1), out);
        float[] stim = new float[20 * 64];
        stim[5] = Float.NaN;
        Npy.writeFloat32(out.resolve("stimuli.npy"), new int[]{20, 8, 8}, stim);
        assertTrue(assertThrows(BadInputException.class, () -> DatasetFolder.read(out)).getMessage().contains("stimuli.npy"));

        DatasetFolder.write(TestDatasets.withRepeats(20, 2, 3, 1), out);
        float[] resp = new float[20 * 6];
        resp[3] = Float.POSITIVE_INFINITY;
        Npy.writeFloat32(out.resolve("responses.npy"), new int[]{20, 2, 3}, resp);
        assertTrue(assertThrows(BadInputException.class, () -> DatasetFolder.read(out)).getMessage().contains("infinite"));
    }

    @Test
    void missingRepeatsAreNaNAndAllowed() throws Exception {
        Dataset d = TestDatasets.withRepeats(20, 2, 3, 1);
        float[] resp = d.responsesArray();
        resp[0] = Float.NaN;
        Dataset gap = d.toBuilder().responses(resp, 2, 3).build();
        Path out = dir.resolve("ds");
        DatasetFolder.write(gap, out);
        assertTrue(Float.isNaN(DatasetFolder.read(out).response(0, 0, 0)));
    }

    @Test
    void neuronsCsvMustDescribeEveryNeuron() throws Exception {
        Path out = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(20, 2, 3, 1), out);
        Files.writeString(out.resolve("neurons.csv"), "id,session\nn0,A\nn1,B\n");
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetFolder.read(out));
        assertTrue(e.getMessage().contains("neurons.csv") && e.getMessage().contains("2 neurons"), e.getMessage());
    }

    @Test
    void aPythonUsersMinimalFolderOpens() throws Exception {
        Path out = dir.resolve("py");
        Files.createDirectories(out);
        Files.writeString(out.resolve("dataset.json"), "{\"window_s\": 0.05}");
        Npy.writeFloat32(out.resolve("stimuli.npy"), new int[]{10, 4, 4}, new float[160]);
        Npy.writeFloat32(out.resolve("responses.npy"), new int[]{10, 2}, new float[20]);
        Dataset d = Importers.open(out);
        assertEquals(1, d.repeats());
        assertEquals(2, d.neuronCount());
        assertEquals("n1", d.neuron(0).id());
        assertEquals("py", d.name());
    }

    @Test
    void emptyFolderAndMissingMetadataAreNamed() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        BadInputException e = assertThrows(BadInputException.class, () -> Importers.open(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("empty"), e.getMessage());

        Path noJson = dir.resolve("nojson");
        Files.createDirectories(noJson);
        Npy.writeFloat32(noJson.resolve("stimuli.npy"), new int[]{1, 1, 1}, new float[1]);
        assertTrue(assertThrows(BadInputException.class, () -> DatasetFolder.read(noJson)).getMessage().contains("dataset.json"));
    }
}
