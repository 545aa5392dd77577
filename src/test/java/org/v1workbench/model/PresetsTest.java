package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.BadInputException;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetsTest {
    static NetworkSpec spec(int size, int neurons) {
        double[] m = new double[neurons];
        java.util.Arrays.fill(m, 0.5);
        return new NetworkSpec(size, size, neurons, 100, 30, m);
    }

    @Test
    void parameterCountsMatchPyTorchReference() {
        // torch_reference.py prints params=123757 (kindel2019, 33x33, 37 neurons) and
        // params=257636 (core-readout, 64x64, 100 neurons): the same architectures.
        assertEquals(123_757, Network.create(Presets.config("kindel2019", 0), spec(33, 37)).parameterCount());
        assertEquals(257_636, Network.create(Presets.config("core-readout", 0), spec(64, 100)).parameterCount());
    }

    @Test
    void everyPresetPredictsPositiveCountsOfTheRightShape() {
        Random r = new Random(1);
        float[] images = new float[3 * 33 * 33];
        for (int i = 0; i < images.length; i++) images[i] = 100 + 30 * (float) r.nextGaussian();
        for (String name : Presets.names()) {
            Network n = Network.create(Presets.config(name, 0), spec(33, 4));
            float[] p = n.predict(images, 3);
            assertEquals(12, p.length, name);
            for (float v : p) assertTrue(v > 0 && Float.isFinite(v), name + " predicted " + v);
        }
    }

    @Test
    void outputBiasesStartAtTheMeanResponse() {
        // With constant (mean) images and a linear readout the initial prediction is softplus(bias) = mean response.
        NetworkSpec s = new NetworkSpec(16, 16, 2, 100, 30, new double[]{0.2, 3.0});
        Network n = Network.create(Presets.config("ln", 0), s);
        float[] img = new float[16 * 16];
        java.util.Arrays.fill(img, 100f);
        float[] p = n.predict(img, 1);
        assertEquals(0.2, p[0], 1e-5);
        assertEquals(3.0, p[1], 1e-5);
    }

    @Test
    void sameSeedSameInitialNetworkOtherSeedOther() {
        float[] img = new float[33 * 33];
        for (int i = 0; i < img.length; i++) img[i] = i % 7 * 20;
        float[] a = Network.create(Presets.config("kindel2019", 5), spec(33, 3)).predict(img, 1);
        float[] b = Network.create(Presets.config("kindel2019", 5), spec(33, 3)).predict(img, 1);
        float[] c = Network.create(Presets.config("kindel2019", 6), spec(33, 3)).predict(img, 1);
        assertTrue(java.util.Arrays.equals(a, b));
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void badConfigurationsAreBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Presets.get("resnet"));
        assertTrue(e.getMessage().contains("kindel2019"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Presets.config("kindel2019", Map.of("dense_units", "10"), 0));
        assertTrue(e.getMessage().contains("dense_units"), e.getMessage());
        assertThrows(BadInputException.class, () -> Presets.config("kindel2019", Map.of("lr", "fast"), 0).number("lr"));
        e = assertThrows(BadInputException.class, () -> Network.create(Presets.config("kindel2019", 0), spec(16, 2)));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        assertThrows(BadInputException.class, () -> Network.create(Presets.config("core-readout", Map.of("activation", "tanh"), 0), spec(33, 2)));
    }

    @Test
    void configRecordIsImmutableAndComplete() {
        ModelConfig c = Presets.config("core-readout", Map.of("laplace", "0.5"), 3);
        assertEquals("0.5", c.text("laplace"));
        assertEquals(Presets.get("core-readout").defaults().keySet(), c.hyperparameters().keySet());
        assertThrows(UnsupportedOperationException.class, () -> c.hyperparameters().put("lr", "1"));
        assertEquals("2", c.with("lr", "2").text("lr"));
        assertEquals("0.001", c.text("lr"));
    }
}
