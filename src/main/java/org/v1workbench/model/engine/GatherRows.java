package org.v1workbench.model.engine;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.shape.Gather;

import java.util.List;

/**
 * nd4j's {@code gather} of rows (axis 0) differentiated by one {@code scatter_add} of the
 * incoming gradient into zeros of the source's shape. Why: nd4j 1.0.0-M2.1's {@code Gather}
 * differentiates a variable index through a SameDiff while-loop of {@code put}s, one per index
 * (and in this version that loop fails to build: "Unable to replace samediff namespace"), so a
 * readout that gathers each image's and neuron's four neighbouring pixels (the full Gaussian
 * readout) could not train. Registered in nd4j's op registry in place of {@code Gather}
 * ({@link #install}, from {@link Backend#init}), as {@link OneChannelConv2D} is; the forward op,
 * its name and its saved form stay nd4j's. Other gathers (another axis, indices of rank above 1)
 * keep nd4j's gradient. Checked by the full Gaussian readout's finite-difference gradients.
 *
 * <p>The scatter-add is nd4j's with its "lock" argument set: without it nd4j splits the indices
 * over threads that add into the same row at once where indices repeat (neurons that read the
 * same pixel of the same image), which loses additions and makes the sums change run to run
 * ({@code GatherRowsTest}). Locked, one thread adds the rows in order; the recorded training steps
 * run {@link VectorRows}' kernel instead, which gives the same numbers split by output rows.
 */
public final class GatherRows extends Gather {
    /** For nd4j's registry, which instantiates ops by reflection. */
    public GatherRows() {}

    /** Registers this class as the implementation of nd4j's {@code gather} op (idempotent; see {@link Internals}). */
    static void install() {
        Internals.replaceOp(new Gather(), "gather", GatherRows.class);
    }

    /** Whether the op registry now gives this class for {@code gather}. */
    public static boolean installed() {
        return Internals.replaced(new Gather(), "gather", GatherRows.class);
    }

    @Override public List<SDVariable> doDiff(List<SDVariable> gradient) {
        SDVariable source = arg(0);
        if (args().length < 2 || jaxis != 0) return super.doDiff(gradient);
        SDVariable rows = arg(1);
        long[] rs = rows.getShape();
        if (rs != null && rs.length != 1) return super.doDiff(gradient);
        org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd add =
                new org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd(sameDiff, sameDiff.zerosLike(source), rows, gradient.get(0));
        add.addBArgument(true);   // "lock": one thread adds the rows in order (see the class comment)
        return List.of(add.outputVariable(), sameDiff.zerosLike(rows));
    }
}
