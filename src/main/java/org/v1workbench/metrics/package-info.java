/**
 * How well predictions match responses: CC_abs, CC_max, CC_norm, FEV, FEVE and the oracle
 * correlation ({@link org.v1workbench.metrics.Metrics}), per-neuron scores of a whole dataset with
 * the {@code score}/{@code evaluate} CSV ({@link org.v1workbench.metrics.Scoring}), population
 * means with standard errors, and paired tests between models.
 *
 * <p>Contract: the metric functions are pure, and their doc comments give every array's shape
 * ({@code [images]}, {@code [images][repeats]} with NaN where a repeat is missing,
 * {@code [neurons]}); training uses the same functions for validation as evaluation does for
 * the test tier. May use: {@code data} only (no model, no DL4J, no JavaFX).
 */
package org.v1workbench.metrics;
