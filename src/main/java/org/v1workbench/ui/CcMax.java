package org.v1workbench.ui;

import java.util.function.ToDoubleFunction;

/**
 * The noise ceiling of one neuron, from its {@code images x repeats} responses (NaN = missing
 * repeat). Comes from package metrics; until that lands the table leaves the column empty.
 */
final class CcMax {
    private CcMax() {}

    /** The CC_max function, or null where none is available. */
    static ToDoubleFunction<double[][]> function() {
        return null;
    }
}
