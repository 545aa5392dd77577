package org.v1workbench.probe;

import java.util.Random;

/**
 * Linear receptive fields of a model's neurons, two ways:
 * <ul>
 * <li>Input gradient: d rate / d pixel averaged over a sample of natural images (the dataset's),
 * with its mean square (the RF energy) alongside. The energy locates complex cells too, whose
 * signed gradients cancel on average; the RF centre and size come from a Gaussian fitted to it
 * ({@link GaussianFit}).</li>
 * <li>Spike-triggered average on seeded Gaussian white noise of the dataset's mean and
 * {@code noiseSd x} its pixel sd: STA = sum_i (r_i - mean r)(s_i - mu) / (N sigma^2), the
 * rate-weighted mean of the noise divided by its variance (the cross-covariance form: the same
 * expectation as the classic rate-weighted average, with less variance). By Stein's lemma this
 * estimates the mean input gradient on white noise, so it is in the same units (rate per pixel
 * unit) as the gradient RF.</li>
 * </ul>
 */
public final class ReceptiveFieldProbe {
    private ReceptiveFieldProbe() {}

    /** Gradient values held at once (neurons x images x pixels) before accumulating. */
    static final long GRADIENT_BUFFER = 1L << 22;

    /**
     * Mean gradient and energy for the listed neurons over {@code images}, and the fitted Gaussian.
     * The STA is left null: add it with {@link #withSta}.
     *
     * @param images flat {@code count x height x width}, natural images in dataset pixel units
     */
    public static ReceptiveField[] fromGradients(ResponseModel model, int[] neurons, float[] images, int count,
                                                 ProbeProgress progress) {
        int h = model.height(), w = model.width(), p = h * w;
        double[][] sum = new double[neurons.length][p], sq = new double[neurons.length][p];
        int batch = (int) Math.max(1, Math.min(count, GRADIENT_BUFFER / ((long) neurons.length * p)));
        for (int start = 0; start < count; start += batch) {
            int m = Math.min(batch, count - start);
            float[] in = new float[m * p];
            System.arraycopy(images, start * p, in, 0, m * p);
            float[][] g = model.inputGradients(in, m, neurons);
            for (int q = 0; q < neurons.length; q++)
                for (int k = 0; k < m * p; k++) {
                    double v = g[q][k];
                    sum[q][k % p] += v;
                    sq[q][k % p] += v * v;
                }
            progress.update("receptive fields (gradients)", start + m, count);
        }
        ReceptiveField[] out = new ReceptiveField[neurons.length];
        for (int q = 0; q < neurons.length; q++) {
            double[] mean = new double[p], energy = new double[p];
            for (int k = 0; k < p; k++) {
                mean[k] = sum[q][k] / count;
                energy[k] = sq[q][k] / count;
            }
            out[q] = new ReceptiveField(ImageOps.toFloat(mean), ImageOps.toFloat(energy), null, GaussianFit.fit(energy, h, w));
        }
        return out;
    }

    /**
     * White-noise STAs of the listed neurons, {@code neurons.length} arrays flat {@code height x
     * width}, rate per pixel unit.
     *
     * @param mean  noise mean (the dataset's mean grey)
     * @param sd    noise standard deviation
     */
    public static float[][] sta(ResponseModel model, int[] neurons, int noiseImages, double mean, double sd, long seed,
                                int batchSize, ProbeProgress progress) {
        int p = model.height() * model.width(), nn = neurons.length;
        double[][] rs = new double[nn][p];
        double[] rSum = new double[nn];
        double[] sSum = new double[p];
        Random rnd = new Random(seed);
        float[] batch = new float[batchSize * p];
        double[] centred = new double[batchSize * p];
        for (int start = 0; start < noiseImages; start += batchSize) {
            int m = Math.min(batchSize, noiseImages - start);
            for (int k = 0; k < m * p; k++) {
                double z = sd * rnd.nextGaussian();
                batch[k] = (float) (mean + z);
                centred[k] = batch[k] - mean;
                sSum[k % p] += centred[k];
            }
            double[][] r = model.rates(m * p == batch.length ? batch : java.util.Arrays.copyOf(batch, m * p), m);
            for (int q = 0; q < nn; q++) {
                double[] acc = rs[q];
                int n = neurons[q];
                for (int i = 0; i < m; i++) {
                    double ri = r[i][n];
                    rSum[q] += ri;
                    int base = i * p;
                    for (int k = 0; k < p; k++) acc[k] += ri * centred[base + k];
                }
            }
            progress.update("receptive fields (white noise)", start + m, noiseImages);
        }
        float[][] out = new float[nn][p];
        double var = sd * sd;
        for (int q = 0; q < nn; q++)
            for (int k = 0; k < p; k++)
                out[q][k] = (float) ((rs[q][k] - rSum[q] * sSum[k] / noiseImages) / (noiseImages * var));
        return out;
    }

    /** The same receptive field with its STA. */
    public static ReceptiveField withSta(ReceptiveField rf, float[] sta) {
        return new ReceptiveField(rf.gradient(), rf.energy(), sta, rf.fit());
    }
}
