package org.v1workbench.data.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ImportOptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image-folder importer on images the test writes with ImageIO, and CSVs in both layouts. */
class ImageFolderImporterTest {
    final ImageFolderImporter importer = new ImageFolderImporter();

    @TempDir Path dir;

    /** An RGB image of random colours, returned as {@code [y][x] = {r, g, b}}. */
    static int[][][] randomRgb(long seed, int h, int w) {
        Random rnd = new Random(seed);
        int[][][] px = new int[h][w][];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) px[y][x] = new int[]{rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
        return px;
    }

    static BufferedImage rgbImage(int[][][] px, int type) {
        BufferedImage img = new BufferedImage(px[0].length, px.length, type);
        for (int y = 0; y < px.length; y++)
            for (int x = 0; x < px[0].length; x++) img.setRGB(x, y, (px[y][x][0] << 16) | (px[y][x][1] << 8) | px[y][x][2]);
        return img;
    }

    static void write(BufferedImage img, String format, Path file) throws IOException {
        assertTrue(ImageIO.write(img, format, file.toFile()), "no ImageIO writer for " + format);
    }

    /** The documented luminance, computed here from the channel values the test chose. */
    static double luminance(int[] rgb) {
        return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    }

    static ImportOptions opts(Integer size, Double windowS) {
        return new ImportOptions(null, null, null, size, null, windowS);
    }

    @Test
    void pngTiffAndGreyImagesWithWideCsv() throws IOException {
        int[][][] a = randomRgb(1, 6, 8), c = randomRgb(3, 6, 8);
        write(rgbImage(a, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png"));
        write(rgbImage(c, BufferedImage.TYPE_INT_RGB), "tiff", dir.resolve("c.tif"));
        // b.png: 8-bit grey; d.png: 16-bit grey, both must keep their sample values (scaled to 0..255)
        BufferedImage g8 = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage g16 = new BufferedImage(8, 6, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 8; x++) {
                g8.getRaster().setSample(x, y, 0, (y * 8 + x) * 5);
                g16.getRaster().setSample(x, y, 0, (y * 8 + x) * 1234);
            }
        write(g8, "png", dir.resolve("b.png"));
        write(g16, "png", dir.resolve("d.png"));
        Files.writeString(dir.resolve("responses.csv"), """
                image,n1,n2
                c.tif,1,2
                a.png,3,4
                a.png,5,
                b.png,0,7
                d.png,2.5,NaN
                d.png,1,1
                a.png,6,8
                c.tif,0,0
                """);

        assertTrue(importer.recognises(dir));
        Dataset d = importer.load(dir, ImportOptions.defaults());
        assertEquals(4, d.images());
        assertEquals(6, d.height());
        assertEquals(8, d.width());
        assertEquals(3, d.repeats());
        assertEquals(List.of("n1", "n2"), d.neurons().stream().map(n -> n.id()).toList());
        assertEquals(1.0, d.windowSeconds());
        assertTrue(d.notes().get("window").contains("1 s"));
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 8; x++) {
                assertEquals(luminance(a[y][x]), d.pixel(0, y, x), 1e-4);
                assertEquals((y * 8 + x) * 5, d.pixel(1, y, x), 0.0);
                assertEquals(luminance(c[y][x]), d.pixel(2, y, x), 1e-4);
                assertEquals((y * 8 + x) * 1234 * 255.0 / 65535, d.pixel(3, y, x), 1e-4);
            }
        // images in file-name order a, b, c, d; an image's rows are its repeats 1, 2, ...
        float nan = Float.NaN;
        float[][][] expected = {
                {{3, 4}, {5, nan}, {6, 8}},
                {{0, 7}, {nan, nan}, {nan, nan}},
                {{1, 2}, {0, 0}, {nan, nan}},
                {{2.5f, nan}, {1, 1}, {nan, nan}}};
        for (int i = 0; i < 4; i++)
            for (int r = 0; r < 3; r++)
                for (int n = 0; n < 2; n++) assertEquals(expected[i][r][n], d.response(i, r, n), 0.0, i + "," + r + "," + n);
        assertTrue(d.notes().get("images").contains("a.png, b.png, c.tif, d.png"));
    }

    @Test
    void longFormWithRepeatColumnEqualsWideForm() throws IOException {
        for (String n : new String[]{"x.png", "y.png"}) write(rgbImage(randomRgb(n.hashCode(), 4, 4), BufferedImage.TYPE_INT_RGB), "png", dir.resolve(n));
        Path wide = dir.resolve("wide.csv"), longForm = dir.resolve("long.csv");
        Files.writeString(wide, """
                image,repeat,cell A,cell B
                y.png,2,1,2
                x.png,3,3,4
                x.png,1,5,6
                """);
        Files.writeString(longForm, """
                neuron,image,response,repeat
                cell B,x.png,6,1
                cell A,x.png,5,1
                cell A,y.png,1,2
                cell B,y.png,2,2
                cell A,x.png,3,3
                cell B,x.png,4,3
                """);
        Dataset dw = importer.load(dir, new ImportOptions(null, null, null, null, wide, 0.1));
        Dataset dl = importer.load(dir, new ImportOptions(null, null, null, null, longForm, 0.1));
        assertEquals(3, dw.repeats());
        assertEquals(0.1, dw.windowSeconds());
        assertEquals(List.of("cell A", "cell B"), dw.neurons().stream().map(n -> n.id()).toList());
        assertEquals(List.of("cell B", "cell A"), dl.neurons().stream().map(n -> n.id()).toList());
        float[][][] expected = {{{5, 6}, {Float.NaN, Float.NaN}, {3, 4}}, {{Float.NaN, Float.NaN}, {1, 2}, {Float.NaN, Float.NaN}}};
        for (int i = 0; i < 2; i++)
            for (int r = 0; r < 3; r++) {
                assertEquals(expected[i][r][0], dw.response(i, r, 0), 0.0);
                assertEquals(expected[i][r][1], dw.response(i, r, 1), 0.0);
                assertEquals(expected[i][r][0], dl.response(i, r, 1), 0.0);
                assertEquals(expected[i][r][1], dl.response(i, r, 0), 0.0);
            }
        // long form without repeats: the k-th row of an (image, neuron) is repeat k
        Files.writeString(longForm, "image,neuron,response\nx.png,a,1\nx.png,b,2\nx.png,a,3\ny.png,b,4\n");
        Dataset d = importer.load(dir, new ImportOptions(null, null, null, null, longForm, null));
        assertEquals(2, d.repeats());
        assertEquals(3, d.response(0, 1, 0), 0.0);
        assertTrue(Float.isNaN(d.response(0, 1, 1)));
        assertEquals(4, d.response(1, 0, 1), 0.0);
    }

    /** Area averaging computed independently: each source pixel split into s x s equal parts, blocks of h x w parts averaged. */
    static double[][] areaAverage(double[][] src, int s) {
        int h = src.length, w = src[0].length;
        double[][] out = new double[s][s];
        for (int oy = 0; oy < s; oy++)
            for (int ox = 0; ox < s; ox++) {
                double sum = 0;
                for (int sy = oy * h; sy < (oy + 1) * h; sy++)
                    for (int sx = ox * w; sx < (ox + 1) * w; sx++) sum += src[sy / s][sx / s];
                out[oy][ox] = sum / (h * w);
            }
        return out;
    }

    @Test
    void resizingAveragesAreas() throws IOException {
        int[][][] p = randomRgb(7, 6, 6), q = randomRgb(8, 9, 9);
        write(rgbImage(p, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("p.png"));
        write(rgbImage(q, BufferedImage.TYPE_3BYTE_BGR), "bmp", dir.resolve("q.bmp"));
        Files.writeString(dir.resolve("responses.csv"), "image,n\np.png,1\nq.bmp,2\n");
        double[][] lp = new double[6][6], lq = new double[9][9];
        for (int y = 0; y < 6; y++) for (int x = 0; x < 6; x++) lp[y][x] = luminance(p[y][x]);
        for (int y = 0; y < 9; y++) for (int x = 0; x < 9; x++) lq[y][x] = luminance(q[y][x]);
        for (int size : new int[]{3, 4, 5, 12}) {
            Dataset d = importer.load(dir, opts(size, null));
            assertEquals(size, d.height());
            assertEquals(size, d.width());
            double[][] ep = areaAverage(lp, size), eq = areaAverage(lq, size);
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++) {
                    assertEquals(ep[y][x], d.pixel(0, y, x), 1e-3, "size " + size);
                    assertEquals(eq[y][x], d.pixel(1, y, x), 1e-3, "size " + size);
                }
        }
        // by hand: 6 -> 3 is the mean of 2 x 2 blocks
        Dataset d = importer.load(dir, opts(3, null));
        assertEquals((lp[2][4] + lp[2][5] + lp[3][4] + lp[3][5]) / 4, d.pixel(0, 1, 2), 1e-3);
    }

    @Test
    void gifAndJpegAreRead() throws IOException {
        // GIF: an indexed image with a 4-colour palette, lossless
        int[] pal = {0x102030, 0xF0E0D0, 0x00FF00, 0x808080};
        byte[] r = new byte[4], g = new byte[4], b = new byte[4];
        for (int i = 0; i < 4; i++) {
            r[i] = (byte) (pal[i] >> 16);
            g[i] = (byte) (pal[i] >> 8);
            b[i] = (byte) pal[i];
        }
        BufferedImage gif = new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 4, r, g, b));
        for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) gif.getRaster().setSample(x, y, 0, (x + 2 * y) % 4);
        write(gif, "gif", dir.resolve("g.gif"));
        // JPEG of one flat colour: lossy coding keeps it within a grey level or two
        int[][][] flat = new int[5][5][];
        for (int[][] row : flat) java.util.Arrays.fill(row, new int[]{200, 100, 50});
        write(rgbImage(flat, BufferedImage.TYPE_INT_RGB), "jpg", dir.resolve("j.JPG"));
        Files.writeString(dir.resolve("responses.csv"), "image,n\ng.gif,1\nj.JPG,2\n");
        Dataset d = importer.load(dir, ImportOptions.defaults());
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 5; x++) {
                int c = pal[(x + 2 * y) % 4];
                assertEquals(luminance(new int[]{c >> 16 & 255, c >> 8 & 255, c & 255}), d.pixel(0, y, x), 1e-4);
                assertEquals(luminance(flat[0][0]), d.pixel(1, y, x), 2.0);
            }
    }

    // ---- bad input: each message names the file and the problem ----

    private String failure(ImportOptions o) {
        return assertThrows(BadInputException.class, () -> importer.load(dir, o)).getMessage();
    }

    private void twoImages() throws IOException {
        write(rgbImage(randomRgb(1, 4, 4), BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png"));
        write(rgbImage(randomRgb(2, 4, 4), BufferedImage.TYPE_INT_RGB), "png", dir.resolve("b.png"));
    }

    private String csvFailure(String csv) throws IOException {
        Files.writeString(dir.resolve("responses.csv"), csv);
        return failure(ImportOptions.defaults());
    }

    @Test
    void negativeResponsesAreASignalAndKindNamesIt() throws Exception {
        twoImages();
        Files.writeString(dir.resolve("responses.csv"), "image,roi1,roi2\na.png,-0.25,0.5\nb.png,0.75,-1.5\n");
        Dataset d = importer.load(dir, ImportOptions.defaults());
        assertEquals(org.v1workbench.data.ResponseKind.SIGNAL, d.responseKind());
        assertEquals(-0.25f, d.response(0, 0, 0), 0f, "kept as recorded");
        assertEquals(-1.5f, d.response(1, 0, 1), 0f);
        assertTrue(d.notes().get("window").contains("continuous signal"), d.notes().toString());

        Path out = dir.getParent().resolve(dir.getFileName() + "-dff");
        org.v1workbench.cli.CliRunner.Result r = org.v1workbench.cli.CliRunner.run("import", "image-folder", dir.toString(),
                "--out", out.toString(), "--kind", "dff", "--unit", "dF/F0");
        assertEquals(0, r.status(), r.err());
        Dataset back = org.v1workbench.data.DatasetFolder.read(out);
        assertEquals(org.v1workbench.data.ResponseKind.DFF, back.responseKind());
        assertEquals("dF/F0", back.unit());

        Path refused = dir.getParent().resolve(dir.getFileName() + "-counts");
        r = org.v1workbench.cli.CliRunner.run("import", "image-folder", dir.toString(), "--out", refused.toString(), "--kind", "spike_counts");
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--kind spike_counts") && r.err().contains("negative"), r.err());
        assertFalse(Files.exists(refused), "nothing written on bad input");
        r = org.v1workbench.cli.CliRunner.run("import", "image-folder", dir.toString(), "--out", refused.toString(), "--kind", "volts");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--kind") && r.err().contains("dff"), r.err());
    }

    @Test
    void csvProblemsAreNamed() throws IOException {
        twoImages();
        String csv = dir.resolve("responses.csv").toString();
        String m = csvFailure("image,n\na.png,1\nb.png,2\nc.png,3\nzz.png,1\n");
        assertTrue(m.startsWith(csv) && m.contains("names 2 images not among the image files") && m.contains("c.png, zz.png"), m);
        m = csvFailure("image,n\na.png,1\n");
        assertTrue(m.startsWith(csv) && m.contains("has no responses for 1 image") && m.contains("b.png"), m);
        m = csvFailure("image,n\na.png,1\nb.png,NaN\nb.png,\n");
        assertTrue(m.startsWith(csv) && m.contains("has no responses for 1 image") && m.contains("b.png"), m);
        m = csvFailure("image,n\na.png,1\nb.png,lots\n");
        assertTrue(m.startsWith(csv) && m.contains("row 2 (image 'b.png'), neuron 'n': response 'lots' is not a number"), m);
        m = csvFailure("image,n\na.png,1\nb.png,Infinity\n");
        assertTrue(m.startsWith(csv) && m.contains("response 'Infinity' is infinite"), m);
        m = csvFailure("image,n\na.png,1\nb.png,1e999\n");
        assertTrue(m.startsWith(csv) && m.contains("response '1e999' is too large"), m);
        m = csvFailure("image,repeat,n\na.png,1,1\nb.png,0,2\n");
        assertTrue(m.startsWith(csv) && m.contains("repeat 0 (repeats are numbered from 1)"), m);
        m = csvFailure("image,repeat,n\na.png,1,1\nb.png,1,2\na.png,1,3\n");
        assertTrue(m.startsWith(csv) && m.contains("gives image 'a.png', repeat 1 twice"), m);
        m = csvFailure("file,n\na.png,1\n");
        assertTrue(m.startsWith(csv) && m.contains("has no 'image' column"), m);
        m = csvFailure("image,n,n\na.png,1,2\n");
        assertTrue(m.startsWith(csv) && m.contains("has the column 'n' twice"), m);
        m = csvFailure("image\na.png\n");
        assertTrue(m.startsWith(csv) && m.contains("has no neuron columns"), m);
        m = csvFailure("image,n\n");
        assertTrue(m.startsWith(csv) && m.contains("no rows"), m);
        Files.delete(dir.resolve("responses.csv"));
        m = failure(ImportOptions.defaults());
        assertTrue(m.startsWith(csv) && m.contains("responses CSV not found"), m);
        assertFalse(importer.recognises(dir));
    }

    @Test
    void imageProblemsAreNamed() throws IOException {
        twoImages();
        Files.writeString(dir.resolve("responses.csv"), "image,n\na.png,1\nb.png,2\nc.png,3\n");
        Files.writeString(dir.resolve("c.png"), "this is text, not a PNG");
        String m = failure(ImportOptions.defaults());
        assertTrue(m.startsWith(dir.resolve("c.png").toString()) && m.contains("not a readable image"), m);

        write(rgbImage(randomRgb(3, 5, 4), BufferedImage.TYPE_INT_RGB), "png", dir.resolve("c.png"));
        m = failure(ImportOptions.defaults());
        assertTrue(m.startsWith(dir.resolve("c.png").toString()) && m.contains("is 4 x 5 pixels but a.png is 4 x 4"), m);
        m = failure(opts(2, null));
        assertTrue(m.startsWith(dir.resolve("c.png").toString()) && m.contains("--size resizes square images only"), m);

        m = failure(opts(0, null));
        assertTrue(m.contains("--size must be a positive number"), m);
        m = failure(opts(null, Double.NaN));
        assertTrue(m.contains("--window-s must be a positive number of seconds, not NaN"), m);
        m = failure(opts(null, -1.0));
        assertTrue(m.contains("--window-s must be a positive number of seconds, not -1.0"), m);
    }

    @Test
    void emptyFoldersAreRejected() throws IOException {
        String m = failure(ImportOptions.defaults());
        assertTrue(m.startsWith(dir.toString()) && m.contains("empty folder"), m);
        assertFalse(importer.recognises(dir));
        Files.writeString(dir.resolve("responses.csv"), "image,n\n");
        m = failure(ImportOptions.defaults());
        assertTrue(m.startsWith(dir.toString()) && m.contains("no image files"), m);
    }

    @Test
    void areaAverageOfAKnownPattern() {
        // 3 x 3 -> 2 x 2: output (0, 0) covers [0, 1.5) x [0, 1.5): weights 1, 0.5 per axis, area 2.25
        float[] src = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = ImageFolderImporter.resizeAreaAverage(src, 3, 3, 2, 2);
        assertEquals((1 + 0.5 * 2 + 0.5 * 4 + 0.25 * 5) / 2.25, out[0], 1e-6);
        assertEquals((0.25 * 5 + 0.5 * 6 + 0.5 * 8 + 9) / 2.25, out[3], 1e-6);
        // 2 -> 3 (enlarging): the middle pixel straddles both halves equally
        float[] up = ImageFolderImporter.resizeAreaAverage(new float[]{0, 30, 0, 30}, 2, 2, 3, 3);
        assertEquals(0, up[0], 1e-6);
        assertEquals(15, up[1], 1e-6);
        assertEquals(30, up[2], 1e-6);
    }
}
