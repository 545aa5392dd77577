package org.v1workbench.ui.dataset;

import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.Title;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.ui.FxTestSupport;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * The browser speaks the dataset's unit: a dF/F recording's table headers and charts say dF/F
 * (never Hz) and show the stored values, not values divided by the window; spike counts still
 * show rates in Hz. The minimum-rate filter is offered only for firing data.
 */
class DatasetBrowserUnitsTest {
    TaskRunner tasks;
    DatasetBrowserModel model;
    DatasetBrowserView view;

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @BeforeEach
    void build() throws Exception {
        tasks = new TaskRunner();
        model = onFx(() -> new DatasetBrowserModel(tasks, null, 40));
        view = onFx(() -> {
            DatasetBrowserView v = new DatasetBrowserView(model, tasks, new WorkbenchPrefs(SettingsStore.inMemory()));
            new javafx.scene.Scene(v, 1000, 700);
            v.applyCss(); // skins the split panes, so that lookup finds the filter bar
            return v;
        });
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void dffSaysDffAndNeverHz() throws Exception {
        Dataset d = TestDatasets.smallDff();
        show(d);
        List<String> labels = labels();
        assertTrue(labels.contains("mean (dF/F)"), labels.toString());
        assertTrue(labels.contains("this image (dF/F)"), labels.toString());
        assertTrue(labels.contains("response (dF/F)"), "the response chart's axis: " + labels);
        assertTrue(labels.stream().noneMatch(s -> s.contains("Hz")), "no Hz anywhere: " + labels);
        assertFalse(onFx(() -> view.lookup("#min-rate-filter").isVisible()), "no minimum rate in Hz for dF/F");

        // Values as stored (dF/F is not divided by the window).
        NeuronRow first = onFx(() -> model.rows().get(1));
        assertEquals(d.meanLevels()[1], first.meanLevel(), 1e-9);
        double raw = 0;
        for (int r = 0; r < d.repeats(); r++) raw += d.response(3, r, 1);
        assertEquals(raw / d.repeats(), first.imageLevel(), 1e-6, "image 3, neuron 1: the plain trial mean");
        assertTrue(onFx(() -> model.rows().stream().anyMatch(r -> r.imageLevel() < 0)), "negative dF/F is shown as it is");
    }

    @Test
    void spikeCountsStillShowHz() throws Exception {
        Dataset d = TestDatasets.small();
        show(d);
        List<String> labels = labels();
        assertTrue(labels.contains("mean (Hz)"), labels.toString());
        assertTrue(labels.contains("this image (Hz)"), labels.toString());
        assertTrue(labels.contains("rate (Hz)"), "the response chart's axis: " + labels);
        assertTrue(labels.stream().noneMatch(s -> s.contains("dF/F")), labels.toString());
        assertTrue(onFx(() -> view.lookup("#min-rate-filter").isVisible()));
        assertEquals(TestDatasets.meanHz(d, 3, 2), onFx(() -> model.rows().get(2).imageLevel()), 1e-9, "count / window");
    }

    private void show(Dataset d) throws Exception {
        onFx(() -> {
            model.show(d);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        onFx(() -> {
            model.select(3, false);
            model.selectedNeuronProperty().set(model.rows().get(0));
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
    }

    /** The column headers, then every axis label and subtitle of the response and raster charts. */
    private List<String> labels() throws Exception {
        return onFx(() -> {
            List<String> out = new ArrayList<>();
            for (TableColumn<NeuronRow, ?> c : view.table().getColumns())
                out.add(c.getGraphic() instanceof Label l ? l.getText() : c.getText());
            for (JFreeChart chart : List.of(view.responsePane().chart(), view.rasterPane().chart())) out.addAll(chartLabels(chart));
            return out;
        });
    }

    static List<String> chartLabels(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        List<XYPlot> plots = new ArrayList<>();
        if (chart.getPlot() instanceof CombinedDomainXYPlot c) {
            plots.addAll(c.getSubplots());
            out.add(c.getDomainAxis().getLabel());
        } else plots.add(chart.getXYPlot());
        for (XYPlot p : plots) {
            for (int i = 0; i < p.getRangeAxisCount(); i++) add(out, p.getRangeAxis(i));
            for (int i = 0; i < p.getDomainAxisCount(); i++) add(out, p.getDomainAxis(i));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof org.jfree.chart.title.TextTitle tt) out.add(tt.getText());
            if (t instanceof org.jfree.chart.title.PaintScaleLegend l) add(out, l.getAxis());
        }
        return out;
    }

    private static void add(List<String> out, Axis a) {
        if (a != null && a.getLabel() != null) out.add(a.getLabel());
    }
}
