package org.v1workbench.data.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.Main;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Importers;
import us.hebi.matlab.mat.types.Array;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import pvc8-raw} and {@code import image-folder} end to end through the CLI, with the
 * release's full stimulus numbering (540 natural stimuli, then gratings), and detection by
 * {@link Importers#open}.
 */
class ImportCliTest {
    static final int STIMULI = 544, PAIRS = 270;

    @TempDir Path tmp;

    /** Two sessions in the release's layout: 540 natural stimuli + 4 gratings, 3 repeats, 4 x 4 images. */
    private Path release() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("pvc8"));
        Pvc8RawFiles.Session a = Pvc8RawFiles.random(11, 2, STIMULI, 3, 106, 4, 4);
        a.write(src.resolve("01.mat"));
        Pvc8RawFiles.Session b = Pvc8RawFiles.random(12, 1, STIMULI, 3, 106, 4, 4);
        new Pvc8RawFiles.Session(b.spikes(), a.images(), b.indcent()).write(src.resolve("02.mat"));
        return src;
    }

    /** Runs the CLI, returning its status and what it wrote on stderr. */
    private static Object[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.run(args);
            return new Object[]{rc, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(old);
        }
    }

    private List<String> siblingsOf(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + out.getFileName())).toList();
        }
    }

    @Test
    void importPvc8RawWritesADatasetThatReadsBackEqual() throws IOException {
        Path src = release();
        Path out = tmp.resolve("out");
        Object[] r = run("import", "pvc8-raw", src.toString(), "--out", out.toString(), "--latency-ms", "40", "--window-ms", "60");
        assertEquals(Main.OK, r[0], (String) r[1]);

        Dataset read = DatasetFolder.read(out);
        Dataset direct = new Pvc8RawImporter().load(src, new ImportOptions(40.0, 60.0, null, null, null, null));
        assertArrayEquals(direct.stimuliArray(), read.stimuliArray());
        assertArrayEquals(direct.responsesArray(), read.responsesArray());
        assertEquals(direct.neurons(), read.neurons());
        assertEquals(0.060, read.windowSeconds(), 1e-12);
        assertEquals(PAIRS, read.images());
        assertEquals(3, read.repeats());
        assertEquals(List.of("s01-n001", "s01-n002", "s02-n001"), read.neurons().stream().map(n -> n.id()).toList());
        assertEquals("40", read.notes().get("latency_ms"));
        assertEquals("id,session,indcent,file", Files.readAllLines(out.resolve("neurons.csv")).get(0));
        assertEquals(Integer.toString(a0indcent(1)), read.neuron(1).property("indcent"));

        // and the counts are the spike trains' own, for the default settings too
        Pvc8RawFiles.Session a = Pvc8RawFiles.random(11, 2, STIMULI, 3, 106, 4, 4);
        int[][][] expected = Pvc8RawFiles.counts(a, PAIRS, 0, 40, 60);
        for (int i = 0; i < PAIRS; i++)
            for (int rep = 0; rep < 3; rep++)
                for (int n = 0; n < 2; n++) assertEquals(expected[i][rep][n], read.response(i, rep, n), 0.0);
        assertEquals(List.of(), siblingsOf(out));

        Dataset opened = Importers.open(src);
        int[][][] byDefault = Pvc8RawFiles.counts(a, PAIRS, 0, 50, 56);
        assertEquals(0.056, opened.windowSeconds(), 1e-12);
        assertEquals(byDefault[269][2][1], opened.response(269, 2, 1), 0.0);
        assertEquals(a.images()[538][3][1], opened.pixel(269, 3, 1), 0.0);   // small image 270 is MATLAB stimulus 539
    }

    private static int a0indcent(int n) {
        return Pvc8RawFiles.random(11, 2, STIMULI, 3, 106, 4, 4).indcent()[n];
    }

    @Test
    void badInputExitsWith2AndLeavesNothingBehind() throws IOException {
        Path src = release();
        Map<String, Array> vars = Pvc8RawFiles.random(13, 2, STIMULI, 3, 106, 4, 4).variables();
        vars.remove("INDCENT");
        Pvc8RawFiles.write(src.resolve("02.mat"), vars);
        Path out = tmp.resolve("out");
        Object[] r = run("import", "pvc8-raw", src.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, r[0]);
        String err = ((String) r[1]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: ") && err.contains("02.mat") && err.contains("has no variable 'INDCENT'"), err);
        assertFalse(Files.exists(out));
        assertEquals(List.of(), siblingsOf(out));

        Files.delete(src.resolve("02.mat"));
        r = run("import", "pvc8-raw", src.toString(), "--out", out.toString(), "--window-ms", "500");
        assertEquals(Main.BAD_INPUT, r[0]);
        assertTrue(((String) r[1]).contains("--window-ms 500"), (String) r[1]);
        assertFalse(Files.exists(out));
        assertEquals(List.of(), siblingsOf(out));
    }

    @Test
    void importImageFolderThroughTheCli() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("imgs"));
        for (int k = 0; k < 3; k++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) img.getRaster().setSample(x, y, 0, 10 * k + x + 8 * y);
            ImageIO.write(img, "png", src.resolve("im" + k + ".png").toFile());
        }
        Files.writeString(src.resolve("responses.csv"), "image,u1,u2\nim0.png,1,2\nim1.png,3,4\nim2.png,5,6\nim2.png,7,8\n");
        Path out = tmp.resolve("out");
        Object[] r = run("import", "image-folder", src.toString(), "--out", out.toString(), "--size", "4", "--window-s", "0.5");
        assertEquals(Main.OK, r[0], (String) r[1]);
        Dataset d = DatasetFolder.read(out);
        assertEquals(4, d.width());
        assertEquals(0.5, d.windowSeconds());
        assertEquals(2, d.repeats());
        // 8 -> 4: 2 x 2 block means of 10 k + x + 8 y; block (0, 0) of image 1: (10 + 11 + 18 + 19) / 4
        assertEquals(14.5, d.pixel(1, 0, 0), 1e-5);
        assertEquals(8, d.response(2, 1, 1), 0.0);
        assertEquals((2 + 4 + 6 + 8) / 4.0 / 0.5, d.meanRatesHz()[1], 1e-6);   // u2's mean rate in Hz
        assertTrue(Importers.byFormat("image-folder").recognises(src));
        assertInstanceOf(ImageFolderImporter.class, Importers.byFormat("image-folder"));

        Files.writeString(src.resolve("responses.csv"), "image,u1\nim0.png,1\nim1.png,3\nmissing.png,5\n");
        Path out2 = tmp.resolve("out2");
        r = run("import", "image-folder", src.toString(), "--out", out2.toString());
        assertEquals(Main.BAD_INPUT, r[0]);
        assertTrue(((String) r[1]).contains("missing.png"), (String) r[1]);
        assertFalse(Files.exists(out2));
        assertEquals(List.of(), siblingsOf(out2));
    }

    @Test
    void importersAreRegisteredInOrder() {
        assertEquals(List.of("pvc8-processed", "pvc8-raw", "npy", "image-folder", "nwb", "sensorium"),
                Importers.all().stream().map(Importer::format).toList());
    }
}
