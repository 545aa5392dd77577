package org.v1workbench.probe;

/** Small numerical helpers on flat {@code height x width} images. */
public final class ImageOps {
    private ImageOps() {}

    /**
     * Separable Gaussian blur (kernel truncated at 3 sigma). At the border the kernel is
     * renormalised over the taps inside the image, so a constant image stays constant. Sigma 0
     * returns a copy.
     *
     * @param img flat {@code h x w}
     */
    public static double[] blur(double[] img, int h, int w, double sigma) {
        if (!(sigma > 0)) return img.clone();
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * r + 1];
        for (int i = -r; i <= r; i++) k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
        double[] tmp = new double[h * w], out = new double[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double s = 0, ws = 0;
                for (int d = -r; d <= r; d++) {
                    int xx = x + d;
                    if (xx < 0 || xx >= w) continue;
                    s += k[d + r] * img[y * w + xx];
                    ws += k[d + r];
                }
                tmp[y * w + x] = s / ws;
            }
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double s = 0, ws = 0;
                for (int d = -r; d <= r; d++) {
                    int yy = y + d;
                    if (yy < 0 || yy >= h) continue;
                    s += k[d + r] * tmp[yy * w + x];
                    ws += k[d + r];
                }
                out[y * w + x] = s / ws;
            }
        return out;
    }

    public static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    public static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) a[i];
        return out;
    }

    public static double norm(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s);
    }

    /** Pearson correlation of two equally long arrays; NaN if either is constant. */
    public static double correlation(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("lengths " + a.length + " and " + b.length + " differ");
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    public static double correlation(float[] a, double[] b) {
        return correlation(toDouble(a), b);
    }
}
