package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The Gabor-energy baseline's fixed features are standardised on the training images, and no low-rate neuron is silenced by it. */
class GaborEnergyTest {
    static final int SIZE = 33, IMAGES = 120, NEURONS = 6, REPEATS = 20;

    /** White-noise images around grey 128 and, per neuron, the mean of 20 Poisson counts of a low rate (0.02 to 0.12 per window). */
    static float[][] lowRateData(long seed) {
        Random r = new Random(seed);
        float[] x = new float[IMAGES * SIZE * SIZE];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        smooth(x);
        float[] y = new float[IMAGES * NEURONS];
        for (int n = 0; n < NEURONS; n++) {
            int cx = 10 + r.nextInt(13), cy = 10 + r.nextInt(13);
            double base = 0.02 * (1 + n % 3);
            for (int i = 0; i < IMAGES; i++) {
                double drive = 0;
                for (int dy = -2; dy <= 2; dy++)
                    for (int dx = -2; dx <= 2; dx++) drive += (x[i * SIZE * SIZE + (cy + dy) * SIZE + cx + dx] - 128) / 40.0 * (dx == 0 ? 1 : -0.5) / 5;
                double rate = base * Math.log1p(Math.exp(2 * drive));
                int sum = 0;
                for (int t = 0; t < REPEATS; t++) sum += PlantedData.poisson(r, rate);
                y[i * NEURONS + n] = (float) sum / REPEATS;
            }
        }
        return new float[][]{x, y};
    }

    static Network network(float[] x, float[] y) {
        ModelConfig c = Presets.config("gabor-energy", Map.of("ridge", "1"), 3);
        return Network.create(c, NetworkSpec.of(x, IMAGES, SIZE, SIZE, y, NEURONS));
    }

    @Test
    void featuresAreCentredAndScaledByTheirTrainingStatistics() {
        float[][] d = lowRateData(1);
        Network net = network(d[0], d[1]);
        net.standardiseFeatures(d[0], IMAGES);
        Map<String, INDArray> ph = Map.of(Layers.INPUT, Nd4j.create(d[0], new long[]{IMAGES, 1, SIZE, SIZE}, 'c'));
        Map<String, INDArray> out = net.graph().output(ph, Layers.FEATURES_RAW, Layers.FEATURES_STANDARDISED);
        INDArray raw = out.get(Layers.FEATURES_RAW), z = out.get(Layers.FEATURES_STANDARDISED);
        long features = raw.size(1);
        assertEquals(5L * 8 * 3 * 11 * 11, features); // 5 feature kinds x 8 orientations x 3 SFs x 11 x 11 positions: as on pvc-8
        int constant = 0;
        for (long f = 0; f < features; f++) {
            double mean = 0, sq = 0;
            for (int i = 0; i < IMAGES; i++) mean += raw.getDouble(i, f);
            mean /= IMAGES;
            for (int i = 0; i < IMAGES; i++) sq += Math.pow(raw.getDouble(i, f) - mean, 2);
            double sdev = Math.sqrt(sq / IMAGES);
            if (sdev <= 1e-6) {
                constant++;
                continue;
            }
            double zMean = 0, zSq = 0;
            for (int i = 0; i < IMAGES; i++) {
                double expected = (raw.getDouble(i, f) - mean) / sdev;
                assertEquals(expected, z.getDouble(i, f), 1e-3 * (1 + Math.abs(expected)), "feature " + f + ", image " + i);
                zMean += z.getDouble(i, f);
                zSq += z.getDouble(i, f) * z.getDouble(i, f);
            }
            assertEquals(0, zMean / IMAGES, 1e-3, "feature " + f);
            assertEquals(1, zSq / IMAGES, 1e-2, "feature " + f);
        }
        assertTrue(constant < features / 10, constant + " constant features");
    }

    /**
     * The failure this standardisation fixes: with raw (non-negative, correlated) features, Adam's
     * first steps moved every weight of a low-rate neuron down at once and its softplus output to
     * exactly 0, where no gradient brings it back.
     */
    @Test
    void lowRateNeuronsKeepAVaryingPredictionAfterTraining() {
        float[][] d = lowRateData(2);
        Network net = network(d[0], d[1]);
        net.standardiseFeatures(d[0], IMAGES);
        Network.TrainingSet set = Network.TrainingSet.of(d[0], d[1], IMAGES);
        for (int e = 0; e < 15; e++) assertFalse(net.trainEpoch(set, e, () -> false, false).diverged());
        float[] p = net.predict(d[0], IMAGES);
        for (int n = 0; n < NEURONS; n++) {
            double min = Double.MAX_VALUE, max = 0, mean = 0, data = 0;
            for (int i = 0; i < IMAGES; i++) {
                min = Math.min(min, p[i * NEURONS + n]);
                max = Math.max(max, p[i * NEURONS + n]);
                mean += p[i * NEURONS + n] / IMAGES;
                data += d[1][i * NEURONS + n] / IMAGES;
            }
            assertTrue(min > 0 && max - min > 1e-3, "neuron " + n + " predicts " + min + " to " + max);
            assertEquals(data, mean, 0.5 * data, "neuron " + n + ": mean prediction against mean response");
        }
    }

    /** Each image blurred by a 7 x 7 box and scaled to grey 128 +- 40: correlated pixels, as in natural images. */
    static void smooth(float[] x) {
        int hw = SIZE * SIZE;
        for (int i = 0; i < IMAGES; i++) {
            float[] b = new float[hw];
            double sum = 0, sq = 0;
            for (int y = 0; y < SIZE; y++)
                for (int xx = 0; xx < SIZE; xx++) {
                    double v = 0;
                    for (int dy = -3; dy <= 3; dy++)
                        for (int dx = -3; dx <= 3; dx++)
                            v += x[i * hw + Math.floorMod(y + dy, SIZE) * SIZE + Math.floorMod(xx + dx, SIZE)];
                    b[y * SIZE + xx] = (float) v;
                    sum += v;
                    sq += v * v;
                }
            double mean = sum / hw, sdev = Math.sqrt(sq / hw - mean * mean);
            for (int k = 0; k < hw; k++) x[i * hw + k] = (float) (128 + 40 * (b[k] - mean) / sdev);
        }
    }
}
