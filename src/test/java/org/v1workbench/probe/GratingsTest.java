package org.v1workbench.probe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The orientation convention of DESIGN.md, checked on the pixels themselves. */
class GratingsTest {
    static final int H = 32, W = 32;

    private static float[] g(double ori, double sf, double phase) {
        return Gratings.grating(H, W, 16, 16, ori, sf, phase, 100, 50, 1, null);
    }

    private static float at(float[] img, int row, int col) {
        return img[row * W + col];
    }

    @Test
    void zeroDegreesHasHorizontalBarsVaryingAlongYOnly() {
        float[] img = g(0, 0.1, 0);
        boolean variesAlongY = false;
        for (int i = 0; i < H; i++)
            for (int j = 0; j < W; j++) {
                assertEquals(at(img, i, 0), at(img, i, j), 1e-4, "row " + i + " must be constant");
                if (Math.abs(at(img, i, j) - at(img, 0, j)) > 1) variesAlongY = true;
            }
        assertTrue(variesAlongY);
    }

    @Test
    void ninetyDegreesHasVerticalBarsVaryingAlongXOnly() {
        float[] img = g(90, 0.1, 0);
        boolean variesAlongX = false;
        for (int i = 0; i < H; i++)
            for (int j = 0; j < W; j++) {
                assertEquals(at(img, 0, j), at(img, i, j), 1e-4, "column " + j + " must be constant");
                if (Math.abs(at(img, i, j) - at(img, i, 0)) > 1) variesAlongX = true;
            }
        assertTrue(variesAlongX);
    }

    @Test
    void fortyFiveDegreeBarsRunFromBottomLeftToTopRight() {
        float[] img = g(45, 0.1, 0);
        double alongBar = 0, across = 0;
        // One pixel right and one up on screen (row - 1) stays on the bar; right and down leaves it.
        for (int i = 1; i < H - 1; i++)
            for (int j = 0; j < W - 1; j++) {
                alongBar = Math.max(alongBar, Math.abs(at(img, i, j) - at(img, i - 1, j + 1)));
                across = Math.max(across, Math.abs(at(img, i, j) - at(img, i + 1, j + 1)));
            }
        assertTrue(alongBar < 1e-3, "constant along up-right diagonal, max change " + alongBar);
        assertTrue(across > 10, "varies along down-right diagonal, max change " + across);
        float[] mirror = g(135, 0.1, 0);
        double along135 = 0;
        for (int i = 0; i < H - 1; i++)
            for (int j = 0; j < W - 1; j++) along135 = Math.max(along135, Math.abs(at(mirror, i, j) - at(mirror, i + 1, j + 1)));
        assertTrue(along135 < 1e-3, "135 degree bars run from top-left to bottom-right");
    }

    @Test
    void thirtyDegreeBarsRiseToTheRightAtThirtyDegrees() {
        // Walking along the bar direction (cos 30, -sin 30) in pixel coordinates from the centre
        // keeps the value of a bright bar (phase 0 at the reference point).
        double t = Math.toRadians(30);
        for (double d = -10; d <= 10; d += 0.5) {
            double x = 16 + d * Math.cos(t), y = 16 - d * Math.sin(t);
            double v = 100 + 50 * Math.cos(2 * Math.PI * 0.1 * ((x - 16) * Math.sin(t) + (y - 16) * Math.cos(t)));
            assertEquals(150, v, 1e-9);
        }
        float[] img = Gratings.grating(H, W, 16.5, 16.5, 30, 0.1, 0, 100, 50, 1, null);
        // Pixel (row 16, col 16) has its centre at (16.5, 16.5), the reference point: bright.
        assertEquals(150, at(img, 16, 16), 1e-4);
        // About 8.66 px right and 5 px up lies on the same bar: pixel (row 11, col 24) centre (24.5, 11.5).
        double x = 24.5, y = 11.5, v = (x - 16.5) * Math.sin(t) + (y - 16.5) * Math.cos(t);
        assertTrue(Math.abs(v) < 0.4, "test point is on the bar");
        assertTrue(at(img, 11, 24) > 145, "on the bar through the centre: " + at(img, 11, 24));
    }

    @Test
    void phaseZeroIsBrightAndPhase180DarkAtTheReferencePoint() {
        float[] bright = Gratings.grating(H, W, 10.5, 20.5, 60, 0.15, 0, 100, 50, 1, null);
        float[] dark = Gratings.grating(H, W, 10.5, 20.5, 60, 0.15, 180, 100, 50, 1, null);
        assertEquals(150, at(bright, 20, 10), 1e-4);
        assertEquals(50, at(dark, 20, 10), 1e-4);
    }

    @Test
    void fullContrastMatchesTheDatasetsPixelSd() {
        PixelStats stats = new PixelStats(120, 37, 0, 255, 1000);
        float[] img = Gratings.grating(H, W, 16, 16, 0, 1.0 / 8, 22.5, stats.mean(), Gratings.amplitudeFor(stats), 1, null);
        double m = 0, v = 0;
        for (float x : img) m += x;
        m /= img.length;
        for (float x : img) v += (x - m) * (x - m);
        assertEquals(120, m, 1e-3);
        assertEquals(37, Math.sqrt(v / img.length), 1e-3);
    }

    @Test
    void apertureLeavesMeanGreyOutsideAndTheGratingInside() {
        Gratings.Aperture ap = new Gratings.Aperture(10.5, 12.5, 4, 2);
        float[] img = Gratings.grating(H, W, 10.5, 12.5, 0, 0.1, 0, 100, 50, 1, ap);
        float[] full = Gratings.grating(H, W, 10.5, 12.5, 0, 0.1, 0, 100, 50, 1, null);
        assertEquals(150, at(img, 12, 10), 1e-4);
        for (int i = 0; i < H; i++)
            for (int j = 0; j < W; j++) {
                double r = Math.hypot(j + 0.5 - 10.5, i + 0.5 - 12.5);
                if (r >= 6) assertEquals(100, at(img, i, j), 1e-6);
                if (r <= 4) assertEquals(full[i * W + j], at(img, i, j), 1e-4);
            }
    }
}
