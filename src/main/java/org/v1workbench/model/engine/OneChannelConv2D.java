package org.v1workbench.model.engine;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

import java.util.ArrayList;
import java.util.List;

/**
 * nd4j's {@code conv2d} with a faster gradient where the input has one channel (the grey image
 * every preset's first convolution reads): the same native forward op, differentiated as two
 * forward convolutions instead of {@code conv2d_bp}.
 *
 * <p>Why: {@code conv2d_bp} always computes the gradient with respect to the input as well, and
 * for one input channel oneDNN 2.3 (nd4j-native 1.0.0-M2.1) does it with the channel padded to
 * 16 (DNNL_VERBOSE shows it), which makes that backward-data pass many times slower than the
 * layer's forward and weight-gradient passes together (docs/benchmarks.md). Training never
 * needs that gradient. Written as convolutions, each gradient is a
 * separate op that SameDiff runs only when asked for:
 * <ul>
 * <li>weights: {@code dW[u,v,0,o] = sum_{b,i,j} x[b,0,i+u,j+v] g[b,o,i,j]}, a valid convolution
 *     of the images seen as one image with the batch as channels ({@code 1 x B x H x W}) by the
 *     output gradient seen as a kernel ({@code oH x oW x B x O}, its size taken from the array);</li>
 * <li>bias: the output gradient summed over batch and positions;</li>
 * <li>input (receptive fields, most exciting inputs): a full convolution of the output gradient
 *     with the spatially flipped kernel.</li>
 * </ul>
 * Other convolutions (several channels, strides, padding, other layouts) keep nd4j's gradient.
 *
 * <p>SameDiff builds its gradient function from copies of the graph's ops made through nd4j's op
 * registry, so this class is registered there in place of {@code Conv2D} ({@link #install}, from
 * {@link Backend#init}); the forward op, its name and its saved form are unchanged, so models
 * saved with or without it load either way. Checked against {@code conv2d_bp} by
 * {@code OneChannelConv2DTest} and by the presets' finite-difference gradient checks.
 */
public final class OneChannelConv2D extends Conv2D {
    /** For nd4j's registry, which instantiates ops by reflection. */
    public OneChannelConv2D() {}

    /** Registers this class as the implementation of nd4j's {@code conv2d} op (idempotent; see {@link Internals}). */
    static void install() {
        Internals.replaceOp(new Conv2D(), "conv2d", OneChannelConv2D.class);
    }

    /** Whether the op registry now gives this class for {@code conv2d}. */
    static boolean installed() {
        return Internals.replaced(new Conv2D(), "conv2d", OneChannelConv2D.class);
    }

    @Override public List<SDVariable> doDiff(List<SDVariable> gradients) {
        Conv2DConfig c = getConfig();
        SDVariable x = arg(0), w = arg(1);
        long[] ws = w.getShape();
        boolean oneChannel = ws != null && ws.length == 4 && ws[2] == 1 && c.getWeightsFormat() == WeightsFormat.YXIO
                && "NCHW".equalsIgnoreCase(c.getDataFormat()) && c.getPaddingMode() == PaddingMode.VALID
                && c.getPH() == 0 && c.getPW() == 0 && c.getSH() == 1 && c.getSW() == 1 && c.getDH() == 1 && c.getDW() == 1;
        if (!oneChannel) return super.doDiff(gradients);
        SameDiff sd = sameDiff;
        SDVariable g = gradients.get(0);                      // batch x out x oH x oW
        int kh = (int) ws[0], kw = (int) ws[1];
        Conv2DConfig byOutputGradient = Conv2DConfig.builder().kH(-1).kW(-1).sH(1).sW(1).dH(1).dW(1) // kernel size from the array
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        SDVariable dW = sd.cnn.conv2d(x.permute(1, 0, 2, 3), g.permute(2, 3, 0, 1), byOutputGradient).permute(2, 3, 0, 1);
        Conv2DConfig full = Conv2DConfig.builder().kH(kh).kW(kw).sH(1).sW(1).dH(1).dW(1).pH(kh - 1).pW(kw - 1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        SDVariable dX = sd.cnn.conv2d(g, sd.reverse(w, 0, 1).permute(0, 1, 3, 2), full);
        List<SDVariable> out = new ArrayList<>(List.of(dX, dW));
        if (args().length > 2) out.add(g.sum(0, 2, 3));
        return out;
    }
}
