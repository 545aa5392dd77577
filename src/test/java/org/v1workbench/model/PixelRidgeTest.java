package org.v1workbench.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PixelRidgeTest {
    @Test
    void choleskySolveSatisfiesTheEquations() {
        double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
        double[][] b = {{1, 2}, {0, 1}, {3, 0}};
        double[][] x = PixelRidge.solveSpd(a, b);
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < 2; c++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += a[i][k] * x[k][c];
                assertEquals(b[i][c], s, 1e-12);
            }
        assertThrows(ArithmeticException.class, () -> PixelRidge.solveSpd(new double[][]{{1, 2}, {2, 1}}, new double[][]{{1}, {1}}));
    }
}
