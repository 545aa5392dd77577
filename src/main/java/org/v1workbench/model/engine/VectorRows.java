package org.v1workbench.model.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Row gathers and row scatter-adds of float matrices with the Java Vector API: the full Gaussian
 * readout reads four rows of the core's map for every image and neuron ({@code gather}) and
 * its gradient adds them back ({@code scatter_add}, {@link GatherRows}), millions of rows of 64
 * values per batch at Sensorium's scale. nd4j's kernels make a sub-array object per row (about
 * 1 microsecond each: a second per million rows for the scatter-add, docs/benchmarks.md), and its
 * scatter-add runs on one thread where rows repeat (the "lock" that keeps it right). Loaded only
 * where the {@code jdk.incubator.vector} module is ({@link JavaKernels}).
 *
 * <p>Numbers: a gather copies; the scatter-add adds the update rows to each output row in index
 * order, one float addition each, as nd4j's locked kernel does, so the results are nd4j's bit for
 * bit. The work is split by output rows, not by indices, so that no two threads ever add into
 * the same row and the order of the additions into a row never changes.
 */
final class VectorRows {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorRows() {}

    /** {@code out[i] = source[index[i]]} for rows {@code from <= i < to}; rows of {@code columns} floats, int indices. */
    static void gather(ByteBuffer source, int sourceRows, ByteBuffer index, ByteBuffer out, int columns, int from, int to) {
        for (int i = from; i < to; i++) {
            int r = index.getInt(i * 4);
            if (r < 0 || r >= sourceRows)
                throw new IllegalStateException("gather: index " + r + " at " + i + " is outside the " + sourceRows + " rows");
            copyRow(source, (long) r * columns, out, (long) i * columns, columns);
        }
    }

    /**
     * Rows {@code r0 <= r < r1} of {@code out = ref} plus, for every {@code i} in order with
     * {@code index[i] = r}, {@code updates[i]}; {@code copy}: whether {@code out} is another array
     * than {@code ref} (false: in place). The part holding row 0 checks every index.
     */
    static void scatterAdd(ByteBuffer ref, ByteBuffer index, int indices, ByteBuffer updates, ByteBuffer out, int rows, int columns,
                           boolean copy, int r0, int r1) {
        if (copy) for (int r = r0; r < r1; r++) copyRow(ref, (long) r * columns, out, (long) r * columns, columns);
        int end = SPECIES.loopBound(columns);
        for (int i = 0; i < indices; i++) {
            int r = index.getInt(i * 4);
            if (r < r0 || r >= r1) {
                if (r0 == 0 && (r < 0 || r >= rows))
                    throw new IllegalStateException("scatter_add: index " + r + " at " + i + " is outside the " + rows + " rows");
                continue;
            }
            int o = r * columns * 4, u = i * columns * 4;
            int c = 0;
            for (; c < end; c += SPECIES.length()) {
                int at = c * 4;
                FloatVector.fromByteBuffer(SPECIES, out, o + at, ORDER).add(FloatVector.fromByteBuffer(SPECIES, updates, u + at, ORDER))
                        .intoByteBuffer(out, o + at, ORDER);
            }
            for (; c < columns; c++) out.putFloat(o + c * 4, out.getFloat(o + c * 4) + updates.getFloat(u + c * 4));
        }
    }

    private static void copyRow(ByteBuffer from, long fromRow, ByteBuffer to, long toRow, int columns) {
        int f = (int) (fromRow * 4), t = (int) (toRow * 4);
        int end = SPECIES.loopBound(columns), c = 0;
        for (; c < end; c += SPECIES.length()) FloatVector.fromByteBuffer(SPECIES, from, f + c * 4, ORDER).intoByteBuffer(to, t + c * 4, ORDER);
        for (; c < columns; c++) to.putFloat(t + c * 4, from.getFloat(f + c * 4));
    }
}
