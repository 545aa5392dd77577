package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-channel convolution's gradients against nd4j's own {@code conv2d_bp}, run directly. */
class OneChannelConv2DTest {
    private static final Conv2DConfig VALID = Conv2DConfig.builder().kH(4).kW(3).sH(1).sW(1).dH(1).dW(1)
            .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();

    /** Gradients of sum(conv(x, w, b) * c) with respect to x, w, b by SameDiff, and the graph's gradient op names. */
    private static Map<String, INDArray> sameDiff(INDArray x, INDArray w, INDArray b, INDArray c, StringBuilder ops) {
        SameDiff sd = SameDiff.create();
        SDVariable xv = sd.var("x", x.dup()), wv = sd.var("w", w.dup()), bv = sd.var("b", b.dup());
        sd.cnn.conv2d(xv, wv, bv, VALID).mul(sd.constant(c)).sum("loss");
        sd.setLossVariables("loss");
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "x", "w", "b");
        for (SameDiffOp op : sd.getFunction("grad").getOps().values()) ops.append(op.getOp().opName()).append(' ');
        return g;
    }

    /** nd4j's conv2d_bp on the same arrays: input, weight and bias gradients. */
    private static INDArray[] native_bp(INDArray x, INDArray w, INDArray b, INDArray c) {
        long[] iArgs = new Conv2D(x, w, b, null, VALID).iArgs();
        DynamicCustomOp op = DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, c).addIntegerArguments(java.util.Arrays.stream(iArgs).mapToInt(v -> (int) v).toArray()).build();
        return Nd4j.exec(op);
    }

    private static void check(int channels) {
        Backend.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, channels, 9, 8).subi(0.5);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 4, 3, channels, 5).subi(0.5);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 5);
        INDArray c = Nd4j.rand(DataType.DOUBLE, 3, 5, 6, 6).subi(0.5);
        StringBuilder ops = new StringBuilder();
        Map<String, INDArray> got = sameDiff(x, w, b, c, ops);
        INDArray[] want = native_bp(x, w, b, c);
        assertEquals(0, got.get("x").sub(want[0]).amaxNumber().doubleValue(), 1e-12, "input gradient");
        assertEquals(0, got.get("w").sub(want[1]).amaxNumber().doubleValue(), 1e-12, "weight gradient");
        assertEquals(0, got.get("b").sub(want[2]).amaxNumber().doubleValue(), 1e-12, "bias gradient");
        if (channels == 1) assertFalse(ops.toString().contains("conv2d_bp"), "one channel, no conv2d_bp: " + ops);
        else assertTrue(ops.toString().contains("conv2d_bp"), "several channels keep conv2d_bp: " + ops);
    }

    @Test
    void oneChannelGradientsEqualConv2dBpWithoutRunningIt() {
        assertTrue(OneChannelConv2D.installed(), "registered in nd4j's op registry by Backend.init()");
        check(1);
    }

    @Test
    void otherConvolutionsKeepNd4jsGradient() {
        check(2);
    }
}
