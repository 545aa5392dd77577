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

    /** A folder as a Python user writes a two-photon recording: the arrays and a dataset.json. */
    private Path signalFolder(String name, String json) throws Exception {
        Path out = dir.resolve(name);
        Files.createDirectories(out);
        Files.writeString(out.resolve("dataset.json"), json);
        Npy.writeFloat32(out.resolve("stimuli.npy"), new int[]{6, 3, 3}, new float[54]);
        float[] r = new float[12];
        for (int i = 0; i < r.length; i++) r[i] = (i % 3 - 1) * 0.7f; // -0.7, 0, 0.7: negative values are real
        Npy.writeFloat32(out.resolve("responses.npy"), new int[]{6, 2}, r);
        return out;
    }

    @Test
    void negativeValuesWithNoKindNamedAreReadAsASignalWithANote() throws Exception {
        Dataset d = DatasetFolder.read(signalFolder("z", "{\"name\": \"z-scored\", \"window_s\": 0.5}"));
        assertEquals(ResponseKind.SIGNAL, d.responseKind());
        assertTrue(d.responseKind().signed());
        assertEquals("a.u.", d.unit());
        assertTrue(d.notes().get("responses").contains("continuous signal"), d.notes().toString());
        assertEquals(-0.7f, d.response(0, 0, 0), 1e-6, "values kept as recorded, no offset");
        assertTrue(Double.isNaN(d.meanRatesHz()[0]), "a signal has no rate in Hz");
        assertEquals((-0.7 + 0 + 0.7 - 0.7 + 0 + 0.7) / 6, d.meanLevels()[0], 1e-6, "mean in the signal's unit, not divided by the window");
    }

    @Test
    void aDeclaredKindAndUnitAreReadAndWrittenBack() throws Exception {
        Dataset d = DatasetFolder.read(signalFolder("dff", "{\"window_s\": 0.5, \"responses\": \"dff\", \"unit\": \"dF/F0\"}"));
        assertEquals(ResponseKind.DFF, d.responseKind());
        assertEquals("dF/F0", d.unit());
        assertFalse(d.notes().containsKey("responses"), "a declared kind needs no note");
        Path again = dir.resolve("dff-again");
        DatasetFolder.write(d, again);
        String json = Files.readString(again.resolve("dataset.json"));
        assertTrue(json.contains("\"responses\" : \"dff\"") && json.contains("\"unit\" : \"dF/F0\""), json);
        Dataset back = DatasetFolder.read(again);
        assertEquals(ResponseKind.DFF, back.responseKind());
        assertEquals("dF/F0", back.unit());
        assertArrayEquals(d.responsesArray(), back.responsesArray());
        // counts written before the kind existed read as counts; written now, they say so
        Path counts = dir.resolve("counts");
        DatasetFolder.write(TestDatasets.withRepeats(20, 2, 3, 1), counts);
        assertTrue(Files.readString(counts.resolve("dataset.json")).contains("\"responses\" : \"spike_counts\""));
        assertEquals(ResponseKind.SPIKE_COUNTS, DatasetFolder.read(counts).responseKind());
        assertEquals("Hz", DatasetFolder.read(counts).unit());
    }

    @Test
    void negativeValuesInDeclaredCountsAreRefusedNamingTheFile() throws Exception {
        for (String kind : new String[]{"spike_counts", "rates", "deconvolved"}) {
            Path out = signalFolder("bad-" + kind, "{\"window_s\": 0.5, \"responses\": \"" + kind + "\"}");
            BadInputException e = assertThrows(BadInputException.class, () -> DatasetFolder.read(out));
            assertTrue(e.getMessage().contains("responses.npy") && e.getMessage().contains(kind) && e.getMessage().contains("dff"), e.getMessage());
        }
        Path unknown = signalFolder("volts", "{\"window_s\": 0.5, \"responses\": \"volts\"}");
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetFolder.read(unknown));
        assertTrue(e.getMessage().contains("dataset.json") && e.getMessage().contains("zscore"), e.getMessage());
    }
}
