package org.v1workbench.train;

import org.v1workbench.experiment.HistoryRow;

import java.io.Serializable;
import java.util.List;

/**
 * What one {@link FitUnit} returns: its predictions (spike counts per window, rows in the order
 * of the fold's validation and test images, columns the neurons of its group), how long the fit
 * took, and its learning curves. Small: a task sends it back to the driver, which pools them
 * ({@link FitPlan#collect}).
 *
 * @param validation null where the fitter predicts no validation images
 * @param history    the fit's learning curves, one row per run and epoch as the fit named its
 *                   runs; none for a model trained without epochs (ridge)
 */
public record FitResult(int unit, double[][] validation, double[][] test, double seconds, List<HistoryRow> history) implements Serializable {
    private static final long serialVersionUID = 2L;

    public FitResult {
        history = List.copyOf(history);
    }

    /** A result without learning curves. */
    public FitResult(int unit, double[][] validation, double[][] test, double seconds) {
        this(unit, validation, test, seconds, List.of());
    }
}
