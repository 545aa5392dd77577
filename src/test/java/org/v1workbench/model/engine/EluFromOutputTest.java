package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ELU's gradient from its output equals {@code e^x} below 0 and 1 above, as nd4j's {@code elu_bp} computes it. */
class EluFromOutputTest {
    @Test
    void aSavedGraphReadsBackWithItsEluAndAlpha(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Backend.init();
        SameDiff sd = SameDiff.create();
        sd.nn.elu("y", sd.var("x", Nd4j.rand(DataType.FLOAT, 2, 3)));
        java.io.File f = dir.resolve("g.fb").toFile();
        sd.save(f, false);
        SameDiff back = SameDiff.load(f, false);
        var op = back.getOps().values().stream().filter(o -> o.getOp().opName().equals("elu")).findFirst().orElseThrow().getOp();
        assertEquals(EluFromOutput.class, op.getClass());
        assertEquals(1.0, ((Number) op.propertiesForFunction().get("alpha")).doubleValue());
        assertEquals(sd.output(new HashMap<>(), "y").get("y"), back.output(new HashMap<>(), "y").get("y"));
    }

    @Test
    void theGradientFromTheOutputIsTheDerivativeOfElu() {
        Backend.init();
        assertTrue(EluFromOutput.installed(), "registered in nd4j's op registry by Backend.init()");
        for (DataType dt : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            Random r = new Random(2);
            double[] x = new double[400], c = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (r.nextDouble() - 0.6) * (i < 20 ? 40 : 8); // some far below 0, where e^x vanishes
                c[i] = r.nextGaussian();
            }
            x[0] = 0;
            SameDiff sd = SameDiff.create();
            SDVariable xv = sd.var("x", Nd4j.create(x, new long[]{4, 100}, 'c').castTo(dt));
            sd.nn.elu(xv).mul(sd.constant(Nd4j.create(c, new long[]{4, 100}, 'c').castTo(dt))).sum("loss");
            sd.setLossVariables("loss");
            INDArray g = sd.calculateGradients(new HashMap<>(), "x").get("x").castTo(DataType.DOUBLE);
            boolean eluBp = sd.getFunction("grad").getOps().values().stream().anyMatch(o -> o.getOp().opName().equals("elu_bp"));
            assertFalse(eluBp, "differentiated by EluFromOutput, not elu_bp");
            double tol = dt == DataType.DOUBLE ? 1e-15 : 6e-8;
            for (int i = 0; i < x.length; i++) {
                double expected = c[i] * (x[i] > 0 ? 1 : Math.exp(x[i]));
                assertEquals(expected, g.getDouble(i / 100, i % 100), tol * (1 + Math.abs(c[i])) + 1e-6 * Math.abs(expected),
                        dt + " x = " + x[i]);
            }
            Map<String, INDArray> out = sd.output(new HashMap<>(), "loss");
            double loss = 0;
            for (int i = 0; i < x.length; i++) loss += c[i] * (x[i] > 0 ? x[i] : Math.exp(x[i]) - 1);
            assertEquals(loss, out.get("loss").getDouble(0), dt == DataType.DOUBLE ? 1e-12 : 1e-3, "the forward op is nd4j's elu");
        }
    }
}
