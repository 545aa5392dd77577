package org.v1workbench.probe;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.v1workbench.data.Dataset;
import org.v1workbench.figure.Drawing;
import org.v1workbench.figure.Sheet;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The probe's figures, one per kind, laid out for a paper: a grid of neurons, labelled panels,
 * axes with units, a caption line that says how to read colours and curves. Headless java.awt and
 * JFreeChart only.
 */
public final class ProbeFigures {
    private ProbeFigures() {}

    private static final Color SIMPLE_LINE = new Color(0, 90, 180), MEAN_LINE = new Color(200, 80, 0);

    /** As {@link #receptiveFields(List, int, int, ProbeSettings)} with the default settings (rates in Hz). */
    public static BufferedImage receptiveFields(List<NeuronProbe> neurons, int h, int w) {
        return receptiveFields(neurons, h, w, ProbeSettings.defaults());
    }

    /**
     * Receptive fields: per neuron the mean input gradient on natural images and the white-noise
     * STA, each in a diverging map symmetric around zero, with the fitted centre (+) and 1-sigma
     * circle. {@code s} names the white-noise average (spike-triggered only for rates).
     */
    public static BufferedImage receptiveFields(List<NeuronProbe> neurons, int h, int w, ProbeSettings s) {
        return receptiveFieldsSheet(neurons, h, w, s).render();
    }

    /** As {@link #receptiveFields}, as a figure that vector formats draw with text kept as text. */
    public static Sheet receptiveFieldsSheet(List<NeuronProbe> neurons, int h, int w, ProbeSettings s) {
        int scale = Drawing.scaleFor(Math.max(h, w), 150);
        int pw = w * scale, ph = h * scale, gap = 14, perRow = 4;
        boolean sta = neurons.stream().anyMatch(n -> n.rf().sta() != null);
        int panels = sta ? 2 : 1;
        int cellW = panels * pw + (panels - 1) * 6 + 2 * gap, cellH = ph + 58;
        int rows = (neurons.size() + perRow - 1) / perRow, top = 70, bottom = 40;
        int width = Math.max(perRow * cellW, 700), height = top + rows * cellH + bottom;
        return new Sheet(width, height, g -> {
            g.setColor(Color.BLACK);
            Drawing.centred(g, "Linear receptive fields", Drawing.TITLE, width / 2, 28);
            Drawing.centred(g, sta ? "left: mean input gradient on natural images;  right: " + triggeredAverage(s) + " on white noise"
                    : "mean input gradient on natural images", Drawing.LABEL, width / 2, 50);
            for (int q = 0; q < neurons.size(); q++) {
                NeuronProbe n = neurons.get(q);
                int x0 = (q % perRow) * cellW + gap, y0 = top + (q / perRow) * cellH;
                double[][] maps = sta ? new double[][] {ImageOps.toDouble(n.rf().gradient()),
                        n.rf().sta() == null ? new double[h * w] : ImageOps.toDouble(n.rf().sta())}
                        : new double[][] {ImageOps.toDouble(n.rf().gradient())};
                for (int k = 0; k < maps.length; k++) {
                    int x = x0 + k * (pw + 6);
                    Drawing.divergingPanel(g, maps[k], h, w, x, y0, scale);
                    Drawing.frame(g, x, y0, pw, ph);
                    marker(g, n.rf(), x, y0, scale, pw, ph);
                }
                g.setColor(Color.BLACK);
                int mid = x0 + (panels * pw + (panels - 1) * 6) / 2;
                Drawing.centred(g, n.id(), Drawing.LABEL, mid, y0 + ph + 17);
                Drawing.centred(g, "centre (" + Drawing.num(n.rf().x()) + ", " + Drawing.num(n.rf().y()) + ") px, size "
                        + Drawing.num(n.rf().size()) + " px", Drawing.SMALL, mid, y0 + ph + 33);
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(Drawing.SMALL);
            g.drawString("Colours symmetric per panel: red = a brighter pixel raises the predicted rate, blue = lowers it. "
                    + "+ and circle: centre and size (sigma) of the Gaussian fitted to the RF energy. x right, y down, pixels.",
                    gap, height - 14);
        });
    }

    private static void marker(Graphics2D g, ReceptiveField rf, int x0, int y0, int scale, int pw, int ph) {
        if (Double.isNaN(rf.x())) return;
        double cx = x0 + rf.x() * scale, cy = y0 + rf.y() * scale, r = rf.size() * scale;
        Graphics2D clip = (Graphics2D) g.create();
        clip.setStroke(new BasicStroke(1.5f));
        clip.setColor(new Color(0, 0, 0, 170));
        clip.clip(new Rectangle2D.Double(x0, y0, pw, ph));
        clip.draw(new Line2D.Double(cx - 6, cy, cx + 6, cy));
        clip.draw(new Line2D.Double(cx, cy - 6, cx, cy + 6));
        clip.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        clip.dispose();
    }

    /**
     * Tuning curves: per neuron the orientation tuning at the peak spatial frequency and the
     * spatial-frequency tuning at the peak orientation, in rate units, with the blank rate dashed.
     */
    public static BufferedImage tuningCurves(List<NeuronProbe> neurons, ProbeSettings s) {
        return tuningCurvesSheet(neurons, s).render();
    }

    /** As {@link #tuningCurves}, as a figure that vector formats draw with text kept as text. */
    public static Sheet tuningCurvesSheet(List<NeuronProbe> neurons, ProbeSettings s) {
        int chartW = 300, chartH = 230, perRow = 3, top = 70, bottom = 44, gap = 8;
        int cellW = 2 * chartW + gap + 16;
        int rows = (neurons.size() + perRow - 1) / perRow;
        int width = perRow * cellW + 16, height = top + rows * (chartH + 30) + bottom;
        return new Sheet(width, height, g -> {
            g.setColor(Color.BLACK);
            Drawing.centred(g, "Grating tuning at each neuron's receptive field", Drawing.TITLE, width / 2, 28);
            Drawing.centred(g, "blue: mean over phase + F1 (the response measure);  orange: mean over phase;  dashed: blank (mean grey);  green: preferred orientation",
                    Drawing.LABEL, width / 2, 50);
            for (int q = 0; q < neurons.size(); q++) {
                NeuronProbe n = neurons.get(q);
                Tuning t = n.tuning();
                int x0 = 16 + (q % perRow) * cellW, y0 = top + (q / perRow) * (chartH + 30);
                g.setColor(Color.BLACK);
                boolean untuned = t.cellClass() == CellClass.UNTUNED || Double.isNaN(t.preferredOrientationDeg());
                String head = n.id() + ":  " + t.cellClass().label() + ",  pref " + (untuned ? "n/a"
                        : Drawing.num(t.preferredOrientationDeg()) + "°") + ",  CV " + Drawing.num(t.circularVariance())
                        + ",  OSI " + Drawing.num(t.osi()) + ",  F1/F0 " + Drawing.num(t.f1f0());
                g.setFont(Drawing.LABEL);
                g.drawString(head, x0 + 4, y0 + 16);
                orientationChart(t, s).draw(g, new Rectangle2D.Double(x0, y0 + 22, chartW, chartH));
                sfChart(t, s).draw(g, new Rectangle2D.Double(x0 + chartW + gap, y0 + 22, chartW, chartH));
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(Drawing.SMALL);
            g.drawString("Orientation of the bars: 0° horizontal, counter-clockwise on screen. Left: at the peak spatial frequency; "
                    + "right: at the peak orientation. Static gratings at " + s.phases() + " phases stand in for a drifting grating's cycle.",
                    16, height - 18);
        });
    }

    /**
     * What the white-noise average is called: spike-triggered for rates in Hz, response-weighted
     * for a two-photon signal (no spikes trigger it).
     */
    static String triggeredAverage(ProbeSettings s) {
        return s.rateLabel() != null && s.rateLabel().contains("Hz") ? "spike-triggered average" : "response-weighted average";
    }

    static JFreeChart orientationChart(Tuning t, ProbeSettings s) {
        double[] curve = t.orientationCurve(), mean = t.meanOverPhaseCurve();
        XYSeries a = new XYSeries("mean + F1"), b = new XYSeries("mean");
        int no = t.orientationsDeg().length;
        for (int o = 0; o <= no; o++) {
            int k = o % no;
            double x = o < no ? t.orientationsDeg()[k] : 180;
            a.add(x, s.rateScale() * (curve[k] + t.blank()));
            b.add(x, s.rateScale() * mean[k]);
        }
        NumberAxis xAxis = new NumberAxis("orientation (deg)");
        xAxis.setRange(0, 180);
        xAxis.setTickUnit(new NumberTickUnit(45));
        JFreeChart chart = chart(new XYSeriesCollection(a), new XYSeriesCollection(b), xAxis, t, s);
        if (!Double.isNaN(t.preferredOrientationDeg()) && t.cellClass() != CellClass.UNTUNED) {
            ValueMarker pref = new ValueMarker(t.preferredOrientationDeg());
            pref.setPaint(new Color(0, 150, 0));
            pref.setStroke(new BasicStroke(1.2f));
            chart.getXYPlot().addDomainMarker(pref);
        }
        return chart;
    }

    static JFreeChart sfChart(Tuning t, ProbeSettings s) {
        double[] curve = t.sfCurve();
        XYSeries a = new XYSeries("mean + F1"), b = new XYSeries("mean");
        int np = t.phasesDeg().length;
        for (int f = 0; f < t.spatialFreqs().length; f++) {
            double m = 0;
            for (int p = 0; p < np; p++) m += t.response(t.peakOrientation(), f, p);
            a.add(t.spatialFreqs()[f], s.rateScale() * (curve[f] + t.blank()));
            b.add(t.spatialFreqs()[f], s.rateScale() * m / np);
        }
        LogAxis xAxis = new LogAxis("spatial frequency (cycles/pixel)");
        xAxis.setBase(2);
        xAxis.setSmallestValue(1e-3);
        double lo = t.spatialFreqs()[0], hi = t.spatialFreqs()[t.spatialFreqs().length - 1];
        xAxis.setRange(lo / 1.15, hi * 1.15);
        xAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        xAxis.setTickUnit(new NumberTickUnit(1));
        return chart(new XYSeriesCollection(a), new XYSeriesCollection(b), xAxis, t, s);
    }

    private static JFreeChart chart(XYSeriesCollection main, XYSeriesCollection mean,
                                    org.jfree.chart.axis.ValueAxis xAxis, Tuning t, ProbeSettings s) {
        NumberAxis yAxis = new NumberAxis(s.rateLabel());
        yAxis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, true);
        r1.setSeriesPaint(0, SIMPLE_LINE);
        r1.setSeriesStroke(0, new BasicStroke(2f));
        r1.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        XYLineAndShapeRenderer r2 = new XYLineAndShapeRenderer(true, false);
        r2.setSeriesPaint(0, MEAN_LINE);
        r2.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(main, xAxis, yAxis, r1);
        plot.setDataset(1, mean);
        plot.setRenderer(1, r2);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        ValueMarker blank = new ValueMarker(s.rateScale() * t.blank());
        blank.setPaint(Color.GRAY);
        blank.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        plot.addRangeMarker(blank);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }

    /**
     * Most exciting inputs: per neuron its MEI, then the natural images with the highest and the
     * lowest predicted rates, each labelled with its predicted rate; all in one grey scale, the
     * dataset's pixel range, with the fitted RF (centre, 2 sigma) outlined. More than 8 neurons are
     * laid out in two blocks side by side.
     */
    public static BufferedImage mostExcitingInputs(List<NeuronProbe> neurons, Dataset data, PixelStats stats, ProbeSettings s) {
        return mostExcitingInputsSheet(neurons, data, stats, s).render();
    }

    /** As {@link #mostExcitingInputs}, as a figure that vector formats draw with text kept as text. */
    public static Sheet mostExcitingInputsSheet(List<NeuronProbe> neurons, Dataset data, PixelStats stats, ProbeSettings s) {
        int h = data.height(), w = data.width();
        int scale = Drawing.scaleFor(Math.max(h, w), 110);
        int pw = w * scale, ph = h * scale, gap = 10, top = 92, bottom = 48;
        boolean mei = neurons.stream().anyMatch(n -> n.mei() != null);
        int k = neurons.stream().filter(n -> n.extremes() != null).mapToInt(n -> n.extremes().top().length).max().orElse(0);
        int first = mei ? 1 : 0, cols = first + 2 * k;
        java.awt.FontMetrics fm = Drawing.canvas(1, 1).createGraphics().getFontMetrics(Drawing.LABEL);
        int labelW = Math.max(90, neurons.stream().mapToInt(n -> fm.stringWidth(n.id()) + 24).max().orElse(0));
        int blocks = neurons.size() > 8 ? 2 : 1, perBlock = (neurons.size() + blocks - 1) / blocks;
        int rowH = ph + 34, blockW = labelW + cols * (pw + gap) + 3 * gap + 20;
        int width = Math.max(blocks * blockW, 760), height = top + perBlock * rowH + bottom;
        return new Sheet(width, height, g -> {
            g.setColor(Color.BLACK);
            Drawing.centred(g, (mei ? "Most exciting inputs and the" : "The") + " natural images that drive each neuron most and least",
                    Drawing.TITLE, width / 2, 28);
            Drawing.centred(g, "numbers: predicted " + s.rateLabel() + ";  circle: the neuron's receptive field (centre, 2 sigma)",
                    Drawing.LABEL, width / 2, 52);
            String[] heads = new String[cols];
            if (mei) heads[0] = "MEI";
            for (int j = 0; j < k; j++) {
                heads[first + j] = "top " + (j + 1);
                heads[first + k + j] = "bottom " + (j + 1);
            }
            for (int b = 0; b < blocks; b++)
                for (int c = 0; c < cols; c++)
                    Drawing.centred(g, heads[c], Drawing.LABEL, b * blockW + columnX(c, first, k, labelW, pw, gap) + pw / 2, top - 10);
            for (int q = 0; q < neurons.size(); q++) {
                NeuronProbe n = neurons.get(q);
                int x0 = (q / perBlock) * blockW, y = top + (q % perBlock) * rowH;
                g.setColor(Color.BLACK);
                g.setFont(Drawing.LABEL);
                g.drawString(n.id(), x0 + 10, y + ph / 2 + 5);
                for (int c = 0; c < cols; c++) {
                    int x = x0 + columnX(c, first, k, labelW, pw, gap);
                    double[] pix;
                    double rate;
                    String label;
                    if (c < first) {
                        if (n.mei() == null) continue;
                        pix = ImageOps.toDouble(n.mei().image());
                        rate = n.mei().rate();
                        label = Drawing.num(s.rateScale() * rate);
                    } else {
                        if (n.extremes() == null) continue;
                        int j = c - first;
                        boolean topImage = j < k;
                        int[] idx = topImage ? n.extremes().top() : n.extremes().bottom();
                        double[] rates = topImage ? n.extremes().topRates() : n.extremes().bottomRates();
                        int jj = topImage ? j : j - k;
                        if (jj >= idx.length) continue;
                        pix = ImageOps.toDouble(data.stimulus(idx[jj]));
                        rate = rates[jj];
                        label = Drawing.num(s.rateScale() * rate) + "  (#" + idx[jj] + ")";
                    }
                    Drawing.greyPanel(g, pix, h, w, x, y, scale, stats.min(), stats.max());
                    Drawing.frame(g, x, y, pw, ph);
                    rfOutline(g, n.rf(), x, y, scale, pw, ph);
                    g.setColor(Color.BLACK);
                    Drawing.centred(g, label, Drawing.SMALL, x + pw / 2, y + ph + 14);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(Drawing.SMALL);
            if (mei) g.drawString("MEI: gradient ascent at a fixed contrast norm (the median of the dataset's images), gradient "
                    + "blurred at each step.", 10, height - 26);
            g.drawString("(#i): dataset image index. One grey scale for all panels: the dataset's pixel range.", 10, height - 10);
        });
    }

    /** Histogram bins of F1/F0: width {@link #F1F0_BIN} from 0, the last one collects everything from {@link #F1F0_MAX} up. */
    static final double F1F0_BIN = 0.1, F1F0_MAX = 2.0;

    /**
     * The population's F1/F0 as a histogram stacked by class (simple, complex, untuned), the
     * simple/complex boundary at 1 marked; values from {@link #F1F0_MAX} up share the last bin.
     * Neurons without F1/F0 (no mean response above blank) are counted in the caption.
     */
    public static BufferedImage f1f0Histogram(List<ProbedNeuron> neurons) {
        return f1f0HistogramSheet(neurons).render();
    }

    /** As {@link #f1f0Histogram}, as a figure that vector formats draw with text kept as text. */
    public static Sheet f1f0HistogramSheet(List<ProbedNeuron> neurons) {
        int bins = (int) Math.round(F1F0_MAX / F1F0_BIN) + 1;
        int[][] counts = new int[3][bins];
        int missing = 0;
        CellClass[] order = {CellClass.SIMPLE, CellClass.COMPLEX, CellClass.UNTUNED};
        for (ProbedNeuron n : neurons) {
            double v = n.f1f0();
            if (!Double.isFinite(v)) {
                missing++;
                continue;
            }
            int b = Math.min(bins - 1, (int) Math.floor(Math.max(0, v) / F1F0_BIN));
            counts[java.util.Arrays.asList(order).indexOf(n.cellClass())][b]++;
        }
        // explicit intervals, stacked by hand: bin [b, b + 1) x width, class c from the top of class c - 1
        org.jfree.data.xy.XYIntervalSeriesCollection data = new org.jfree.data.xy.XYIntervalSeriesCollection();
        String[] names = {"simple", "complex", "untuned"};
        int[] below = new int[bins];
        for (int c = 0; c < 3; c++) {
            org.jfree.data.xy.XYIntervalSeries series = new org.jfree.data.xy.XYIntervalSeries(
                    names[c] + " (" + java.util.Arrays.stream(counts[c]).sum() + ")");
            for (int b = 0; b < bins; b++) {
                if (counts[c][b] == 0) continue;
                series.add((b + 0.5) * F1F0_BIN, b * F1F0_BIN, (b + 1) * F1F0_BIN, below[b] + counts[c][b], below[b],
                        below[b] + counts[c][b]);
                below[b] += counts[c][b];
            }
            data.addSeries(series);
        }
        org.jfree.chart.renderer.xy.XYBarRenderer r = new org.jfree.chart.renderer.xy.XYBarRenderer();
        r.setUseYInterval(true);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(true);
        r.setSeriesPaint(0, SIMPLE_LINE);
        r.setSeriesPaint(1, MEAN_LINE);
        r.setSeriesPaint(2, new Color(170, 170, 170));
        for (int c = 0; c < 3; c++) r.setSeriesOutlinePaint(c, Color.WHITE);
        NumberAxis x = new NumberAxis("F1/F0 at the preferred grating (last bin: " + Drawing.num(F1F0_MAX) + " and above)");
        x.setRange(0, bins * F1F0_BIN);
        x.setTickUnit(new NumberTickUnit(0.25));
        NumberAxis y = new NumberAxis("neurons");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setUpperBound(Math.max(1, java.util.Arrays.stream(below).max().orElse(1)) * 1.08);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        ValueMarker one = new ValueMarker(1.0);
        one.setPaint(Color.BLACK);
        one.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        plot.addDomainMarker(one);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        int width = 820, height = 560, top = 64;
        int unshown = missing;
        return new Sheet(width, height, g -> {
            g.setColor(Color.BLACK);
            Drawing.centred(g, "Modulation ratio F1/F0 of " + neurons.size() + " neurons", Drawing.TITLE, width / 2, 28);
            Drawing.centred(g, "dashed: F1/F0 = 1, the boundary between complex (below) and simple (above) cells",
                    Drawing.LABEL, width / 2, 50);
            chart.draw(g, new Rectangle2D.Double(10, top, width - 20, height - top - 44));
            g.setColor(Color.DARK_GRAY);
            g.setFont(Drawing.SMALL);
            g.drawString("Stacked by the probe's class. " + unshown + " neuron(s) without F1/F0 (no mean response above the blank) not shown.",
                    10, height - 26);
            g.drawString("Static gratings at each neuron's RF, at its preferred orientation and SF, stand in for a drifting grating's cycle.",
                    10, height - 11);
        });
    }

    private static int columnX(int c, int first, int k, int labelW, int pw, int gap) {
        return labelW + c * (pw + gap) + (c >= first && first > 0 ? gap : 0) + (c >= first + k ? gap : 0);
    }

    private static void rfOutline(Graphics2D g, ReceptiveField rf, int x0, int y0, int scale, int pw, int ph) {
        if (Double.isNaN(rf.x()) || Double.isNaN(rf.size())) return;
        double cx = x0 + rf.x() * scale, cy = y0 + rf.y() * scale, r = 2 * rf.size() * scale;
        Graphics2D clip = (Graphics2D) g.create();
        clip.clip(new Rectangle2D.Double(x0, y0, pw, ph));
        clip.setStroke(new BasicStroke(1.5f));
        clip.setColor(new Color(255, 140, 0, 200));
        clip.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        clip.dispose();
    }
}
