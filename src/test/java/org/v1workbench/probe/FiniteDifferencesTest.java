package org.v1workbench.probe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The default input gradient (central differences) against the analytic gradients of known cells. */
class FiniteDifferencesTest {
    @Test
    void matchesAnalyticGradientsOfSimpleComplexAndDogCells() {
        int h = 16, w = 16;
        AnalyticCells cells = new AnalyticCells(h, w, 128, 40, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 7.5, 8.2, 2.5, 30, 0.15, 0, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.COMPLEX, 8.5, 7.0, 2.5, 100, 0.2, 0, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.DOG, 8.0, 8.0, 1.5, 0, 0, 0, 0.5, 1.5, 1)));
        float[] images = AnalyticCells.pinkImages(6, h, w, 128, 40, 3);
        int[] all = {0, 1, 2};
        float[][] exact = cells.inputGradients(images, 6, all);
        float[][] fd = cells.withoutGradients().inputGradients(images, 6, all);
        for (int q = 0; q < 3; q++) {
            double err = 0, ref = 0;
            for (int k = 0; k < exact[q].length; k++) {
                err = Math.max(err, Math.abs(exact[q][k] - fd[q][k]));
                ref = Math.max(ref, Math.abs(exact[q][k]));
            }
            assertTrue(ref > 0, "cell " + q + " has a gradient somewhere");
            assertTrue(err < 1e-3 * ref, "cell " + q + ": max error " + err + " against max gradient " + ref);
        }
        // The single-image convenience method agrees with the batch.
        float[] one = cells.withoutGradients().inputGradient(java.util.Arrays.copyOfRange(images, 3 * h * w, 4 * h * w), 1);
        for (int k = 0; k < h * w; k++) assertEquals(fd[1][3 * h * w + k], one[k], 1e-6);
    }
}
