package org.v1workbench.figure;

import java.awt.image.BufferedImage;

/**
 * Greyscale pictures of stimuli. One grey-level range for a whole dataset (not a contrast stretch
 * per image), so that thumbnails can be compared by eye. Arrays are row-major
 * {@code height x width}, origin top left.
 */
public final class GreyImages {
    private GreyImages() {}

    /** The grey levels that map to black and white. */
    public record Range(double lo, double hi) {
        /** The position of {@code v} between lo (0) and hi (1), clipped. */
        public double unit(double v) {
            if (!(hi > lo)) return 0.5;
            double u = (v - lo) / (hi - lo);
            return u < 0 ? 0 : u > 1 ? 1 : u;
        }
    }

    /** The smallest and largest finite value of {@code pixels} (0..1 if there is none). */
    public static Range range(float[] pixels) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : pixels) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new Range(0, 1) : new Range(lo, hi);
    }

    /**
     * Opaque ARGB grey pixels of an image enlarged {@code scale} times by nearest neighbour:
     * {@code (height * scale) x (width * scale)}, row-major.
     */
    public static int[] argb(float[] pixels, int height, int width, Range range, int scale) {
        if (pixels.length != height * width) throw new IllegalArgumentException(pixels.length + " pixels, not " + height + " x " + width);
        if (scale < 1) throw new IllegalArgumentException("scale " + scale);
        int w = width * scale;
        int[] out = new int[height * scale * w];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int g = (int) Math.round(range.unit(pixels[y * width + x]) * 255);
                int c = 0xFF000000 | g << 16 | g << 8 | g;
                for (int dy = 0; dy < scale; dy++) {
                    int row = (y * scale + dy) * w + x * scale;
                    for (int dx = 0; dx < scale; dx++) out[row + dx] = c;
                }
            }
        }
        return out;
    }

    /**
     * Opaque ARGB grey pixels of an image resized to {@code outHeight x outWidth} by nearest
     * neighbour (each output pixel takes the stimulus pixel under its centre), row-major.
     */
    public static int[] argb(float[] pixels, int height, int width, Range range, int outHeight, int outWidth) {
        if (pixels.length != height * width) throw new IllegalArgumentException(pixels.length + " pixels, not " + height + " x " + width);
        int[] out = new int[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / outHeight));
            for (int x = 0; x < outWidth; x++) {
                int sx = Math.min(width - 1, (int) ((x + 0.5) * width / outWidth));
                int g = (int) Math.round(range.unit(pixels[sy * width + sx]) * 255);
                out[y * outWidth + x] = 0xFF000000 | g << 16 | g << 8 | g;
            }
        }
        return out;
    }

    /**
     * The size, {@code {height, width}}, at which to show an image so that its longer side is
     * about {@code target} pixels: the largest whole-number enlargement that fits (every stimulus
     * pixel the same size on screen), unless that falls short by more than a quarter; then, and
     * for large images, a scaling to the target.
     */
    public static int[] displaySize(int height, int width, int target) {
        int longest = Math.max(height, width);
        int k = (int) Math.floor(target * 1.05 / longest);
        if (k >= 1 && longest * k >= target * 0.75) return new int[]{height * k, width * k};
        double f = (double) target / longest;
        return new int[]{Math.max(1, (int) Math.round(height * f)), Math.max(1, (int) Math.round(width * f))};
    }

    /** An image of {@code height x width} grey pixels, one per stimulus pixel. */
    public static BufferedImage image(float[] pixels, int height, int width, Range range) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, argb(pixels, height, width, range, 1), 0, width);
        return img;
    }

    /** {@code image} enlarged {@code factor} times by nearest neighbour (the same image if 1). */
    public static BufferedImage enlarge(BufferedImage image, int factor) {
        if (factor == 1) return image;
        int w = image.getWidth(), h = image.getHeight();
        BufferedImage big = new BufferedImage(w * factor, h * factor, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        int[] out = new int[w * factor];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) java.util.Arrays.fill(out, x * factor, (x + 1) * factor, row[x]);
            for (int dy = 0; dy < factor; dy++) big.setRGB(0, y * factor + dy, w * factor, 1, out, 0, w * factor);
        }
        return big;
    }
}
