package org.v1workbench.ui.filters;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.v1workbench.figure.Figure;
import org.v1workbench.figure.GreyImages;
import org.v1workbench.figure.ImageTiles;
import org.v1workbench.figure.InspectorCharts;
import org.v1workbench.figure.ResponseCharts;
import org.v1workbench.figure.Units;
import org.v1workbench.probe.FilterGrid;
import org.v1workbench.probe.Kernels;
import org.v1workbench.ui.chart.FigurePane;
import org.v1workbench.ui.chart.ImagePanel;
import org.v1workbench.ui.common.Evaluation;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filter view: a run's first-layer filters as a zoomable grid (slider or Ctrl + scroll),
 * each scaled to its own largest weight (grey 0, white +, black -); clicking a filter shows which
 * neurons use it most, with what that measure is; below, the most exciting inputs of the
 * best-predicted neurons, computed on request.
 */
public final class FiltersView extends BorderPane {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** Neurons whose most exciting inputs the grid shows. */
    public static final int MEI_NEURONS = 24;

    private final FiltersModel model;
    private final TilePane grid = new TilePane();
    private final FigurePane gridPane, usagePane, meiPane;
    private final ImagePanel meiImages = new ImagePanel();
    private final Label explanation = new Label(), header = new Label(), placeholder = new Label(), usageStatus = new Label();
    private final List<Node> tiles = new ArrayList<>();
    private final SplitPane top, outer;

    public FiltersView(FiltersModel model, TaskRunner tasks, WorkbenchPrefs prefs) {
        this.model = model;
        getStyleClass().add("filters-view");
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        grid.setId("filter-grid");
        grid.getStyleClass().add("thumbnail-grid");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("thumbnail-scroll");
        scroll.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && e.getDeltaY() != 0) {
                model.zoomProperty().set(clampZoom(model.zoomProperty().get() * (e.getDeltaY() > 0 ? 1.15 : 1 / 1.15)));
                e.consume();
            }
        });
        gridPane = FigurePane.forNode("first-layer filters", scroll, this::gridFigure, tasks, prefs);
        gridPane.setId("filters-grid-pane");
        usagePane = FigurePane.forChart("filter use", tasks, prefs);
        usagePane.setId("filter-usage-chart");
        meiPane = FigurePane.forNode("most exciting inputs", meiImages, meiImages::figure, tasks, prefs);
        meiPane.setId("mei-grid");

        Slider zoom = new Slider(2, 40, model.zoomProperty().get());
        zoom.setId("filter-zoom");
        zoom.valueProperty().bindBidirectional(model.zoomProperty());
        zoom.setPrefWidth(160);
        zoom.setTooltip(new Tooltip("Screen pixels per weight (Ctrl + scroll over the grid also zooms)"));
        ChoiceBox<FiltersModel.RunKernels> run = new ChoiceBox<>(model.runs());
        run.setId("filter-run");
        run.valueProperty().bindBidirectional(model.runProperty());
        run.visibleProperty().bind(Bindings.size(model.runs()).greaterThan(1));
        run.managedProperty().bind(run.visibleProperty());
        Label zoomLabel = new Label("zoom");
        zoomLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label caption = new Label("Each filter scaled to its own largest |weight|: grey 0, white +, black \u2212. Click one to see which neurons use it.");
        caption.getStyleClass().add("hint");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        HBox tools = new HBox(8, run, zoomLabel, zoom);
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, label("First-layer filters"), tools, gridPane, caption);
        VBox.setVgrow(gridPane, Priority.ALWAYS);
        left.setPadding(new Insets(8));

        explanation.setWrapText(true);
        explanation.getStyleClass().add("hint");
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.setId("filter-usage-explanation");
        usageStatus.getStyleClass().add("muted");
        usageStatus.setWrapText(true);
        usageStatus.textProperty().bind(model.usageStatusProperty());
        usageStatus.managedProperty().bind(usageStatus.textProperty().isNotEmpty());
        VBox right = new VBox(6, label("Which neurons use it"), usagePane, usageStatus, explanation);
        VBox.setVgrow(usagePane, Priority.ALWAYS);
        right.setPadding(new Insets(8));
        usagePane.setMinSize(200, 150);

        top = new SplitPane(left, right);
        top.setDividerPositions(0.5);

        Button compute = new Button("Compute for the " + MEI_NEURONS + " best-predicted neurons");
        compute.setMinWidth(Region.USE_PREF_SIZE);
        compute.setId("compute-meis");
        compute.setOnAction(e -> model.computeMeis(MEI_NEURONS));
        compute.disableProperty().bind(Bindings.createBooleanBinding(() -> model.evaluationProperty().get() == null
                || !model.evaluationProperty().get().exactGradients(), model.evaluationProperty()));
        HBox meiTools = new HBox(10, label("Most exciting inputs"), compute);
        meiTools.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(6, meiTools, meiPane);
        VBox.setVgrow(meiPane, Priority.ALWAYS);
        meiPane.setMinSize(200, 100);
        bottom.setPadding(new Insets(8));
        outer = new SplitPane(top, bottom);
        outer.setOrientation(Orientation.VERTICAL);
        outer.setDividerPositions(0.6);

        header.getStyleClass().add("panel-header");
        header.setPadding(new Insets(8, 8, 0, 8));
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(560);
        placeholder.getStyleClass().add("placeholder-text");
        StackPane centre = new StackPane(outer, placeholder);
        setTop(header);
        setCenter(centre);

        model.runs().addListener((ListChangeListener<FiltersModel.RunKernels>) c -> showHeader());
        model.runProperty().addListener((o, a, b) -> rebuildGrid());
        model.zoomProperty().addListener((o, a, b) -> resizeTiles());
        model.filterProperty().addListener((o, a, b) -> {
            restyle();
            showUsage();
        });
        model.usageProperty().addListener((o, a, b) -> showUsage());
        model.messageProperty().addListener((o, a, b) -> showHeader());
        model.meisProperty().addListener((o, a, b) -> showMeis());
        model.meiStatusProperty().addListener((o, a, b) -> showMeis());
        model.evaluationProperty().addListener((o, a, b) -> showMeis());
        showHeader();
        rebuildGrid();
        showUsage();
        showMeis();
    }

    public FigurePane gridPane() { return gridPane; }
    public FigurePane usagePane() { return usagePane; }
    public FigurePane meiPane() { return meiPane; }
    public SplitPane split() { return outer; }

    private static double clampZoom(double z) {
        return Math.max(2, Math.min(40, z));
    }

    private void showHeader() {
        String m = model.messageProperty().get();
        placeholder.setText(m == null ? "" : m);
        placeholder.setVisible(m != null);
        outer.setVisible(m == null);
        OpenExperiment e = model.experimentProperty().get();
        header.setText(e == null ? "Filters" : "Experiment " + e.label() + " \u00B7 " + e.summary().preset());
    }

    private void rebuildGrid() {
        grid.getChildren().clear();
        tiles.clear();
        FiltersModel.RunKernels rk = model.runProperty().get();
        if (rk == null) return;
        Kernels k = rk.kernels();
        for (int f = 0; f < k.filters(); f++) {
            ImageView iv = new ImageView(kernelImage(k, f));
            iv.setSmooth(false);
            Label l = new Label("#" + f);
            l.getStyleClass().add("thumbnail-caption");
            VBox tile = new VBox(2, iv, l);
            tile.setAlignment(Pos.CENTER);
            tile.getStyleClass().add("filter-tile");
            tile.setId("filter-" + f);
            int index = f;
            tile.setOnMouseClicked(e -> model.filterProperty().set(index));
            Tooltip.install(tile, new Tooltip("filter " + f + " of " + rk.run() + ": click to see which neurons use it"));
            tiles.add(tile);
            grid.getChildren().add(tile);
        }
        resizeTiles();
        restyle();
    }

    private void resizeTiles() {
        FiltersModel.RunKernels rk = model.runProperty().get();
        if (rk == null) return;
        double z = model.zoomProperty().get();
        for (Node n : tiles) {
            ImageView iv = (ImageView) ((VBox) n).getChildren().get(0);
            iv.setFitWidth(rk.kernels().width() * z);
            iv.setFitHeight(rk.kernels().height() * z);
        }
    }

    private void restyle() {
        for (int f = 0; f < tiles.size(); f++) tiles.get(f).pseudoClassStateChanged(SELECTED, f == model.filterProperty().get());
    }

    /** Filter f as grey pixels, scaled to its own largest |weight| (as the probe's filter figure). */
    static WritableImage kernelImage(Kernels k, int f) {
        float[] w = k.kernel(f);
        double m = 0;
        for (float v : w) m = Math.max(m, Math.abs(v));
        float[] scaled = new float[w.length];
        for (int i = 0; i < w.length; i++) scaled[i] = (float) (m > 0 ? w[i] / m : 0);
        int[] argb = GreyImages.argb(scaled, k.height(), k.width(), new GreyImages.Range(-1, 1), 1);
        WritableImage img = new WritableImage(k.width(), k.height());
        img.getPixelWriter().setPixels(0, 0, k.width(), k.height(), PixelFormat.getIntArgbInstance(), argb, 0, k.width());
        return img;
    }

    private Figure gridFigure() {
        FiltersModel.RunKernels rk = model.runProperty().get();
        if (rk == null) return null;
        OpenExperiment e = model.experimentProperty().get();
        return FilterGrid.figure(rk.kernels(), "First-layer filters" + (e == null ? "" : " of " + e.label())
                + (model.runs().size() > 1 ? ", " + rk.run() : ""));
    }

    private void showUsage() {
        FiltersModel.Usage u = model.usageProperty().get();
        int f = model.filterProperty().get();
        if (u == null) {
            usagePane.setChart(ResponseCharts.message("Which neurons use the filter", model.runProperty().get() == null ? "no filters" : "measuring ..."));
            explanation.setText("");
            return;
        }
        explanation.setText(u.explanation());
        if (f < 0) {
            double[] total = new double[u.values().length];
            for (int c = 0; c < total.length; c++) for (double v : u.values()[c]) if (Double.isFinite(v)) total[c] += Math.abs(v);
            List<String> names = new ArrayList<>();
            for (int c = 0; c < total.length; c++) names.add("#" + c);
            usagePane.setChart(InspectorCharts.neuronBars("Use of each filter, summed over neurons",
                    "click a filter to see its neurons", names, total, total.length, "summed over all neurons"));
            return;
        }
        usagePane.setChart(InspectorCharts.neuronBars("Neurons that use filter #" + f + " most",
                String.format(Locale.ROOT, "top 20 of %d neurons (%s)", u.neurons().size(), u.run()), u.neurons(), u.values()[f], 20, u.measure()));
    }

    private void showMeis() {
        FiltersModel.Meis m = model.meisProperty().get();
        Evaluation v = model.evaluationProperty().get();
        if (m == null || v == null) {
            String s = model.meiStatusProperty().get();
            meiImages.setMessage(s != null && !s.isEmpty() ? s : v == null ? "The most exciting inputs need the experiment's dataset open."
                    : "Press \u201CCompute most exciting inputs\u201D to find, for each of the " + MEI_NEURONS
                    + " best-predicted neurons, the image (of typical contrast) that drives it most.");
            return;
        }
        var d = v.source().dataset();
        List<ImageTiles.Tile> t = new ArrayList<>();
        for (int i = 0; i < m.ids().size(); i++)
            t.add(new ImageTiles.Tile(m.meis().get(i).image(), d.height(), d.width(), m.ids().get(i),
                    Units.format(m.meis().get(i).rate(), d.unit())));
        GreyImages.Range range = new GreyImages.Range(v.stats().min(), v.stats().max());
        meiImages.setRenderer(width -> ImageTiles.render(t, 12, 84, range,
                "Most exciting inputs of the " + m.ids().size() + " best-predicted neurons (test CC_norm)",
                "Gradient ascent on the image at the dataset's typical contrast, blurred steps, clipped to its grey range; "
                        + (Units.isRate(d.unit()) ? "rate" : "response") + " = predicted.", width));
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-header");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
