package org.v1workbench.ui.dataset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.ui.FxTestSupport;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.dataset.BrowserData.ImageResponse;
import org.v1workbench.ui.dataset.BrowserData.Raster;
import org.v1workbench.ui.dataset.BrowserData.Thumbnail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/** The browser's view-model on a generated dataset, checked against sums computed here. */
class DatasetBrowserModelTest {
    Dataset d;
    TaskRunner tasks;
    DatasetBrowserModel model;
    final List<double[][]> ccMaxInputs = new ArrayList<>();

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @BeforeEach
    void open() throws Exception {
        d = TestDatasets.small();
        tasks = new TaskRunner();
        // The noise ceiling itself belongs to package metrics; here a function whose result is
        // easy to predict shows that each neuron's repeats reach it and its value lands in the row.
        model = onFx(() -> new DatasetBrowserModel(tasks, rep -> {
            synchronized (ccMaxInputs) {
                ccMaxInputs.add(rep);
            }
            return rep[0][0] + rep.length / 1000.0;
        }, 40));
        onFx(() -> {
            model.show(d);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void rowsCarryRatesSessionsAndCellTypes() throws Exception {
        List<NeuronRow> rows = onFx(() -> List.copyOf(model.rows()));
        assertEquals(d.neuronCount(), rows.size());
        for (int n = 0; n < d.neuronCount(); n++) {
            NeuronRow r = rows.get(n);
            assertEquals(d.neuron(n).id(), r.id());
            assertEquals(d.neuron(n).session(), r.session());
            assertEquals(TestDatasets.TYPES[n % 3], r.cellType());
            assertEquals(TestDatasets.meanRateHz(d, n), r.meanLevel(), 1e-9, "mean rate of " + r.id());
        }
        assertEquals(List.of("a", "b"), onFx(() -> List.copyOf(model.sessions())));
        assertEquals(List.of("complex", "other", "simple"), onFx(() -> List.copyOf(model.cellTypes())));
    }

    @Test
    void ccMaxGetsEachNeuronsRepeats() throws Exception {
        assertTrue(onFx(() -> model.ccMaxAvailableProperty().get()));
        assertEquals(d.neuronCount(), ccMaxInputs.size());
        List<NeuronRow> rows = onFx(() -> List.copyOf(model.rows()));
        for (int n = 0; n < d.neuronCount(); n++) {
            double expected = d.response(0, 0, n) + d.images() / 1000.0;
            assertEquals(expected, rows.get(n).ccMax(), 1e-12, "CC_max of " + rows.get(n).id());
        }
        assertTrue(Double.isNaN(ccMaxInputs.stream().filter(a -> Double.isNaN(a[3][2])).findFirst().orElseThrow()[3][2]),
                "the missing repeat reaches CC_max as NaN");
    }

    @Test
    void firstPageOfThumbnailsUsesOneGreyRange() throws Exception {
        List<Thumbnail> t = onFx(() -> List.copyOf(model.thumbnails()));
        assertEquals(40, t.size());
        assertEquals(2, onFx(() -> model.pageCountProperty().get()), "50 images in pages of 40");
        float[] all = d.stimuliArray();
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (float v : all) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        Thumbnail th = t.get(17);
        assertEquals(17, th.image());
        assertEquals(96, th.width(), "12 px images enlarged 8 times");
        int scale = th.width() / d.width();
        for (int y = 0; y < d.height(); y++) {
            for (int x = 0; x < d.width(); x++) {
                int expected = (int) Math.round((d.pixel(17, y, x) - lo) / (hi - lo) * 255);
                int px = th.argb()[(y * scale + scale / 2) * th.width() + x * scale + scale / 2];
                assertEquals(expected, px & 0xFF, "grey at " + x + "," + y);
                assertEquals(0xFF, px >>> 24, "opaque");
            }
        }
        onFx(() -> {
            model.pageProperty().set(1);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        List<Integer> second = onFx(() -> model.thumbnails().stream().map(Thumbnail::image).toList());
        assertEquals(IntStream.range(40, 50).boxed().toList(), second);
        onFx(() -> {
            model.pageProperty().set(7);
            return null;
        });
        assertEquals(1, onFx(() -> model.pageProperty().get()), "page clamped to the last");
    }

    @Test
    void responseFollowsFocusImageAndTableOrder() throws Exception {
        onFx(() -> {
            model.select(3, false);
            model.shownRows().setComparator(Comparator.comparingDouble(NeuronRow::meanLevel).reversed());
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        ImageResponse r = onFx(() -> model.responseProperty().get());
        assertEquals(3, r.image());
        List<Integer> order = IntStream.range(0, d.neuronCount()).boxed()
                .sorted(Comparator.comparingDouble((Integer n) -> TestDatasets.meanRateHz(d, n)).reversed()).toList();
        assertEquals(order, r.neurons().stream().map(NeuronRow::index).toList(), "chart follows the table's order");
        for (int k = 0; k < order.size(); k++) {
            int n = order.get(k);
            assertEquals(TestDatasets.meanHz(d, 3, n), r.means()[k], 1e-9);
            for (int rep = 0; rep < d.repeats(); rep++) {
                double v = d.response(3, rep, n);
                if (Double.isNaN(v)) assertTrue(Double.isNaN(r.perRepeat()[k][rep]));
                else assertEquals(v / d.windowSeconds(), r.perRepeat()[k][rep], 1e-9);
            }
        }
        NeuronRow first = onFx(() -> model.rows().get(0));
        assertEquals(TestDatasets.meanHz(d, 3, 0), first.imageLevel(), 1e-9, "the table's image column (one repeat missing)");
    }

    @Test
    void filtersCombine() throws Exception {
        double min = TestDatasets.meanRateHz(d, 2);
        List<String> shown = onFx(() -> {
            model.sessionFilterProperty().set("a");
            model.minRateHzProperty().set(min);
            return model.shownRows().stream().map(NeuronRow::id).toList();
        });
        List<String> expected = IntStream.range(0, d.neuronCount())
                .filter(n -> d.neuron(n).session().equals("a") && TestDatasets.meanRateHz(d, n) >= min)
                .mapToObj(n -> d.neuron(n).id()).toList();
        assertEquals(expected, shown);
        assertTrue(shown.contains(d.neuron(2).id()), "the threshold is inclusive");

        List<String> typed = onFx(() -> {
            model.sessionFilterProperty().set(null);
            model.minRateHzProperty().set(0);
            model.cellTypeFilterProperty().set("complex");
            return model.shownRows().stream().map(NeuronRow::id).toList();
        });
        assertEquals(IntStream.range(0, d.neuronCount()).filter(n -> n % 3 == 1).mapToObj(n -> d.neuron(n).id()).toList(), typed);

        List<String> byId = onFx(() -> {
            model.cellTypeFilterProperty().set(null);
            model.idFilterProperty().set("B-N0");
            return model.shownRows().stream().map(NeuronRow::id).toList();
        });
        assertEquals(List.of("b-n07", "b-n08", "b-n09"), byId, "id search ignores case");
    }

    @Test
    void rasterShowsSelectedImagesOfSelectedNeuron() throws Exception {
        onFx(() -> {
            model.select(9, false);
            model.select(2, true);
            model.select(30, true);
            model.select(9, true);
            model.selectedNeuronProperty().set(model.rows().get(4));
            return null;
        });
        Raster r = onFx(() -> model.rasterProperty().get());
        assertArrayEquals(new int[]{2, 30}, r.images(), "ctrl-click twice removes an image");
        assertEquals(30, onFx(() -> model.focusImageProperty().get()));
        for (int k = 0; k < 2; k++)
            for (int rep = 0; rep < d.repeats(); rep++)
                assertEquals(d.response(r.images()[k], rep, 4) / d.windowSeconds(), r.perRepeat()[k][rep], 1e-9);

        onFx(() -> {
            model.selectPage();
            return null;
        });
        assertEquals(40, onFx(() -> model.rasterProperty().get().images().length));
    }
}
