package org.v1workbench.probe;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class GaussianFitTest {
    static double[] map(int h, int w, double cx, double cy, double s, double amp, double off, double noise, long seed) {
        Random r = new Random(seed);
        double[] m = new double[h * w];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                double dx = j + 0.5 - cx, dy = i + 0.5 - cy;
                m[i * w + j] = off + amp * Math.exp(-(dx * dx + dy * dy) / (2 * s * s)) + noise * Math.abs(r.nextGaussian());
            }
        return m;
    }

    @Test
    void recoversCentreAndSizeOfANoisyGaussian() {
        double[] m = map(32, 40, 12.3, 19.8, 2.5, 5, 0.2, 0.3, 7);
        GaussianFit f = GaussianFit.fit(m, 32, 40);
        assertEquals("lm", f.method());
        assertEquals(12.3, f.cx(), 0.1);
        assertEquals(19.8, f.cy(), 0.1);
        assertEquals(2.5, f.sigma(), 0.1);
        assertEquals(5, f.amplitude(), 0.3);
    }

    @Test
    void exactGaussianIsFitExactly() {
        double[] m = map(33, 33, 20.1, 8.9, 3.7, 2, 0, 0, 1);
        GaussianFit f = GaussianFit.fit(m, 33, 33);
        assertEquals(20.1, f.cx(), 1e-4);
        assertEquals(8.9, f.cy(), 1e-4);
        assertEquals(3.7, f.sigma(), 1e-4);
    }

    @Test
    void emptyMapHasNoFit() {
        GaussianFit f = GaussianFit.fit(new double[64], 8, 8);
        assertEquals("none", f.method());
        assertTrue(Double.isNaN(f.cx()));
    }
}
