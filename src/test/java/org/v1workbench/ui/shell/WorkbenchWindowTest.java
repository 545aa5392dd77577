package org.v1workbench.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.v1workbench.data.Dataset;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.WindowTestBase;
import org.v1workbench.ui.chart.FigurePane;
import org.v1workbench.ui.dataset.NeuronRow;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/** The window on a generated dataset, driven through its controls as a user would. */
class WorkbenchWindowTest extends WindowTestBase {
    Dataset d;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        show(stage, d = TestDatasets.small(), 1200);
    }

    @BeforeEach
    void loaded() throws Exception {
        tasks.awaitIdle(60, TimeUnit.SECONDS);
    }

    @Test
    void clickingAThumbnailShowsEveryNeuronsResponse(FxRobot robot) throws Exception {
        robot.clickOn("#thumbnail-7");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        JFreeChart chart = onFx(() -> window.browserView().responsePane().chart());
        assertTrue(chart.getTitle().getText().contains("image 7"), chart.getTitle().getText());
        XYPlot plot = (XYPlot) chart.getPlot();
        XYDataset bars = plot.getDataset(0);
        assertEquals(d.neuronCount(), bars.getItemCount(0));
        for (int n = 0; n < d.neuronCount(); n++) {
            assertEquals(n, bars.getXValue(0, n), 1e-12, "table order is dataset order before sorting");
            assertEquals(TestDatasets.meanHz(d, 7, n), bars.getYValue(0, n), 1e-9, "trial mean of neuron " + n);
        }
        XYDataset dots = plot.getDataset(1);
        assertEquals(d.neuronCount() * d.repeats(), dots.getItemCount(0), "one dot per repeat");
        double sumDots = 0, sumData = 0;
        for (int k = 0; k < dots.getItemCount(0); k++) sumDots += dots.getYValue(0, k);
        for (int n = 0; n < d.neuronCount(); n++) for (int r = 0; r < d.repeats(); r++) sumData += d.response(7, r, n) / d.windowSeconds();
        assertEquals(sumData, sumDots, 1e-6);

        Node tile = robot.lookup("#thumbnail-7").query();
        assertTrue(tile.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("focus-image")));
        Label caption = robot.lookup(".preview-caption").queryAs(Label.class);
        assertTrue(caption.getText().startsWith("image 7"), caption.getText());
    }

    @Test
    void sortingTheTableReordersRowsAndChart(FxRobot robot) throws Exception {
        robot.clickOn("#thumbnail-4");
        robot.clickOn("#column-mean");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        TableView<NeuronRow> table = window.browserView().table();
        List<Integer> ascending = IntStream.range(0, d.neuronCount()).boxed()
                .sorted(Comparator.comparingDouble(n -> TestDatasets.meanRateHz(d, n))).toList();
        assertEquals(ascending, onFx(() -> table.getItems().stream().map(NeuronRow::index).toList()));

        robot.clickOn("#column-mean");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        List<Integer> descending = new java.util.ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertEquals(descending, onFx(() -> table.getItems().stream().map(NeuronRow::index).toList()));
        XYDataset bars = onFx(() -> ((XYPlot) window.browserView().responsePane().chart().getPlot()).getDataset(0));
        for (int k = 0; k < descending.size(); k++)
            assertEquals(TestDatasets.meanHz(d, 4, descending.get(k)), bars.getYValue(0, k), 1e-9, "bar " + k + " follows the table");
    }

    @Test
    void filteringBySessionAndRate(FxRobot robot) throws Exception {
        robot.clickOn("#session-filter");
        robot.clickOn(robot.lookup((Node n) -> n instanceof Label l && "b".equals(l.getText())
                && n.getScene().getWindow() instanceof javafx.stage.PopupWindow).queryAs(Label.class));
        TableView<NeuronRow> table = window.browserView().table();
        assertEquals(List.of("b"), onFx(() -> table.getItems().stream().map(NeuronRow::session).distinct().toList()));
        assertEquals(4, onFx(() -> table.getItems().size()));

        double cut = IntStream.range(6, 10).mapToDouble(n -> TestDatasets.meanRateHz(d, n)).sorted().toArray()[2];
        robot.clickOn("#min-rate").write(String.format(java.util.Locale.ROOT, "%.6f", cut - 1e-7));
        assertEquals(2, onFx(() -> table.getItems().size()), "the two fastest neurons of session b");
        Label count = robot.lookup(".muted").match(n -> n instanceof Label l && l.getText().endsWith("neurons")).queryAs(Label.class);
        assertEquals("2 of 10 neurons", count.getText());
    }

    @Test
    void selectingANeuronShowsItsRaster(FxRobot robot) throws Exception {
        robot.clickOn("#thumbnail-1");
        robot.press(KeyCode.CONTROL).clickOn("#thumbnail-5").release(KeyCode.CONTROL);
        robot.clickOn("b-n08");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        JFreeChart raster = onFx(() -> window.browserView().rasterPane().chart());
        assertTrue(raster.getTitle().getText().contains("b-n08"), raster.getTitle().getText());
        XYDataset cells = ((XYPlot) raster.getPlot()).getDataset();
        assertEquals(2 * d.repeats(), cells.getItemCount(0), "2 images x repeats");
        var xyz = (org.jfree.data.xy.XYZDataset) cells;
        for (int k = 0; k < xyz.getItemCount(0); k++) {
            int row = (int) xyz.getYValue(0, k), rep = (int) xyz.getXValue(0, k) - 1;
            int image = row == 0 ? 1 : 5;
            assertEquals(d.response(image, rep, 7) / d.windowSeconds(), xyz.getZValue(0, k), 1e-9);
        }
    }

    @Test
    void exportsTheResponseChartToPngSvgAndPdf(FxRobot robot) throws Exception {
        robot.clickOn("#thumbnail-2");
        robot.rightClickOn("#response-chart");
        ContextMenu menu = onFx(() -> window.browserView().responsePane().contextMenu());
        assertTrue(onFx(menu::isShowing));
        assertEquals(List.of("Export figure...", "Copy to clipboard"), menu.getItems().stream().map(MenuItem::getText).toList());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        FigurePane pane = window.browserView().responsePane();
        Path png = dir.resolve("response.png"), svg = dir.resolve("response.svg"), pdf = dir.resolve("response.pdf");
        FigureSize size = FigureSize.pixels(1200, 700, 300);
        for (Path p : List.of(png, svg, pdf)) onFx(() -> pane.export(p, size));
        tasks.awaitIdle(60, TimeUnit.SECONDS);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        assertEquals(700, img.getHeight());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(Files.readString(svg).contains("Response to image 2"));
        byte[] b = Files.readAllBytes(pdf);
        assertTrue(b.length > 1000);
        assertEquals("%PDF", new String(b, 0, 4, StandardCharsets.ISO_8859_1));
        assertTrue(new String(b, b.length - 7, 7, StandardCharsets.ISO_8859_1).trim().endsWith("%%EOF"));
        Path stimulus = dir.resolve("stimulus.png");
        onFx(() -> window.browserView().previewPane().export(stimulus, FigureSize.pixels(240, 240, 72)));
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        BufferedImage st = ImageIO.read(stimulus.toFile());
        float[] px = d.stimulus(2);
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : d.stimuliArray()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (int y = 0; y < d.height(); y += 5)
            for (int x = 0; x < d.width(); x += 5)
                assertEquals(Math.round((px[y * d.width() + x] - lo) / (hi - lo) * 255), st.getRGB(x * 20 + 10, y * 20 + 10) & 0xFF, 1,
                        "the exported stimulus keeps pixel (" + x + ", " + y + ")");
        assertTrue(onFx(() -> window.browserView().responsePane().chart().getTitle().getFont().getSize2D()) > 12,
                "the chart on screen keeps its screen fonts after a print-style export");
    }

    @Test
    void modelWorkspacesSayTheyNeedAnExperiment(FxRobot robot) {
        robot.clickOn("Inspector");
        assertTrue(robot.lookup(".placeholder-text").match(Node::isVisible).queryAs(Label.class).getText().startsWith("No experiment is open"));
        robot.clickOn("Filters");
        assertTrue(robot.lookup(".placeholder-text").match(Node::isVisible).queryAs(Label.class).getText().startsWith("No experiment is open"));
        robot.clickOn("Training");
        assertTrue(robot.lookup("#training-status").queryAs(Label.class).getText().startsWith("No training running"));
        robot.clickOn("Dataset");
    }

    @Test
    void pagesThroughImagesAndReportsTheDataset(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#thumbnail-39").tryQuery().isPresent());
        assertFalse(robot.lookup("#thumbnail-40").tryQuery().isPresent());
        robot.clickOn("#page-next");
        tasks.awaitIdle(30, TimeUnit.SECONDS);
        robot.lookup("#thumbnail-49").query();
        assertFalse(robot.lookup("#thumbnail-39").tryQuery().isPresent());
        assertEquals("page 2 of 2", robot.lookup("#page-label").queryAs(Label.class).getText());
        StatusBar status = robot.lookup("#status-bar").queryAs(StatusBar.class);
        assertEquals("Ready \u2014 test-gratings: 2 sessions, 10 neurons, 50 images of 12 x 12 px, 6 repeats, 100 ms window", status.getText());
        assertTrue(robot.lookup("#cancel-task").query().isDisabled(), "nothing to cancel when idle");
    }
}
