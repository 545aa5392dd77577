package org.v1workbench.model.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The gradient of a per-channel scale {@code y = x * s} ({@code x}: {@code batch x channels x
 * plane}, {@code s}: one value per channel) with the Java Vector API, in one pass:
 * {@code dx = g * s} and {@code ds[c] = sum over b and the plane of g * x}. nd4j's
 * {@code multiply_bp} for such a broadcast takes several times longer (batch norm's scale in the
 * sensorium preset's core, on 64 x 64 x 28 x 56 maps; docs/benchmarks.md). Loaded only where
 * the {@code jdk.incubator.vector} module is ({@link JavaKernels}). {@code dx} rounds as nd4j's
 * (one float product); the sums add each plane in vectors and the planes in double, another
 * order than nd4j's, so their last bits differ.
 */
final class VectorChannelScale {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorChannelScale() {}

    /** Channels {@code c0 <= c < c1} of the gradient; every buffer holds native-order floats. */
    static void gradient(ByteBuffer x, ByteBuffer s, ByteBuffer g, ByteBuffer dx, ByteBuffer ds, int batch, int channels, int plane, int c0, int c1) {
        int end = SPECIES.loopBound(plane);
        for (int c = c0; c < c1; c++) {
            float sc = s.getFloat(c * 4);
            FloatVector scale = FloatVector.broadcast(SPECIES, sc);
            double total = 0;
            for (int b = 0; b < batch; b++) {
                int base = (b * channels + c) * plane;
                FloatVector acc = FloatVector.zero(SPECIES);
                int i = 0;
                for (; i < end; i += SPECIES.length()) {
                    int at = (base + i) * 4;
                    FloatVector gv = FloatVector.fromByteBuffer(SPECIES, g, at, ORDER);
                    gv.mul(scale).intoByteBuffer(dx, at, ORDER);
                    acc = acc.add(gv.mul(FloatVector.fromByteBuffer(SPECIES, x, at, ORDER)));
                }
                float p = acc.reduceLanes(VectorOperators.ADD);
                for (; i < plane; i++) {
                    int at = (base + i) * 4;
                    float gi = g.getFloat(at);
                    dx.putFloat(at, gi * sc);
                    p += gi * x.getFloat(at);
                }
                total += p;
            }
            ds.putFloat(c * 4, (float) total);
        }
    }
}
