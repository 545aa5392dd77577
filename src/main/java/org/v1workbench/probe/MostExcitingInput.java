package org.v1workbench.probe;

import java.util.Random;

/**
 * Most exciting inputs (Walker et al. 2019): gradient ascent on the image for one neuron's rate,
 * under a fixed L2 norm of the contrast image (image minus mean grey) and with the gradient
 * smoothed by a Gaussian blur at every step (which keeps the ascent off pixel-level noise that a
 * network responds to but a neuron would not); plus the natural images that drive the neuron
 * most and least.
 *
 * <p>Ascent: start from seeded white noise, blurred and scaled to the norm (further seeded starts
 * are tried while the gradient at the start is exactly zero, as below a rectifying threshold).
 * Step t: c += eta_t |c| g / |g| with g the blurred gradient and eta_t decaying linearly from
 * {@code meiStepSize} to a tenth of it; then c is rescaled to the norm and, with
 * {@code meiClamp}, the image is clipped to the dataset's pixel range. The best image seen is
 * kept.
 */
public final class MostExcitingInput {
    private MostExcitingInput() {}

    /**
     * @param image     flat {@code height x width}, dataset pixel units
     * @param rate      the model's rate for it
     * @param startRate the rate at the start of the ascent
     * @param norm      the L2 norm of its contrast image (image - mean)
     */
    public record Mei(float[] image, double rate, double startRate, double norm) {}

    /**
     * Natural images at both ends of a neuron's predicted-rate ranking, indices into the dataset.
     *
     * @param top         the highest-rate images, highest first
     * @param bottom      the lowest-rate images, lowest first
     */
    public record Extremes(int[] top, double[] topRates, int[] bottom, double[] bottomRates) {}

    /**
     * The most exciting input of one neuron.
     *
     * @param norm L2 norm of the contrast image (e.g. {@link PixelStats#typicalNorm()})
     */
    public static Mei ascend(ResponseModel model, int neuron, PixelStats stats, double norm, ProbeSettings s, long seed) {
        int h = model.height(), w = model.width(), p = h * w;
        Random rnd = new Random(seed);
        double[] c = null;
        float[] x = null;
        float[] grad = null;
        for (int start = 0; start < s.meiStarts(); start++) {
            double[] noise = new double[p];
            for (int k = 0; k < p; k++) noise[k] = rnd.nextGaussian();
            c = scale(ImageOps.blur(noise, h, w, s.meiBlurSigma()), norm);
            x = image(c, stats, s.meiClamp());
            c = contrast(x, stats);
            grad = model.inputGradient(x, neuron);
            if (ImageOps.norm(ImageOps.toDouble(grad)) > 0) break;
        }
        double startRate = rate(model, x, neuron);
        float[] best = x.clone();
        double bestRate = startRate;
        for (int t = 0; t < s.meiSteps(); t++) {
            double eta = s.meiStepSize() * (1 - 0.9 * t / Math.max(1.0, s.meiSteps() - 1));
            double[] g = ImageOps.blur(ImageOps.toDouble(grad), h, w, s.meiBlurSigma());
            double gn = ImageOps.norm(g), cn = ImageOps.norm(c);
            if (!(gn > 0)) break;
            for (int k = 0; k < p; k++) c[k] += eta * cn * g[k] / gn;
            c = scale(c, norm);
            x = image(c, stats, s.meiClamp());
            c = contrast(x, stats);
            double r = rate(model, x, neuron);
            if (r > bestRate) {
                bestRate = r;
                best = x.clone();
            }
            grad = model.inputGradient(x, neuron);
        }
        return new Mei(best, bestRate, startRate, ImageOps.norm(contrast(best, stats)));
    }

    /** The natural images with the {@code k} highest and lowest rates in column {@code neuron}. */
    public static Extremes extremes(double[][] rates, int neuron, int k) {
        int n = rates.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(rates[b][neuron], rates[a][neuron]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        k = Math.min(k, n);
        int[] top = new int[k], bottom = new int[k];
        double[] tr = new double[k], br = new double[k];
        for (int j = 0; j < k; j++) {
            top[j] = order[j];
            tr[j] = rates[top[j]][neuron];
            bottom[j] = order[n - 1 - j];
            br[j] = rates[bottom[j]][neuron];
        }
        return new Extremes(top, tr, bottom, br);
    }

    /** Rates of all neurons for all images, {@code count x neurons}, in batches. */
    public static double[][] predict(ResponseModel model, float[] images, int count, int batchSize, ProbeProgress progress) {
        int p = model.height() * model.width();
        double[][] out = new double[count][];
        for (int start = 0; start < count; start += batchSize) {
            int m = Math.min(batchSize, count - start);
            float[] in = new float[m * p];
            System.arraycopy(images, start * p, in, 0, m * p);
            System.arraycopy(model.rates(in, m), 0, out, start, m);
            progress.update("natural images", start + m, count);
        }
        return out;
    }

    private static double rate(ResponseModel model, float[] x, int neuron) {
        return model.rates(x, 1)[0][neuron];
    }

    private static double[] scale(double[] c, double norm) {
        double n = ImageOps.norm(c);
        double[] out = new double[c.length];
        if (n > 0) for (int k = 0; k < c.length; k++) out[k] = c[k] * norm / n;
        return out;
    }

    private static float[] image(double[] c, PixelStats stats, boolean clamp) {
        float[] x = new float[c.length];
        for (int k = 0; k < c.length; k++) {
            double v = stats.mean() + c[k];
            if (clamp) v = Math.max(stats.min(), Math.min(stats.max(), v));
            x[k] = (float) v;
        }
        return x;
    }

    private static double[] contrast(float[] x, PixelStats stats) {
        double[] c = new double[x.length];
        for (int k = 0; k < x.length; k++) c[k] = x[k] - stats.mean();
        return c;
    }
}
