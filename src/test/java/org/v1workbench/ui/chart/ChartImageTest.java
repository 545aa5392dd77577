package org.v1workbench.ui.chart;

import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.figure.TrainingCharts;
import org.v1workbench.ui.FxTestSupport;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

class ChartImageTest {
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) onFx(() -> {
            stage.close();
            return null;
        });
    }

    /** A validation score curve as the training panel draws it. */
    static Supplier<JFreeChart> scores(double... values) {
        return () -> {
            XYSeries s = new XYSeries("run A", false, true);
            for (int e = 0; e < values.length; e++) s.add(e + 1, values[e]);
            return TrainingCharts.score(List.of(new TrainingCharts.Curve(s, 0, false)), "CC_norm");
        };
    }

    ChartImage shown(double w, double h) throws Exception {
        return onFx(() -> {
            ChartImage c = new ChartImage("test chart");
            c.setPrefSize(w, h); // a Pane sizes its children to their preferred size
            Pane p = new Pane(c);
            stage = new Stage();
            stage.setScene(new Scene(p, w, h));
            stage.show();
            return c;
        });
    }

    static void settle(ChartImage c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onFx(c::settled)) {
            if (System.nanoTime() > end) fail("chart not drawn within 30 s");
            Thread.sleep(20);
        }
    }

    @Test
    void drawsTheChartInTheBackgroundAtTheNodesSizeWithItsCurveAndToolTips() throws Exception {
        ChartImage c = shown(500, 320);
        double[] values = {0.21, 0.30, 0.33, 0.35};
        onFx(() -> {
            c.setSource(scores(values));
            return null;
        });
        settle(c);
        PixelReader px = onFx(() -> c.image().getPixelReader());
        assertEquals(500, onFx(() -> c.image().getWidth()), 0);
        assertEquals(320, onFx(() -> c.image().getHeight()), 0);
        // The curve is drawn in the run's colour (the palette's first), and most of the image is the white background.
        Color blue = TrainingCharts.colour(0);
        int curve = 0, white = 0;
        for (int y = 0; y < 320; y++)
            for (int x = 0; x < 500; x++) {
                int argb = px.getArgb(x, y);
                if (near(argb, blue.getRGB(), 30)) curve++;
                if (near(argb, 0xFFFFFFFF, 3)) white++;
            }
        assertTrue(curve > 100, curve + " pixels of the curve's colour");
        assertTrue(white > 500 * 320 / 2, white + " white pixels");

        // Every point has an entity where it was drawn, and hovering there shows its value.
        List<XYItemEntity> items = new ArrayList<>();
        for (Object e : onFx(() -> c.entities().getEntities())) if (e instanceof XYItemEntity i) items.add(i);
        assertEquals(values.length, items.size());
        for (XYItemEntity i : items) {
            java.awt.Rectangle b = i.getArea().getBounds();
            String tip = onFx(() -> c.updateTooltip(b.getCenterX(), b.getCenterY()));
            assertEquals(String.format(Locale.ROOT, "run A, epoch %d: %.4f", i.getItem() + 1, values[i.getItem()]), tip);
            // And the point's marker is drawn there, in the curve's colour.
            assertTrue(near(px.getArgb((int) b.getCenterX(), (int) b.getCenterY()), blue.getRGB(), 40), "marker of epoch " + (i.getItem() + 1));
        }
        assertNull(onFx(() -> c.updateTooltip(2, 2)), "nothing to say in the corner");
    }

    @Test
    void redrawsAtANewSizeAndCoalescesAStreamOfChanges() throws Exception {
        ChartImage c = shown(400, 300);
        onFx(() -> {
            c.setSource(scores(0.1, 0.2));
            return null;
        });
        settle(c);
        long before = onFx(c::drawsDone);
        onFx(() -> {
            c.setPrefSize(600, 200);
            c.getParent().layout(); // as the next frame would
            return null;
        });
        settle(c);
        assertEquals(600, onFx(() -> c.image().getWidth()), 0);
        assertEquals(200, onFx(() -> c.image().getHeight()), 0);
        assertEquals(before + 1, onFx(c::drawsDone));

        // Twenty new sources within one frame: far fewer drawings, and the last one is what shows.
        List<Supplier<JFreeChart>> sources = new ArrayList<>();
        for (int k = 1; k <= 20; k++) sources.add(scores(new double[k]));
        long drawn = onFx(c::drawsDone);
        onFx(() -> {
            sources.forEach(c::setSource);
            return null;
        });
        settle(c);
        long draws = onFx(c::drawsDone) - drawn;
        assertTrue(draws >= 1 && draws <= 2, draws + " drawings for 20 changes");
        assertEquals(20, onFx(() -> c.entities().getEntities().stream().filter(e -> e instanceof XYItemEntity).count()));
    }

    @Test
    void aChartThatCannotBeDrawnLeavesTheLastImage() throws Exception {
        ChartImage c = shown(300, 200);
        onFx(() -> {
            c.setSource(scores(0.3));
            return null;
        });
        settle(c);
        Object shown = onFx(c::image);
        onFx(() -> {
            c.setSource(() -> {
                throw new IllegalStateException("broken chart (expected by the test)");
            });
            return null;
        });
        settle(c);
        assertSame(shown, onFx(c::image));
    }

    @Test
    void aLiveChartPaneExportsItsChartInPrintStyle(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TaskRunner tasks = new TaskRunner();
        try {
            FigurePane pane = onFx(() -> FigurePane.forLiveChart("scores", tasks, new WorkbenchPrefs(SettingsStore.inMemory())));
            onFx(() -> {
                pane.setChartSource(scores(0.2, 0.31));
                return null;
            });
            java.nio.file.Path svg = dir.resolve("scores.svg"), png = dir.resolve("scores.png");
            onFx(() -> pane.export(svg, org.v1workbench.figure.FigureSize.pixels(900, 600, 300)));
            onFx(() -> pane.export(png, org.v1workbench.figure.FigureSize.pixels(900, 600, 300)));
            tasks.awaitIdle(60, TimeUnit.SECONDS);
            String text = java.nio.file.Files.readString(svg);
            assertTrue(text.contains(">run A<"), "the legend's label is text in the SVG");
            assertTrue(text.contains(">Validation CC_norm<"), "the title");
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(900, img.getWidth());
            assertEquals(600, img.getHeight());
            // The chart on screen is the same data: a fresh copy for the caller.
            assertEquals(2, onFx(() -> ((org.jfree.chart.plot.XYPlot) pane.chart().getPlot()).getDataset().getItemCount(0)));
        } finally {
            tasks.close();
        }
    }

    static boolean near(int argb, int rgb, int tolerance) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) d = Math.max(d, Math.abs((argb >> shift & 255) - (rgb >> shift & 255)));
        return d <= tolerance && (argb >>> 24) == 255;
    }
}
