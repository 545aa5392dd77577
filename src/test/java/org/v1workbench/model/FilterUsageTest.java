package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Filter use on small random networks, checked against edits of the weights made here. */
class FilterUsageTest {
    static final int N = 40, S = 14, NEURONS = 4;

    static float[][] data() {
        Random r = new Random(3);
        float[] x = new float[N * S * S], y = new float[N * NEURONS];
        for (int i = 0; i < x.length; i++) x[i] = (float) (100 + 30 * r.nextGaussian());
        for (int i = 0; i < y.length; i++) y[i] = r.nextInt(4);
        return new float[][]{x, y};
    }

    static Network oneLayerCore() {
        float[][] d = data();
        Network net = Network.create(Presets.config("core-readout", Map.of("filters", "3", "first_size", "5", "layers", "1",
                "batch_size", "8", "init_sd", "0.3"), 4), NetworkSpec.of(d[0], N, S, S, d[1], NEURONS));
        net.trainEpoch(Network.TrainingSet.of(d[0], d[1], N), 0, () -> false, false);
        return net;
    }

    @Test
    void removingAFilterOfAOneLayerCoreIsZeroingItsReadoutFeatureWeights() {
        Network net = oneLayerCore();
        float[] x = data()[0];
        float[] intact = net.predict(x, N);
        INDArray features = net.graph().getVariable("features").getArr();   // filters x neurons
        float[] weights = FilterUsage.readoutFeatureWeights(net).orElseThrow();
        assertArrayEquals(features.dup('c').data().asFloat(), weights, "C x N, row-major");
        for (int f = 0; f < 3; f++) {
            float[] ablated = FilterUsage.predictWithout(net, f, x, N);
            assertArrayEquals(intact, net.predict(x, N), "parameters restored after removing filter " + f);
            INDArray row = features.getRow(f).dup();
            features.getRow(f).assign(0);
            float[] zeroed = net.predict(x, N);
            features.getRow(f).assign(row);
            for (int i = 0; i < ablated.length; i++)
                assertEquals(zeroed[i], ablated[i], 1e-4 * Math.max(1, Math.abs(zeroed[i])), "filter " + f + ", entry " + i);
            assertFalse(Arrays.equals(intact, ablated), "filter " + f + " matters");
        }
    }

    @Test
    void readoutWeightsBelongToFirstLayerFiltersOnlyInAOneLayerCore() {
        float[][] d = data();
        Network deep = Network.create(Presets.config("core-readout", Map.of("filters", "3", "first_size", "5", "layers", "2",
                "batch_size", "8"), 4), NetworkSpec.of(d[0], N, S, S, d[1], NEURONS));
        assertEquals(Optional.empty(), FilterUsage.readoutFeatureWeights(deep));
        assertEquals(3, FilterUsage.firstLayerFilters(deep));
        Network ln = Network.create(Presets.config("ln", Map.of("batch_size", "8"), 4), NetworkSpec.of(d[0], N, S, S, d[1], NEURONS));
        assertEquals(0, FilterUsage.firstLayerFilters(ln));
    }
}
