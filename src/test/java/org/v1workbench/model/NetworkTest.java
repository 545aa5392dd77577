package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {
    static final int N = 60, S = 33, NEURONS = 3;

    static float[][] data() {
        Random r = new Random(2);
        float[] x = new float[N * S * S], y = new float[N * NEURONS];
        for (int i = 0; i < x.length; i++) x[i] = (float) (120 + 40 * r.nextGaussian());
        for (int i = 0; i < y.length; i++) y[i] = r.nextInt(3);
        return new float[][]{x, y};
    }

    @Test
    void savedAndReloadedNetworkPredictsIdentically(@TempDir Path dir) throws Exception {
        float[][] d = data();
        Network net = Network.create(Presets.config("kindel2019", Map.of("batch_size", "16"), 1),
                NetworkSpec.of(d[0], N, S, S, d[1], NEURONS));
        Network.TrainingSet set = Network.TrainingSet.of(d[0], d[1], N);
        for (int e = 0; e < 2; e++) net.trainEpoch(set, e, () -> false, false);
        net.save(dir.resolve("m"), true);
        Network back = Network.load(dir.resolve("m"));
        assertArrayEquals(net.predict(d[0], N), back.predict(d[0], N));
        assertEquals(net.config(), back.config());
        assertEquals(net.iterations(), back.iterations());
        assertThrows(BadInputException.class, () -> Network.load(dir.resolve("nothing")));
    }

    @Test
    void snapshotRestoresParametersAndOptimiser() {
        float[][] d = data();
        Network net = Network.create(Presets.config("kindel2019", Map.of("batch_size", "16"), 1),
                NetworkSpec.of(d[0], N, S, S, d[1], NEURONS));
        Network.TrainingSet set = Network.TrainingSet.of(d[0], d[1], N);
        net.trainEpoch(set, 0, () -> false, false);
        Network.State s = net.snapshot();
        float[] before = net.predict(d[0], N);
        net.trainEpoch(set, 1, () -> false, false);
        float[] one = net.predict(d[0], N);
        assertFalse(Arrays.equals(before, one));
        net.restore(s);
        assertArrayEquals(before, net.predict(d[0], N));
        net.trainEpoch(set, 1, () -> false, false); // the same epoch again from the same state: the same result
        assertArrayEquals(one, net.predict(d[0], N));
    }

    @Test
    void stopIsCheckedBeforeEveryBatch() {
        float[][] d = data();
        Network net = Network.create(Presets.config("ln", Map.of("batch_size", "10"), 1), NetworkSpec.of(d[0], N, S, S, d[1], NEURONS));
        int[] calls = {0};
        Network.EpochResult r = net.trainEpoch(Network.TrainingSet.of(d[0], d[1], N), 0, () -> ++calls[0] > 2, false);
        assertTrue(r.stopped());
        assertEquals(2, r.batches());
        assertEquals(20, r.images());
    }

    /**
     * 15 images in batches of 10: the second batch has 5 real images padded with 5 rows of weight
     * 0. Its loss, and the training step it makes, must be those of the 5 images alone: a second
     * network from the same start trains on the same 10 images and then on the 5 alone (a batch
     * of 5, no padding), and ends with the same parameters.
     */
    @Test
    void paddedLastBatchEqualsTheUnpaddedBatch() {
        float[][] d = data();
        int n = 15, hw = S * S, full = 10, real = n - full;
        float[] x = Arrays.copyOf(d[0], n * hw), y = Arrays.copyOf(d[1], n * NEURONS);
        NetworkSpec spec = NetworkSpec.of(x, n, S, S, y, NEURONS);
        ModelConfig config = Presets.config("ln", Map.of("batch_size", Integer.toString(full)), 1);
        Network padded = Network.create(config, spec), alone = Network.create(config, spec);
        assertArrayEquals(padded.predict(x, n), alone.predict(x, n));

        int[] order = Network.permutation(n, 0); // the order trainEpoch(…, epochSeed 0, …) takes
        float[][] first = rows(x, y, order, 0, full), last = rows(x, y, order, full, n);

        // The loss: padding rows (as trainEpoch fills them: the epoch's first images, weight 0)
        // change nothing; with weight 1 they would.
        float[] ones = new float[real * NEURONS];
        Arrays.fill(ones, 1);
        float[] px = new float[full * hw], py = new float[full * NEURONS], pw = new float[full * NEURONS];
        for (int i = 0; i < full; i++) {
            float[][] from = i < real ? last : first;
            int src = i < real ? i : i - real;
            System.arraycopy(from[0], src * hw, px, i * hw, hw);
            System.arraycopy(from[1], src * NEURONS, py, i * NEURONS, NEURONS);
            if (i < real) Arrays.fill(pw, i * NEURONS, (i + 1) * NEURONS, 1);
        }
        double unpaddedLoss = padded.loss(last[0], real, last[1], ones);
        assertEquals(unpaddedLoss, padded.loss(px, full, py, pw), 1e-6 * Math.abs(unpaddedLoss));
        float[] allOnes = new float[full * NEURONS];
        Arrays.fill(allOnes, 1);
        assertTrue(Math.abs(padded.loss(px, full, py, allOnes) - unpaddedLoss) > 1e-4 * Math.abs(unpaddedLoss),
                "weighted padding rows would change the loss (else this test could not see padding)");

        // The training step: one epoch of a full and a padded batch = a full batch, then the 5 alone.
        Network.EpochResult both = padded.trainEpoch(Network.TrainingSet.of(x, y, n), 0, () -> false, false);
        assertEquals(2, both.batches());
        assertEquals(n, both.images());
        Network.EpochResult a = alone.trainEpoch(Network.TrainingSet.of(first[0], first[1], full), 0, () -> false, false);
        Network.EpochResult b = alone.trainEpoch(Network.TrainingSet.of(last[0], last[1], real), 0, () -> false, false);
        assertEquals(1, a.batches());
        assertEquals(1, b.batches());
        assertEquals(padded.iterations(), alone.iterations());
        // The epoch's mean loss weighs each batch by its real images.
        assertEquals((full * a.meanLoss() + real * b.meanLoss()) / n, both.meanLoss(), 1e-5 * Math.abs(both.meanLoss()));
        for (String p : padded.parameterShapes().keySet()) {
            float[] u = padded.parameter(p), v = alone.parameter(p);
            for (int i = 0; i < u.length; i++) assertEquals(v[i], u[i], 1e-5 * Math.max(1, Math.abs(v[i])), p + "[" + i + "]");
        }
    }

    /** Images and responses of {@code order[from..to)}, as flat arrays. */
    static float[][] rows(float[] x, float[] y, int[] order, int from, int to) {
        int hw = S * S;
        float[] px = new float[(to - from) * hw], py = new float[(to - from) * NEURONS];
        for (int i = from; i < to; i++) {
            System.arraycopy(x, order[i] * hw, px, (i - from) * hw, hw);
            System.arraycopy(y, order[i] * NEURONS, py, (i - from) * NEURONS, NEURONS);
        }
        return new float[][]{px, py};
    }
}
