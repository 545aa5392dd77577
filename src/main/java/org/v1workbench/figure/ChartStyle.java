package org.v1workbench.figure;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * One look for every chart: sans-serif type, white ground, light grid, no chart border. Two sets
 * of sizes: {@link #SCREEN} in pixels for the window, {@link #PRINT} in points for exported
 * figures (journals ask for 5 to 10 pt type at the printed size).
 */
public record ChartStyle(float title, float subtitle, float axisLabel, float tickLabel, float legend) {
    public static final ChartStyle SCREEN = new ChartStyle(15, 12, 13, 12, 12);
    public static final ChartStyle PRINT = new ChartStyle(10, 8, 9, 8, 8);
    public static final String FAMILY = Font.SANS_SERIF;
    public static final Color TEXT = new Color(0x20, 0x20, 0x20);
    public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    static {
        // Rotated text (the vertical axes' labels) drawn as text: JFreeChart's default works around
        // a Java 1.3 bug by drawing it as glyph outlines, which made every redraw of a chart in the
        // window slower (about half of the JavaFX thread's time for a learning-curve chart) and
        // turned those labels into paths in exported SVG and PDF figures.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** Applies the fonts and colours to the chart, its titles, plots (also combined) and axes. */
    public JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(FAMILY, Font.BOLD, 1).deriveFont(title));
            chart.getTitle().setPaint(TEXT);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) style(chart.getSubtitle(i));
        style(chart.getPlot());
        return chart;
    }

    private void style(Title t) {
        if (t instanceof TextTitle tt) {
            tt.setFont(font(subtitle));
            tt.setPaint(TEXT);
        } else if (t instanceof LegendTitle lt) {
            lt.setItemFont(font(legend));
            lt.setItemPaint(TEXT);
            lt.setBackgroundPaint(Color.WHITE);
        } else if (t instanceof PaintScaleLegend psl) {
            style(psl.getAxis());
            psl.setBackgroundPaint(Color.WHITE);
        }
    }

    private void style(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x99, 0x99, 0x99));
        plot.setOutlineStroke(new BasicStroke(0.75f));
        if (plot instanceof CombinedDomainXYPlot c) {
            style(c.getDomainAxis());
            for (XYPlot sub : c.getSubplots()) style(sub);
        } else if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(new BasicStroke(0.5f));
            xy.setRangeGridlineStroke(new BasicStroke(0.5f));
            for (int i = 0; i < xy.getDomainAxisCount(); i++) style(xy.getDomainAxis(i));
            for (int i = 0; i < xy.getRangeAxisCount(); i++) style(xy.getRangeAxis(i));
        } else if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            style(cp.getDomainAxis());
            for (int i = 0; i < cp.getRangeAxisCount(); i++) style(cp.getRangeAxis(i));
        }
    }

    private void style(Axis axis) {
        if (axis == null) return;
        axis.setLabelFont(font(axisLabel));
        axis.setTickLabelFont(font(tickLabel));
        axis.setLabelPaint(TEXT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(new Color(0x66, 0x66, 0x66));
        axis.setTickMarkPaint(new Color(0x66, 0x66, 0x66));
    }

    private static Font font(float size) {
        return new Font(FAMILY, Font.PLAIN, 1).deriveFont(size);
    }
}
