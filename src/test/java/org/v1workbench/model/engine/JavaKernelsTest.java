package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java kernels that training runs in place of nd4j's ({@link JavaKernels}): the Vector API
 * ELU against {@code expm1} computed in double, and against nd4j's {@code elu}, on arrays as
 * training has them. The tests run with the Vector API module (the pom's surefire options).
 */
class JavaKernelsTest {
    @Test
    void theTestJvmHasTheVectorApiAsTheProgramsJvmsDo() {
        assertTrue(JavaKernels.enabled(), "surefire's JVM is started with --add-modules jdk.incubator.vector");
        assertTrue(JavaKernels.describe().startsWith("Java Vector API, "), JavaKernels.describe());
    }

    /** The exact ELU, rounded to float once: {@code x} above 0, {@code expm1(x)} in double below. */
    private static float exact(float x) {
        return x > 0 ? x : (float) Math.expm1(x);
    }

    private static float ulp(float expected) {
        return Math.ulp(expected);
    }

    @Test
    void eluIsWithinOneUnitInTheLastPlaceOfExpm1Everywhere() {
        // every 97th float from -25 up to -0 (about 11 million, every exponent), positives, and the
        // edges: zeros, the smallest values, the reduction's boundary, far below, the largest
        int checked = 0;
        for (long bits = Float.floatToRawIntBits(-25f) & 0xFFFFFFFFL; bits >= 0x80000000L; bits -= 97) check(Float.intBitsToFloat((int) bits), checked++);
        for (float x = 1e-30f; x < 1e30f; x *= 1.37f) check(x, checked++);
        for (float x : new float[]{0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, -1e-30f, -1e-8f, -0.34657359f, -0.34657362f, -17f, -18f,
                -20f, -20.000002f, -87f, -104f, -1e30f, -Float.MAX_VALUE, Float.MAX_VALUE})
            check(x, checked++);
        assertTrue(checked > 10_000_000, "values checked: " + checked);
        assertEquals(-1f, VectorElu.elu(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, VectorElu.elu(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(VectorElu.elu(Float.NaN)), "NaN stays NaN (a diverging network is seen as one)");
    }

    private static void check(float x, int i) {
        float got = VectorElu.elu(x), want = exact(x);
        if (Math.abs(got - want) > ulp(want))
            throw new AssertionError("elu(" + x + ") = " + got + ", expm1 in double gives " + want + " (value " + i + ")");
    }

    /** The vector loop and the one-value tail compute the same thing, bit for bit. */
    @Test
    void theVectorLoopAndTheScalarTailAgreeBitForBit() {
        Random r = new Random(3);
        int n = 16 * 1000 + 13;
        INDArray x = Nd4j.createUninitializedDetached(DataType.FLOAT, n), y = Nd4j.createUninitializedDetached(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) x.putScalar(i, (float) ((r.nextDouble() - 0.7) * (i % 5 == 0 ? 60 : 6)));
        x.putScalar(5, Float.NaN);
        JavaKernels.elu(JavaKernels.floats(x), JavaKernels.floats(y), n).run();
        for (int i = 0; i < n; i++) {
            float want = VectorElu.elu(x.getFloat(i)), got = y.getFloat(i);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got), "value " + i + " of " + x.getFloat(i));
        }
    }

    /**
     * {@link JavaKernels#forOp} on the arrays of a training step (an activation of 64 x 32 x 52 x 52,
     * split over the cores, and a small one) gives nd4j's ELU within float rounding; where it
     * does not apply it says so (null) and the op runs natively.
     */
    @Test
    void theEluKernelComputesNd4jsEluOnTrainingArrays() {
        Backend.init();
        Random r = new Random(5);
        for (long[] shape : List.of(new long[]{64, 32, 52, 52}, new long[]{3, 5, 7})) {
            INDArray x = Nd4j.rand(DataType.FLOAT, shape).subi(0.6).muli(8), y = Nd4j.createUninitializedDetached(DataType.FLOAT, shape);
            INDArray want = Nd4j.exec(new ELU(x, Nd4j.createUninitialized(DataType.FLOAT, shape)))[0];
            JavaKernels.Kernel k = JavaKernels.forOp(new ELU(), List.of(x), new INDArray[]{y}, List.of(1.0));
            assertNotNull(k, "an ELU with alpha 1 on floats has a Java kernel");
            y.assign(Float.NaN);
            k.run();
            INDArray diff = y.sub(want);
            // nd4j computes exp(x) - 1 in float: off by up to a unit of 1's last place near 0
            assertTrue(diff.amaxNumber().doubleValue() < 1.2e-7, "largest difference from nd4j's elu " + diff.amaxNumber());
            assertEquals(0, y.neq(y).castTo(DataType.INT32).sumNumber().intValue(), "every value written");
        }
        // a view that starts inside its buffer: the kernel reads and writes from its offset
        INDArray big = Nd4j.rand(DataType.FLOAT, 10, 1000).subi(0.5), rows = big.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
        assertTrue(rows.offset() > 0);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 10, 1000), outRows = out.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
        JavaKernels.forOp(new ELU(), List.of(rows), new INDArray[]{outRows}, List.of()).run();
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 1000; j += 37) {
                float expected = i >= 3 && i < 7 ? VectorElu.elu(big.getFloat(i, j)) : 0f;
                assertEquals(expected, out.getFloat(i, j), 0f, i + "," + j);
            }
        // not for: another alpha, double precision, a strided view, another op
        INDArray f = Nd4j.rand(DataType.FLOAT, 4, 6), d = Nd4j.rand(DataType.DOUBLE, 4, 6);
        assertNull(JavaKernels.forOp(new ELU(), List.of(f), new INDArray[]{f.dup()}, List.of(0.5)));
        assertNull(JavaKernels.forOp(new ELU(), List.of(d), new INDArray[]{d.dup()}, List.of()));
        INDArray everyOther = f.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6));
        assertTrue(everyOther.isView() && everyOther.stride(1) == 2);
        assertNull(JavaKernels.forOp(new ELU(), List.of(everyOther), new INDArray[]{Nd4j.create(DataType.FLOAT, 4, 3)}, List.of()));
        assertNull(JavaKernels.forOp(new Tanh(), List.of(f), new INDArray[]{f.dup()}, List.of()));
    }

    /** ELU's gradient from its output in one pass: nd4j's three ops' numbers, bit for bit. */
    @Test
    void theEluGradientKernelRoundsAsNd4jsThreeOpsDo() {
        Backend.init();
        for (long[] shape : List.of(new long[]{64, 32, 50, 50}, new long[]{2, 3, 11})) {
            INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(3), y = Nd4j.createUninitializedDetached(DataType.FLOAT, shape);
            JavaKernels.forOp(new ELU(), List.of(x), new INDArray[]{y}, List.of()).run();
            INDArray g = Nd4j.randn(DataType.FLOAT, shape);
            org.nd4j.autodiff.samediff.SameDiff sd = org.nd4j.autodiff.samediff.SameDiff.create();
            sd.scalarMin(sd.constant("y", y), 0).add(1.0).mul(sd.constant("g", g)).rename("out");
            INDArray want = sd.output(new java.util.HashMap<>(), "out").get("out");
            INDArray got = Nd4j.createUninitializedDetached(DataType.FLOAT, shape);
            JavaKernels.eluGradientFromOutput(y, g, got).run();
            assertBitEqual(want, got, java.util.Arrays.toString(shape));
        }
        INDArray d = Nd4j.rand(DataType.DOUBLE, 3, 4);
        assertNull(JavaKernels.eluGradientFromOutput(d, d, d.dup()), "floats only");
    }

    /** A convolution's bias gradient (the sum over dimensions 0, 2, 3) against the sum in double, for a large array; small ones stay nd4j's. */
    @Test
    void theChannelScaleGradientKernelComputesNd4jsMultiplyGradient() {
        Backend.init();
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 64, 28, 56), s = Nd4j.randn(DataType.FLOAT, 1, 64, 1, 1), g = Nd4j.randn(DataType.FLOAT, 16, 64, 28, 56);
        INDArray dx = Nd4j.createUninitializedDetached(DataType.FLOAT, 16, 64, 28, 56), ds = Nd4j.createUninitializedDetached(DataType.FLOAT, 1, 64, 1, 1);
        var op = new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.MulBpOp();
        JavaKernels.Kernel k = JavaKernels.forOp(op, List.of(x, s, g), new INDArray[]{dx, ds}, List.of());
        assertNotNull(k, "a per-channel scale of a large map has a Java kernel");
        k.run();
        INDArray nd4jDx = Nd4j.create(DataType.FLOAT, x.shape()), nd4jDs = Nd4j.create(DataType.FLOAT, s.shape());
        Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("multiply_bp").addInputs(x, s, g).addOutputs(nd4jDx, nd4jDs).build());
        assertEquals(nd4jDx, dx, "dx: one float product each, as nd4j's");
        INDArray exact = g.castTo(DataType.DOUBLE).mul(x.castTo(DataType.DOUBLE)).sum(0, 2, 3);
        INDArray scale = Transforms.abs(g.mul(x)).castTo(DataType.DOUBLE).sum(0, 2, 3);
        for (int c = 0; c < 64; c++) {
            double error = Math.abs(ds.getDouble(c) - exact.getDouble(c));
            assertTrue(error <= 1e-7 * scale.getDouble(c) + Math.ulp(ds.getFloat(c)), "channel " + c + ": off by " + error
                    + " (nd4j's by " + Math.abs(nd4jDs.getDouble(c) - exact.getDouble(c)) + ")");
        }
        // a scale per image, or a small map: nd4j's own
        INDArray perImage = Nd4j.randn(DataType.FLOAT, 16, 1, 1, 1);
        assertNull(JavaKernels.forOp(op, List.of(x, perImage, g), new INDArray[]{dx, Nd4j.create(DataType.FLOAT, 16, 1, 1, 1)}, List.of()));
        INDArray small = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        assertNull(JavaKernels.forOp(op, List.of(small, Nd4j.rand(DataType.FLOAT, 1, 3, 1, 1), small), new INDArray[]{small.dup(),
                Nd4j.create(DataType.FLOAT, 1, 3, 1, 1)}, List.of()));
    }

    /**
     * The full Gaussian readout's row gather and scatter-add: nd4j's numbers bit for bit (the
     * scatter-add against nd4j's locked kernel, the one that adds rows in order), with rows that
     * repeat many times and enough of them that the kernel splits over the cores; in place too.
     */
    @Test
    void theRowKernelsGatherAndScatterAddAsNd4jsLockedKernelsDo() {
        Backend.init();
        int rows = 3000, columns = 67, n = 40_000;   // 67: vectors and a tail
        Random r = new Random(11);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i % 5 == 0 ? 7 : r.nextInt(rows);   // row 7 repeats 8,000 times
        INDArray index = Nd4j.createFromArray(idx), source = Nd4j.randn(DataType.FLOAT, rows, columns);
        var gather = new org.nd4j.linalg.api.ops.impl.shape.Gather();
        INDArray gathered = Nd4j.createUninitializedDetached(DataType.FLOAT, n, columns);
        JavaKernels.Kernel g = JavaKernels.forOp(gather, List.of(source, index), new INDArray[]{gathered}, List.of(), List.of(0L));
        assertNotNull(g, "a gather of rows has a Java kernel");
        g.run();
        INDArray want = Nd4j.create(DataType.FLOAT, n, columns);
        Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("gather").addInputs(source, index).addOutputs(want).addIntegerArguments(0).build());
        assertBitEqual(want, gathered, "gather");
        assertNull(JavaKernels.forOp(gather, List.of(source, index), new INDArray[]{gathered}, List.of(), List.of(1L)), "another axis: nd4j's");

        INDArray ref = Nd4j.randn(DataType.FLOAT, rows, columns), updates = Nd4j.randn(DataType.FLOAT, n, columns);
        var scatter = new org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd();
        INDArray out = Nd4j.createUninitializedDetached(DataType.FLOAT, rows, columns);
        JavaKernels.Kernel k = JavaKernels.forOp(scatter, List.of(ref, index, updates), new INDArray[]{out}, List.of());
        assertNotNull(k, "a scatter-add of rows has a Java kernel");
        k.run();
        INDArray locked = Nd4j.create(DataType.FLOAT, rows, columns);
        Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("scatter_add").addInputs(ref, index, updates).addOutputs(locked)
                .addBooleanArguments(true).build());
        assertBitEqual(locked, out, "scatter_add");
        // and the sums are right: every update added once (row 7 against the sum in double)
        double exact = ref.getDouble(7, 3);
        for (int i = 0; i < n; i++) if (idx[i] == 7) exact += updates.getDouble(i, 3);
        assertEquals(exact, out.getDouble(7, 3), 1e-3, "row 7, column 3");
        INDArray inPlace = ref.dup();
        JavaKernels.forOp(scatter, List.of(inPlace, index, updates), new INDArray[]{inPlace}, List.of()).run();
        assertBitEqual(locked, inPlace, "scatter_add in place");
        index.putScalar(5, rows);
        assertThrows(IllegalStateException.class, () -> JavaKernels.forOp(scatter, List.of(ref, index, updates), new INDArray[]{out}, List.of()).run(),
                "an index past the last row");
    }

    @Test
    void theChannelSumKernelSumsToFloatRounding() {
        Backend.init();
        INDArray g = Nd4j.randn(DataType.FLOAT, 64, 32, 52, 51).addi(0.3), out = Nd4j.createUninitializedDetached(DataType.FLOAT, 32);
        org.nd4j.linalg.api.ops.impl.reduce.same.Sum sum = new org.nd4j.linalg.api.ops.impl.reduce.same.Sum(g, 0, 2, 3);
        JavaKernels.Kernel k = JavaKernels.forOp(sum, List.of(g), new INDArray[]{out}, List.of());
        assertNotNull(k, "a large bias gradient has a Java kernel");
        k.run();
        INDArray exact = g.castTo(DataType.DOUBLE).sum(0, 2, 3), nd4j = g.sum(0, 2, 3), scale = Transforms.abs(g).castTo(DataType.DOUBLE).sum(0, 2, 3);
        for (int c = 0; c < 32; c++) {
            double error = Math.abs(out.getDouble(c) - exact.getDouble(c)), nd4jError = Math.abs(nd4j.getDouble(c) - exact.getDouble(c));
            assertTrue(error <= 1e-7 * scale.getDouble(c) + Math.ulp(out.getFloat(c)), "channel " + c + ": off by " + error + " (nd4j's by " + nd4jError + ")");
        }
        // small arrays, other dimensions: nd4j's
        INDArray small = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        assertNull(JavaKernels.forOp(new org.nd4j.linalg.api.ops.impl.reduce.same.Sum(small, 0, 2, 3), List.of(small),
                new INDArray[]{Nd4j.create(DataType.FLOAT, 3)}, List.of()));
        assertNull(JavaKernels.forOp(new org.nd4j.linalg.api.ops.impl.reduce.same.Sum(g, 0, 1), List.of(g),
                new INDArray[]{Nd4j.create(DataType.FLOAT, 52, 51)}, List.of()));
    }

    /** nd4j's integer arguments of a depthwise convolution as the sensorium core configures it (Layers.depthwiseNoBias). */
    private static List<Long> depthwiseArgs(INDArray x, INDArray w, int k, int pad, int stride) {
        org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig c = org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder()
                .kH(k).kW(k).sH(stride).sW(stride).dH(1).dW(1).pH(pad).pW(pad)
                .paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.VALID).dataFormat("NCHW").build();
        long[] a = new org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D(x, w, null, c).iArgs();
        List<Long> args = new java.util.ArrayList<>();
        for (long v : a) args.add(v);
        return args;
    }

    /**
     * The depthwise convolution and both its gradients against sums in double computed here, one
     * value at a time, and against nd4j's own ops, on the sensorium core's kernel (7 x 7, padded
     * by 3) and on others: no padding, widths that are not whole vectors, one row of output.
     */
    @Test
    void theDepthwiseConvolutionAndItsGradientsAreTheSumsInDouble() {
        Backend.init();
        int[][] cases = {{3, 5, 28, 56, 7, 3}, {2, 3, 11, 19, 5, 1}, {2, 2, 9, 33, 3, 0}, {1, 4, 7, 40, 7, 0}, {2, 17, 6, 5, 3, 2}};
        Random r = new Random(11);
        for (int[] c : cases) {
            int batch = c[0], channels = c[1], h = c[2], w = c[3], k = c[4], pad = c[5], ho = h + 2 * pad - k + 1, wo = w + 2 * pad - k + 1;
            String what = java.util.Arrays.toString(c);
            INDArray x = Nd4j.randn(DataType.FLOAT, batch, channels, h, w), wt = Nd4j.randn(DataType.FLOAT, k, k, channels, 1);
            INDArray g = Nd4j.randn(DataType.FLOAT, batch, channels, ho, wo);
            List<Long> args = depthwiseArgs(x, wt, k, pad, 1);
            float[] xv = x.data().asFloat(), wv = wt.data().asFloat(), gv = g.data().asFloat();
            // the sums in double: out, and the gradients of sum(out * g)
            double[] out = new double[batch * channels * ho * wo], dx = new double[batch * channels * h * w], dw = new double[k * k * channels];
            double[] outScale = new double[out.length], dxScale = new double[dx.length], dwScale = new double[dw.length];
            for (int b = 0; b < batch; b++)
                for (int ch = 0; ch < channels; ch++)
                    for (int y = 0; y < ho; y++)
                        for (int xo = 0; xo < wo; xo++)
                            for (int i = 0; i < k; i++)
                                for (int j = 0; j < k; j++) {
                                    int yi = y + i - pad, xi = xo + j - pad;
                                    if (yi < 0 || yi >= h || xi < 0 || xi >= w) continue;
                                    int o = ((b * channels + ch) * ho + y) * wo + xo, in = ((b * channels + ch) * h + yi) * w + xi, t = (i * k + j) * channels + ch;
                                    out[o] += (double) wv[t] * xv[in];
                                    outScale[o] += Math.abs((double) wv[t] * xv[in]);
                                    dx[in] += (double) wv[t] * gv[o];
                                    dxScale[in] += Math.abs((double) wv[t] * gv[o]);
                                    dw[t] += (double) xv[in] * gv[o];
                                    dwScale[t] += Math.abs((double) xv[in] * gv[o]);
                                }
            INDArray y = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, channels, ho, wo);
            JavaKernels.Kernel forward = JavaKernels.forOp(new org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D(), List.of(x, wt),
                    new INDArray[]{y}, List.of(), args);
            assertNotNull(forward, what + ": a Java kernel for the forward pass");
            INDArray dxOut = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, channels, h, w), dwOut = Nd4j.createUninitializedDetached(DataType.FLOAT, k, k, channels, 1);
            JavaKernels.Kernel backward = JavaKernels.forOp(new org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2DBp(), List.of(x, wt, g),
                    new INDArray[]{dxOut, dwOut}, List.of(), args);
            assertNotNull(backward, what + ": a Java kernel for the gradients");
            for (int run = 0; run < 2; run++) { // a second run on the same arrays gives the same (nothing accumulates)
                forward.run();
                backward.run();
                assertClose(out, outScale, y, what + " output, run " + run);
                assertClose(dx, dxScale, dxOut, what + " input gradient, run " + run);
                assertClose(dw, dwScale, dwOut, what + " weight gradient, run " + run);
            }
            // nd4j's own ops agree with the same sums
            INDArray nd4jOut = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, channels, ho, wo);
            int[] a = args.stream().mapToInt(Long::intValue).toArray();
            Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("depthwise_conv2d").addInputs(x, wt).addOutputs(nd4jOut).addIntegerArguments(a).build());
            assertClose(out, outScale, nd4jOut, what + " nd4j's output");
            INDArray nd4jDx = Nd4j.create(DataType.FLOAT, batch, channels, h, w), nd4jDw = Nd4j.create(DataType.FLOAT, k, k, channels, 1);
            Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("depthwise_conv2d_bp").addInputs(x, wt, g).addOutputs(nd4jDx, nd4jDw).addIntegerArguments(a).build());
            assertClose(dx, dxScale, nd4jDx, what + " nd4j's input gradient");
            assertClose(dw, dwScale, nd4jDw, what + " nd4j's weight gradient");
        }
        // what the kernel does not cover is left to nd4j: a stride of 2, a bias, a multiplier of 2
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 12, 12), wt = Nd4j.randn(DataType.FLOAT, 3, 3, 3, 1);
        assertNull(JavaKernels.forOp(new org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D(), List.of(x, wt),
                new INDArray[]{Nd4j.create(DataType.FLOAT, 2, 3, 5, 5)}, List.of(), depthwiseArgs(x, wt, 3, 0, 2)));
        assertNull(JavaKernels.forOp(new org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D(), List.of(x, wt, Nd4j.create(DataType.FLOAT, 3)),
                new INDArray[]{Nd4j.create(DataType.FLOAT, 2, 3, 10, 10)}, List.of(), depthwiseArgs(x, wt, 3, 0, 1)));
        INDArray w2 = Nd4j.randn(DataType.FLOAT, 3, 3, 3, 2);
        assertNull(JavaKernels.forOp(new org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D(), List.of(x, w2),
                new INDArray[]{Nd4j.create(DataType.FLOAT, 2, 6, 10, 10)}, List.of(), depthwiseArgs(x, w2, 3, 0, 1)));
    }

    /** Each value within float rounding of a sum of products: 1e-6 of the sum of their magnitudes. */
    private static void assertClose(double[] exact, double[] scale, INDArray actual, String what) {
        float[] a = actual.dup().data().asFloat();
        assertEquals(exact.length, a.length, what);
        for (int i = 0; i < a.length; i++)
            if (!(Math.abs(a[i] - exact[i]) <= 1e-6 * scale[i] + 1e-30))
                throw new AssertionError(what + ": value " + i + " is " + a[i] + ", the sum in double " + exact[i] + " (magnitudes " + scale[i] + ")");
    }

    @Test
    void theKernelsCanBeTurnedOff() {
        System.setProperty(JavaKernels.PROPERTY, "false");
        try {
            assertTrue(!JavaKernels.enabled());
            assertEquals("none (turned off)", JavaKernels.describe());
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6);
            assertNull(JavaKernels.forOp(new ELU(), List.of(x), new INDArray[]{x.dup()}, List.of()));
        } finally {
            System.clearProperty(JavaKernels.PROPERTY);
        }
    }

    static void assertBitEqual(INDArray a, INDArray b, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(a.dataType(), b.dataType(), what);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Arrays.toString(a.shape()), java.util.Arrays.toString(b.shape()), what);
        double[] x = a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().data().asDouble(),
                y = b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().data().asDouble();
        for (int i = 0; i < x.length; i++)
            if (Double.doubleToLongBits(x[i]) != Double.doubleToLongBits(y[i]))
                throw new AssertionError(what + ": value " + i + " of " + x.length + " is " + x[i] + " and " + y[i]);
    }
}
