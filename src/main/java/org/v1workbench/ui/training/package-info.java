/**
 * The training workspace: {@link org.v1workbench.ui.training.TrainingModel} (the preset and its
 * hyperparameters as edited, the running job, and the learning curves of the live run and of the
 * experiments overlaid, {@link org.v1workbench.ui.training.RunCurves}) with its
 * {@link org.v1workbench.ui.training.TrainingView}; and
 * {@link org.v1workbench.ui.training.ExperimentsModel}, the experiments the workbench knows (a
 * sweep's settings among them: listed, sorted and overlaid, never opened, having no model) and
 * the current one, which the sidebar lists, training adds to, and the model views show.
 *
 * <p>Contract: training runs on the training service's thread; its events reach the JavaFX thread
 * through an event throttle, at most one batch per 100 ms. May use {@code data},
 * {@code experiment}, {@code figure}, {@code model}, {@code train}, {@code ui.common} and
 * {@code ui.chart}; no other workspace.
 */
package org.v1workbench.ui.training;
