package org.v1workbench.data.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw pvc-8 importer on files written in the release's exact layout, with a reduced stimulus
 * set: 12 stimuli, of which the first 8 are 4 natural images as small/large pairs and the last 4
 * gratings. Counts are checked against spike trains placed by hand (counted in the comments) and
 * against a direct count over the Java arrays the files were made from.
 */
class Pvc8RawImporterTest {
    static final int STIMULI = 12, NATURAL = 8, PAIRS = 4, REPEATS = 20, H = 5, W = 7;
    final Pvc8RawImporter importer = new Pvc8RawImporter(NATURAL);

    @TempDir Path dir;

    /** Session 01: 3 neurons, 106 bins, with hand-placed spike trains in three trials. */
    static Pvc8RawFiles.Session session01() {
        Pvc8RawFiles.Session s = Pvc8RawFiles.random(1, 3, STIMULI, REPEATS, 106, H, W);
        int[][][][] sp = s.spikes();
        // neuron 1, small image 1 (stimulus 1), repeat 1: spikes at bins 10, 49, 50, 51, 60 (two), 99, 100, 105
        trial(sp[0][0][0], 10, 49, 50, 51, 60, 60, 99, 100, 105);
        // neuron 1, large image 1 (stimulus 2), repeat 1: bins 50 and 55
        trial(sp[0][1][0], 50, 55);
        // neuron 3, small image 4 (stimulus 7), repeat 20: bins 0, 104, 105 (the last bin)
        trial(sp[2][6][19], 0, 104, 105);
        return s;
    }

    static void trial(int[] bins, int... spikeBins) {
        Arrays.fill(bins, 0);
        for (int b : spikeBins) bins[b]++;
    }

    static ImportOptions opts(Double latency, Double window, String version) {
        return new ImportOptions(latency, window, version, null, null, null);
    }

    static float count(Dataset d, int image, int repeat, int neuron) {
        return d.response(image, repeat, neuron);
    }

    @Test
    void handPlacedSpikesAreCountedInTheWindow() throws IOException {
        session01().write(dir.resolve("01.mat"));
        record Case(Double latency, Double window, String version, int n, int i, int r, int expected, double windowS) {}
        Case[] cases = {
                // default: latency 50, window to the end (bins 50..105): 50, 51, 60, 60, 99, 100, 105
                new Case(null, null, null, 0, 0, 0, 7, 0.056),
                // bins 50..99: 50, 51, 60, 60, 99 (100 is just outside)
                new Case(50.0, 50.0, null, 0, 0, 0, 5, 0.050),
                // bins 0..49: 10, 49 (50 is just outside)
                new Case(0.0, 50.0, null, 0, 0, 0, 2, 0.050),
                // bins 49..50: both edges hold a spike
                new Case(49.0, 2.0, null, 0, 0, 0, 2, 0.002),
                // bins 51..99: 51, 60, 60, 99
                new Case(51.0, 49.0, null, 0, 0, 0, 4, 0.049),
                // bins 100..105: 100, 105
                new Case(100.0, null, null, 0, 0, 0, 2, 0.006),
                // bins 0..105: all nine
                new Case(0.0, null, null, 0, 0, 0, 9, 0.106),
                // large version of image 1: bins 50, 55
                new Case(null, null, "large", 0, 0, 0, 2, 0.056),
                // large version, bins 51..99: 55
                new Case(51.0, 49.0, "large", 0, 0, 0, 1, 0.049),
                // neuron 3, small image 4, repeat 20, bins 50..105: 104, 105
                new Case(null, null, "small", 2, 3, 19, 2, 0.056),
                // bins 0..0: 0
                new Case(0.0, 1.0, null, 2, 3, 19, 1, 0.001),
                // bins 1..103: none
                new Case(1.0, 103.0, null, 2, 3, 19, 0, 0.103),
        };
        for (Case c : cases) {
            Dataset d = importer.load(dir, opts(c.latency, c.window, c.version));
            assertEquals(c.expected, count(d, c.i, c.r, c.n), 0.0, c.toString());
            assertEquals(c.windowS, d.windowSeconds(), 1e-12, c.toString());
        }
    }

    @Test
    void everyCountEqualsADirectCountOverTheSpikeTrains() throws IOException {
        Pvc8RawFiles.Session s = session01();
        s.write(dir.resolve("01.mat"));
        int[][] settings = {{50, 56, 0}, {50, 56, 1}, {30, 40, 0}, {0, 106, 1}, {70, 25, 0}};
        for (int[] st : settings) {
            Dataset d = importer.load(dir, opts((double) st[0], (double) st[1], st[2] == 0 ? "small" : "large"));
            int[][][] expected = Pvc8RawFiles.counts(s, PAIRS, st[2], st[0], st[1]);
            assertEquals(PAIRS, d.images());
            assertEquals(REPEATS, d.repeats());
            assertEquals(3, d.neuronCount());
            for (int i = 0; i < PAIRS; i++)
                for (int r = 0; r < REPEATS; r++)
                    for (int n = 0; n < 3; n++)
                        assertEquals(expected[i][r][n], d.response(i, r, n), 0.0, "image " + i + " repeat " + r + " neuron " + n);
            for (int i = 0; i < PAIRS; i++)
                for (int y = 0; y < H; y++)
                    for (int x = 0; x < W; x++)
                        assertEquals(s.images()[2 * i + st[2]][y][x], d.pixel(i, y, x), 0.0);
        }
    }

    @Test
    void severalFilesBecomeSessionsSharingTheShortestWindow() throws IOException {
        Pvc8RawFiles.Session a = session01();
        Pvc8RawFiles.Session b = Pvc8RawFiles.random(2, 2, STIMULI, REPEATS, 105, H, W);
        a.write(dir.resolve("01.mat"));
        Pvc8RawFiles.Session b2 = new Pvc8RawFiles.Session(b.spikes(), a.images(), new int[]{1, 0});
        b2.write(dir.resolve("02.mat"));
        Files.writeString(dir.resolve("notes.txt"), "not a session");

        Dataset d = importer.load(dir, ImportOptions.defaults());
        assertEquals(0.055, d.windowSeconds(), 1e-12);   // bins 50..104: 02.mat records 105
        assertEquals(java.util.List.of("01", "02"), d.sessions());
        assertEquals(java.util.List.of("s01-n001", "s01-n002", "s01-n003", "s02-n001", "s02-n002"),
                d.neurons().stream().map(n -> n.id()).toList());
        for (int n = 0; n < 3; n++) assertEquals(Integer.toString(a.indcent()[n]), d.neuron(n).property("indcent"));
        assertEquals("1", d.neuron(3).property("indcent"));
        assertEquals("0", d.neuron(4).property("indcent"));
        assertEquals("02", d.neuron(4).session());
        // neuron 3, small image 4, repeat 20 of 01.mat: bins 50..104 hold only the spike at 104
        assertEquals(1, d.response(3, 19, 2), 0.0);
        int[][][] ea = Pvc8RawFiles.counts(a, PAIRS, 0, 50, 55), eb = Pvc8RawFiles.counts(b2, PAIRS, 0, 50, 55);
        for (int i = 0; i < PAIRS; i++)
            for (int r = 0; r < REPEATS; r++) {
                for (int n = 0; n < 3; n++) assertEquals(ea[i][r][n], d.response(i, r, n), 0.0);
                for (int n = 0; n < 2; n++) assertEquals(eb[i][r][n], d.response(i, r, 3 + n), 0.0);
            }
        assertTrue(d.notes().get("bins").contains("01.mat 106"), d.notes().toString());
    }

    @Test
    void sessionsWithFewerRepeatsGetNaNForTheMissingOnes() throws IOException {
        Pvc8RawFiles.Session a = session01();
        Pvc8RawFiles.Session b = Pvc8RawFiles.random(3, 2, STIMULI, 18, 106, H, W);
        a.write(dir.resolve("01.mat"));
        new Pvc8RawFiles.Session(b.spikes(), a.images(), b.indcent()).write(dir.resolve("02.mat"));
        Dataset d = importer.load(dir, ImportOptions.defaults());
        assertEquals(20, d.repeats());
        int[][][] eb = Pvc8RawFiles.counts(b, PAIRS, 0, 50, 56);
        for (int i = 0; i < PAIRS; i++) {
            for (int r = 0; r < 18; r++) assertEquals(eb[i][r][1], d.response(i, r, 4), 0.0);
            for (int r = 18; r < 20; r++) {
                assertTrue(Float.isNaN(d.response(i, r, 3)));
                assertTrue(Float.isNaN(d.response(i, r, 4)));
                assertTrue(!Float.isNaN(d.response(i, r, 0)));
            }
        }
    }

    @Test
    void aSingleFileCanBeImported() throws IOException {
        Pvc8RawFiles.Session s = session01();
        Path f = s.write(dir.resolve("07.mat"));
        Dataset d = importer.load(f, ImportOptions.defaults());
        assertEquals(java.util.List.of("07"), d.sessions());
        assertEquals("s07-n002", d.neuron(1).id());
        assertEquals(7, d.response(0, 0, 0), 0.0);
        assertTrue(importer.recognises(f));
        assertTrue(importer.recognises(dir));
    }

    // ---- bad input: each message names the file (or option) and the problem ----

    private String failure(Path source, ImportOptions o) {
        return assertThrows(BadInputException.class, () -> importer.load(source, o)).getMessage();
    }

    private String failureWith(String name, Map<String, Array> vars) throws IOException {
        Pvc8RawFiles.write(dir.resolve(name), vars);
        return failure(dir, ImportOptions.defaults());
    }

    @Test
    void missingVariablesAreNamed() throws IOException {
        for (String v : new String[]{"resp_train", "images", "INDCENT"}) {
            Map<String, Array> vars = session01().variables();
            vars.remove(v);
            String m = failureWith("01.mat", vars);
            assertTrue(m.contains("01.mat") && m.contains("has no variable '" + v + "'"), m);
        }
    }

    @Test
    void aTruncatedFileIsReported() throws IOException {
        Path f = session01().write(dir.resolve("01.mat"));
        byte[] all = Files.readAllBytes(f);
        for (int cut : new int[]{all.length / 2, all.length - 5, 200, 60}) {
            Files.write(f, Arrays.copyOf(all, cut));
            String m = failure(dir, ImportOptions.defaults());
            assertTrue(m.contains(f.toString()) && m.contains("truncated"), cut + ": " + m);
        }
        Files.writeString(f, "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: ... HDF5 schema 1.00 .");
        String m = failure(dir, ImportOptions.defaults());
        assertTrue(m.contains(f.toString()) && m.contains("7.3 (HDF5)"), m);
        Files.writeString(f, "just text, not a MAT-file at all ".repeat(10));
        m = failure(dir, ImportOptions.defaults());
        assertTrue(m.contains(f.toString()) && m.contains("not a readable MAT-file"), m);
    }

    @Test
    void wrongShapesAreReported() throws IOException {
        Pvc8RawFiles.Session s = session01();

        Map<String, Array> vars = s.variables();
        vars.put("resp_train", Mat5.newMatrix(new int[]{3, STIMULI, 106}, MatlabType.UInt8));
        String m = failureWith("01.mat", vars);
        assertTrue(m.contains("01.mat") && m.contains("'resp_train' must be neurons x stimuli x repeats x 1-ms bins, not 3 x 12 x 106"), m);

        vars = s.variables();
        vars.put("INDCENT", Pvc8RawFiles.column(new int[]{1, 0}));
        m = failureWith("01.mat", vars);
        assertTrue(m.contains("01.mat") && m.contains("'INDCENT' must be neurons x 1 = 3 x 1") && m.contains("not 2 x 1"), m);

        vars = s.variables();
        vars.put("INDCENT", Pvc8RawFiles.column(new int[]{1, 2, 0}));
        m = failureWith("01.mat", vars);
        assertTrue(m.contains("01.mat") && m.contains("'INDCENT' holds 2.0 for neuron 2"), m);

        vars = s.variables();
        vars.put("images", Pvc8RawFiles.imagesCell(Arrays.copyOf(s.images(), 10)));
        m = failureWith("01.mat", vars);
        assertTrue(m.contains("01.mat") && m.contains("'images' must be a 1 x 12 cell") && m.contains("not 1 x 10"), m);

        vars = s.variables();
        Cell c = Pvc8RawFiles.imagesCell(s.images());
        c.set(0, 4, Pvc8RawFiles.image(new int[H + 1][W]));
        vars.put("images", c);
        m = failureWith("01.mat", vars);
        assertTrue(m.contains("01.mat") && m.contains("'images'{5} is 6 x 7 but 'images'{1} is 5 x 7"), m);

        vars = s.variables();
        vars.put("images", Mat5.newMatrix(new int[]{STIMULI, H, W}, MatlabType.UInt8));
        m = failureWith("01.mat", vars);
        assertTrue(m.contains("01.mat") && m.contains("'images' must be a cell array"), m);

        vars = s.variables();
        Matrix neg = Mat5.newMatrix(new int[]{3, STIMULI, REPEATS, 106});
        neg.setDouble(new int[]{1, 2, 3, 60}, -1);
        vars.put("resp_train", neg);
        m = failureWith("01.mat", vars);
        assertTrue(m.contains("01.mat") && m.contains("'resp_train' holds -1.0 at neuron 2, stimulus 3, repeat 4, bin 61"), m);

        Files.delete(dir.resolve("01.mat"));
        Pvc8RawFiles.random(4, 2, 6, 2, 106, H, W).write(dir.resolve("03.mat"));
        m = failure(dir, ImportOptions.defaults());
        assertTrue(m.contains("03.mat") && m.contains("has 6 stimuli, fewer than the 8 natural-image stimuli"), m);
    }

    @Test
    void filesShowingOtherImagesAreRejected() throws IOException {
        Pvc8RawFiles.Session a = session01();
        a.write(dir.resolve("01.mat"));
        Pvc8RawFiles.random(9, 2, STIMULI, REPEATS, 106, H, W).write(dir.resolve("02.mat"));
        String m = failure(dir, ImportOptions.defaults());
        assertTrue(m.contains("02.mat") && m.contains("shows other small natural images than 01.mat"), m);
    }

    @Test
    void optionsOutsideTheRecordingAreRejectedByName() throws IOException {
        session01().write(dir.resolve("01.mat"));
        String m = failure(dir, opts(50.0, 57.0, null));
        assertTrue(m.contains("01.mat") && m.contains("--latency-ms 50 + --window-ms 57 = 107 ms runs past the 106 recorded 1-ms bins"), m);
        m = failure(dir, opts(106.0, null, null));
        assertTrue(m.contains("--latency-ms 106 leaves no bins to count") && m.contains("01.mat"), m);
        m = failure(dir, opts(50.5, null, null));
        assertTrue(m.contains("--latency-ms must be a whole"), m);
        m = failure(dir, opts(-1.0, null, null));
        assertTrue(m.contains("--latency-ms must be a whole, non-negative"), m);
        m = failure(dir, opts(null, 0.0, null));
        assertTrue(m.contains("--window-ms must be a whole, positive"), m);
        m = failure(dir, opts(null, null, "medium"));
        assertTrue(m.contains("--images must be 'small' or 'large', not 'medium'"), m);
    }

    @Test
    void emptyOrForeignFoldersAreRejected() throws IOException {
        String m = failure(dir, ImportOptions.defaults());
        assertTrue(m.contains(dir.toString()) && m.contains("empty folder"), m);
        assertTrue(!importer.recognises(dir));
        Files.writeString(dir.resolve("1.mat"), "x");
        Files.writeString(dir.resolve("01mean50ms_smallim_d2_crop.mat"), "x");
        m = failure(dir, ImportOptions.defaults());
        assertTrue(m.contains(dir.toString()) && m.contains("no pvc-8 session files"), m);
        assertTrue(!importer.recognises(dir));
        m = failure(dir.resolve("nope"), ImportOptions.defaults());
        assertTrue(m.contains("nope") && m.contains("not found"), m);
    }
}
