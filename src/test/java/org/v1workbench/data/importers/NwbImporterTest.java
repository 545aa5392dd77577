package org.v1workbench.data.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.cli.Main;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Npy;
import org.v1workbench.data.ResponseKind;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import nwb} on the fixtures of src/test/resources/nwb (written by make_fixtures.py, whose
 * docstring states the planted numbers), and the one-line messages for bad files.
 */
class NwbImporterTest {
    static final double WINDOW = 0.3;
    static final int[] TEMPLATE_ORDER = {0, 1, 2, 3, 1, 0, 3, 2, 2, 3, 0, 1};
    static final int[] DFF_ORDER = {1, 0, 2, 1, 2, 0};
    static final int[] FRAMES = {2, 0, -1, 1, 2, 0, 1, -1, 0, 1, 2};

    @TempDir Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(NwbImporterTest.class.getResource("/nwb/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The planted spike count of unit u at presentation p (make_fixtures.py). */
    static int count(int u, int p) {
        return (u + 2 * p) % 5;
    }

    /** make_fixtures.py's image(h, w, seed). */
    static float pixel(int w, int seed, int y, int x) {
        return ((y * w + x) * 7 + seed * 40) % 256;
    }

    private static Dataset load(String name, ImportOptions o) {
        return new NwbImporter().load(fixture(name), o);
    }

    private static ImportOptions window(double w) {
        return ImportOptions.nwb(null, null, null, null, w, null);
    }

    /** Image i's presentations in time order are its repeats: response(image, repeat, neuron) = planted(p). */
    private static void assertPlanted(Dataset d, int[] order, int units, java.util.function.BiFunction<Integer, Integer, Double> planted) {
        int[] seen = new int[d.images()];
        for (int p = 0; p < order.length; p++) {
            int img = order[p];
            if (img < 0) continue;
            int rep = seen[img]++;
            for (int u = 0; u < units; u++)
                assertEquals(planted.apply(u, p), d.response(img, rep, u), 1e-5, "image " + img + " repeat " + rep + " neuron " + u);
        }
    }

    @Test
    void templatesIndexSeriesAndUnitsGiveThePlantedCounts() {
        Dataset d = load("templates-units.nwb", window(WINDOW));
        assertEquals(4, d.images());
        assertEquals(6, d.height());
        assertEquals(8, d.width());
        assertEquals(3, d.repeats());
        assertEquals(List.of("11", "12", "13"), d.neurons().stream().map(n -> n.id()).toList());
        assertEquals("noise", d.neuron(2).property("quality"));
        assertEquals("2.25", d.neuron(1).property("snr"));
        assertEquals("templates-units", d.neuron(0).session());
        assertEquals(WINDOW, d.windowSeconds(), 1e-12);
        assertPlanted(d, TEMPLATE_ORDER, 3, (u, p) -> (double) count(u, p));
        // Grey images as stored; the RGB image (img_002, grey in RGB) as its luminance, which is the same grey.
        for (int i = 0; i < 4; i++)
            for (int y = 0; y < 6; y++)
                for (int x = 0; x < 8; x++) assertEquals(pixel(8, i, y, x), d.pixel(i, y, x), 1e-3, "image " + i);
    }

    @Test
    void theLatencyMovesTheWindow() {
        // Unit 11 has no planted spike at presentation 0 (image 0, repeat 0), only the decoy 10 ms after
        // onset: counted from 0 s, not from the default 50 ms.
        assertEquals(1, load("templates-units.nwb", ImportOptions.nwb(null, null, null, 0.0, WINDOW, null)).response(0, 0, 0));
        assertEquals(0, load("templates-units.nwb", window(WINDOW)).response(0, 0, 0));
    }

    @Test
    void dfOverFIsAveragedOverTheWindowWithRoiIds() {
        // The planted values start 0.05 s after each onset (make_fixtures.py): that latency, given.
        Dataset d = load("dff.nwb", ImportOptions.nwb(null, null, null, 0.05, WINDOW, null));
        assertEquals(3, d.images());
        assertEquals(2, d.repeats());
        assertEquals(List.of("100", "101"), d.neurons().stream().map(n -> n.id()).toList());
        assertEquals("210", d.neuron(1).property("depth_um"));
        assertPlanted(d, DFF_ORDER, 2, (r, p) -> 1 + r + 0.1 * p);
        for (int i = 0; i < 3; i++) assertEquals(pixel(5, i, 4, 4), d.pixel(i, 4, 4), 1e-3);
        assertTrue(d.notes().get("units").contains("not spike counts"));
        assertEquals(ResponseKind.DFF, d.responseKind());
        assertEquals("dF/F", d.unit());
        // The fixture's masks are all zero: no centroid, so no roi_x.
        assertEquals(null, d.neuron(0).property("roi_x"));
    }

    @Test
    void dfOverFIsKeptAsStoredAndTheOphysLatencyIsZero() {
        // The planted values sit in [onset + 0.05, onset + 0.35); 9.0 (a decoy) elsewhere. With the ophys
        // default latency 0, a 0.3 s window takes in the decoy samples before +0.05 s: the mean moves up,
        // and nothing is subtracted from it.
        Dataset d = load("dff.nwb", window(WINDOW));
        assertTrue(d.notes().get("responses").contains("from 0 s to 0.3 s"), d.notes().get("responses"));
        Dataset at = load("dff.nwb", ImportOptions.nwb(null, null, null, 0.05, WINDOW, null));
        assertPlanted(at, DFF_ORDER, 2, (r, p) -> 1 + r + 0.1 * p);
        assertTrue(d.response(1, 0, 0) > at.response(1, 0, 0) + 0.5, d.response(1, 0, 0) + " vs " + at.response(1, 0, 0));
        assertFalse(d.notes().containsKey("offset"));
        assertEquals(ResponseKind.SPIKE_COUNTS, load("templates-units.nwb", window(WINDOW)).responseKind());
    }

    @Test
    void intervalsTableWithExternalImagesFolder() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("scenes"));
        for (int i = 0; i < 3; i++) {
            BufferedImage img = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) img.getRaster().setSample(x, y, 0, 10 * i + y + x);
            ImageIO.write(img, "png", images.resolve("scene_" + i + ".png").toFile());
        }
        Dataset d = load("intervals-external.nwb", ImportOptions.nwb(images, null, null, null, WINDOW, null));
        assertEquals(3, d.images());
        assertEquals(3, d.repeats());
        assertEquals(List.of("7", "9"), d.neurons().stream().map(n -> n.id()).toList());
        assertPlanted(d, FRAMES, 2, (u, p) -> (double) count(u, p));
        assertEquals(10 * 2 + 3 + 4, d.pixel(2, 3, 4), 1e-6);
        assertTrue(d.notes().get("presentations").contains("2 blank"), d.notes().get("presentations"));
        assertTrue(d.notes().get("presentations").startsWith("intervals/natural_scenes_presentations"));
    }

    @Test
    void theCliWritesTheDatasetAndInfoListsTheFile() {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("import", "nwb", fixture("templates-units.nwb").toString(), "--out", out.toString(),
                "--window-s", "0.3", "--latency-s", "0.05");
        assertEquals(Main.OK, r.status(), r.err());
        Dataset d = DatasetFolder.read(out);
        assertPlanted(d, TEMPLATE_ORDER, 3, (u, p) -> (double) count(u, p));
        assertEquals("noise", d.neuron(2).property("quality"));

        CliRunner.Result info = CliRunner.run("info", fixture("intervals-external.nwb").toString());
        assertEquals(Main.OK, info.status(), info.err());
        assertTrue(info.out().contains("intervals/natural_scenes_presentations: 11 rows, image index 'frame'"), info.out());
        assertTrue(info.out().contains("needs --images DIR"), info.out());
        CliRunner.Result ready = CliRunner.run("info", fixture("dff.nwb").toString());
        assertTrue(ready.out().contains("processing/ophys/DfOverF/RoiResponseSeries (dff in dF/F, 110 samples at 20 Hz, 2 ROIs; 110 x 2, time x ROIs)"),
                ready.out());
        assertTrue(ready.out().contains("ready: no options needed"), ready.out());
    }

    /** Runs an import that must fail: exit 2 and one line naming the file and the problem. */
    static String failsInOneLine(String... args) {
        return fails(args);
    }

    private static String fails(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(Main.BAD_INPUT, r.status(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception"), err);
        return err;
    }

    @Test
    void badFilesSayWhatIsWrongInOneLine() throws IOException {
        Path out = tmp.resolve("x");
        Path text = Files.writeString(tmp.resolve("notes.nwb"), "not hdf5 at all");
        assertTrue(fails("import", "nwb", text.toString(), "--out", out.toString()).contains("not an HDF5 file"));
        String nwb1 = fails("import", "nwb", fixture("nwb1.nwb").toString(), "--out", out.toString());
        assertTrue(nwb1.contains("no nwb_version attribute") && nwb1.contains("NWB 1"), nwb1);
        assertTrue(fails("info", fixture("nwb1.nwb").toString()).contains("NWB-1.0.6"));
        String ragged = fails("import", "nwb", fixture("ragged.nwb").toString(), "--out", out.toString());
        assertTrue(ragged.contains("units/spike_times_index points up to 500 but units/spike_times holds 3 values"), ragged);
        String tooLong = fails("import", "nwb", fixture("templates-units.nwb").toString(), "--out", out.toString(), "--window-s", "0.6");
        assertTrue(tooLong.contains("--window-s 0.6 is longer than the shortest gap between onsets, 0.5 s"), tooLong);
        String noImages = fails("import", "nwb", fixture("intervals-external.nwb").toString(), "--out", out.toString());
        assertTrue(noImages.contains("give --images DIR"), noImages);
        Path two = tmp.resolve("two.npy");
        Npy.writeFloat32(two, new int[]{2, 4, 5}, new float[40]);
        String missing = fails("import", "nwb", fixture("intervals-external.nwb").toString(), "--out", out.toString(), "--images", two.toString());
        assertTrue(missing.contains("names image 2 but " + two + " holds 2 images (0 to 1)"), missing);
        String noIndex = fails("import", "nwb", fixture("intervals-external.nwb").toString(), "--out", out.toString(),
                "--images", two.toString(), "--index-column", "image_id");
        assertTrue(noIndex.contains("no image index"), noIndex);
        String noTable = fails("import", "nwb", fixture("dff.nwb").toString(), "--out", out.toString(), "--table", "trials");
        assertTrue(noTable.contains("has no table or IndexSeries 'trials'"), noTable);
        String noSeries = fails("import", "nwb", fixture("dff.nwb").toString(), "--out", out.toString(), "--series", "units");
        assertTrue(noSeries.contains("has no units table"), noSeries);
        assertFalse(Files.exists(out), "nothing written on failure");
    }

    @Test
    void theImporterIsFoundByFormatAndFileName() {
        assertTrue(new NwbImporter().recognises(fixture("dff.nwb")));
        assertEquals("nwb", org.v1workbench.data.Importers.byFormat("nwb").format());
        assertThrows(BadInputException.class, () -> new NwbImporter().load(tmp.resolve("absent.nwb"), ImportOptions.defaults()));
    }
}
