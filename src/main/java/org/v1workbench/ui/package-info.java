/**
 * The JavaFX workbench, one sub-package per room of the window, so that a change to one
 * workspace stays in its package: the workspaces {@code ui.dataset} (dataset browser),
 * {@code ui.training} (training panel and the experiments it lists), {@code ui.inspector} (neuron
 * inspector) and {@code ui.filters} (filter view); the import dialog, {@code ui.importer};
 * {@code ui.shell}, the window that assembles them (menu, sidebar, tabs, status bar, error
 * reporter) and the headless snapshots that {@code snapshot} writes; and what the rooms share,
 * {@code ui.common} (task runner, settings, the open dataset and experiment) and {@code ui.chart}
 * (figure panes and their export). This package itself holds no classes.
 *
 * <p>Contract (DESIGN.md): the JavaFX application thread never trains, loads or computes; work
 * runs on {@link org.v1workbench.ui.common.TaskRunner} or the training service, and reports back in
 * events that the views throttle ({@link org.v1workbench.ui.common.EventThrottle}). Dependencies
 * point one way: {@code ui.common} uses no other ui package, {@code ui.chart} uses
 * {@code ui.common}, a workspace uses those two and the import dialog {@code ui.common}, none of
 * them uses another, and only {@code ui.shell} uses them all (UiPackagesTest checks it). The ui
 * packages may use every other package except {@code cli}; they are the only ones that import
 * JavaFX, besides {@code bench}, which drives this window to measure it.
 */
package org.v1workbench.ui;
