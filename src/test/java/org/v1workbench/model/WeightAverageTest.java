package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Polyak averaging: the moving average of the parameters, one update per batch. */
class WeightAverageTest {
    @Test
    void theAverageFollowsEveryBatchWithItsDecay() {
        PlantedData.Planted p = PlantedData.make(40, 12, 2, 2, 4);
        int n = 40, hw = 144;
        float[] px = p.dataset().stimuliArray();
        double[][] m = p.dataset().meanResponses();
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) for (int j = 0; j < 2; j++) y[i * 2 + j] = (float) m[i][j];
        // one batch per epoch, so that each epoch is one update of the average
        ModelConfig c = Presets.config("ln", Map.of("batch_size", "40", "lr", "0.05"), 1);
        Network net = Network.create(c, NetworkSpec.of(px, n, 12, 12, y, 2));
        Network.TrainingSet set = Network.TrainingSet.of(px, y, n);
        net.averageWeights(0.7);
        assertNull(net.averagedParameters(), "no average before the first batch");
        net.trainEpoch(set, 1, () -> false, false);
        INDArray p1 = net.parameters().parameters().get("filter").dup();
        assertEquals(p1, net.averagedParameters().parameters().get("filter"), "the first batch starts the average");
        net.trainEpoch(set, 2, () -> false, false);
        INDArray p2 = net.parameters().parameters().get("filter").dup();
        net.trainEpoch(set, 3, () -> false, false);
        INDArray p3 = net.parameters().parameters().get("filter").dup();
        INDArray expected = p1.mul(0.7 * 0.7).add(p2.mul(0.7 * 0.3)).add(p3.mul(0.3));
        INDArray got = net.averagedParameters().parameters().get("filter");
        assertTrue(expected.equalsWithEps(got, 1e-6), "average " + got + " vs " + expected);
        assertFalse(p3.equalsWithEps(got, 1e-6), "the average is not the last step");
        net.averageWeights(0);
        assertNull(net.averagedParameters());
        assertThrows(IllegalArgumentException.class, () -> net.averageWeights(1));
    }
}
