package org.v1workbench.data.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.cli.Main;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importers;
import org.v1workbench.data.Npy;
import org.v1workbench.data.Tier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code import sensorium} on a small static file tree written here, with known repeats, tiers and responses. */
class SensoriumImporterTest {
    /** Trial -> image id; image 30 is shown three times (the test repeats), the others once. */
    static final int[] IMAGE_ID = {30, 10, 20, 30, 40, 30};
    static final String[] TIERS = {"final_test", "train", "train", "final_test", "validation", "final_test"};
    static final int NEURONS = 3, H = 4, W = 6;

    @TempDir Path tmp;

    /** Response of neuron n on trial t. */
    static float response(int t, int n) {
        return 10 * t + n + 0.5f;
    }

    /** NumPy's '<U' strings, which the project's writer does not need otherwise. */
    static void writeStrings(Path file, String[] values, int width) throws IOException {
        String dict = "{'descr': '<U" + width + "', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + values.length * width * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (String v : values) for (int i = 0; i < width; i++) b.putInt(i < v.length() ? v.charAt(i) : 0);
        Files.write(file, b.array());
    }

    static Path tree(Path root) throws IOException {
        for (String d : List.of("data/images", "data/responses", "data/behavior", "data/pupil_center", "meta/trials", "meta/neurons"))
            Files.createDirectories(root.resolve(d));
        for (int t = 0; t < IMAGE_ID.length; t++) {
            float[] img = new float[H * W];
            for (int i = 0; i < img.length; i++) img[i] = IMAGE_ID[t] + i;
            Npy.writeFloat32(root.resolve("data/images/" + t + ".npy"), new int[]{1, H, W}, img);
            float[] r = new float[NEURONS];
            for (int n = 0; n < NEURONS; n++) r[n] = response(t, n);
            Npy.writeFloat32(root.resolve("data/responses/" + t + ".npy"), new int[]{NEURONS}, r);
            Npy.writeFloat32(root.resolve("data/behavior/" + t + ".npy"), new int[]{3}, new float[]{t, 2 * t, 3 * t});
            Npy.writeFloat32(root.resolve("data/pupil_center/" + t + ".npy"), new int[]{2}, new float[]{100 + t, 200 + t});
        }
        writeStrings(root.resolve("meta/trials/tiers.npy"), TIERS, 10);
        float[] ids = new float[IMAGE_ID.length];
        for (int t = 0; t < ids.length; t++) ids[t] = IMAGE_ID[t];
        Npy.writeFloat32(root.resolve("meta/trials/frame_image_id.npy"), new int[]{ids.length}, ids);
        Npy.writeFloat32(root.resolve("meta/neurons/unit_ids.npy"), new int[]{NEURONS}, new float[]{101, 102, 103});
        writeStrings(root.resolve("meta/neurons/area.npy"), new String[]{"V1", "V1", "LM"}, 2);
        Npy.writeFloat32(root.resolve("meta/neurons/cell_motor_coordinates.npy"), new int[]{NEURONS, 3}, new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        return root;
    }

    @Test
    void repeatsTiersAndResponsesAreAsPlanted() throws IOException {
        Path src = tree(tmp.resolve("static-tree"));
        assertTrue(new SensoriumImporter().recognises(src));
        Dataset d = new SensoriumImporter().load(src, ImportOptions.defaults());
        assertEquals(4, d.images()); // ids 10, 20, 30, 40 in ascending order
        assertEquals(3, d.repeats());
        assertEquals(H, d.height());
        assertEquals(W, d.width());
        assertEquals(List.of("101", "102", "103"), d.neurons().stream().map(n -> n.id()).toList());
        assertEquals("LM", d.neuron(2).property("area"));
        assertEquals("8", d.neuron(2).property("cell_motor_coordinates_1"));
        // image 30 (index 2) is trials 0, 3, 5 in that order; the others have one repeat and NaN after it.
        assertEquals(response(0, 1), d.response(2, 0, 1));
        assertEquals(response(3, 1), d.response(2, 1, 1));
        assertEquals(response(5, 2), d.response(2, 2, 2));
        assertEquals(response(1, 0), d.response(0, 0, 0));
        assertTrue(Float.isNaN(d.response(0, 1, 0)));
        assertEquals(response(4, 2), d.response(3, 0, 2));
        assertEquals(30 + 5, d.pixel(2, 0, 5));
        assertEquals(List.of(Tier.TRAIN, Tier.TRAIN, Tier.TEST, Tier.VALIDATION),
                List.of(d.tiers().of(0), d.tiers().of(1), d.tiers().of(2), d.tiers().of(3)));
        assertEquals(0.5, d.windowSeconds());
        assertEquals(org.v1workbench.data.ResponseKind.DECONVOLVED, d.responseKind());
        assertEquals("sensorium", Importers.all().stream().filter(i -> i.recognises(src)).findFirst().orElseThrow().format());
    }

    @Test
    void theCliWritesTheDatasetAndKeepsBehaviourAside() throws IOException {
        Path src = tree(tmp.resolve("static-tree"));
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("import", "sensorium", src.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.status(), r.err());
        Dataset d = DatasetFolder.read(out);
        assertEquals(response(5, 2), d.response(2, 2, 2));
        Csv.Table trials = Csv.read(out.resolve(SensoriumImporter.TRIALS_CSV));
        assertEquals(List.of("trial", "image_id", "image", "repeat", "tier", "behavior_0", "behavior_1", "behavior_2",
                "pupil_center_0", "pupil_center_1"), trials.columns());
        assertEquals("3", trials.rows().get(5).get("repeat"));
        assertEquals("final_test", trials.rows().get(5).get("tier"));
        assertEquals("15.0", trials.rows().get(5).get("behavior_2"));
        assertEquals("204.0", trials.rows().get(4).get("pupil_center_1"));
    }

    @Test
    void anImageInTwoTiersIsBadInput() throws IOException {
        Path src = tree(tmp.resolve("static-tree"));
        String[] tiers = TIERS.clone();
        tiers[3] = "train";
        writeStrings(src.resolve("meta/trials/tiers.npy"), tiers, 10);
        CliRunner.Result r = CliRunner.run("import", "sensorium", src.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, r.status());
        assertTrue(r.err().contains("image 30 is in test and in train (trial 3)"), r.err());
        Files.delete(src.resolve("meta/trials/frame_image_id.npy"));
        CliRunner.Result r2 = CliRunner.run("import", "sensorium", src.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(Main.BAD_INPUT, r2.status());
        assertTrue(r2.err().contains("has no meta/trials/frame_image_id.npy"), r2.err());
    }

    @Test
    void negativeResponsesAreKeptAsStoredAsASignal() throws IOException {
        // Formerly every response was raised by the minimum; now the values stay and the kind says what they are.
        Path src = tree(tmp.resolve("neg"));
        float[] r = {-1.25f, 2f, 3f};
        Npy.writeFloat32(src.resolve("data/responses/1.npy"), new int[]{NEURONS}, r);
        Dataset d = new SensoriumImporter().load(src, ImportOptions.defaults());
        assertEquals(org.v1workbench.data.ResponseKind.SIGNAL, d.responseKind());
        assertEquals(-1.25f, d.response(0, 0, 0)); // trial 1 shows image 10, the first id
        assertEquals(response(2, 0), d.response(1, 0, 0));
        assertTrue(d.notes().get("kind").contains("negative"), d.notes().get("kind"));
    }
}
