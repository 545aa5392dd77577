/**
 * The JavaFX workbench: the main window and its workspaces (dataset browser, training,
 * experiments, inspector, filters), their view-models, the background task runner, settings,
 * figure export dialogs, and the headless snapshots that {@code snapshot} writes.
 *
 * <p>Contract (DESIGN.md): the JavaFX application thread never trains, loads or computes; work
 * runs on {@link org.v1workbench.ui.common.TaskRunner} or the training service, and reports back in
 * events that the views throttle ({@link org.v1workbench.ui.common.EventThrottle}). May use every other
 * package except {@code cli}; the only package that imports JavaFX, besides {@code bench}, which
 * drives this window to measure it.
 */
package org.v1workbench.ui;
