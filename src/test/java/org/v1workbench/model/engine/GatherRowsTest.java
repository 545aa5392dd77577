package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient of a gather of rows where rows repeat (the full Gaussian readout: neurons that
 * read the same pixel of the same image) adds every incoming row once. nd4j's scatter-add
 * without its "lock" splits the indices over threads that add into the same rows at once and
 * loses some of the additions (and gives other sums run to run); {@link GatherRows} asks for it.
 */
class GatherRowsTest {
    @Test
    void theGradientOfAGatherAddsEveryRepeatedRowOnce() {
        Backend.init();
        assertTrue(GatherRows.installed());
        int rows = 4, columns = 16, n = 200_000;
        Random r = new Random(2);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = r.nextInt(rows);
        // small whole numbers: every sum is exact in float, so one lost addition shows
        float[][] w = new float[n][columns];
        for (float[] row : w) for (int c = 0; c < columns; c++) row[c] = 1 + r.nextInt(3);
        INDArray weights = Nd4j.createFromArray(w);
        double[][] exact = new double[rows][columns];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < columns; c++) exact[idx[i]][c] += weights.getDouble(i, c);
        for (int run = 0; run < 3; run++) {
            SameDiff sd = SameDiff.create();
            SDVariable source = sd.var("source", Nd4j.rand(DataType.FLOAT, rows, columns));
            SDVariable read = sd.gather(source, sd.constant("index", Nd4j.createFromArray(idx)), 0);
            read.mul(sd.constant("w", weights)).sum().rename("loss");
            sd.setLossVariables("loss");
            Map<String, INDArray> g = sd.calculateGradients(Map.of(), "source");
            INDArray grad = g.get("source");
            for (int row = 0; row < rows; row++)
                for (int c = 0; c < columns; c++)
                    assertEquals(exact[row][c], grad.getDouble(row, c), 0, "run " + run + ": row " + row + ", column " + c);
        }
    }
}
