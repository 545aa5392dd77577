package org.v1workbench.sim;

import org.v1workbench.data.BadInputException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Stimuli cut from a user's own photographs: square patches of random position and scale (from
 * the image size up to the photo's shorter side), converted to grey and averaged down to
 * {@code size x size}. Grey is Rec. 601 luma of the stored (gamma-encoded) values, 0..255, the
 * values a screen would show; single-band images are taken as they are. Each patch is drawn from
 * its own seeded stream, and photos are read in name order, one at a time, so that a large
 * folder needs memory for one photo only.
 */
public final class PhotoPatches {
    private static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private final Path folder;
    private final List<Path> files;
    private final int[][] dims; // width, height of each file
    private final int size;

    public PhotoPatches(Path folder, int size) {
        this.folder = folder;
        this.size = size;
        if (!Files.isDirectory(folder)) throw new BadInputException(folder, "--photos must name a folder of photographs");
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> EXTENSIONS.contains(extension(p))).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot be listed (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) throw new BadInputException(folder, "holds no photographs (" + String.join(", ", EXTENSIONS) + ")");
        dims = new int[files.size()][];
        for (int i = 0; i < files.size(); i++) dims[i] = dimensions(files.get(i));
    }

    public List<Path> files() {
        return files;
    }

    /** Patches 0..images-1 of {@code seed}: flat {@code images x size x size}, grey levels 0..255. */
    public float[] generate(long seed, int images) {
        int[] file = new int[images], side = new int[images], x0 = new int[images], y0 = new int[images];
        for (int i = 0; i < images; i++) {
            Random r = Rng.stream(seed, Rng.PHOTO, i);
            int f = r.nextInt(files.size());
            int w = dims[f][0], h = dims[f][1], shorter = Math.min(w, h);
            int s = shorter <= size ? shorter : (int) Math.round(Rng.logUniform(r, size, shorter));
            s = Math.max(1, Math.min(shorter, s));
            file[i] = f;
            side[i] = s;
            x0[i] = r.nextInt(w - s + 1);
            y0[i] = r.nextInt(h - s + 1);
        }
        float[] out = new float[images * size * size];
        for (int f = 0; f < files.size(); f++) {
            double[] grey = null;
            for (int i = 0; i < images; i++) {
                if (file[i] != f) continue;
                if (grey == null) grey = grey(files.get(f), dims[f]);
                float[] patch = resample(grey, dims[f][0], x0[i], y0[i], side[i], size);
                System.arraycopy(patch, 0, out, i * size * size, patch.length);
            }
        }
        return out;
    }

    /** Area-average the square {@code side x side} at (x0, y0) of a {@code width}-wide image to {@code n x n}, rounded. */
    static float[] resample(double[] grey, int width, int x0, int y0, int side, int n) {
        double[][] wx = weights(side, n);
        double[] rows = new double[side * n];
        for (int y = 0; y < side; y++)
            for (int ox = 0; ox < n; ox++) {
                double s = 0;
                int from = (int) wx[ox][0];
                for (int k = 1; k < wx[ox].length; k++) s += wx[ox][k] * grey[(y0 + y) * width + x0 + from + k - 1];
                rows[y * n + ox] = s;
            }
        float[] out = new float[n * n];
        for (int oy = 0; oy < n; oy++) {
            int from = (int) wx[oy][0];
            for (int ox = 0; ox < n; ox++) {
                double s = 0;
                for (int k = 1; k < wx[oy].length; k++) s += wx[oy][k] * rows[(from + k - 1) * n + ox];
                out[oy * n + ox] = (float) Math.rint(Math.max(0, Math.min(255, s)));
            }
        }
        return out;
    }

    /** For each output pixel: {first source pixel, weights...}, the fractions of source pixels it covers, summing to 1. */
    private static double[][] weights(int side, int n) {
        double[][] w = new double[n][];
        double scale = (double) side / n;
        for (int o = 0; o < n; o++) {
            double a = o * scale, b = (o + 1) * scale;
            int first = (int) Math.floor(a), last = Math.min(side - 1, (int) Math.ceil(b) - 1);
            double[] row = new double[last - first + 2];
            row[0] = first;
            for (int s = first; s <= last; s++) row[s - first + 1] = (Math.min(b, s + 1) - Math.max(a, s)) / scale;
            w[o] = row;
        }
        return w;
    }

    private static int[] dimensions(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new BadInputException(file, "not a readable image");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read as an image (" + e.getMessage() + ")", e);
        }
    }

    /** The photo as grey levels 0..255, flat {@code height x width}. */
    static double[] grey(Path file, int[] dims) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read as an image (" + e.getMessage() + ")", e);
        }
        if (img == null) throw new BadInputException(file, "not a readable image");
        int w = img.getWidth(), h = img.getHeight();
        if (w != dims[0] || h != dims[1]) throw new BadInputException(file, "changed while being read");
        double[] out = new double[w * h];
        Raster raster = img.getRaster();
        boolean singleBand = raster.getNumBands() == 1 && img.getColorModel().getNumComponents() == 1;
        if (singleBand) {
            int bits = img.getColorModel().getComponentSize(0);
            double scale = 255.0 / ((1L << bits) - 1);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) out[y * w + x] = raster.getSample(x, y, 0) * scale;
        } else {
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    out[y * w + x] = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                }
        }
        return out;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return files.size() + " photographs in " + folder;
    }
}
