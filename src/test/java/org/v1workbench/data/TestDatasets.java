package org.v1workbench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small generated datasets for tests, with known Poisson-like structure. */
public final class TestDatasets {
    private TestDatasets() {}

    /**
     * {@code images} random 8 x 8 images, {@code neurons} neurons in two sessions, each neuron's
     * expected count a positive function of one pixel, {@code repeats} Poisson draws per image.
     * Returns the dataset; {@link #expected(Dataset)} recovers the expected counts.
     */
    public static Dataset withRepeats(int images, int repeats, int neurons, long seed) {
        Random rnd = new Random(seed);
        int h = 8, w = 8;
        float[] stim = new float[images * h * w];
        for (int i = 0; i < stim.length; i++) stim[i] = rnd.nextInt(256);
        float[] resp = new float[images * repeats * neurons];
        for (int i = 0; i < images; i++)
            for (int r = 0; r < repeats; r++)
                for (int n = 0; n < neurons; n++)
                    resp[(i * repeats + r) * neurons + n] = poisson(rnd, expectedCount(stim, i, n, h * w));
        List<Neuron> ns = new ArrayList<>();
        for (int n = 0; n < neurons; n++) ns.add(new Neuron("n" + n, n % 2 == 0 ? "A" : "B", Map.of("pixel", Integer.toString(n % (h * w)))));
        return Dataset.builder().name("test").source("generated").stimuli(stim, images, h, w)
                .responses(resp, repeats, neurons).neurons(ns).windowSeconds(0.1).build();
    }

    static double expectedCount(float[] stim, int image, int neuron, int pixels) {
        return 0.5 + 4.0 * stim[image * pixels + neuron % pixels] / 255.0 * (1 + neuron % 3);
    }

    /** The expected (noise-free) counts of {@link #withRepeats}, images x neurons. */
    public static double[][] expected(Dataset d) {
        float[] stim = d.stimuliArray();
        double[][] out = new double[d.images()][d.neuronCount()];
        for (int i = 0; i < d.images(); i++)
            for (int n = 0; n < d.neuronCount(); n++) out[i][n] = expectedCount(stim, i, n, d.height() * d.width());
        return out;
    }

    static int poisson(Random rnd, double lambda) {
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
