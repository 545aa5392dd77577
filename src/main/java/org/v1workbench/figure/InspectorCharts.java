package org.v1workbench.figure;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;

/**
 * Charts of one neuron and a model of it: predicted against recorded rates, responses per image
 * sorted, receptive-field maps (pixel axes, origin top left, y down) and tuning curves, with the
 * ground truth beside the model's where it is known. Values in the dataset's unit, given as
 * {@code unit} ("Hz" for counts and rates, "dF/F" or "z" for signals: {@link Units}). Built from
 * plain arrays.
 */
public final class InspectorCharts {
    private InspectorCharts() {}

    public static final Color MODEL = new Color(0x00, 0x72, 0xB2), RECORDED = new Color(0x33, 0x33, 0x33),
            TRUTH = new Color(0xD5, 0x5E, 0x00);

    /**
     * Predicted against recorded (trial-mean) responses on the test images, in {@code unit}, with
     * the identity line. The subtitle gives the scores (CC_norm = CC_abs / CC_max). The axes start
     * at 0 unless a signal goes below it.
     */
    public static JFreeChart scatter(String neuron, double[] recorded, double[] predicted, double ccAbs, double ccMax, double ccNorm,
                                     String unit) {
        XYSeries pts = new XYSeries("test images", false, true);
        double hi = 0, lo = 0;
        for (int k = 0; k < recorded.length; k++) {
            if (!Double.isFinite(recorded[k]) || !Double.isFinite(predicted[k])) continue;
            pts.add(recorded[k], predicted[k]);
            hi = Math.max(hi, Math.max(recorded[k], predicted[k]));
            lo = Math.min(lo, Math.min(recorded[k], predicted[k]));
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        r.setSeriesPaint(0, new Color(0x00, 0x72, 0xB2, 0xA0));
        r.setDefaultToolTipGenerator((d, s, i) -> "recorded " + Units.format(d.getXValue(s, i), unit) + ", predicted " + Units.format(d.getYValue(s, i), unit));
        String q = Units.quantity(unit);
        NumberAxis x = new NumberAxis("recorded " + q + " (" + unit + ", mean over repeats)"), y = new NumberAxis("predicted " + q + " (" + unit + ")");
        double top = hi > 0 ? hi * 1.05 : 1, bottom = lo < 0 ? lo * 1.05 : 0;
        x.setRange(bottom, top);
        y.setRange(bottom, top);
        XYPlot plot = new XYPlot(new XYSeriesCollection(pts), x, y, r);
        plot.addAnnotation(new XYLineAnnotation(bottom, bottom, top, top, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                1, new float[]{4, 4}, 0), new Color(0x88, 0x88, 0x88)));
        plot.setNoDataMessage("no test images");
        JFreeChart c = new JFreeChart(neuron + ": predicted vs recorded", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        c.addSubtitle(new TextTitle(String.format(Locale.ROOT, "CC_abs %s \u00B7 CC_max %s", fmt(ccAbs), fmt(ccMax))));
        c.addSubtitle(new TextTitle(String.format(Locale.ROOT, "CC_norm %s \u00B7 %d test images", fmt(ccNorm), pts.getItemCount())));
        return c;
    }

    /**
     * Responses to the test images sorted by the recorded trial mean (largest first): recorded
     * mean with +-1 SEM over repeats, and the prediction for the same image.
     *
     * @param repeatValues images x repeats (NaN = missing); may be null
     * @param unit      the values' unit
     */
    public static JFreeChart sortedResponses(String neuron, double[] recorded, double[] predicted, double[][] repeatValues, String unit) {
        int n = recorded.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(recorded[b], recorded[a]));
        XYIntervalSeries rec = new XYIntervalSeries("recorded (mean \u00B1 SEM)");
        XYSeries pred = new XYSeries("predicted", false, true);
        for (int rank = 0; rank < n; rank++) {
            int k = order[rank];
            double m = recorded[k], sem = repeatValues == null ? 0 : sem(repeatValues[k]);
            if (Double.isFinite(m)) rec.add(rank + 1, rank + 1, rank + 1, m, m - sem, m + sem);
            if (Double.isFinite(predicted[k])) pred.add(rank + 1, predicted[k]);
        }
        XYIntervalSeriesCollection recData = new XYIntervalSeriesCollection();
        recData.addSeries(rec);
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDrawXError(false);
        er.setDefaultLinesVisible(true);
        er.setDefaultShapesVisible(false);
        er.setSeriesPaint(0, RECORDED);
        er.setSeriesStroke(0, new BasicStroke(1.6f));
        er.setErrorPaint(new Color(0xBB, 0xBB, 0xBB));
        er.setCapLength(0);
        NumberAxis x = new NumberAxis("test image, by recorded " + Units.quantity(unit) + " (rank)"), y = new NumberAxis(Units.axis(unit));
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0, Math.max(1, n) + 1);
        XYPlot plot = new XYPlot(recData, x, y, er);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
        pr.setSeriesPaint(0, new Color(0x00, 0x72, 0xB2, 0xB0));
        pr.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        plot.setDataset(1, new XYSeriesCollection(pred));
        plot.setRenderer(1, pr);
        plot.setNoDataMessage("no test images");
        JFreeChart c = new JFreeChart("Test images, sorted", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        c.getLegend().setPosition(RectangleEdge.BOTTOM);
        c.addSubtitle(new TextTitle(neuron + ", by recorded " + Units.quantity(unit)));
        return c;
    }

    private static double sem(double[] v) {
        double s = 0, ss = 0;
        int k = 0;
        for (double x : v)
            if (Double.isFinite(x)) {
                s += x;
                ss += x * x;
                k++;
            }
        if (k < 2) return 0;
        double mean = s / k, var = (ss - k * mean * mean) / (k - 1);
        return Math.sqrt(Math.max(0, var) / k);
    }

    /**
     * A map over the image's pixels (x right, y down, pixel centres at +0.5): signed maps on a
     * blue-white-red scale symmetric about 0, others on viridis from 0. An ellipse of one sigma
     * marks a fitted centre where {@code cx} is finite.
     *
     * @param values flat {@code height x width}
     */
    public static JFreeChart map(String title, String subtitle, double[] values, int height, int width, boolean signed, String unit,
                                 double cx, double cy, double sigma) {
        return map(title, subtitle, values, height, width, signed, unit, cx, cy, sigma, true);
    }

    /**
     * As above; without {@code colourBar} the scale is stated in a subtitle instead (its ends and
     * colours), which keeps small maps square.
     */
    public static JFreeChart map(String title, String subtitle, double[] values, int height, int width, boolean signed, String unit,
                                 double cx, double cy, double sigma, boolean colourBar) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] xyz = new double[3][height * width];
        double max = 0;
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++) {
                int k = i * width + j;
                xyz[0][k] = j + 0.5;
                xyz[1][k] = i + 0.5;
                xyz[2][k] = values[k];
                if (Double.isFinite(values[k])) max = Math.max(max, Math.abs(values[k]));
            }
        data.addSeries(title, xyz);
        XYBlockRenderer block = new XYBlockRenderer();
        PaintScale scale = signed ? ColorScales.diverging(max) : ColorScales.viridis(0, max > 0 ? max : 1);
        block.setPaintScale(scale);
        block.setDefaultToolTipGenerator((d, s, item) -> String.format(Locale.ROOT, "pixel (%d, %d): %.3g %s",
                (int) d.getXValue(s, item), (int) d.getYValue(s, item), data.getZValue(s, item), unit));
        NumberAxis x = new NumberAxis("x (pixels)"), y = new NumberAxis("y (pixels)");
        x.setRange(0, width);
        y.setRange(0, height);
        y.setInverted(true);
        NumberTickUnit tick = new NumberTickUnit(width >= 40 ? 16 : width >= 16 ? 8 : 4);
        x.setTickUnit(tick);
        y.setTickUnit(tick);
        XYPlot plot = new XYPlot(data, x, y, block);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        if (Double.isFinite(cx) && Double.isFinite(cy) && sigma > 0) {
            plot.addAnnotation(new XYShapeAnnotation(new Ellipse2D.Double(cx - sigma, cy - sigma, 2 * sigma, 2 * sigma),
                    new BasicStroke(1.5f), signed ? Color.BLACK : Color.WHITE));
            plot.addAnnotation(new XYLineAnnotation(cx - 1.2, cy, cx + 1.2, cy, new BasicStroke(1.5f), signed ? Color.BLACK : Color.WHITE));
            plot.addAnnotation(new XYLineAnnotation(cx, cy - 1.2, cx, cy + 1.2, new BasicStroke(1.5f), signed ? Color.BLACK : Color.WHITE));
        }
        JFreeChart c = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        if (subtitle != null) c.addSubtitle(new TextTitle(subtitle));
        if (!colourBar) {
            c.addSubtitle(new TextTitle(signed
                    ? String.format(Locale.ROOT, "scale ±%s %s (red +)", sci(max), unit)
                    : String.format(Locale.ROOT, "scale 0 to %s %s", sci(max), unit)));
            return c;
        }
        NumberAxis axis = new NumberAxis(unit);
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0.##E0"));
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setStripWidth(10);
        legend.setSubdivisionCount(64);
        legend.setMargin(new RectangleInsets(4, 6, 4, 2));
        c.addSubtitle(legend);
        return c;
    }

    /**
     * Orientation tuning at the preferred spatial frequency (model, and the ground truth where
     * known), with the preferred orientations marked.
     *
     * @param truth null when unknown
     * @param unit  the model's output unit
     */
    public static JFreeChart orientationTuning(double[] orientationsDeg, double[] model, double preferredDeg, double[] truth,
                                               double truePreferredDeg, String measure, String unit) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(closed("model", orientationsDeg, model, 180));
        if (truth != null) data.addSeries(closed("ground truth", orientationsDeg, truth, 180));
        NumberAxis x = new NumberAxis("orientation (deg, 0 = horizontal)");
        x.setRange(0, 180);
        x.setTickUnit(new NumberTickUnit(45));
        JFreeChart c = curves("Orientation tuning", data, x, measure, unit);
        XYPlot plot = c.getXYPlot();
        if (Double.isFinite(preferredDeg)) plot.addDomainMarker(marker(preferredDeg, MODEL));
        if (truth != null && Double.isFinite(truePreferredDeg)) plot.addDomainMarker(marker(truePreferredDeg, TRUTH));
        return c;
    }

    /** Spatial-frequency tuning at the preferred orientation, log frequency axis. */
    public static JFreeChart sfTuning(double[] sfs, double[] model, double preferredSf, double[] truth, double truePreferredSf, String measure,
                                      String unit) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("model", sfs, model));
        if (truth != null) data.addSeries(series("ground truth", sfs, truth));
        LogAxis x = new LogAxis("spatial frequency (cycles/pixel)");
        x.setBase(2);
        x.setSmallestValue(1e-3);
        x.setNumberFormatOverride(new java.text.DecimalFormat("0.0##"));
        x.setRange(sfs[0] / 1.2, sfs[sfs.length - 1] * 1.2);
        JFreeChart c = curves("Spatial-frequency tuning", data, x, measure, unit);
        XYPlot plot = c.getXYPlot();
        if (Double.isFinite(preferredSf) && preferredSf > 0) plot.addDomainMarker(marker(preferredSf, MODEL));
        if (truth != null && Double.isFinite(truePreferredSf) && truePreferredSf > 0) plot.addDomainMarker(marker(truePreferredSf, TRUTH));
        return c;
    }

    private static JFreeChart curves(String title, XYSeriesCollection data, org.jfree.chart.axis.ValueAxis x, String measure, String unit) {
        NumberAxis y = new NumberAxis("response (" + unit + ")");
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, MODEL);
        r.setSeriesStroke(0, new BasicStroke(1.8f));
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        r.setSeriesPaint(1, TRUTH);
        r.setSeriesStroke(1, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[]{5, 3}, 0));
        r.setSeriesShape(1, new Ellipse2D.Double(-2, -2, 4, 4));
        r.setDefaultToolTipGenerator((d, s, i) -> String.format(Locale.ROOT, "%s: %.3g at %.3g", d.getSeriesKey(s), d.getYValue(s, i), d.getXValue(s, i)));
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart c = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, data.getSeriesCount() > 1);
        if (measure != null) c.addSubtitle(new TextTitle(measure));
        LegendTitle l = c.getLegend();
        if (l != null) l.setPosition(RectangleEdge.BOTTOM);
        return c;
    }

    /** The curve with its first point repeated at +period, so that a periodic tuning curve closes. */
    private static XYSeries closed(String name, double[] x, double[] y, double period) {
        XYSeries s = series(name, x, y);
        if (x.length > 0 && Double.isFinite(y[0])) s.add(x[0] + period, y[0]);
        return s;
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries s = new XYSeries(name, true, true);
        for (int i = 0; i < x.length; i++) if (Double.isFinite(y[i])) s.add(x[i], y[i]);
        return s;
    }

    private static ValueMarker marker(double at, Color colour) {
        ValueMarker m = new ValueMarker(at);
        m.setPaint(colour);
        m.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[]{2, 3}, 0));
        return m;
    }

    /**
     * Bars of a per-neuron value, largest first (which neurons use a filter most).
     *
     * @param ids    neuron ids, in the order of {@code values}
     * @param values one value per neuron; the {@code top} largest are shown
     */
    public static JFreeChart neuronBars(String title, String subtitle, List<String> ids, double[] values, int top, String axisLabel) {
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[b]), Math.abs(values[a])));
        int k = Math.min(top, order.length);
        String[] labels = new String[k];
        XYSeries s = new XYSeries(axisLabel, false, true);
        for (int i = 0; i < k; i++) {
            labels[i] = ids.get(order[i]);
            s.add(i, values[order[i]]);
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        data.setIntervalWidth(0.7);
        org.jfree.chart.renderer.xy.XYBarRenderer r = new org.jfree.chart.renderer.xy.XYBarRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, MODEL);
        r.setDefaultToolTipGenerator((d, ser, i) -> String.format(Locale.ROOT, "%s: %.3g", labels[i], d.getYValue(ser, i)));
        org.jfree.chart.axis.SymbolAxis x = new org.jfree.chart.axis.SymbolAxis(null, labels);
        x.setVerticalTickLabels(true);
        x.setGridBandsVisible(false);
        x.setRange(-0.6, Math.max(1, k) - 0.4);
        NumberAxis y = new NumberAxis(axisLabel);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setNoDataMessage("no neurons");
        JFreeChart c = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        if (subtitle != null) c.addSubtitle(new TextTitle(subtitle));
        return c;
    }

    /** A number in a short form for labels: 3 significant digits, scientific below 0.01 or above 10^4. */
    public static String sci(double v) {
        double a = Math.abs(v);
        if (a == 0 || !Double.isFinite(v)) return "0";
        if (a >= 0.01 && a < 1e4) return String.format(Locale.ROOT, "%.3g", v);
        String[] p = String.format(Locale.ROOT, "%.2e", v).split("e");
        int exp = Integer.parseInt(p[1]);
        return p[0] + "×10" + superscript(exp);
    }

    private static String superscript(int e) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder(e < 0 ? "⁻" : "");
        for (char ch : Integer.toString(Math.abs(e)).toCharArray()) sb.append(digits.charAt(ch - '0'));
        return sb.toString();
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }
}
