package org.v1workbench.figure;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's figure: for each swept hyperparameter, the validation score of every setting against
 * that hyperparameter's value (mean over neurons +- SEM), the chosen setting in its own colour.
 * Numbers on a number axis (logarithmic where drawn from a log range or a decade or more apart),
 * words (a choice, a flag) as categories in the order swept.
 */
public final class SweepCharts {
    private SweepCharts() {}

    public static final Color SETTING = new Color(0x00, 0x72, 0xB2), CHOSEN = new Color(0xD5, 0x5E, 0x00);

    /**
     * @param values   each setting's value of {@code key}
     * @param mean     each setting's validation score; NaN where it has none
     * @param sem      its standard error over neurons (NaN: no bar)
     * @param chosen   index of the chosen setting
     * @param metric   the score's name ("validation CC_norm")
     * @param log      a logarithmic axis (values from a log range; also chosen for positive values a decade apart)
     */
    public static JFreeChart scoreAgainst(String key, List<String> values, double[] mean, double[] sem, int chosen, String metric, boolean log) {
        boolean numeric = values.stream().allMatch(SweepCharts::isNumber);
        List<String> categories = new ArrayList<>();
        if (!numeric) for (String v : values) if (!categories.contains(v)) categories.add(v);
        XYIntervalSeries others = new XYIntervalSeries("settings"), best = new XYIntervalSeries("chosen");
        for (int i = 0; i < values.size(); i++) {
            if (Double.isNaN(mean[i])) continue;
            double x = numeric ? Double.parseDouble(values.get(i)) : categories.indexOf(values.get(i));
            double e = Double.isNaN(sem[i]) ? 0 : sem[i];
            (i == chosen ? best : others).add(x, x, x, mean[i], mean[i] - e, mean[i] + e);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(others);
        data.addSeries(best);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setSeriesPaint(0, SETTING);
        r.setSeriesPaint(1, CHOSEN);
        r.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        r.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesLinesVisible(0, false);
        r.setSeriesLinesVisible(1, false);
        double lo = numeric ? values.stream().mapToDouble(Double::parseDouble).min().orElse(0) : 0;
        double hi = numeric ? values.stream().mapToDouble(Double::parseDouble).max().orElse(0) : 0;
        log |= numeric && lo > 0 && hi / lo >= 10; // values a decade or more apart, as learning rates and penalties are swept
        ValueAxis x;
        if (!numeric) {
            SymbolAxis sx = new SymbolAxis(key, categories.toArray(new String[0]));
            sx.setGridBandsVisible(false);
            x = sx;
            x.setRange(-0.5, categories.size() - 0.5);
        } else if (log) {
            LogAxis l = new LogAxis(key);
            l.setSmallestValue(1e-12);
            l.setNumberFormatOverride(new Significant());
            if (hi / lo >= 10) l.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one tick per decade
            l.setLowerMargin(0.1);
            l.setUpperMargin(0.1);
            x = l;
        } else {
            NumberAxis n = new NumberAxis(key);
            n.setAutoRangeIncludesZero(false);
            n.setLowerMargin(0.1);
            n.setUpperMargin(0.1);
            x = n;
        }
        NumberAxis y = new NumberAxis(metric);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setNoDataMessage("no validation scores");
        JFreeChart c = new JFreeChart(metric + " against " + key, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return ChartStyle.PRINT.apply(c);
    }

    /** Tick labels of a log axis as plain numbers of three significant digits (0.001, 0.00316), not powers of ten. */
    private static final class Significant extends java.text.NumberFormat {
        @Override
        public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
            if (!Double.isFinite(v) || v == 0) return to.append(v == 0 ? "0" : Double.toString(v));
            return to.append(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString());
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
            return to.append(v);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            throw new UnsupportedOperationException("labels only");
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
