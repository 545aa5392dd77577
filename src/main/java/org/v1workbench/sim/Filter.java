package org.v1workbench.sim;

/**
 * A linear spatial filter cropped to the part of the image where it is not negligible, applied to
 * grey levels as contrast: sum w (grey - 127.5) / 127.5.
 */
final class Filter {
    final int size, x0, y0, width, height;
    final double[] weights; // height x width, row-major
    private final double weightSum;

    /** Crops the full {@code size x size} kernel to its entries above {@code 1e-6} of its largest. */
    static Filter of(double[] kernel, int size) {
        double max = 0;
        for (double v : kernel) max = Math.max(max, Math.abs(v));
        int minX = size, minY = size, maxX = -1, maxY = -1;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (Math.abs(kernel[y * size + x]) > 1e-6 * max) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
        if (maxX < 0) return new Filter(size, 0, 0, 1, 1, new double[1]);
        int w = maxX - minX + 1, h = maxY - minY + 1;
        double[] c = new double[w * h];
        for (int y = 0; y < h; y++) System.arraycopy(kernel, (minY + y) * size + minX, c, y * w, w);
        return new Filter(size, minX, minY, w, h, c);
    }

    private Filter(int size, int x0, int y0, int width, int height, double[] weights) {
        this.size = size;
        this.x0 = x0;
        this.y0 = y0;
        this.width = width;
        this.height = height;
        this.weights = weights;
        double s = 0;
        for (double v : weights) s += v;
        this.weightSum = s;
    }

    /** The filter's response to an image of grey levels, flat {@code size x size}, taken as contrast. */
    double apply(float[] grey) {
        double s = 0;
        for (int y = 0; y < height; y++) {
            int row = (y0 + y) * size + x0, k = y * width;
            for (int x = 0; x < width; x++) s += weights[k + x] * grey[row + x];
        }
        return (s - Gratings.MEAN_GREY * weightSum) / Gratings.MEAN_GREY;
    }

    Filter scaled(double factor) {
        double[] w = weights.clone();
        for (int i = 0; i < w.length; i++) w[i] *= factor;
        return new Filter(size, x0, y0, width, height, w);
    }

    /** The full kernel, flat {@code size x size}. */
    double[] kernel() {
        double[] k = new double[size * size];
        for (int y = 0; y < height; y++) System.arraycopy(weights, y * width, k, (y0 + y) * size + x0, width);
        return k;
    }
}
