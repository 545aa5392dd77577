package org.v1workbench.train;

import java.io.Serializable;

/**
 * What one {@link FitUnit} returns: its predictions (spike counts per window, rows in the order
 * of the fold's validation and test images, columns the neurons of its group) and how long the
 * fit took. Small: a task sends it back to the driver, which pools them ({@link FitPlan#collect}).
 *
 * @param validation null where the fitter predicts no validation images
 */
public record FitResult(int unit, double[][] validation, double[][] test, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;
}
