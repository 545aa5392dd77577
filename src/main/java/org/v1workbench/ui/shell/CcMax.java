package org.v1workbench.ui.shell;

import org.v1workbench.metrics.Metrics;

import java.util.function.ToDoubleFunction;

/** The noise ceiling the neuron table shows: {@link Metrics#ccMax} of each neuron's repeats. */
final class CcMax {
    private CcMax() {}

    /** CC_max of one neuron from its {@code images x repeats} responses (NaN = missing repeat). */
    static ToDoubleFunction<double[][]> function() {
        return Metrics::ccMax;
    }
}
