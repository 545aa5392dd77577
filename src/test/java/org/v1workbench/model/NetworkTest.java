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

    @Test
    void paddedLastBatchEqualsItsLoss() {
        // 25 images in batches of 10: the last batch has 5 real images padded with 5 rows of weight 0.
        float[][] d = data();
        int n = 25;
        float[] x = Arrays.copyOf(d[0], n * S * S), y = Arrays.copyOf(d[1], n * NEURONS);
        Network net = Network.create(Presets.config("ln", Map.of("batch_size", "10", "smooth", "0", "ridge", "0"), 1),
                NetworkSpec.of(x, n, S, S, y, NEURONS));
        Network.EpochResult r = net.trainEpoch(Network.TrainingSet.of(x, y, n), 0, () -> false, false);
        assertEquals(3, r.batches());
        assertEquals(25, r.images());
        assertTrue(Double.isFinite(r.meanLoss()) && r.meanLoss() > 0);
    }
}
