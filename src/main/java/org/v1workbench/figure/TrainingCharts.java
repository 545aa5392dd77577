package org.v1workbench.figure;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;

/**
 * Learning curves: loss (training dashed, validation solid) and the validation score per epoch,
 * one colour per experiment. The charts hold the given series themselves (the training panel
 * gives each drawing fresh copies, as it draws them off the JavaFX thread).
 */
public final class TrainingCharts {
    private TrainingCharts() {}

    /** Okabe and Ito's colour-blind-safe palette (without its yellow, which is unreadable on white). */
    public static final List<Color> PALETTE = List.of(new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00),
            new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xE6, 0x9F, 0x00),
            new Color(0x00, 0x00, 0x00));

    public static Color colour(int k) {
        return PALETTE.get(Math.floorMod(k, PALETTE.size()));
    }

    /** One curve: its series, its colour index, and whether it is drawn dashed (training loss). */
    public record Curve(XYSeries series, int colour, boolean dashed) {}

    /**
     * Loss per epoch, per image and neuron, the one each run trained with: Poisson negative
     * log-likelihood for spike counts, squared error for a signed signal (loss=auto), or the one
     * named (training: mean over the epoch's batches, penalties included; validation: on trial
     * means, without penalties). Curves of both kinds may share the chart, so the axis says "as trained".
     */
    public static JFreeChart loss(List<Curve> curves, String subtitle) {
        NumberAxis y = new NumberAxis("loss per image and neuron (as trained)");
        y.setAutoRangeIncludesZero(false);
        JFreeChart chart = chart("Training and validation loss", curves, y);
        chart.addSubtitle(new TextTitle(subtitle == null ? "dashed: training (with penalties) \u00B7 solid: validation" : subtitle));
        return chart;
    }

    /** The validation score per epoch (mean over neurons; {@code metricLabel}: CC_norm or CC_abs). */
    public static JFreeChart score(List<Curve> curves, String metricLabel) {
        NumberAxis y = new NumberAxis("validation " + metricLabel + " (mean over neurons)");
        y.setAutoRangeIncludesZero(true);
        JFreeChart chart = chart("Validation " + metricLabel, curves, y);
        chart.addSubtitle(new TextTitle("early stopping keeps the epoch with the highest value"));
        return chart;
    }

    private static JFreeChart chart(String title, List<Curve> curves, NumberAxis y) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (Curve c : curves) {
            data.addSeries(c.series());
            r.setSeriesPaint(i, colour(c.colour()));
            r.setSeriesStroke(i, c.dashed()
                    ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[]{5, 4}, 0)
                    : new BasicStroke(1.8f));
            r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            r.setSeriesShapesVisible(i, !c.dashed());
            r.setSeriesVisibleInLegend(i, !c.dashed() || curves.stream().noneMatch(o -> !o.dashed() && o.colour() == c.colour()));
            i++;
        }
        r.setDefaultToolTipGenerator((d, s, item) -> String.format(java.util.Locale.ROOT, "%s, epoch %d: %.4f",
                d.getSeriesKey(s), (int) d.getXValue(s, item), d.getYValue(s, item)));
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setNoDataMessage("no epochs yet: start a training, or select experiments or sweep settings in the table to compare");
        plot.setNoDataMessagePaint(new Color(0x66, 0x66, 0x66));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, !curves.isEmpty());
        LegendTitle legend = chart.getLegend();
        if (legend != null) legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }
}
