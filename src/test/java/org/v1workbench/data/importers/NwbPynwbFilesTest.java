package org.v1workbench.data.importers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.cli.Main;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.ResponseKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NWB files written by pynwb (make_pynwb_fixtures.py): window means equal, to 1e-4, the
 * answers that script computed from the written file with h5py alone (NAME.expected.json);
 * {@code info} lists what they hold; no file, nor a broken copy of one, makes a command print
 * more than one line on stderr or a stack trace.
 */
class NwbPynwbFilesTest {
    static final String TWO_PHOTON = "pynwb-2p.nwb", NAMES = "pynwb-names.nwb";
    static final String DFF = "processing/ophys/DfOverF/RoiResponseSeries", FLUORESCENCE = "processing/ophys/Fluorescence/RoiResponseSeries",
            DECONVOLVED = "processing/ophys/Fluorescence/Deconvolved";

    @TempDir Path tmp;

    static JsonNode expected(String fixture) throws IOException {
        return new ObjectMapper().readTree(NwbImporterTest.fixture(fixture + ".expected.json").toFile());
    }

    /** make_pynwb_fixtures.py's image(h, w, seed). */
    static float pixel(int w, int seed, int y, int x) {
        return ((y * w + x) * 5 + seed * 37) % 256;
    }

    /** Every response of {@code d} equals the h5py means of {@code series} (image x repeat x roi), and its ROIs are the file's. */
    static void assertMeans(Dataset d, JsonNode e, String series) {
        JsonNode s = e.get("series").get(series);
        JsonNode means = s.get("means");
        assertEquals(means.size(), d.images(), series);
        assertEquals(s.get("rois").size(), d.neuronCount(), series);
        int compared = 0;
        for (int i = 0; i < d.images(); i++)
            for (int r = 0; r < means.get(i).size(); r++)
                for (int n = 0; n < d.neuronCount(); n++) {
                    assertEquals(means.get(i).get(r).get(n).asDouble(), d.response(i, r, n), 1e-4,
                            series + " image " + i + " repeat " + r + " roi " + n);
                    compared++;
                }
        assertTrue(compared >= 3 * d.neuronCount(), "compared " + compared);
        for (int n = 0; n < d.neuronCount(); n++) {
            assertEquals(s.get("rois").get(n).asText(), d.neuron(n).id());
            assertEquals(s.get("roi_x").get(n).asDouble(), Double.parseDouble(d.neuron(n).property("roi_x")), 1e-4, "roi_x of " + n);
            assertEquals(s.get("roi_y").get(n).asDouble(), Double.parseDouble(d.neuron(n).property("roi_y")), 1e-4, "roi_y of " + n);
        }
    }

    private static Dataset load(String fixture, String series) {
        return new NwbImporter().load(NwbImporterTest.fixture(fixture), ImportOptions.nwb(null, null, null, null, 0.5, series));
    }

    @Test
    void twoPhotonSeriesImportToTheH5pyWindowMeans() throws IOException {
        JsonNode e = expected(TWO_PHOTON);
        assertEquals(0.0, e.get("latency").asDouble()); // the answers use the ophys default latency, 0
        // The full path, container/name and the bare name all name a series.
        Dataset dff = load(TWO_PHOTON, DFF);
        assertMeans(dff, e, DFF);
        assertEquals(ResponseKind.DFF, dff.responseKind());
        assertEquals("dF/F", dff.unit());
        boolean negative = false;
        for (int i = 0; i < dff.images(); i++) for (int n = 0; n < 4; n++) negative |= dff.response(i, 0, n) < 0;
        assertTrue(negative, "dF/F means below 0 stay below 0 (no offset added)");
        assertFalse(dff.notes().containsKey("offset"));
        assertTrue(dff.notes().get("responses").contains("from 0 s to 0.5 s"), dff.notes().get("responses"));

        Dataset fl = load(TWO_PHOTON, "Fluorescence/RoiResponseSeries");
        assertMeans(fl, e, FLUORESCENCE);
        assertEquals(ResponseKind.SIGNAL, fl.responseKind());
        assertEquals("a.u.", fl.unit());

        Dataset dec = load(TWO_PHOTON, "Deconvolved");
        assertMeans(dec, e, DECONVOLVED);
        assertEquals(ResponseKind.DECONVOLVED, dec.responseKind());

        // The templates in order_of_images' order (scene_03 first), named in the notes.
        for (int i = 0; i < 5; i++) {
            int seed = Integer.parseInt(e.get("images").get(i).asText().substring("scene_".length()));
            for (int y = 0; y < 9; y++) for (int x = 0; x < 12; x++) assertEquals(pixel(12, seed, y, x), dff.pixel(i, y, x), 1e-6);
        }
        assertTrue(dff.notes().get("image_indices").contains("0 (scene_03)"), dff.notes().get("image_indices"));
        assertEquals("150", dff.neuron(0).property("depth_um"));
        assertEquals("not neuron properties: processing/ophys/ImageSegmentation/PlaneSegmentation/labels (ragged: several values per row)",
                dff.notes().get("columns_left_out"));
    }

    @Test
    void theCliWritesTheTwoPhotonDatasetAndUnitsStayTheDefault() throws IOException {
        Path out = tmp.resolve("dff");
        CliRunner.Result r = CliRunner.run("import", "nwb", NwbImporterTest.fixture(TWO_PHOTON).toString(), "--out", out.toString(),
                "--series", "DfOverF/RoiResponseSeries", "--window-s", "0.5");
        assertEquals(Main.OK, r.status(), r.err());
        Dataset d = DatasetFolder.read(out);
        assertMeans(d, expected(TWO_PHOTON), DFF);
        assertEquals(ResponseKind.DFF, d.responseKind());
        assertTrue(Files.readString(out.resolve("neurons.csv")).startsWith("id,session,depth_um,roi_x,roi_y"));

        Dataset units = new NwbImporter().load(NwbImporterTest.fixture(TWO_PHOTON), ImportOptions.defaults());
        assertEquals(ResponseKind.SPIKE_COUNTS, units.responseKind());
        assertEquals(List.of("7", "8", "9"), units.neurons().stream().map(n -> n.id()).toList());
        assertTrue(units.notes().get("responses").contains("latency 0.05 s"), units.notes().get("responses"));

        String ambiguous = NwbImporterTest.failsInOneLine("import", "nwb", NwbImporterTest.fixture(TWO_PHOTON).toString(), "--out",
                tmp.resolve("x").toString(), "--series", "RoiResponseSeries");
        assertTrue(ambiguous.contains("names several series") && ambiguous.contains("--series DfOverF/RoiResponseSeries"), ambiguous);
    }

    @Test
    void presentationsByImageNameMatchTheTemplatesByName() throws IOException {
        JsonNode e = expected(NAMES);
        Dataset d = load(NAMES, null);
        assertEquals(List.of("bird", "cat", "tree"), List.of(e.get("images").get(0).asText(), e.get("images").get(1).asText(),
                e.get("images").get(2).asText()));
        assertMeans(d, e, "processing/ophys/DfOverF/dff");
        // Templates in name order: bird (written second, seed 1), cat (seed 2), tree (seed 0).
        int[] seeds = {1, 2, 0};
        for (int i = 0; i < 3; i++) assertEquals(pixel(7, seeds[i], 2, 3), d.pixel(i, 2, 3), 1e-6, "image " + i);
        assertEquals(ResponseKind.DFF, d.responseKind());

        String typo = NwbImporterTest.failsInOneLine("import", "nwb", NwbImporterTest.fixture(NAMES).toString(), "--out",
                tmp.resolve("x").toString(), "--index-column", "image_typo");
        assertTrue(typo.contains("presentation 4") && typo.contains("'dgo'") && typo.contains("has no image of that name (it has bird, cat, tree)"), typo);
    }

    @Test
    void infoListsSeriesTablesAndTemplates() {
        CliRunner.Result r = CliRunner.run("info", NwbImporterTest.fixture(TWO_PHOTON).toString());
        assertEquals(Main.OK, r.status(), r.err());
        String out = r.out();
        for (String line : List.of(
                "stimulus/templates/natural_images (Images, 5 images: scene_00, scene_01, scene_02, scene_03, scene_04; in order_of_images' order)",
                "stimulus/presentation/natural_image_index (IndexSeries, 15 presentations of stimulus/templates/natural_images)",
                "intervals/trials: 3 rows, no image-index column; columns: start_time, stop_time, condition",
                "units: 3 units, 150 spike times",
                DFF + " (dff in dF/F, 510 samples at 30 Hz, 4 ROIs; 510 x 4, time x ROIs)",
                FLUORESCENCE + " (signal in a.u., 510 samples with timestamps, 4 ROIs",
                DECONVOLVED + " (deconvolved in a.u., 510 samples with timestamps, 4 ROIs",
                "--series NAME for an ophys series",
                "ready: no options needed"))
            assertTrue(out.contains(line), "info lacks '" + line + "':\n" + out);

        CliRunner.Result n = CliRunner.run("info", NwbImporterTest.fixture(NAMES).toString());
        assertEquals(Main.OK, n.status(), n.err());
        for (String line : List.of("stimulus/templates/scenes (Images, 3 images: bird, cat, tree)",
                "intervals/presentations: 9 rows, image index 'image_name'; columns: start_time, stop_time, image_name, image_typo",
                "processing/ophys/DfOverF/dff (dff in dF/F, 89 samples at 10 Hz, 3 ROIs", "ready: no options needed"))
            assertTrue(n.out().contains(line), "info lacks '" + line + "':\n" + n.out());
    }

    /** Every NWB fixture, the real files of ../shared/data/nwb where present, and truncated and byte-flipped copies of the pynwb ones. */
    private List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(NwbImporterTest.fixture(TWO_PHOTON).getParent(), NwbRealFilesTest.DIR)) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".nwb")).sorted().forEach(files::add);
            }
        }
        Random rnd = new Random(26);
        for (String name : List.of(TWO_PHOTON, NAMES)) {
            byte[] good = Files.readAllBytes(NwbImporterTest.fixture(name));
            for (double keep : new double[]{0.02, 0.3, 0.6, 0.9, 0.99}) {
                Path cut = tmp.resolve("cut" + (int) (keep * 100) + "-" + name);
                Files.write(cut, java.util.Arrays.copyOf(good, (int) (good.length * keep)));
                files.add(cut);
            }
            for (int k = 0; k < 12; k++) {
                byte[] b = good.clone();
                int at = 64 + rnd.nextInt(b.length - 64), len = 1 + rnd.nextInt(16);
                for (int i = at; i < Math.min(b.length, at + len); i++) b[i] = (byte) rnd.nextInt(256);
                Path flipped = tmp.resolve("flip" + k + "-" + name);
                Files.write(flipped, b);
                files.add(flipped);
            }
        }
        return files;
    }

    @Test
    void noFileMakesACommandPrintAStackTrace() throws IOException {
        List<Path> files = corpus();
        assertTrue(files.size() >= 7 + 34, "corpus of " + files.size());
        int refused = 0, namedPath = 0;
        for (Path f : files) {
            List<String[]> commands = new ArrayList<>();
            commands.add(new String[]{"info", f.toString()});
            commands.add(new String[]{"import", "nwb", f.toString(), "--out", tmp.resolve("out").toString()});
            commands.add(new String[]{"import", "nwb", f.toString(), "--out", tmp.resolve("out").toString(), "--series", "DfOverF/dff"});
            for (String[] c : commands) {
                CliRunner.Result r = CliRunner.run(c);
                String err = r.err().strip();
                String what = String.join(" ", c) + " -> " + r.status() + ": " + err;
                assertTrue(r.status() == Main.OK || r.status() == Main.BAD_INPUT, what);
                assertFalse(err.contains("\n"), "more than one stderr line: " + what);
                assertFalse(err.contains("\tat ") || err.contains("internal error"), what);
                if (r.status() == Main.BAD_INPUT) {
                    refused++;
                    assertTrue(err.contains(f.toString()) || err.contains("--"), "names the file: " + what);
                    if (err.matches(".*(at HDF5 path|unreadable:) /.*")) namedPath++;
                }
                deleteTree(tmp.resolve("out"));
            }
        }
        assertTrue(refused > 10, "broken copies are refused (" + refused + ")");
        assertTrue(namedPath > 0, "where a read fails inside the file, the message names the HDF5 path");
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            Iterator<Path> it = s.sorted(java.util.Comparator.reverseOrder()).iterator();
            while (it.hasNext()) Files.delete(it.next());
        }
    }
}
