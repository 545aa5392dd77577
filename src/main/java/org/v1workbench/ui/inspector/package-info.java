/**
 * The neuron inspector workspace: {@link org.v1workbench.ui.inspector.InspectorModel} evaluates the
 * current experiment on its dataset (an {@link org.v1workbench.ui.common.Evaluation}, which the
 * filter view shows too), lists its neurons by CC_norm, and probes the selected one (receptive
 * field, tuning, most exciting input, top natural images, and the ground truth of a simulated
 * neuron); {@link org.v1workbench.ui.inspector.InspectorView} shows them.
 *
 * <p>Contract: evaluating and probing run on worker threads; probes are cached per neuron. May use
 * {@code data}, {@code figure}, {@code metrics}, {@code probe}, {@code sim}, {@code ui.common} and
 * {@code ui.chart}; no other workspace.
 */
package org.v1workbench.ui.inspector;
