/**
 * What the rooms of the window share: the {@link org.v1workbench.ui.common.TaskRunner} that all
 * work goes through, and the {@link org.v1workbench.ui.common.EventThrottle} and
 * {@link org.v1workbench.ui.common.Frames} that pace what reaches the JavaFX thread; settings
 * ({@link org.v1workbench.ui.common.SettingsStore}, {@link org.v1workbench.ui.common.WorkbenchPrefs});
 * the dataset and experiment the window has open ({@link org.v1workbench.ui.common.DatasetSource},
 * {@link org.v1workbench.ui.common.LoadedDataset}, {@link org.v1workbench.ui.common.OpenExperiment}
 * and its {@link org.v1workbench.ui.common.Evaluation}); table helpers
 * ({@link org.v1workbench.ui.common.RowWarmUp}, {@link org.v1workbench.ui.common.TableCells}); and
 * how failures, scores and times are written ({@link org.v1workbench.ui.common.Texts}).
 *
 * <p>Contract: belongs to no room and uses no other {@code ui} package, so that every room can use
 * it. May use {@code data}, {@code experiment}, {@code metrics}, {@code probe}, {@code sim} and
 * JavaFX.
 */
package org.v1workbench.ui.common;
