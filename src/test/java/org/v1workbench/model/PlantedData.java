package org.v1workbench.model;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;
import org.v1workbench.data.Tiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny dataset with a known answer, for tests: white-noise images (grey levels around 128),
 * and neurons whose expected count is {@code softplus(k . x + b)} for a smooth Gaussian-blob
 * filter k of alternating sign (a linear-nonlinear ground truth), observed as Poisson counts over
 * {@code repeats} repeats.
 */
public final class PlantedData {
    private PlantedData() {}

    /** Ground truth: the dataset and the noise-free expected counts, images x neurons. */
    public record Planted(Dataset dataset, double[][] truth) {}

    public static Planted make(int images, int size, int neurons, int repeats, long seed) {
        Random r = new Random(seed);
        float[] stim = new float[images * size * size];
        for (int i = 0; i < stim.length; i++) stim[i] = (float) (128 + 40 * r.nextGaussian());
        double[][] filters = new double[neurons][size * size];
        for (int n = 0; n < neurons; n++) {
            double cx = size * (0.3 + 0.4 * r.nextDouble()), cy = size * (0.3 + 0.4 * r.nextDouble());
            double sign = n % 2 == 0 ? 1 : -1, s = size / 6.0;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++) {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    filters[n][y * size + x] = sign * Math.exp(-d2 / (2 * s * s));
                }
            double norm = 0;
            for (double v : filters[n]) norm += v * v;
            for (int k = 0; k < filters[n].length; k++) filters[n][k] /= Math.sqrt(norm);
        }
        double[][] truth = new double[images][neurons];
        float[] resp = new float[images * repeats * neurons];
        for (int i = 0; i < images; i++)
            for (int n = 0; n < neurons; n++) {
                double drive = 0;
                for (int k = 0; k < size * size; k++) drive += filters[n][k] * (stim[i * size * size + k] - 128) / 40;
                double rate = 3 * Math.log1p(Math.exp(1.2 * drive - 0.5));
                truth[i][n] = rate;
                for (int t = 0; t < repeats; t++) resp[(i * repeats + t) * neurons + n] = poisson(r, rate);
            }
        List<Neuron> ns = new ArrayList<>();
        for (int n = 0; n < neurons; n++) ns.add(new Neuron("n" + (n + 1), n < neurons / 2 || neurons == 1 ? "A" : "B"));
        Dataset d = Dataset.builder().name("planted").source("PlantedData(seed " + seed + ")")
                .stimuli(stim, images, size, size).responses(resp, repeats, neurons).neurons(ns).windowSeconds(0.1)
                .tiers(Tiers.defaultSplit(images, seed)).build();
        return new Planted(d, truth);
    }

    /** A Poisson draw of {@code mean} (Knuth's method; small means only). */
    static int poisson(Random r, double mean) {
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
