package org.v1workbench.model.engine;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.OpContext;

/**
 * Chooses, op by op, between oneDNN's kernel and nd4j's own where oneDNN's is the slow one: max
 * pooling on CPUs without AVX-512.
 *
 * <p>Why: nd4j hands max pooling on NCHW arrays to oneDNN 2.3, which on AVX2 has no vectorised
 * kernel for that layout and runs its generic one ({@code simple_nchw} in DNNL_VERBOSE); and
 * nd4j's pooling gradient runs the forward pass again through it. On AVX2 nd4j's own kernels
 * are then several times faster (for kindel2019, whose pooling is a large share of a step); on
 * AVX-512 oneDNN's are the faster and are kept (docs/benchmarks.md has the times). Both compute the same maximum and send the gradient to the same element
 * ({@code OpImplementationsTest}).
 *
 * <p>A SameDiff listener, so that it applies to every op SameDiff runs (training, prediction,
 * gradients) without changing the graph or the saved model: before each op it allows or
 * forbids nd4j's "platform helpers" (oneDNN) in that op's context.
 */
final class OpImplementations extends BaseListener {
    /** nd4j's names of the ops concerned: max pooling and its gradient. */
    static final java.util.Set<String> MAX_POOLING = java.util.Set.of("maxpool2d", "maxpool2d_bp");

    private final boolean ownMaxPooling;

    OpImplementations(boolean ownMaxPooling) {
        this.ownMaxPooling = ownMaxPooling;
    }

    /** The choice for this process's backend ({@link Backend#init}). */
    static OpImplementations forBackend() {
        return new OpImplementations(Backend.init().ownMaxPooling());
    }

    /** Attaches the choice to {@code sd} where it has an op concerned (before every op SameDiff runs on it); the listener, or null. */
    static OpImplementations attachTo(SameDiff sd) {
        for (SameDiffOp op : sd.getOps().values())
            if (MAX_POOLING.contains(op.getOp().opName())) {
                OpImplementations choice = forBackend();
                sd.addListeners(choice);
                return choice;
            }
        return null;
    }

    /** Whether max pooling should use nd4j's own kernels with nd4j-native build {@code variant}. */
    static boolean ownMaxPooling(String variant) {
        String forced = System.getProperty("v1workbench.maxpool");
        if (forced != null && !forced.isBlank()) {
            return switch (forced.trim()) {
                case "nd4j" -> true;
                case "onednn" -> false;
                default -> throw new IllegalArgumentException("v1workbench.maxpool must be nd4j or onednn, not '" + forced + "'");
            };
        }
        return !variant.equals("onednn-avx512");
    }

    boolean ownMaxPooling() { return ownMaxPooling; }

    @Override public boolean isActive(Operation operation) {
        return true;
    }

    @Override public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext context) {
        if (context != null && MAX_POOLING.contains(op.getOp().opName())) context.allowHelpers(!ownMaxPooling);
    }
}
