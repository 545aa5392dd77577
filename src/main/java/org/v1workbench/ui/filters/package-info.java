/**
 * The filter workspace: {@link org.v1workbench.ui.filters.FiltersModel} (a model's first-layer
 * filters per run, how much each neuron uses each filter, and the most exciting inputs of many
 * neurons) and {@link org.v1workbench.ui.filters.FiltersView}.
 *
 * <p>Contract: is given the experiment and its evaluation (the window's model binds them to the
 * inspector's), so it needs no other workspace; filter use and most exciting inputs are computed
 * on request on worker threads. May use {@code data}, {@code experiment}, {@code figure},
 * {@code model}, {@code probe}, {@code ui.common} and {@code ui.chart}.
 */
package org.v1workbench.ui.filters;
