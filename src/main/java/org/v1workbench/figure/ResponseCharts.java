package org.v1workbench.figure;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;

/**
 * Charts of recorded responses, built from plain arrays (no dataset types, so the CLI's figures
 * and the window draw the same charts). Values are in the dataset's unit, given as {@code unit}
 * ("Hz" for spike counts and rates, "dF/F" or "z" for two-photon signals; see {@link Units});
 * missing repeats are NaN and left out.
 */
public final class ResponseCharts {
    private ResponseCharts() {}

    /** Up to this many neurons, the response chart names each neuron on its axis. */
    public static final int LABELLED_NEURONS = 40;
    /** Above this many neurons (with repeats), repeats are drawn as a heat map instead of dots. */
    public static final int DOT_NEURONS = 60;

    public static final Color BAR = new Color(0x4C, 0x72, 0xB0);
    public static final Color DOT = new Color(0x1A, 0x1A, 0x1A, 0xA0);

    /**
     * The response of every neuron to one image: bars of the trial mean, every repeat as a
     * dot (spread sideways by repeat number so they do not hide each other). With many neurons
     * the repeats become a heat map under the bars (neuron x repeat).
     *
     * @param ids       the N neurons, in the order to draw them
     * @param meanValues    N trial means, in {@code unit}
     * @param repeatValues N x R single repeats, NaN where a repeat is missing
     * @param unit      the values' unit (labels and tooltips)
     */
    public static JFreeChart imageResponse(String title, String subtitle, List<String> ids, double[] meanValues, double[][] repeatValues,
                                           String unit) {
        int n = ids.size();
        if (meanValues.length != n || repeatValues.length != n)
            throw new IllegalArgumentException(n + " neurons but " + meanValues.length + " means and " + repeatValues.length + " repeat rows");
        int repeats = n == 0 ? 0 : repeatValues[0].length;
        boolean heat = repeatsAsHeatMap(n, repeats);

        XYSeries means = new XYSeries("trial mean", false, true);
        for (int i = 0; i < n; i++) if (!Double.isNaN(meanValues[i])) means.add(i, meanValues[i]);
        XYSeriesCollection bars = new XYSeriesCollection(means);
        bars.setIntervalWidth(0.72);
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(false);
        barRenderer.setSeriesPaint(0, heat || repeats <= 1 ? BAR : new Color(0x4C, 0x72, 0xB0, 0x90));
        barRenderer.setDefaultToolTipGenerator((d, s, item) -> ids.get((int) d.getXValue(s, item)) + ": "
                + fmt(d.getYValue(s, item)) + " " + unit + " (mean of repeats)");

        ValueAxis neuronAxis = neuronAxis(ids);
        NumberAxis rate = new NumberAxis(Units.axis(unit));
        rate.setAutoRangeIncludesZero(true);
        XYPlot barPlot = new XYPlot(bars, heat ? null : neuronAxis, rate, barRenderer);
        barPlot.setNoDataMessage("no neurons to show");

        JFreeChart chart;
        if (heat) {
            DefaultXYZDataset cells = new DefaultXYZDataset();
            double[][] xyz = new double[3][n * repeats];
            double top = 0, bottom = 0;
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < repeats; r++) {
                    int k = i * repeats + r;
                    xyz[0][k] = i;
                    xyz[1][k] = r + 1;
                    xyz[2][k] = repeatValues[i][r];
                    if (!Double.isNaN(repeatValues[i][r])) {
                        top = Math.max(top, repeatValues[i][r]);
                        bottom = Math.min(bottom, repeatValues[i][r]);
                    }
                }
            }
            cells.addSeries("repeats", xyz);
            XYBlockRenderer block = new XYBlockRenderer();
            block.setPaintScale(ColorScales.viridis(Units.scaleBottom(bottom), top));
            block.setDefaultToolTipGenerator((d, s, item) -> ids.get((int) d.getXValue(s, item)) + ", repeat "
                    + (int) d.getYValue(s, item) + ": " + fmt(cells.getZValue(s, item)) + " " + unit);
            NumberAxis repeatAxis = new NumberAxis("repeat");
            repeatAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            repeatAxis.setRange(0.5, repeats + 0.5);
            repeatAxis.setInverted(true);
            XYPlot heatPlot = new XYPlot(cells, null, repeatAxis, block);
            CombinedDomainXYPlot combined = new CombinedDomainXYPlot(neuronAxis);
            combined.setGap(6);
            combined.add(barPlot, 2);
            combined.add(heatPlot, 3);
            chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, false);
            chart.addSubtitle(colourLegend(block, Units.axis(unit)));
        } else {
            if (repeats > 1) {
                XYSeries dots = new XYSeries("repeats", false, true);
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < repeats; r++) {
                        double v = repeatValues[i][r];
                        if (!Double.isNaN(v)) dots.add(i + jitter(r, repeats), v);
                    }
                }
                XYLineAndShapeRenderer dotRenderer = new XYLineAndShapeRenderer(false, true);
                double size = n > 30 ? 3.5 : 5;
                dotRenderer.setSeriesShape(0, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
                dotRenderer.setSeriesPaint(0, DOT);
                dotRenderer.setDefaultToolTipGenerator((d, s, item) -> ids.get((int) Math.round(d.getXValue(s, item)))
                        + ": " + fmt(d.getYValue(s, item)) + " " + unit + " (one repeat)");
                barPlot.setDataset(1, new XYSeriesCollection(dots));
                barPlot.setRenderer(1, dotRenderer);
            }
            barPlot.setDomainGridlinesVisible(false);
            chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, barPlot, false);
        }
        if (subtitle != null && !subtitle.isEmpty()) chart.addSubtitle(new TextTitle(subtitle));
        return chart;
    }

    /** True where {@link #imageResponse} draws the repeats as a heat map rather than as dots. */
    public static boolean repeatsAsHeatMap(int neurons, int repeats) {
        return neurons > DOT_NEURONS && repeats > 1;
    }

    /**
     * One neuron's responses over repeats (columns) to several images (rows), as a heat map.
     *
     * @param rowLabels the images, one label per row, top to bottom
     * @param repeatValues rows x R single repeats, in {@code unit}, NaN where a repeat is missing
     * @param unit      the values' unit (labels and tooltips)
     */
    public static JFreeChart raster(String title, String subtitle, List<String> rowLabels, double[][] repeatValues, String unit) {
        int rows = rowLabels.size();
        int repeats = rows == 0 ? 0 : repeatValues[0].length;
        DefaultXYZDataset cells = new DefaultXYZDataset();
        double[][] xyz = new double[3][rows * repeats];
        double top = 0, bottom = 0;
        for (int i = 0; i < rows; i++) {
            for (int r = 0; r < repeats; r++) {
                int k = i * repeats + r;
                xyz[0][k] = r + 1;
                xyz[1][k] = i;
                xyz[2][k] = repeatValues[i][r];
                if (!Double.isNaN(repeatValues[i][r])) {
                    top = Math.max(top, repeatValues[i][r]);
                    bottom = Math.min(bottom, repeatValues[i][r]);
                }
            }
        }
        if (rows > 0) cells.addSeries("responses", xyz);
        XYBlockRenderer block = new XYBlockRenderer();
        block.setPaintScale(ColorScales.viridis(Units.scaleBottom(bottom), top));
        block.setDefaultToolTipGenerator((d, s, item) -> rowLabels.get((int) d.getYValue(s, item)) + ", repeat "
                + (int) d.getXValue(s, item) + ": " + fmt(cells.getZValue(s, item)) + " " + unit);
        NumberAxis repeatAxis = new NumberAxis("repeat");
        repeatAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        repeatAxis.setRange(0.5, Math.max(1, repeats) + 0.5);
        SymbolAxis imageAxis = new SymbolAxis(null, rowLabels.toArray(new String[0]));
        imageAxis.setInverted(true);
        imageAxis.setGridBandsVisible(false);
        if (rows > 0) imageAxis.setRange(-0.5, rows - 0.5);
        if (rows > 24) imageAxis.setTickLabelsVisible(false);
        XYPlot plot = new XYPlot(cells, repeatAxis, imageAxis, block);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setNoDataMessage("select a neuron and one or more images");
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        if (subtitle != null && !subtitle.isEmpty()) chart.addSubtitle(new TextTitle(subtitle));
        if (rows > 0) chart.addSubtitle(colourLegend(block, Units.axis(unit)));
        return chart;
    }

    /** An empty chart that says why there is nothing to show. */
    public static JFreeChart message(String title, String message) {
        XYPlot plot = new XYPlot(null, new NumberAxis(), new NumberAxis(), null);
        plot.getDomainAxis().setVisible(false);
        plot.getRangeAxis().setVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setNoDataMessage(message);
        plot.setNoDataMessagePaint(new Color(0x66, 0x66, 0x66));
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    private static ValueAxis neuronAxis(List<String> ids) {
        if (ids.size() <= LABELLED_NEURONS && !ids.isEmpty()) {
            SymbolAxis axis = new SymbolAxis(null, ids.toArray(new String[0]));
            axis.setVerticalTickLabels(true);
            axis.setGridBandsVisible(false);
            axis.setRange(-0.6, ids.size() - 0.4);
            return axis;
        }
        NumberAxis axis = new NumberAxis("neuron (in table order)");
        TickUnitSource units = NumberAxis.createIntegerTickUnits();
        axis.setStandardTickUnits(units);
        axis.setRange(-0.6, Math.max(1, ids.size()) - 0.4);
        return axis;
    }

    /** Sideways offset of repeat r of R, within +-0.25 of the neuron's position. */
    static double jitter(int r, int repeats) {
        return repeats <= 1 ? 0 : (r / (double) (repeats - 1) - 0.5) * 0.5;
    }

    private static PaintScaleLegend colourLegend(XYBlockRenderer block, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(block.getPaintScale().getLowerBound(), block.getPaintScale().getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(block.getPaintScale(), axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setStripWidth(12);
        legend.setSubdivisionCount(64);
        legend.setMargin(new RectangleInsets(8, 8, 8, 4));
        legend.setStripOutlineVisible(true);
        legend.setStripOutlinePaint(new Color(0x99, 0x99, 0x99));
        legend.setStripOutlineStroke(new BasicStroke(0.5f));
        return legend;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
