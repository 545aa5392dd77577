package org.v1workbench.metrics;

/**
 * One neuron's scores, the row of the {@code score}/{@code evaluate} CSV. The last four are NaN
 * where the neuron has fewer than 2 repeats (no noise ceiling can be estimated).
 *
 * @param meanRateHz the neuron's mean rate over the scored images and their repeats, in Hz; NaN for a
 *                   signal that is not spike counts or rates (dF/F, z-scored, deconvolved)
 */
public record NeuronScore(String neuron, String session, double meanRateHz, double ccAbs, double ccMax,
                          double ccNorm, double fev, double feve) {
}
