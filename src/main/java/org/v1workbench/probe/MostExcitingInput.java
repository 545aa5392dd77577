package org.v1workbench.probe;

import java.util.Random;
import java.util.function.IntFunction;

/**
 * Most exciting inputs (Walker et al. 2019): gradient ascent on the image for one neuron's rate,
 * under a fixed L2 norm of the contrast image (image minus mean grey) and with the gradient
 * smoothed by a Gaussian blur at every step (which keeps the ascent off pixel-level noise that a
 * network responds to but a neuron would not); plus the natural images that drive the neuron
 * most and least.
 *
 * <p>Ascent: start from seeded white noise, blurred and scaled to the norm (further seeded starts
 * are tried while the gradient at the start is exactly zero, as below a rectifying threshold;
 * where every noise start is, the ascent starts from the natural image the model predicts highest
 * for the neuron, at the same contrast norm: a network whose units noise leaves silent, common
 * for a linear output trained on a signed signal, would otherwise keep its noise image).
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
    public record Mei(float[] image, double rate, double startRate, double norm) {
        public Mei {
            image = image.clone();
        }

        @Override
        public float[] image() {
            return image.clone();
        }
    }

    /**
     * Natural images at both ends of a neuron's predicted-rate ranking, indices into the dataset.
     *
     * @param top         the highest-rate images, highest first
     * @param bottom      the lowest-rate images, lowest first
     */
    public record Extremes(int[] top, double[] topRates, int[] bottom, double[] bottomRates) {
        public Extremes {
            top = top.clone();
            topRates = topRates.clone();
            bottom = bottom.clone();
            bottomRates = bottomRates.clone();
        }

        @Override public int[] top() { return top.clone(); }
        @Override public double[] topRates() { return topRates.clone(); }
        @Override public int[] bottom() { return bottom.clone(); }
        @Override public double[] bottomRates() { return bottomRates.clone(); }
    }

    /**
     * The most exciting input of one neuron.
     *
     * @param norm L2 norm of the contrast image (e.g. {@link PixelStats#typicalNorm()})
     */
    public static Mei ascend(ResponseModel model, int neuron, PixelStats stats, double norm, ProbeSettings s, long seed,
                             IntFunction<float[]> fallback) {
        return ascend(model, new int[] {neuron}, stats, norm, s, new long[] {seed}, fallback)[0];
    }

    /**
     * Most exciting inputs of several neurons at once, in lockstep: each step evaluates all their
     * images in one call of {@link ResponseModel#pairedRates} and {@link ResponseModel#pairedGradients}.
     * Each neuron's ascent is exactly the one it would have alone with its seed.
     *
     * @param fallback the start for neuron n where every noise start has a zero gradient (its most
     *                 exciting natural image, {@link #bestNatural}); null: none
     */
    public static Mei[] ascend(ResponseModel model, int[] neurons, PixelStats stats, double norm, ProbeSettings s, long[] seeds,
                               IntFunction<float[]> fallback) {
        int h = model.height(), w = model.width(), p = h * w, m = neurons.length;
        double[][] c = new double[m][];
        float[][] x = new float[m][];
        float[][] grad = new float[m][];
        for (int q = 0; q < m; q++) {
            Random rnd = new Random(seeds[q]);
            for (int start = 0; start < s.meiStarts(); start++) {
                double[] noise = new double[p];
                for (int k = 0; k < p; k++) noise[k] = rnd.nextGaussian();
                c[q] = scale(ImageOps.blur(noise, h, w, s.meiBlurSigma()), norm);
                x[q] = image(c[q], stats, s.meiClamp());
                c[q] = contrast(x[q], stats);
                grad[q] = model.inputGradient(x[q], neurons[q]);
                if (ImageOps.norm(ImageOps.toDouble(grad[q])) > 0) break;
            }
            if (!(ImageOps.norm(ImageOps.toDouble(grad[q])) > 0) && fallback != null) {
                c[q] = scale(contrast(fallback.apply(neurons[q]), stats), norm);
                x[q] = image(c[q], stats, s.meiClamp());
                c[q] = contrast(x[q], stats);
                grad[q] = model.inputGradient(x[q], neurons[q]);
            }
        }
        double[] startRate = rates(model, x, neurons);
        float[][] best = new float[m][];
        double[] bestRate = startRate.clone();
        boolean[] stopped = new boolean[m];
        for (int q = 0; q < m; q++) best[q] = x[q].clone();
        for (int t = 0; t < s.meiSteps(); t++) {
            double eta = s.meiStepSize() * (1 - 0.9 * t / Math.max(1.0, s.meiSteps() - 1));
            for (int q = 0; q < m; q++) {
                if (stopped[q]) continue;
                double[] g = ImageOps.blur(ImageOps.toDouble(grad[q]), h, w, s.meiBlurSigma());
                double gn = ImageOps.norm(g), cn = ImageOps.norm(c[q]);
                if (!(gn > 0)) {
                    stopped[q] = true;
                    continue;
                }
                for (int k = 0; k < p; k++) c[q][k] += eta * cn * g[k] / gn;
                c[q] = scale(c[q], norm);
                x[q] = image(c[q], stats, s.meiClamp());
                c[q] = contrast(x[q], stats);
            }
            double[] r = rates(model, x, neurons);
            for (int q = 0; q < m; q++)
                if (!stopped[q] && r[q] > bestRate[q]) {
                    bestRate[q] = r[q];
                    best[q] = x[q].clone();
                }
            float[] flat = new float[m * p];
            for (int q = 0; q < m; q++) System.arraycopy(x[q], 0, flat, q * p, p);
            float[] g = model.pairedGradients(flat, neurons);
            for (int q = 0; q < m; q++) grad[q] = java.util.Arrays.copyOfRange(g, q * p, (q + 1) * p);
        }
        Mei[] out = new Mei[m];
        for (int q = 0; q < m; q++) out[q] = new Mei(best[q], bestRate[q], startRate[q], ImageOps.norm(contrast(best[q], stats)));
        return out;
    }

    /** Rate of neuron {@code neurons[q]} at image {@code x[q]}, for every q, in one call. */
    private static double[] rates(ResponseModel model, float[][] x, int[] neurons) {
        int p = model.height() * model.width();
        float[] flat = new float[x.length * p];
        for (int q = 0; q < x.length; q++) System.arraycopy(x[q], 0, flat, q * p, p);
        return model.pairedRates(flat, neurons);
    }

    /** The index of the natural image with the highest rate in column {@code neuron} of {@code rates} (images x neurons). */
    public static int bestNatural(double[][] rates, int neuron) {
        return extremes(rates, neuron, 1).top()[0];
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
