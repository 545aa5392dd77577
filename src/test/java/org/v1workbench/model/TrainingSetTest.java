package org.v1workbench.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A training set without missing responses keeps no weight array (every response weighs 1) and no
 * copy of the responses, and trains exactly as the same set with an explicit array of ones; a set with missing responses
 * weighs them 0, as an explicit array of zeros there does.
 */
class TrainingSetTest {
    static final int BATCH = GradientCheckTest.BATCH;

    @Test
    void noMissingResponseMeansNoWeightArrayAndTheSameTraining() {
        float[][] b = GradientCheckTest.batch();
        float[] x = b[0], y = b[1];
        Network.TrainingSet implicit = Network.TrainingSet.of(x, y, BATCH);
        assertNull(implicit.weights(), "no weight array where nothing is missing");
        assertSame(y, implicit.labels(), "nor a copy of the responses");
        float[] ones = new float[y.length];
        Arrays.fill(ones, 1f);
        Network.TrainingSet explicit = new Network.TrainingSet(x, y.clone(), ones, BATCH);
        assertArrayEquals(trainedPredictions(explicit, x), trainedPredictions(implicit, x));
    }

    @Test
    void missingResponsesWeighZero() {
        float[][] b = GradientCheckTest.batch();
        float[] x = b[0], y = b[1].clone();
        y[2] = Float.NaN;
        y[7] = Float.NaN;
        Network.TrainingSet set = Network.TrainingSet.of(x, y, BATCH);
        assertNotNull(set.weights());
        assertTrue(Float.isNaN(y[2]) && Float.isNaN(y[7]), "the caller's responses are left as they were");
        float[] labels = y.clone(), w = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            w[i] = Float.isNaN(y[i]) ? 0 : 1;
            if (Float.isNaN(labels[i])) labels[i] = 0;
        }
        assertArrayEquals(w, set.weights());
        assertArrayEquals(labels, set.labels());
        float[] expected = trainedPredictions(new Network.TrainingSet(x, labels, w, BATCH), x);
        assertArrayEquals(expected, trainedPredictions(set, x));
        // and the missing responses matter: with weight 1 on their zeros the network ends elsewhere
        float[] ones = new float[y.length];
        Arrays.fill(ones, 1f);
        assertFalse(Arrays.equals(expected, trainedPredictions(new Network.TrainingSet(x, labels, ones, BATCH), x)));
    }

    private static float[] trainedPredictions(Network.TrainingSet set, float[] x) {
        Network net = GradientCheckTest.tiny();
        for (int e = 0; e < 3; e++) net.trainEpoch(set, e, null, false);
        return net.predict(x, BATCH);
    }
}
