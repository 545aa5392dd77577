/**
 * The window's figure panes, which several rooms use: {@link org.v1workbench.ui.chart.FigurePane}
 * (a chart, or any node with a figure behind it, with "Export figure..." and "Copy to clipboard"
 * in its context menu), {@link org.v1workbench.ui.chart.ChartGroup} (charts that export as one
 * multi-panel figure), {@link org.v1workbench.ui.chart.ImagePanel} (a picture drawn off the JavaFX
 * thread), and the export dialog with its remembered settings
 * ({@link org.v1workbench.ui.chart.ExportSettings}). Charts that change while the window must stay
 * smooth are drawn on a thread of their own and shown as images (ChartImage, behind
 * {@link org.v1workbench.ui.chart.FigurePane#forLiveChart}).
 *
 * <p>Contract: the JavaFX side of {@code figure}: what a pane shows exports as the same figure in
 * print style, drawn from a copy, and encoded and written on the task runner. May use
 * {@code figure}, {@code train} (the drawing threads' priority), {@code ui.common} and JavaFX; no
 * workspace.
 */
package org.v1workbench.ui.chart;
