package org.v1workbench.model.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Per-channel sums of a {@code batch x channels x plane} float array with the Java Vector API:
 * a convolution's bias gradient, which nd4j's {@code reduce_sum} over dimensions 0, 2 and 3
 * computes several times more slowly for an output gradient of a million values or more
 * (core-readout's first layer; docs/benchmarks.md). Loaded only
 * where the {@code jdk.incubator.vector} module is ({@link JavaKernels}). Each plane is summed in
 * vectors, the planes' sums then one after the other in double; nd4j sums in another order and in
 * float, so the last bits differ.
 */
final class VectorChannelSums {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorChannelSums() {}

    /** {@code sums[c] = sum over b and the plane of g[b][c]} for {@code c0 <= c < c1}. */
    static void channelSums(ByteBuffer g, int batch, int channels, int plane, ByteBuffer sums, int c0, int c1) {
        int end = SPECIES.loopBound(plane);
        for (int c = c0; c < c1; c++) {
            double total = 0; // the planes' sums added in double: 64 and more of them
            for (int b = 0; b < batch; b++) {
                int base = (b * channels + c) * plane;
                FloatVector s = FloatVector.zero(SPECIES);
                int i = 0;
                for (; i < end; i += SPECIES.length()) s = s.add(FloatVector.fromByteBuffer(SPECIES, g, (base + i) * 4, ORDER));
                float p = s.reduceLanes(VectorOperators.ADD);
                for (; i < plane; i++) p += g.getFloat((base + i) * 4);
                total += p;
            }
            sums.putFloat(c * 4, (float) total);
        }
    }
}
