package org.v1workbench.model.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * A depthwise convolution (one {@code k x k} filter per channel, stride 1, {@code pad} zero
 * pixels on every side, no bias) and its gradients with the Java Vector API, on
 * {@code batch x channels x h x w} maps and {@code k x k x channels x 1} weights (nd4j's layout).
 *
 * <p>Why: nd4j 1.0.0-M2.1's {@code depthwise_conv2d_bp} took 0.2 to 1.8 s per call on the
 * sensorium core's 64 x 64 x 28 x 56 maps, most of a training step (with oneDNN allowed for it
 * or not, the same; docs/benchmarks.md). Here each channel's plane is copied into a zero-padded
 * scratch, and each filter tap adds the whole shifted plane times its weight (two taps a pass
 * over the sums); the input gradient is the same correlation of the padded output gradient with
 * the flipped filter; the weight gradient is, for each tap, the dot product of the output
 * gradient with the shifted input. Parts of the work are whole channels, so that threads never
 * write the same weight gradient.
 *
 * <p>Numbers: each output and input-gradient value is a sum of products in float, in the order
 * of the taps (row by row), a product and an addition per tap (no fused multiply-add), so it is
 * the same on AVX2 and AVX-512; nd4j and oneDNN add in other orders, so the last bits differ from
 * theirs. Weight gradients add each plane's products in vectors (so their last bits depend on the
 * vector width) and the planes in double.
 */
final class VectorDepthwise {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    private VectorDepthwise() {}

    /** The sizes of one depthwise convolution: input {@code h x w}, output {@code ho x wo}. */
    record Shape(int batch, int channels, int h, int w, int k, int pad) {
        int ho() { return h + 2 * pad - k + 1; }
        int wo() { return w + 2 * pad - k + 1; }
    }

    /**
     * A zero-padded copy of one plane, row after row {@code stride} floats apart, the plane's
     * {@code ph x pw} values at row {@code top}, column {@code left}; everything else stays 0,
     * with room past the last row for a vector read beyond it.
     */
    private static final class Padded {
        final float[] values;
        final int stride, top, left;

        Padded(int rows, int stride, int top, int left) {
            this.values = new float[(rows + 1) * stride + L];
            this.stride = stride;
            this.top = top;
            this.left = left;
        }

        void fill(FloatBuffer plane, int base, int ph, int pw) {
            for (int y = 0; y < ph; y++) plane.get(base + y * pw, values, (top + y) * stride + left, pw);
        }
    }

    /** {@code n} rounded up to whole vectors. */
    private static int whole(int n) {
        return (n + L - 1) / L * L;
    }

    /** Forward: {@code out[b][c][y][x] = sum over taps of w[i][j][c] * in[b][c][y + i - pad][x + j - pad]}, channels {@code c0 <= c < c1}. */
    static void forward(ByteBuffer in, ByteBuffer weights, ByteBuffer out, Shape s, int c0, int c1) {
        FloatBuffer inF = in.asFloatBuffer(), wF = weights.asFloatBuffer(), outF = out.asFloatBuffer();
        int ho = s.ho(), wo = s.wo();
        Padded p = new Padded(ho + s.k() - 1, s.w() + 2 * s.pad(), s.pad(), s.pad());
        float[] filter = new float[s.k() * s.k()], acc = new float[whole(ho * p.stride)];
        for (int c = c0; c < c1; c++) {
            filter(wF, s, c, false, filter);
            for (int b = 0; b < s.batch(); b++) {
                int plane = b * s.channels() + c;
                p.fill(inF, plane * s.h() * s.w(), s.h(), s.w());
                correlate(p, filter, s.k(), acc);
                for (int y = 0; y < ho; y++) outF.put(plane * ho * wo + y * wo, acc, y * p.stride, wo);
            }
        }
    }

    /**
     * Gradients of {@link #forward} from the output gradient {@code g}: the input's
     * {@code dIn} and the weights' {@code dW}, channels {@code c0 <= c < c1}.
     */
    static void backward(ByteBuffer in, ByteBuffer weights, ByteBuffer g, ByteBuffer dIn, ByteBuffer dW, Shape s, int c0, int c1) {
        FloatBuffer inF = in.asFloatBuffer(), wF = weights.asFloatBuffer(), gF = g.asFloatBuffer(), dInF = dIn.asFloatBuffer(), dWF = dW.asFloatBuffer();
        int k = s.k(), h = s.h(), w = s.w(), ho = s.ho(), wo = s.wo();
        // input gradient: the output gradient padded by k - 1 - pad, correlated with the flipped filter
        int back = k - 1 - s.pad();
        Padded gp = new Padded(h + k - 1, w + k - 1, back, back);
        float[] acc = new float[whole(h * gp.stride)];
        // weight gradient: the input padded by pad, and the output gradient in rows as far apart
        // (zero between them), so that a tap's products are one run over both
        Padded xp = new Padded(ho + k - 1, w + 2 * s.pad(), s.pad(), s.pad());
        Padded gr = new Padded(ho, xp.stride, 0, 0);
        int run = whole(ho * xp.stride);
        float[] flipped = new float[k * k];
        double[] taps = new double[k * k];
        for (int c = c0; c < c1; c++) {
            filter(wF, s, c, true, flipped);
            java.util.Arrays.fill(taps, 0);
            for (int b = 0; b < s.batch(); b++) {
                int plane = b * s.channels() + c;
                gp.fill(gF, plane * ho * wo, ho, wo);
                correlate(gp, flipped, k, acc);
                for (int y = 0; y < h; y++) dInF.put(plane * h * w + y * w, acc, y * gp.stride, w);
                xp.fill(inF, plane * h * w, h, w);
                gr.fill(gF, plane * ho * wo, ho, wo);
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++) taps[i * k + j] += dot(xp.values, i * xp.stride + j, gr.values, run);
            }
            for (int t = 0; t < k * k; t++) dWF.put(t * s.channels() + c, (float) taps[t]);
        }
    }

    /** Channel {@code c}'s filter, tap {@code (i, j)} at {@code i * k + j}, or flipped (tap {@code (k-1-i, k-1-j)} there). */
    private static void filter(FloatBuffer w, Shape s, int c, boolean flip, float[] into) {
        int k = s.k(), taps = k * k;
        for (int t = 0; t < taps; t++) into[flip ? taps - 1 - t : t] = w.get(t * s.channels() + c);
    }

    /**
     * {@code acc[y * stride + x] = sum over taps (i, j) of filter[i][j] * p[y + i][x + j]}: the
     * rows lie {@code p.stride} apart in both, so that a tap is a shift of the whole plane, and
     * the values past each row's width are left over. One pass over {@code acc} per tap, with the
     * sums in memory (a vector carried through loops nested in each other is kept in an object by
     * Java 17's compiler, hundreds of times slower); the taps in order, so the same sums whatever
     * the vector width.
     */
    private static void correlate(Padded p, float[] filter, int k, float[] acc) {
        float[] v = p.values;
        int n = acc.length;
        java.util.Arrays.fill(acc, 0f);
        int taps = k * k, t = 0;
        for (; t + 1 < taps; t += 2) { // two taps a pass: half the passes over acc
            int s1 = t / k * p.stride + t % k, s2 = (t + 1) / k * p.stride + (t + 1) % k;
            float w1 = filter[t], w2 = filter[t + 1];
            for (int x = 0; x < n; x += L)
                FloatVector.fromArray(SPECIES, acc, x).add(FloatVector.fromArray(SPECIES, v, x + s1).mul(w1))
                        .add(FloatVector.fromArray(SPECIES, v, x + s2).mul(w2)).intoArray(acc, x);
        }
        if (t < taps) {
            int s1 = t / k * p.stride + t % k;
            float w1 = filter[t];
            for (int x = 0; x < n; x += L)
                FloatVector.fromArray(SPECIES, acc, x).add(FloatVector.fromArray(SPECIES, v, x + s1).mul(w1)).intoArray(acc, x);
        }
    }

    /** {@code sum over i < n of x[i + shift] * g[i]} ({@code n} whole vectors), in vectors, one loop. */
    private static double dot(float[] x, int shift, float[] g, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < n; i += L)
            acc = acc.add(FloatVector.fromArray(SPECIES, x, i + shift).mul(FloatVector.fromArray(SPECIES, g, i)));
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
