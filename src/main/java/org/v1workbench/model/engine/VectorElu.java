package org.v1workbench.model.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ELU with alpha 1, {@code x} for {@code x > 0} and {@code e^x - 1} otherwise, on float buffers
 * with the Java Vector API: as many values at once as the CPU's vectors hold (16 with AVX-512, 8
 * with AVX2). Loaded only where the {@code jdk.incubator.vector} module is ({@link JavaKernels}).
 *
 * <p>{@code e^x - 1} for {@code x <= 0}: {@code x = n ln2 + r} with {@code n} the nearest integer to
 * {@code x / ln2} and {@code |r| <= ln2 / 2} ({@code ln2} in two parts, so that {@code r} is exact),
 * {@code e^r - 1} by its Taylor polynomial to degree 7 (truncation under 2e-9 relative), and
 * {@code e^x - 1 = 2^n (e^r - 1) + (2^n - 1)}, which keeps full precision near 0 where
 * {@code exp(x) - 1} would cancel. {@code x} is clamped to -20 first, where the result is -1 in
 * float already. Within one unit in the last place of {@code expm1} in double over the whole
 * range ({@code JavaKernelsTest}). Only multiplications and additions, no fused multiply-add, so
 * the result does not depend on the CPU.
 */
final class VectorElu {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final float INV_LN2 = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with few enough bits that {@code n * LN2_HI} is exact for |n| < 2^9. */
    private static final float LN2_HI = 0.693145751953125f, LN2_LO = 1.428606765330187e-06f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude under 2^22 to an integer, kept in the low bits of the sum. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = 0x4B400000, EXPONENT_BIAS = 127;
    /** 1/k! for k = 7 down to 2. */
    private static final float C7 = 1.9841270e-4f, C6 = 1.3888889e-3f, C5 = 8.3333333e-3f, C4 = 4.1666667e-2f, C3 = 1.6666667e-1f, C2 = 0.5f;

    private VectorElu() {}

    /** Float lanes per vector on this CPU. */
    static int lanes() {
        return SPECIES.length();
    }

    /** {@code out[i] = elu(in[i])} for floats {@code from <= i < to} (indices in floats). */
    static void elu(ByteBuffer in, ByteBuffer out, int from, int to) {
        int i = from, end = from + SPECIES.loopBound(to - from);
        for (; i < end; i += SPECIES.length())
            elu(FloatVector.fromByteBuffer(SPECIES, in, i * 4, ORDER)).intoByteBuffer(out, i * 4, ORDER);
        for (; i < to; i++) out.putFloat(i * 4, elu(in.getFloat(i * 4)));
    }

    /**
     * {@code out[i] = g[i] * (1 + min(y[i], 0))} for {@code from <= i < to}: ELU's input gradient
     * from its output ({@link EluFromOutput}); rounded as nd4j's three ops round it.
     */
    static void gradientFromOutput(ByteBuffer y, ByteBuffer g, ByteBuffer out, int from, int to) {
        int i = from, end = from + SPECIES.loopBound(to - from);
        for (; i < end; i += SPECIES.length()) {
            FloatVector factor = FloatVector.fromByteBuffer(SPECIES, y, i * 4, ORDER).min(0f).add(1f);
            FloatVector.fromByteBuffer(SPECIES, g, i * 4, ORDER).mul(factor).intoByteBuffer(out, i * 4, ORDER);
        }
        for (; i < to; i++) out.putFloat(i * 4, g.getFloat(i * 4) * (Math.min(y.getFloat(i * 4), 0f) + 1f));
    }

    static FloatVector elu(FloatVector v) {
        FloatVector x = v.min(0f).max(-20f);
        FloatVector t = x.mul(INV_LN2).add(ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.mul(C7).add(C6).mul(r).add(C5).mul(r).add(C4).mul(r).add(C3).mul(r).add(C2).mul(r).add(1f).mul(r);
        FloatVector twoToN = t.reinterpretAsInts().add(EXPONENT_BIAS - ROUND_BITS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector expm1 = twoToN.mul(p).add(twoToN.sub(1f));
        return v.max(0f).add(expm1); // one of the two terms is 0
    }

    /** The same computation for one value (the tail of a buffer that does not fill a vector). */
    static float elu(float v) {
        float x = Math.max(Math.min(v, 0f), -20f);
        float t = x * INV_LN2 + ROUND;
        float n = t - ROUND;
        float r = x - n * LN2_HI - n * LN2_LO;
        float p = ((((((r * C7 + C6) * r + C5) * r + C4) * r + C3) * r + C2) * r + 1f) * r;
        float twoToN = Float.intBitsToFloat((Float.floatToRawIntBits(t) + EXPONENT_BIAS - ROUND_BITS) << 23);
        return Math.max(v, 0f) + (twoToN * p + (twoToN - 1f));
    }
}
