package org.v1workbench.figure;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures label values in the unit they are given: dF/F never becomes "rate (Hz)"; Hz stays as it was. */
class UnitLabelsTest {
    static final List<String> IDS = List.of("a", "b", "c");
    static final double[] MEAN = {-0.2, 0.1, 0.4};
    static final double[][] REPEATS = {{-0.3, -0.1}, {0.1, 0.1}, {0.5, 0.3}};

    @Test
    void dffChartsSayDff() {
        List<String> labels = new ArrayList<>();
        labels.addAll(labels(ResponseCharts.imageResponse("image 3", "", IDS, MEAN, REPEATS, "dF/F")));
        labels.addAll(labels(ResponseCharts.imageResponse("image 3", "", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
                "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33",
                "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55",
                "56", "57", "58", "59", "60", "61"), new double[61], new double[61][2], "dF/F"))); // the heat-map layout
        labels.addAll(labels(ResponseCharts.raster("n1", "", IDS, REPEATS, "dF/F")));
        labels.addAll(labels(InspectorCharts.scatter("n1", MEAN, MEAN, 0.5, 0.8, 0.6, "dF/F")));
        labels.addAll(labels(InspectorCharts.sortedResponses("n1", MEAN, MEAN, REPEATS, "dF/F")));
        labels.addAll(labels(InspectorCharts.orientationTuning(new double[]{0, 45, 90, 135}, new double[]{1, 2, 1, 0}, 45, null, Double.NaN, null, "dF/F")));
        labels.addAll(labels(InspectorCharts.sfTuning(new double[]{0.05, 0.1, 0.2}, new double[]{1, 2, 1}, 0.1, null, Double.NaN, null, "dF/F")));
        assertTrue(labels.contains("response (dF/F)"), labels.toString());
        assertTrue(labels.contains("recorded response (dF/F, mean over repeats)"), labels.toString());
        assertTrue(labels.contains("predicted response (dF/F)"), labels.toString());
        assertTrue(labels.stream().noneMatch(s -> s.contains("Hz") || s.contains("rate")), labels.toString());
    }

    @Test
    void hzChartsAreAsBefore() {
        List<String> labels = new ArrayList<>();
        labels.addAll(labels(ResponseCharts.imageResponse("image 3", "", IDS, MEAN, REPEATS, "Hz")));
        labels.addAll(labels(ResponseCharts.raster("n1", "", IDS, REPEATS, "Hz")));
        labels.addAll(labels(InspectorCharts.scatter("n1", MEAN, MEAN, 0.5, 0.8, 0.6, "Hz")));
        labels.addAll(labels(InspectorCharts.sortedResponses("n1", MEAN, MEAN, REPEATS, "Hz")));
        assertTrue(labels.contains("rate (Hz)"), labels.toString());
        assertTrue(labels.contains("recorded rate (Hz, mean over repeats)"), labels.toString());
        assertTrue(labels.contains("predicted rate (Hz)"), labels.toString());
        assertTrue(labels.contains("test image, by recorded rate (rank)"), labels.toString());
        assertTrue(labels.stream().noneMatch(s -> s.contains("dF/F")), labels.toString());
        assertEquals("12.3 Hz", Units.format(12.34, "Hz"));
        assertEquals("0.0123 dF/F", Units.format(0.01234, "dF/F"));
    }

    @Test
    void aSignedScatterShowsItsNegativeValues() {
        JFreeChart c = InspectorCharts.scatter("n1", MEAN, MEAN, 0.5, 0.8, 0.6, "dF/F");
        assertTrue(c.getXYPlot().getDomainAxis().getLowerBound() <= -0.2, "the axis reaches the negative dF/F");
    }

    static List<String> labels(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        List<XYPlot> plots = new ArrayList<>();
        if (chart.getPlot() instanceof CombinedDomainXYPlot c) {
            plots.addAll(c.getSubplots());
            add(out, c.getDomainAxis());
        } else plots.add(chart.getXYPlot());
        for (XYPlot p : plots) {
            for (int i = 0; i < p.getRangeAxisCount(); i++) add(out, p.getRangeAxis(i));
            for (int i = 0; i < p.getDomainAxisCount(); i++) add(out, p.getDomainAxis(i));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle t) out.add(t.getText());
            if (chart.getSubtitle(i) instanceof PaintScaleLegend l) add(out, l.getAxis());
        }
        return out;
    }

    private static void add(List<String> out, Axis a) {
        if (a != null && a.getLabel() != null) out.add(a.getLabel());
    }
}
