package org.v1workbench.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.metrics.Metrics;
import org.v1workbench.model.Presets;
import org.v1workbench.sim.SimulationSettings;
import org.v1workbench.sim.Simulator;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;
import org.v1workbench.ui.WindowTestBase;
import org.v1workbench.ui.chart.FigurePane;
import org.v1workbench.ui.inspector.InspectorModel;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * The inspector and the filter view on a small simulated population (ground truth known) and a
 * one-layer core-readout trained on it here: the numbers shown are recomputed independently, the
 * ground truth appears beside the model's, and the panels export to valid PNG, SVG and PDF files.
 */
class ModelViewsTest extends WindowTestBase {
    static Dataset d;
    static Path expDir;
    static Experiment experiment;
    @TempDir
    static Path shared;


    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        d = Simulator.run(new SimulationSettings(160, 6, 4, 16, 3, 0.1, 0, 0, null, 5, 10, 60), s -> {}).dataset();
        expDir = shared.resolve("tiny");
        try (TrainingService service = new TrainingService()) {
            experiment = service.start(new TrainingRequest(d, Presets.config("core-readout", Map.of("filters", "3", "first_size", "5",
                    "layers", "1", "batch_size", "16", "max_epochs", "4", "patience", "100", "lr", "0.01"), 2), expDir)).await();
        }
    }

    @Start
    void start(Stage stage) {
        show(stage, d, 1250);
    }

    @BeforeEach
    void openExperiment() throws Exception {
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        onFx(() -> {
            model.experiments().folderProperty().set(shared);
            model.experiments().open(expDir);
            return null;
        });
        tasks.awaitIdle(120, TimeUnit.SECONDS);
    }

    @Test
    void inspectorShowsScoresProbesAndGroundTruthOfTheNeuronSearchedFor(FxRobot robot) throws Exception {
        robot.clickOn("Inspector");
        String id = d.neuron(4).id();
        robot.clickOn("#neuron-search").write(id);
        ListView<?> list = robot.lookup("#neuron-list").queryAs(ListView.class);
        assertEquals(1, onFx(() -> list.getItems().size()), "the search leaves one neuron");
        robot.clickOn(id);
        tasks.awaitIdle(120, TimeUnit.SECONDS);

        // Predicted vs recorded: the test tier, in Hz, recomputed here.
        int[] test = d.tiers().indices(Tier.TEST);
        double[][] pred = experiment.predict(d, test);
        int col = experiment.neurons().indexOf(id);
        double[] p = new double[test.length], r = new double[test.length];
        for (int k = 0; k < test.length; k++) {
            p[k] = pred[k][col] / d.windowSeconds();
            double s = 0;
            int m = 0;
            for (int rep = 0; rep < d.repeats(); rep++) {
                double v = d.response(test[k], rep, 4);
                if (!Double.isNaN(v)) {
                    s += v;
                    m++;
                }
            }
            r[k] = s / m / d.windowSeconds();
        }
        JFreeChart scatter = onFx(() -> window.inspectorView().scatterPane().chart());
        XYDataset pts = scatter.getXYPlot().getDataset();
        assertEquals(test.length, pts.getItemCount(0));
        for (int k = 0; k < test.length; k++) {
            assertEquals(r[k], pts.getXValue(0, k), 1e-6, "recorded rate of test image " + k);
            assertEquals(p[k], pts.getYValue(0, k), 1e-3, "predicted rate of test image " + k);
        }
        double ccAbs = pearson(p, r);
        double[][] reps = new double[test.length][];
        for (int k = 0; k < test.length; k++) reps[k] = d.repeatsOf(4)[test[k]];
        double ccMax = Metrics.ccMax(reps);
        String subtitle = ((TextTitle) scatter.getSubtitle(0)).getText() + " \u00B7 " + ((TextTitle) scatter.getSubtitle(1)).getText();
        assertTrue(subtitle.contains(String.format(Locale.ROOT, "CC_abs %.3f", ccAbs)), subtitle);
        assertTrue(subtitle.contains(String.format(Locale.ROOT, "CC_max %.3f", ccMax)), subtitle);
        assertTrue(subtitle.contains(String.format(Locale.ROOT, "CC_norm %.3f", ccAbs / ccMax)), subtitle);

        // Probes and ground truth of the selected neuron.
        InspectorModel.Probed probed = onFx(() -> model.inspector().probedProperty().get());
        assertNotNull(probed);
        assertEquals(id, probed.id());
        assertNotNull(probed.truth(), "the simulator's ground truth");
        assertEquals(d.neuron(4).properties().get("cell_type"), probed.truth().params().cellType().label());
        List<JFreeChart> tuning = onFx(() -> window.inspectorView().tuningGroup().charts());
        assertEquals(2, tuning.size());
        XYDataset ori = tuning.get(0).getXYPlot().getDataset();
        assertEquals(List.of("model", "ground truth"), List.of(ori.getSeriesKey(0), ori.getSeriesKey(1)));
        double[] curve = probed.tuning().orientationCurve();
        for (int o = 0; o < curve.length; o++) assertEquals(curve[o], ori.getYValue(0, o), 1e-9);
        assertEquals(3, onFx(() -> window.inspectorView().rfGroup().charts().size()), "model RF, its energy, the true RF");
        assertNotNull(onFx(() -> window.inspectorView().imagePanel().image()), "top natural images drawn");
        // The top natural images are those the model predicts highest.
        int[] top = probed.extremes().top();
        double[] all = model.inspector().evaluationProperty().get().allPredicted()[0].clone();
        double best = Double.NEGATIVE_INFINITY;
        double[][] every = experiment.predict(d, java.util.stream.IntStream.range(0, d.images()).toArray());
        for (double[] row : every) best = Math.max(best, row[col]);
        assertEquals(best, every[top[0]][col], 1e-6);
        assertTrue(all.length > 0);
    }

    @Test
    void filtersShowTheKernelsAndTheReadoutWeightsOfTheClickedFilter(FxRobot robot) throws Exception {
        robot.clickOn("Filters");
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        assertTrue(robot.lookup("#filter-2").tryQuery().isPresent());
        assertFalse(robot.lookup("#filter-3").tryQuery().isPresent(), "3 filters");
        robot.clickOn("#filter-1");
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        Node tile = robot.lookup("#filter-1").query();
        assertTrue(tile.getPseudoClassStates().stream().anyMatch(c -> c.getPseudoClassName().equals("selected")));
        JFreeChart bars = onFx(() -> window.filtersView().usagePane().chart());
        assertTrue(bars.getTitle().getText().contains("#1"));
        INDArray features = experiment.trained().values().iterator().next().network().graph().getVariable("features").getArr();
        double[] w = new double[d.neuronCount()];
        for (int n = 0; n < w.length; n++) w[n] = features.getDouble(1, n);
        double[] sorted = Arrays.stream(w).boxed().sorted((a, b) -> Double.compare(Math.abs(b), Math.abs(a))).mapToDouble(Double::doubleValue).toArray();
        XYDataset ds = bars.getXYPlot().getDataset();
        assertEquals(w.length, ds.getItemCount(0));
        for (int k = 0; k < w.length; k++) assertEquals(sorted[k], ds.getYValue(0, k), 1e-6, "bar " + k);
        assertTrue(robot.lookup("#filter-usage-explanation").queryLabeled().getText().contains("feature weight"));
        double zoom = onFx(() -> model.filters().zoomProperty().get());
        onFx(() -> {
            model.filters().zoomProperty().set(zoom * 2);
            return null;
        });
        javafx.scene.image.ImageView iv = (javafx.scene.image.ImageView) ((javafx.scene.layout.VBox) tile).getChildren().get(0);
        assertEquals(5 * zoom * 2, iv.getFitWidth(), 1e-9, "zoom scales the 5-pixel kernels");
    }

    @Test
    void inspectorAndFilterPanelsExportToPngSvgAndPdf(FxRobot robot) throws Exception {
        robot.clickOn("Inspector");
        tasks.awaitIdle(120, TimeUnit.SECONDS);
        robot.rightClickOn("#inspector-scatter");
        ContextMenu menu = onFx(() -> window.inspectorView().scatterPane().contextMenu());
        assertTrue(onFx(menu::isShowing));
        assertEquals(List.of("Export figure...", "Copy to clipboard"), menu.getItems().stream().map(MenuItem::getText).toList());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        FigureSize size = FigureSize.pixels(900, 600, 150);
        Map<String, FigurePane> panes = Map.of("scatter", window.inspectorView().scatterPane(), "rf", window.inspectorView().rfPane(),
                "images", window.inspectorView().imagesPane(), "tuning", window.inspectorView().tuningPane());
        for (var e : panes.entrySet())
            for (String ext : List.of("png", "svg", "pdf")) {
                Path f = dir.resolve(e.getKey() + "." + ext);
                onFx(() -> e.getValue().export(f, size));
            }
        robot.clickOn("Filters");
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        for (String ext : List.of("png", "svg", "pdf")) {
            Path f = dir.resolve("filters." + ext);
            onFx(() -> window.filtersView().gridPane().export(f, size));
        }
        tasks.awaitIdle(120, TimeUnit.SECONDS);
        for (String name : List.of("scatter", "rf", "images", "tuning", "filters")) {
            BufferedImage img = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertEquals(900, img.getWidth(), name);
            assertEquals(600, img.getHeight(), name);
            assertTrue(distinctColours(img) > 4, name + ".png is not blank");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(name + ".svg").toFile());
            assertEquals("svg", doc.getDocumentElement().getTagName(), name);
            assertTrue(Files.size(dir.resolve(name + ".svg")) > 2000, name + ".svg has content");
            byte[] b = Files.readAllBytes(dir.resolve(name + ".pdf"));
            assertTrue(b.length > 1000, name + ".pdf has content");
            assertEquals("%PDF", new String(b, 0, 4, StandardCharsets.ISO_8859_1));
            assertTrue(new String(b, b.length - 7, 7, StandardCharsets.ISO_8859_1).trim().endsWith("%%EOF"), name);
        }
        assertTrue(Files.readString(dir.resolve("scatter.svg")).contains("predicted vs recorded"));
        assertTrue(Files.readString(dir.resolve("tuning.svg")).contains("Orientation tuning"));
    }

    @Test
    void theInspectorsModelOfTheExperimentHasGradientsThatMatchFiniteDifferences() throws Exception {
        org.v1workbench.probe.ResponseModel m = onFx(() -> model.inspector().evaluationProperty().get().model());
        int p = d.height() * d.width();
        float[] images = new float[2 * p];
        System.arraycopy(d.stimulus(3), 0, images, 0, p);
        System.arraycopy(d.stimulus(11), 0, images, p, p);
        // The two neurons with the largest gradients (a silent neuron's gradient is below the float noise of differences).
        float[][] every = m.inputGradients(images, 2, java.util.stream.IntStream.range(0, d.neuronCount()).toArray());
        Integer[] order = java.util.stream.IntStream.range(0, d.neuronCount()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(norm(every[b]), norm(every[a])));
        int[] neurons = {order[0], order[1]};
        float[][] auto = m.inputGradients(images, 2, neurons);
        float[][] fd = org.v1workbench.probe.FiniteDifferences.gradients(m, images, 2, neurons);
        for (int q = 0; q < neurons.length; q++) {
            double max = 0, err = 0;
            for (int k = 0; k < 2 * p; k++) {
                max = Math.max(max, Math.abs(fd[q][k]));
                err = Math.max(err, Math.abs(fd[q][k] - auto[q][k]));
            }
            assertTrue(max > 0, "neuron " + neurons[q] + " has a gradient");
            assertTrue(err < 0.02 * max, "neuron " + neurons[q] + ": autodiff vs central differences, max error " + err + " of " + max);
        }
        // Paired: image i's gradient of neuron i, the same as asked for one by one.
        float[] paired = m.pairedGradients(images, neurons);
        for (int k = 0; k < p; k++) {
            assertEquals(auto[0][k], paired[k], 1e-6 * (1 + Math.abs(auto[0][k])));
            assertEquals(auto[1][p + k], paired[p + k], 1e-6 * (1 + Math.abs(auto[1][p + k])));
        }
        // Rates in Hz: the experiment's predicted counts over the window.
        double[][] r = m.rates(images, 2);
        double[][] counts = experiment.predict(d, new int[]{3, 11});
        assertEquals(counts[1][4] / d.windowSeconds(), r[1][4], 1e-3);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }

    static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) for (int x = 0; x < img.getWidth(); x += 7) c.add(img.getRGB(x, y));
        return c.size();
    }

    static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0), mb = Arrays.stream(b).average().orElse(0), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @AfterAll
    static void done() {
        experiment = null;
    }
}
