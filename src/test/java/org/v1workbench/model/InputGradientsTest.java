package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input gradients by reverse-mode autodiff against central finite differences, on small networks
 * trained for a few epochs (so the weights are not the symmetric initial ones).
 *
 * <p>The reference is computed in float64: the same trained parameters (float32 values, exact in
 * double) in the preset's graph rebuilt in double precision, differentiated by central differences
 * with a step of 0.05 grey levels (about 1/800 of the pixel sd of 40), so the truncation error,
 * O((h/sd)^2), is about 1e-6 relative and rounding is negligible. Two comparisons, each as
 * ||g - g_ref|| / ||g_ref|| over the image (per pixel relative errors are meaningless where the
 * gradient crosses zero):
 * <ul>
 * <li>autodiff in float64: checks the differentiation itself, to 1e-5 (the FD truncation error,
 *     about 1e-6, with a margin; seen: 3e-8 to 2e-7);</li>
 * <li>autodiff in float32, as the probes use it: float32's unit roundoff u is 6e-8, and each value
 *     of the forward and backward pass is a sum of tens to hundreds of products (here a 7x7 kernel
 *     = 49 taps, a 3x3x6 layer = 54, the readout's mask over 12 x 12 x 6 = 864 terms), whose
 *     rounding error grows like sqrt(terms) x u, a few 1e-7 after the passes through the layers
 *     (seen: 1e-7 to 4e-7). The tolerance 1e-5 is some 25 times that, room for the other
 *     summation orders of other CPUs' kernels (AVX2, AVX-512, oneDNN or not), and still catches
 *     any real error: a wrong gradient (a missed layer, a transposed kernel, the wrong neuron) is
 *     off by order 1.</li>
 * </ul>
 * Both architectures with learned first layers are checked: core-readout (ELU, smooth) and
 * kindel2019 (ReLU and max-pooling, whose kinks a step of 0.05 grey levels does not cross at these
 * seeded images: the float64 check would show it).
 */
class InputGradientsTest {
    static final int N = 48, S = 20, NEURONS = 4;

    static float[][] data(long seed) {
        Random r = new Random(seed);
        float[] x = new float[N * S * S], y = new float[N * NEURONS];
        for (int i = 0; i < x.length; i++) x[i] = (float) (120 + 40 * r.nextGaussian());
        // responses that depend on the image, so training moves the weights in a structured way
        for (int i = 0; i < N; i++)
            for (int n = 0; n < NEURONS; n++) {
                double s = 0;
                for (int k = 0; k < 25; k++) s += x[i * S * S + (n * 3 + k / 5 + 4) * S + (k % 5 + 5)] - 120;
                y[i * NEURONS + n] = (float) Math.max(0, Math.round(2 + s / 80));
            }
        return new float[][]{x, y};
    }

    static Network trained(String preset, Map<String, String> hp) {
        float[][] d = data(3);
        Network net = Network.create(Presets.config(preset, hp, 5), NetworkSpec.of(d[0], N, S, S, d[1], NEURONS));
        Network.TrainingSet set = Network.TrainingSet.of(d[0], d[1], N);
        for (int e = 0; e < 3; e++) net.trainEpoch(set, e, () -> false, false);
        return net;
    }

    static Network coreReadout() {
        return trained("core-readout", Map.of("filters", "6", "first_size", "7", "layers", "2", "batch_size", "16", "lr", "0.01"));
    }

    static Network kindel() {
        return trained("kindel2019", Map.of("conv1_filters", "4", "conv1_size", "3", "conv2_filters", "6", "conv2_size", "3",
                "dense", "20", "batch_size", "16", "lr", "0.003"));
    }

    /** Central differences of every neuron's rate at one image in float64: {@code neurons x (height x width)}. */
    static double[][] finiteDifferences(InputGradients g64, float[] image) {
        int p = S * S;
        double h = 0.05;
        float[] batch = new float[2 * p * p];
        double[] den = new double[p];
        for (int k = 0; k < p; k++) {
            System.arraycopy(image, 0, batch, 2 * k * p, p);
            System.arraycopy(image, 0, batch, (2 * k + 1) * p, p);
            float up = (float) (image[k] + h), down = (float) (image[k] - h);
            batch[2 * k * p + k] = up;
            batch[(2 * k + 1) * p + k] = down;
            den[k] = (double) up - (double) down;
        }
        double[] r = g64.predict(batch, 2 * p);
        double[][] out = new double[NEURONS][p];
        for (int n = 0; n < NEURONS; n++)
            for (int k = 0; k < p; k++) out[n][k] = (r[2 * k * NEURONS + n] - r[(2 * k + 1) * NEURONS + n]) / den[k];
        return out;
    }

    static double relativeError(float[] g, int offset, double[] ref) {
        double num = 0, den = 0;
        for (int k = 0; k < ref.length; k++) {
            double d = g[offset + k] - ref[k];
            num += d * d;
            den += ref[k] * ref[k];
        }
        assertTrue(den > 0, "reference gradient is zero");
        return Math.sqrt(num / den);
    }

    void check(Network net, String name) {
        InputGradients g32 = InputGradients.of(net);
        InputGradients g64 = InputGradients.of(net, net.parameters(), DataType.DOUBLE);
        float[] images = java.util.Arrays.copyOf(data(11)[0], 3 * S * S);  // 3 images the network never saw
        int p = S * S;
        // every (image, neuron) pair in one backward pass: row = image i, neuron n
        int[] rowNeuron = new int[3 * NEURONS];
        float[] rows = new float[3 * NEURONS * p];
        for (int i = 0; i < 3; i++)
            for (int n = 0; n < NEURONS; n++) {
                rowNeuron[i * NEURONS + n] = n;
                System.arraycopy(images, i * p, rows, (i * NEURONS + n) * p, p);
            }
        float[] ad32 = g32.gradients(rows, rowNeuron), ad64 = g64.gradients(rows, rowNeuron);
        double worst32 = 0, worst64 = 0;
        for (int i = 0; i < 3; i++) {
            double[][] ref = finiteDifferences(g64, java.util.Arrays.copyOfRange(images, i * p, (i + 1) * p));
            for (int n = 0; n < NEURONS; n++) {
                int off = (i * NEURONS + n) * p;
                worst64 = Math.max(worst64, relativeError(ad64, off, ref[n]));
                worst32 = Math.max(worst32, relativeError(ad32, off, ref[n]));
            }
        }
        System.out.printf("%s: autodiff vs float64 central differences, worst relative error: float64 %.2e, float32 %.2e%n",
                name, worst64, worst32);
        assertTrue(worst64 < 1e-5, name + " float64 autodiff off by " + worst64);
        assertTrue(worst32 < 1e-5, name + " float32 autodiff off by " + worst32);
    }

    @Test
    void coreReadoutGradientsEqualFiniteDifferences() {
        check(coreReadout(), "core-readout");
    }

    @Test
    void kindel2019GradientsEqualFiniteDifferences() {
        check(kindel(), "kindel2019");
    }

    @Test
    void ratesAreTheNetworksAndRowsAreIndependent() {
        Network net = coreReadout();
        InputGradients g = InputGradients.of(net);
        float[] images = data(11)[0];
        float[] expected = net.predict(images, N);
        double[] got = g.predict(images, N);
        for (int k = 0; k < expected.length; k++) assertEquals(expected[k], got[k], 1e-6 * Math.max(1, Math.abs(expected[k])));
        // a row's gradient does not depend on the other rows of its batch
        int p = S * S;
        float[] one = g.gradients(java.util.Arrays.copyOf(images, p), new int[]{2});
        float[] many = g.gradients(java.util.Arrays.copyOf(images, 5 * p), new int[]{2, 0, 1, 3, 2});
        assertArrayEquals(one, java.util.Arrays.copyOf(many, p), 1e-6f * max(one));
        assertThrows(IllegalArgumentException.class, () -> g.gradients(java.util.Arrays.copyOf(images, p), new int[]{NEURONS}));
    }

    @Test
    void firstLayerKernelsAreConv1InFilterRowColumnOrder() {
        Network net = kindel();
        FirstLayerKernels k = InputGradients.of(net).firstLayerKernels().orElseThrow();
        INDArray w = net.graph().getVariable("conv1_w").getArr();  // YXIO
        assertEquals(4, k.filters());
        assertEquals(3, k.height());
        assertEquals(3, k.width());
        float[] flat = k.weights();
        for (int f = 0; f < 4; f++)
            for (int y = 0; y < 3; y++)
                for (int x = 0; x < 3; x++) assertEquals(w.getFloat(y, x, 0, f), flat[(f * 3 + y) * 3 + x]);
        Network ln = Network.create(Presets.config("ln", Map.of(), 1), net.spec());
        assertTrue(FirstLayerKernels.of(ln).isEmpty());
    }

    static float max(float[] v) {
        float m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }
}
