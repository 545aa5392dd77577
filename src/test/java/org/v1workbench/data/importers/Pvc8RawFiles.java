package org.v1workbench.data.importers;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes files in exactly the layout of the CRCNS pvc-8 release (resp_train uint8
 * neurons x stimuli x repeats x bins, resp_train_blk, images 1 x stimuli cell of uint8, INDCENT
 * neurons x 1), small enough for tests. The Java arrays the files are made from stay available,
 * so tests count spikes independently of the importer.
 */
final class Pvc8RawFiles {
    private Pvc8RawFiles() {}

    /** One session: spikes[n][s][r][t] per 1-ms bin, images[s][y][x], indcent[n]. */
    record Session(int[][][][] spikes, int[][][] images, int[] indcent) {
        int neurons() { return spikes.length; }
        int stimuli() { return spikes[0].length; }
        int repeats() { return spikes[0][0].length; }
        int bins() { return spikes[0][0][0].length; }

        /** The variables in the release's order; tests remove or replace some. */
        Map<String, Array> variables() {
            Map<String, Array> v = new LinkedHashMap<>();
            v.put("resp_train", respTrain(spikes));
            v.put("resp_train_blk", Mat5.newMatrix(new int[]{neurons(), stimuli(), repeats(), 3}, MatlabType.UInt8));
            v.put("images", imagesCell(images));
            v.put("INDCENT", column(indcent));
            return v;
        }

        Path write(Path file) throws IOException {
            return Pvc8RawFiles.write(file, variables());
        }
    }

    /** Random spike trains (about 1 spike in 8 bins, some bins holding 2) and distinct images. */
    static Session random(long seed, int neurons, int stimuli, int repeats, int bins, int h, int w) {
        Random rnd = new Random(seed);
        int[][][][] sp = new int[neurons][stimuli][repeats][bins];
        for (int[][][] a : sp)
            for (int[][] b : a)
                for (int[] c : b)
                    for (int t = 0; t < bins; t++) {
                        double u = rnd.nextDouble();
                        c[t] = u < 0.02 ? 2 : u < 0.125 ? 1 : 0;
                    }
        int[][][] im = new int[stimuli][h][w];
        for (int s = 0; s < stimuli; s++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) im[s][y][x] = (s * 31 + y * 7 + x * 3 + (int) (seed % 5)) % 256;
        int[] ind = new int[neurons];
        for (int n = 0; n < neurons; n++) ind[n] = rnd.nextBoolean() ? 1 : 0;
        return new Session(sp, im, ind);
    }

    static Matrix respTrain(int[][][][] sp) {
        int nn = sp.length, ns = sp[0].length, nr = sp[0][0].length, nt = sp[0][0][0].length;
        Matrix m = Mat5.newMatrix(new int[]{nn, ns, nr, nt}, MatlabType.UInt8);
        for (int n = 0; n < nn; n++)
            for (int s = 0; s < ns; s++)
                for (int r = 0; r < nr; r++)
                    for (int t = 0; t < nt; t++)
                        if (sp[n][s][r][t] != 0) m.setDouble(new int[]{n, s, r, t}, sp[n][s][r][t]);
        return m;
    }

    static Cell imagesCell(int[][][] im) {
        Cell c = Mat5.newCell(1, im.length);
        for (int s = 0; s < im.length; s++) c.set(0, s, image(im[s]));
        return c;
    }

    static Matrix image(int[][] px) {
        Matrix m = Mat5.newMatrix(px.length, px[0].length, MatlabType.UInt8);
        for (int y = 0; y < px.length; y++)
            for (int x = 0; x < px[0].length; x++) m.setDouble(y, x, px[y][x]);
        return m;
    }

    static Matrix column(int[] v) {
        Matrix m = Mat5.newMatrix(v.length, 1);
        for (int i = 0; i < v.length; i++) m.setDouble(i, 0, v[i]);
        return m;
    }

    static Path write(Path file, Map<String, Array> variables) throws IOException {
        MatFile mat = Mat5.newMatFile();
        variables.forEach(mat::addArray);
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    /**
     * Expected counts, computed straight from the Java arrays: {@code [image][repeat][neuron]},
     * natural image i's version at stimulus 2i + offset, bins latency .. latency + window - 1.
     */
    static int[][][] counts(Session s, int naturalPairs, int offset, int latency, int window) {
        int[][][] out = new int[naturalPairs][s.repeats()][s.neurons()];
        for (int i = 0; i < naturalPairs; i++)
            for (int r = 0; r < s.repeats(); r++)
                for (int n = 0; n < s.neurons(); n++)
                    for (int t = latency; t < latency + window; t++) out[i][r][n] += s.spikes()[n][2 * i + offset][r][t];
        return out;
    }
}
