/**
 * Figures as the window shows them and as files: JFreeChart charts and image panels of datasets,
 * training curves, inspector views and sweeps ({@link org.v1workbench.figure.SweepCharts}) in one style ({@link org.v1workbench.figure.ChartStyle},
 * {@link org.v1workbench.figure.ColorScales}), composed into a {@link org.v1workbench.figure.Figure}
 * and exported to PNG, SVG or PDF at a physical size ({@link org.v1workbench.figure.FigureExport}; PDF with
 * DejaVu Sans embedded, {@link org.v1workbench.figure.EmbeddedFonts}); figures laid out on a canvas
 * ({@link org.v1workbench.figure.Sheet}, the probe's);
 * Java2D helpers for figures drawn pixel by pixel ({@link org.v1workbench.figure.Drawing}).
 *
 * <p>Contract: works with no display (AWT headless), so {@code snapshot} and every export run on
 * a server. May use: {@code data}, JFreeChart, JFreeSVG, PDFBox and its Graphics2D bridge, Java2D; not JavaFX
 * (the window wraps these figures in {@code ui}) and not DL4J.
 */
package org.v1workbench.figure;
