package org.v1workbench.ui.dataset;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
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
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.v1workbench.data.Dataset;
import org.v1workbench.figure.Figure;
import org.v1workbench.figure.GreyImages;
import org.v1workbench.figure.ResponseCharts;
import org.v1workbench.figure.Units;
import org.v1workbench.ui.chart.FigurePane;
import org.v1workbench.ui.common.TableCells;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;
import org.v1workbench.ui.dataset.BrowserData.ImageResponse;
import org.v1workbench.ui.dataset.BrowserData.Raster;
import org.v1workbench.ui.dataset.BrowserData.Thumbnail;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The dataset browser: a paged grid of stimuli on the left; on the right the response of every
 * shown neuron to the image in focus, and below it the neuron table (sortable, filtered by
 * session, rate, cell type and id) beside a heat map of the selected neuron's response to each
 * selected image on each repeat.
 * Renders what {@link DatasetBrowserModel} holds and forwards clicks to it.
 */
public final class DatasetBrowserView extends BorderPane {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FOCUSED_IMAGE = PseudoClass.getPseudoClass("focus-image");

    private final DatasetBrowserModel model;
    private final TilePane grid = new TilePane();
    private final ScrollPane gridScroll = new ScrollPane(grid);
    private final Map<Integer, Node> tiles = new HashMap<>();
    private final Label pageLabel = new Label();
    private final ImageView preview = new ImageView();
    private final Label previewCaption = new Label();
    private final FigurePane responsePane, rasterPane, previewPane;
    private final TableView<NeuronRow> table = new TableView<>();
    private final Label shownCount = new Label();
    private final SplitPane outer, right, bottom;

    public DatasetBrowserView(DatasetBrowserModel model, TaskRunner tasks, WorkbenchPrefs prefs) {
        this.model = model;
        getStyleClass().add("dataset-browser");

        responsePane = FigurePane.forChart("response", tasks, prefs);
        responsePane.setId("response-chart");
        rasterPane = FigurePane.forChart("response per repeat", tasks, prefs);
        rasterPane.setId("raster-chart");
        preview.setSmooth(false);
        preview.setPreserveRatio(true);
        PreviewFrame previewBox = new PreviewFrame(preview);
        previewPane = FigurePane.forNode("stimulus", previewBox, this::previewFigure, tasks, prefs);
        previewPane.setId("stimulus-preview");

        outer = new SplitPane(buildStimuliPanel(), right = new SplitPane(buildResponsePanel(), bottom = new SplitPane(buildTablePanel(), buildRasterPanel())));
        right.setOrientation(Orientation.VERTICAL);
        outer.setDividerPositions(0.32);
        right.setDividerPositions(0.5);
        bottom.setDividerPositions(0.70);
        SplitPane.setResizableWithParent(outer.getItems().get(0), false);
        setCenter(outer);

        model.thumbnails().addListener((ListChangeListener<Thumbnail>) c -> rebuildGrid());
        model.selectedImages().addListener((ListChangeListener<Integer>) c -> restyleTiles());
        model.focusImageProperty().addListener((o, a, b) -> {
            restyleTiles();
            revealFocus();
        });
        model.previewProperty().addListener((o, a, b) -> showPreview(b));
        model.responseProperty().addListener((o, a, b) -> showResponse(b));
        model.rasterProperty().addListener((o, a, b) -> showRaster(b));
        model.datasetProperty().addListener((o, a, b) -> {
            showResponse(null);
            showRaster(null);
        });
        showResponse(null);
        showRaster(null);
    }

    /** The split panes whose divider positions the window remembers, by name. */
    public Map<String, SplitPane> splitPanes() {
        return Map.of("browser.outer", outer, "browser.right", right, "browser.bottom", bottom);
    }

    public TableView<NeuronRow> table() {
        return table;
    }

    public FigurePane responsePane() {
        return responsePane;
    }

    public FigurePane rasterPane() {
        return rasterPane;
    }

    public FigurePane previewPane() {
        return previewPane;
    }

    // --- stimuli -------------------------------------------------------------------------------

    private Node buildStimuliPanel() {
        Label title = header("Stimuli");
        Label info = new Label();
        info.getStyleClass().add("muted");
        info.textProperty().bind(Bindings.createStringBinding(() -> {
            Dataset d = model.datasetProperty().get();
            if (d == null) return "";
            int from = model.pageProperty().get() * model.pageSize(), to = Math.min(d.images(), from + model.pageSize());
            return String.format(Locale.ROOT, "images %d\u2013%d of %d", from, to - 1, d.images());
        }, model.datasetProperty(), model.pageProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, title, grow, info);
        top.setAlignment(Pos.BASELINE_LEFT);

        grid.setHgap(4);
        grid.setVgap(4);
        grid.setPadding(new Insets(4));
        grid.getStyleClass().add("thumbnail-grid");
        ScrollPane scroll = gridScroll;
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("thumbnail-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        Button prev = new Button("\u25C0");
        prev.setId("page-prev");
        prev.setTooltip(new Tooltip("Previous page"));
        prev.setOnAction(e -> model.pageProperty().set(model.pageProperty().get() - 1));
        prev.disableProperty().bind(model.pageProperty().lessThanOrEqualTo(0));
        Button next = new Button("\u25B6");
        next.setId("page-next");
        next.setTooltip(new Tooltip("Next page"));
        next.setOnAction(e -> model.pageProperty().set(model.pageProperty().get() + 1));
        next.disableProperty().bind(model.pageProperty().greaterThanOrEqualTo(model.pageCountProperty().subtract(1)));
        pageLabel.setId("page-label");
        pageLabel.textProperty().bind(Bindings.createStringBinding(this::pageText,
                model.pageProperty(), model.pageCountProperty(), model.datasetProperty()));
        Button selectPage = new Button("Select page");
        selectPage.setMinWidth(Region.USE_PREF_SIZE);
        pageLabel.setMinWidth(Region.USE_PREF_SIZE);
        selectPage.setTooltip(new Tooltip("Add every image of this page to the selection (the heat map per repeat shows the selected images)"));
        selectPage.setOnAction(e -> model.selectPage());
        Region g2 = new Region();
        HBox.setHgrow(g2, Priority.ALWAYS);
        TextField goTo = new TextField();
        goTo.setId("go-to-image");
        goTo.setPromptText("image #");
        goTo.setPrefColumnCount(5);
        goTo.setTooltip(new Tooltip("Type an image number and press Enter to show it"));
        goTo.setOnAction(e -> {
            try {
                int i = Integer.parseInt(goTo.getText().trim());
                Dataset d = model.datasetProperty().get();
                boolean ok = d != null && i >= 0 && i < d.images();
                goTo.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), !ok);
                if (ok) model.reveal(i);
            } catch (NumberFormatException ex) {
                goTo.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), true);
            }
        });
        HBox pager = new HBox(6, prev, pageLabel, next, goTo, g2, selectPage);
        pager.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Click an image to see the responses; Ctrl-click to select several for the heat map per repeat.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        VBox box = new VBox(6, top, scroll, pager, hint);
        box.setPadding(new Insets(8));
        box.setMinWidth(240);
        return box;
    }

    private String pageText() {
        Dataset d = model.datasetProperty().get();
        if (d == null || model.pageCountProperty().get() == 0) return "no images";
        int from = model.pageProperty().get() * model.pageSize();
        int to = Math.min(d.images(), from + model.pageSize());
        return String.format(Locale.ROOT, "page %d of %d", model.pageProperty().get() + 1, model.pageCountProperty().get());
    }

    private void rebuildGrid() {
        grid.getChildren().clear();
        tiles.clear();
        for (Thumbnail t : model.thumbnails()) {
            ImageView iv = new ImageView(image(t));
            iv.setSmooth(false);
            Label caption = new Label(t.image() + " \u00B7 " + t.tier().label());
            caption.getStyleClass().add("thumbnail-caption");
            VBox tile = new VBox(2, iv, caption);
            tile.setAlignment(Pos.CENTER);
            tile.getStyleClass().add("thumbnail");
            tile.setId("thumbnail-" + t.image());
            Tooltip.install(tile, new Tooltip("image " + t.image() + " (" + t.tier().label() + " tier)"));
            tile.setOnMouseClicked(e -> model.select(t.image(), e.isShortcutDown() || e.isShiftDown()));
            tiles.put(t.image(), tile);
            grid.getChildren().add(tile);
        }
        restyleTiles();
        revealFocus();
    }

    /** Scrolls the grid, once laid out, so that the image in focus is in view (if on this page). */
    private void revealFocus() {
        javafx.application.Platform.runLater(this::revealFocusNow);
    }

    /** Scrolls the grid so that the image in focus is in view, going by the present layout. */
    public void revealFocusNow() {
        {
            Node tile = tiles.get(model.focusImageProperty().get());
            if (tile == null || grid.getHeight() <= 0) return;
            double viewport = gridScroll.getViewportBounds().getHeight();
            double extra = grid.getHeight() - viewport;
            if (extra <= 0) return;
            double top = tile.getBoundsInParent().getMinY(), bottom = tile.getBoundsInParent().getMaxY();
            double shown = gridScroll.getVvalue() * extra;
            if (top < shown) gridScroll.setVvalue(top / extra);
            else if (bottom > shown + viewport) gridScroll.setVvalue(Math.min(1, (bottom - viewport) / extra));
        }
    }

    private void restyleTiles() {
        int focus = model.focusImageProperty().get();
        java.util.Set<Integer> sel = new java.util.HashSet<>(model.selectedImages());
        tiles.forEach((i, n) -> {
            n.pseudoClassStateChanged(SELECTED, sel.contains(i));
            n.pseudoClassStateChanged(FOCUSED_IMAGE, i == focus);
        });
    }

    static WritableImage image(Thumbnail t) {
        WritableImage img = new WritableImage(t.width(), t.height());
        img.getPixelWriter().setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(), t.argb(), 0, t.width());
        return img;
    }

    // --- response --------------------------------------------------------------------------------

    private Node buildResponsePanel() {
        previewCaption.getStyleClass().add("preview-caption");
        previewCaption.setWrapText(true);
        previewCaption.setMaxWidth(DatasetBrowserModel.PREVIEW_PX + 10);
        previewPane.setMinSize(DatasetBrowserModel.PREVIEW_PX + 8, DatasetBrowserModel.PREVIEW_PX + 8);
        previewPane.setMaxSize(DatasetBrowserModel.PREVIEW_PX + 8, DatasetBrowserModel.PREVIEW_PX + 8);
        VBox left = new VBox(6, header("Image"), previewPane, previewCaption);
        left.setPadding(new Insets(8, 4, 8, 8));
        left.setMinWidth(DatasetBrowserModel.PREVIEW_PX + 16);
        HBox.setHgrow(responsePane, Priority.ALWAYS);
        responsePane.setMinSize(200, 150);
        HBox box = new HBox(4, left, responsePane);
        box.setPadding(new Insets(0, 4, 0, 0));
        box.getStyleClass().add("response-panel");
        return box;
    }

    private void showPreview(Thumbnail t) {
        preview.setImage(t == null ? null : image(t));
        Dataset d = model.datasetProperty().get();
        previewCaption.setText(t == null || d == null ? "" : String.format(Locale.ROOT, "image %d\n%s tier\n%d x %d px",
                t.image(), t.tier().label(), d.width(), d.height()));
    }

    private Figure previewFigure() {
        Dataset d = model.datasetProperty().get();
        int i = model.focusImageProperty().get();
        if (d == null || i < 0) return null;
        BufferedImage img = GreyImages.image(d.stimulus(i), d.height(), d.width(), model.greyRange());
        return Figure.of(img);
    }

    private void showResponse(ImageResponse r) {
        Dataset d = model.datasetProperty().get();
        JFreeChart chart;
        if (r == null || d == null) {
            chart = ResponseCharts.message("Response to the image", d == null ? "No dataset open" : "Click an image to see every neuron's response");
        } else {
            String repeats = r.repeats() <= 1 ? "trial means only"
                    : r.repeats() + " repeats" + (ResponseCharts.repeatsAsHeatMap(r.neurons().size(), r.repeats()) ? " (below)" : " (dots)");
            chart = ResponseCharts.imageResponse("Response to image " + r.image(),
                    r.tier().label() + " tier \u00B7 " + r.neurons().size() + " neurons \u00B7 " + repeats
                            + " \u00B7 " + fmtMs(d.windowSeconds()) + " ms window",
                    r.ids(), r.means(), r.perRepeat(), d.unit());
        }
        responsePane.setChart(chart);
    }

    // --- neurons -----------------------------------------------------------------------------------

    private Node buildTablePanel() {
        table.setId("neuron-table");
        table.setPlaceholder(new Label("No neuron passes the filters"));
        TableColumn<NeuronRow, String> id = textColumn("neuron", NeuronRow::id, 72), sessionColumn = textColumn("session", NeuronRow::session, 62);
        table.getColumns().add(id);
        table.getColumns().add(sessionColumn);
        table.getColumns().add(inUnit(numberColumn("mean (Hz)", r -> new ReadOnlyDoubleWrapper(r.meanLevel()), 2, ""),
                "column-mean", "mean", "Mean %s over all images and repeats"));
        table.getColumns().add(inUnit(numberColumn("this image (Hz)", NeuronRow::imageLevelProperty, 2, ""),
                "column-this-image", "this image", "Trial-mean %s evoked by the image in focus"));
        TableColumn<NeuronRow, Number> cc = numberColumn("CC_max", NeuronRow::ccMaxProperty, 3,
                "Noise ceiling: the highest correlation a model can reach given trial-to-trial variability (needs repeats). "
                        + ESTIMATE_NOTE);
        cc.setCellFactory(col -> estimateCell(3));
        table.getColumns().add(cc);
        TableColumn<NeuronRow, String> type = textColumn("cell type", NeuronRow::cellType, 122);
        type.visibleProperty().bind(Bindings.isNotEmpty(model.cellTypes()));
        table.getColumns().add(type);
        // The text columns as wide as their longest value ("center_surround"), whatever the table's width.
        fitToContent(id, NeuronRow::id);
        fitToContent(sessionColumn, NeuronRow::session);
        fitToContent(type, NeuronRow::cellType);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.shownRows());
        model.shownRows().comparatorProperty().bind(table.comparatorProperty());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedNeuronProperty().set(b));
        model.selectedNeuronProperty().addListener((o, a, b) -> {
            if (b != table.getSelectionModel().getSelectedItem()) table.getSelectionModel().select(b);
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        ChoiceBox<String> session = new ChoiceBox<>();
        session.setId("session-filter");
        bindChoice(session, model.sessions(), model.sessionFilterProperty(), "all sessions");
        ChoiceBox<String> cellType = new ChoiceBox<>();
        cellType.setId("cell-type-filter");
        bindChoice(cellType, model.cellTypes(), model.cellTypeFilterProperty(), "all cell types");
        Label typeLabel = label("type");
        for (Node n : new Node[]{cellType, typeLabel}) {
            n.visibleProperty().bind(Bindings.isNotEmpty(model.cellTypes()));
            n.managedProperty().bind(n.visibleProperty());
        }
        TextField minRate = new TextField();
        minRate.setId("min-rate");
        minRate.setPrefColumnCount(4);
        minRate.setPromptText("0");
        minRate.setTooltip(new Tooltip("Hide neurons whose mean rate is below this many Hz (spike counts and rates only)"));
        minRate.textProperty().addListener((o, a, b) -> {
            try {
                double v = b.isBlank() ? 0 : Double.parseDouble(b.trim());
                model.minRateHzProperty().set(v);
                minRate.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), false);
            } catch (NumberFormatException e) {
                minRate.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), true);
            }
        });
        model.minRateHzProperty().addListener((o, a, b) -> {
            if (b.doubleValue() == 0 && !minRate.getText().isBlank() && !minRate.getText().trim().matches("0*\\.?0*"))
                minRate.setText("");
        });
        TextField search = new TextField();
        search.setId("id-search");
        search.setPromptText("neuron id");
        search.setPrefColumnCount(8);
        search.textProperty().bindBidirectional(model.idFilterProperty());
        shownCount.getStyleClass().add("muted");
        shownCount.textProperty().bind(Bindings.createStringBinding(
                () -> model.shownRows().size() + " of " + model.rows().size() + " neurons", model.shownRows(), model.rows()));

        HBox rateFilter = pair(label("rate \u2265"), minRate, label("Hz"));
        rateFilter.setId("min-rate-filter");
        rateFilter.visibleProperty().bind(model.firingProperty()); // a dF/F or z-scored signal has no rate in Hz
        rateFilter.managedProperty().bind(rateFilter.visibleProperty());
        model.firingProperty().addListener((o, was, now) -> { if (!now) minRate.setText(""); });
        FlowPane filters = new FlowPane(10, 6, pair(label("session"), session), rateFilter, pair(typeLabel, cellType), search);
        filters.setAlignment(Pos.CENTER_LEFT);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, header("Neurons"), grow, shownCount);
        top.setAlignment(Pos.BASELINE_LEFT);
        Label footnote = new Label(ESTIMATE_MARK + " " + ESTIMATE_NOTE);
        footnote.setId("ccmax-footnote");
        footnote.getStyleClass().add("hint");
        footnote.setWrapText(true);
        footnote.setMinHeight(Region.USE_PREF_SIZE);
        footnote.visibleProperty().bind(aboveOne);
        footnote.managedProperty().bind(footnote.visibleProperty());
        // Scanned again when rows come or go; a row's new CC_max reaches ccMaxChanged. (Not on every
        // change: a click on an image changes each row's "this image" value, one change per row,
        // and a scan of all rows for each was quadratic in the neurons.)
        model.rows().addListener((ListChangeListener<NeuronRow>) c -> {
            boolean rowsChanged = false;
            while (c.next()) {
                rowsChanged |= c.wasAdded() || c.wasRemoved();
                for (NeuronRow r : c.getAddedSubList()) r.ccMaxProperty().addListener(ccMaxChanged);
            }
            if (rowsChanged) updateAboveOne();
        });
        for (NeuronRow r : model.rows()) r.ccMaxProperty().addListener(ccMaxChanged);
        updateAboveOne();
        VBox box = new VBox(6, top, filters, table, footnote);
        box.setPadding(new Insets(8));
        return box;
    }

    /** The mark after a CC_max above 1, and what the footnote and tool tips say about it. */
    static final String ESTIMATE_MARK = "*";
    static final String ESTIMATE_NOTE = "CC_max above 1 is an estimate: computed from few images or repeats, it can pass 1. "
            + "Shown as computed; files keep the raw value.";

    /** True while some neuron's CC_max is above 1 (the footnote shows). */
    private final javafx.beans.property.SimpleBooleanProperty aboveOne = new javafx.beans.property.SimpleBooleanProperty(this, "ccMaxAboveOne");
    private final javafx.beans.value.ChangeListener<Number> ccMaxChanged = (o, a, b) -> {
        if (b.doubleValue() > 1) aboveOne.set(true);
        else if (aboveOne.get() && a.doubleValue() > 1) updateAboveOne();
    };

    private void updateAboveOne() {
        aboveOne.set(model.rows().stream().anyMatch(r -> r.ccMax() > 1));
    }

    /**
     * A CC_max cell: the value with 3 decimals, blank where unknown; above 1 marked as an estimate
     * ("1.028*", pseudo-class {@code estimate}) with a tool tip saying why it can pass 1.
     */
    static javafx.scene.control.TableCell<NeuronRow, Number> estimateCell(int decimals) {
        PseudoClass estimate = PseudoClass.getPseudoClass("estimate");
        Tooltip tip = new Tooltip(ESTIMATE_NOTE);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        return new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                boolean known = !empty && v != null && !Double.isNaN(v.doubleValue());
                boolean above = known && v.doubleValue() > 1;
                setText(!known ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v.doubleValue()) + (above ? ESTIMATE_MARK : ""));
                setTooltip(above ? tip : null);
                pseudoClassStateChanged(estimate, above);
            }
        };
    }

    /**
     * Keeps {@code c} at least as wide as its widest value and its title, measured in the table's
     * cell font: refitted when rows are added or removed (a constrained table would otherwise cut
     * the last column first: "center_surr..."), once per pulse however many changes came. Not
     * when a row's value changes: a click on an image changes every row's "this image" value, one
     * change each, and refitting on each of those measured every id once per neuron (two minutes
     * of the JavaFX thread when an 8,000-neuron folder opened).
     */
    private void fitToContent(TableColumn<NeuronRow, String> c, Function<NeuronRow, String> text) {
        Runnable fit = () -> {
            javafx.scene.text.Font font = cellFont();
            double w = TextWidths.width(c.getText(), javafx.scene.text.Font.font(font.getFamily(), javafx.scene.text.FontWeight.BOLD, font.getSize())) + 24;
            java.util.List<String> values = new java.util.ArrayList<>(model.rows().size());
            for (NeuronRow r : model.rows()) values.add(text.apply(r));
            w = Math.max(w, TextWidths.widest(values, font) + CELL_PADDING);
            w = Math.ceil(w);
            c.setMinWidth(w);
            c.setPrefWidth(Math.max(w, c.getPrefWidth()));
        };
        boolean[] queued = {false};
        Runnable fitOnce = () -> {
            if (queued[0]) return;
            queued[0] = true;
            javafx.application.Platform.runLater(() -> {
                queued[0] = false;
                fit.run();
            });
        };
        model.rows().addListener((ListChangeListener<NeuronRow>) ch -> {
            while (ch.next()) {
                if (ch.wasAdded() || ch.wasRemoved()) {
                    fitOnce.run();
                    return;
                }
            }
        });
        // Again once styled: the cells' font is known then.
        table.skinProperty().addListener((o, a, b) -> fitOnce.run());
        fit.run();
    }

    /** Room around a cell's text: the cell's padding and a little more, so that no text touches the next column. */
    static final double CELL_PADDING = 16;

    /** The font of the table's cells (from a styled cell when there is one; the default font at the workbench's 13 px otherwise). */
    private javafx.scene.text.Font cellFont() {
        Node cell = table.lookup(".table-cell");
        if (cell instanceof javafx.scene.control.Labeled l && l.getFont() != null) return l.getFont();
        javafx.scene.text.Font f = javafx.scene.text.Font.getDefault();
        return javafx.scene.text.Font.font(f.getFamily(), Math.max(13, f.getSize()));
    }

    private static void bindChoice(ChoiceBox<String> box, javafx.collections.ObservableList<String> values,
                                   javafx.beans.property.ObjectProperty<String> target, String all) {
        Runnable fill = () -> {
            String keep = target.get();
            box.getItems().setAll((String) null);
            box.getItems().addAll(values);
            box.setValue(keep);
        };
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? all : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        values.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        box.valueProperty().addListener((o, a, b) -> target.set(b));
        target.addListener((o, a, b) -> box.setValue(b));
    }

    private static TableColumn<NeuronRow, String> textColumn(String title, Function<NeuronRow, String> value, double width) {
        TableColumn<NeuronRow, String> c = new TableColumn<>(title);
        c.setId("column-" + title.replaceAll("[^A-Za-z_]+", "-"));
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 62));
        return c;
    }

    /**
     * Makes a column's header follow the open dataset's unit: "mean (Hz)" for spike counts,
     * "mean (dF/F)" for a dF/F recording; {@code tip} has a %s for "rate" or "response".
     */
    private TableColumn<NeuronRow, Number> inUnit(TableColumn<NeuronRow, Number> c, String id, String title, String tip) {
        c.setId(id);
        Label header = (Label) c.getGraphic();
        header.textProperty().bind(Bindings.createStringBinding(() -> title + " (" + model.unitProperty().get() + ")", model.unitProperty()));
        header.textProperty().addListener((o, was, now) -> c.setPrefWidth(Math.max(c.getPrefWidth(), 7 * now.length() + 12))); // "dF/F" is wider than "Hz"
        Tooltip t = header.getTooltip();
        t.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, tip,
                Units.quantity(model.unitProperty().get())), model.unitProperty()));
        return c;
    }

    private static TableColumn<NeuronRow, Number> numberColumn(String title, Function<NeuronRow, ObservableValue<Number>> value,
                                                              int decimals, String tip) {
        TableColumn<NeuronRow, Number> c = new TableColumn<>();
        c.setId("column-" + title.replaceAll("[^A-Za-z_]+", "-"));
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        c.setCellFactory(col -> TableCells.decimalCell(decimals));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setComparator((a, b) -> TableCells.compareNaNLast(a.doubleValue(), b.doubleValue()));
        c.setPrefWidth(Math.max(64, 7 * title.length() + 12));
        c.setMinWidth(c.getPrefWidth() - 6);
        header.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    // --- raster ------------------------------------------------------------------------------------

    private Node buildRasterPanel() {
        VBox.setVgrow(rasterPane, Priority.ALWAYS);
        rasterPane.setMinSize(150, 120);
        VBox box = new VBox(4, rasterPane);
        box.setPadding(new Insets(4));
        return box;
    }

    private void showRaster(Raster r) {
        Dataset d = model.datasetProperty().get();
        JFreeChart chart;
        if (d != null && d.repeats() < 2) {
            chart = ResponseCharts.message(REPEATS_TITLE, "One response per image in this dataset (trial means): no repeats to show");
        } else if (r == null) {
            chart = ResponseCharts.message(REPEATS_TITLE, "Select a neuron in the table; Ctrl-click images to add rows");
        } else {
            List<String> labels = java.util.Arrays.stream(r.images()).mapToObj(i -> "image " + i).toList();
            chart = ResponseCharts.raster("Neuron " + r.neuron().id() + " per repeat",
                    "heat map \u00B7 " + r.images().length + (r.images().length == 1 ? " image" : " images") + " \u00D7 "
                            + (r.perRepeat().length == 0 ? 0 : r.perRepeat()[0].length) + " repeats",
                    labels, r.perRepeat(), d.unit());
        }
        rasterPane.setChart(chart);
    }

    /** The panel's title while it has no neuron to show: a heat map of responses, image by repeat (not a spike raster). */
    static final String REPEATS_TITLE = "Response per image and repeat";

    /** Controls that stay together on one line when the filter bar wraps. */
    private static HBox pair(Node... nodes) {
        HBox box = new HBox(4, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        box.managedProperty().bind(box.visibleProperty());
        if (nodes[0].visibleProperty().isBound()) box.visibleProperty().bind(nodes[0].visibleProperty());
        return box;
    }

    /** A label that keeps its whole text when space is short. */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-header");
        return l;
    }

    private static String fmtMs(double seconds) {
        double ms = seconds * 1000;
        return ms == Math.rint(ms) ? Long.toString((long) ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    /** Centres the preview image in a fixed square with a frame. */
    private static final class PreviewFrame extends javafx.scene.layout.StackPane {
        PreviewFrame(ImageView iv) {
            super(iv);
            getStyleClass().add("preview-frame");
        }
    }
}
