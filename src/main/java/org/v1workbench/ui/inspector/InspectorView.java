package org.v1workbench.ui.inspector;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.v1workbench.data.Dataset;
import org.v1workbench.figure.GreyImages;
import org.v1workbench.figure.ImageTiles;
import org.v1workbench.figure.InspectorCharts;
import org.v1workbench.figure.ResponseCharts;
import org.v1workbench.figure.Units;
import org.v1workbench.probe.MostExcitingInput;
import org.v1workbench.probe.ReceptiveField;
import org.v1workbench.probe.Tuning;
import org.v1workbench.ui.chart.ChartGroup;
import org.v1workbench.ui.chart.FigurePane;
import org.v1workbench.ui.chart.ImagePanel;
import org.v1workbench.ui.common.Evaluation;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.Texts;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The neuron inspector: a searchable list of the experiment's neurons (best CC_norm first) with
 * the selected neuron's numbers beside its ground truth; and six panels: predicted against
 * recorded rates with CC_abs, CC_max and CC_norm; responses per test image, sorted; tuning
 * curves; receptive field (mean input gradient, its energy with the fitted centre, and the true
 * RF where known); the most exciting input with the natural images that drive the neuron most and
 * least. Every panel exports from its context menu.
 */
public final class InspectorView extends BorderPane {
    private final InspectorModel model;
    private final FigurePane scatterPane, sortedPane, tuningPane, rfPane, imagesPane;
    private final ChartGroup tuning = new ChartGroup(Orientation.VERTICAL), rf = new ChartGroup(Orientation.HORIZONTAL);
    private final ImagePanel images = new ImagePanel();
    private final ListView<InspectorModel.Entry> list = new ListView<>();
    private final GridPane facts = new GridPane();
    private final Label header = new Label(), status = new Label(), placeholder = new Label();
    private final StackPane centre = new StackPane();
    private final GridPane grid = new GridPane();

    public InspectorView(InspectorModel model, TaskRunner tasks, WorkbenchPrefs prefs) {
        this.model = model;
        getStyleClass().add("inspector-view");
        rf.setHeightForWidth(w -> w + 40);
        scatterPane = FigurePane.forChart("predicted vs recorded", tasks, prefs);
        scatterPane.setId("inspector-scatter");
        sortedPane = FigurePane.forChart("sorted responses", tasks, prefs);
        sortedPane.setId("inspector-sorted");
        tuningPane = FigurePane.forNode("tuning curves", tuning, tuning::printFigure, tasks, prefs);
        tuningPane.setId("inspector-tuning");
        rfPane = FigurePane.forNode("receptive field", rf, rf::printFigure, tasks, prefs);
        rfPane.setId("inspector-rf");
        imagesPane = FigurePane.forNode("most exciting input and natural images", images, images::figure, tasks, prefs);
        imagesPane.setId("inspector-images");

        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        ColumnConstraints c = new ColumnConstraints(), wide = new ColumnConstraints();
        c.setPercentWidth(31);
        c.setHgrow(Priority.ALWAYS);
        wide.setPercentWidth(38);
        wide.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c, c, wide);
        RowConstraints r0 = new RowConstraints(), r1 = new RowConstraints();
        r0.setPercentHeight(50);
        r1.setPercentHeight(50);
        r0.setVgrow(Priority.ALWAYS);
        r1.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().addAll(r0, r1);
        for (FigurePane p : List.of(scatterPane, sortedPane, tuningPane, rfPane, imagesPane)) p.setMinSize(100, 100);
        grid.add(scatterPane, 0, 0);
        grid.add(sortedPane, 1, 0);
        grid.add(tuningPane, 2, 0);
        grid.add(rfPane, 0, 1, 2, 1);
        grid.add(imagesPane, 2, 1);

        placeholder.setWrapText(true);
        placeholder.setMaxWidth(560);
        placeholder.getStyleClass().add("placeholder-text");
        centre.getChildren().addAll(grid, placeholder);
        header.getStyleClass().add("panel-header");
        header.setId("inspector-header");
        status.setId("inspector-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        VBox top = new VBox(2, header, status);
        top.setPadding(new Insets(8, 8, 0, 8));
        BorderPane main = new BorderPane(centre);
        main.setTop(top);

        setLeft(buildList());
        setCenter(main);

        model.messageProperty().addListener((o, a, b) -> showState());
        model.neuronProperty().addListener((o, a, b) -> showNeuron(b));
        model.probedProperty().addListener((o, a, b) -> showProbe(b));
        model.probeStatusProperty().addListener((o, a, b) -> showStatus());
        showState();
        showNeuron(null);
        showProbe(null);
    }

    public ListView<InspectorModel.Entry> list() { return list; }
    public FigurePane scatterPane() { return scatterPane; }
    public FigurePane sortedPane() { return sortedPane; }
    public FigurePane tuningPane() { return tuningPane; }
    public FigurePane rfPane() { return rfPane; }
    public FigurePane imagesPane() { return imagesPane; }
    public ImagePanel imagePanel() { return images; }
    public ChartGroup rfGroup() { return rf; }
    public ChartGroup tuningGroup() { return tuning; }

    private Node buildList() {
        TextField search = new TextField();
        search.setId("neuron-search");
        search.setPromptText("search neuron id or session");
        search.textProperty().bindBidirectional(model.searchProperty());
        list.setId("neuron-list");
        list.setItems(model.shown());
        list.setPlaceholder(new Label("No neuron matches"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(InspectorModel.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : String.format(Locale.ROOT, "%-10s CC_norm %s", e.id(), Texts.fmt(e.ccNorm())));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) model.selectedProperty().set(b.id());
        });
        model.selectedProperty().addListener((o, a, b) -> selectInList(b));
        model.shown().addListener((ListChangeListener<InspectorModel.Entry>) ch -> selectInList(model.selectedProperty().get()));
        VBox.setVgrow(list, Priority.ALWAYS);
        facts.setHgap(8);
        facts.setVgap(2);
        facts.getStyleClass().add("truth-grid");
        facts.setId("neuron-facts");
        Label hint = new Label("Neurons sorted by test CC_norm. Probes run for the selected neuron only and are kept.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, label("Neurons"), search, list, hint, facts);
        box.setPadding(new Insets(8));
        box.setPrefWidth(250);
        box.setMinWidth(220);
        return box;
    }

    private void selectInList(String id) {
        for (InspectorModel.Entry e : list.getItems())
            if (e.id().equals(id)) {
                if (list.getSelectionModel().getSelectedItem() != e) {
                    list.getSelectionModel().select(e);
                    list.scrollTo(e);
                }
                return;
            }
    }

    private void showState() {
        String m = model.messageProperty().get();
        placeholder.setText(m == null ? "" : m);
        placeholder.setVisible(m != null);
        grid.setVisible(m == null);
        OpenExperiment e = model.experimentProperty().get();
        header.setText(e == null ? "Neuron inspector" : "Experiment " + e.label() + " \u00B7 " + e.summary().preset()
                + " \u00B7 dataset " + e.summary().datasetName());
        showStatus();
    }

    private void showStatus() {
        String s = model.probeStatusProperty().get();
        InspectorModel.Probed p = model.probedProperty().get();
        if ((s == null || s.isEmpty()) && p != null && !p.note().isEmpty()) s = p.note();
        status.setText(s == null ? "" : s);
    }

    private void showNeuron(InspectorModel.NeuronView v) {
        if (v == null) {
            scatterPane.setChart(ResponseCharts.message("Predicted vs recorded", "select a neuron"));
            sortedPane.setChart(ResponseCharts.message("Responses per test image", "select a neuron"));
        } else {
            scatterPane.setChart(InspectorFigures.scatter(v));
            sortedPane.setChart(InspectorFigures.sortedResponses(v));
        }
        fillFacts(v, model.probedProperty().get());
    }

    private void showProbe(InspectorModel.Probed p) {
        Evaluation ev = model.evaluationProperty().get();
        InspectorModel.NeuronView v = model.neuronProperty().get();
        showStatus();
        fillFacts(v, p);
        if (p == null || ev == null || v == null || !p.id().equals(v.entry().id())) {
            String what = v == null ? "select a neuron" : "probing neuron " + v.entry().id() + " ...";
            tuning.setCharts(List.of(ResponseCharts.message("Orientation tuning", what), ResponseCharts.message("Spatial-frequency tuning", what)));
            rf.setCharts(List.of(ResponseCharts.message("Receptive field", what)));
            images.setMessage(v == null ? "Select a neuron to see its most exciting input and the natural images that drive it most." : "Probing neuron " + v.entry().id() + " ...");
            return;
        }
        Dataset d = ev.source().dataset();
        tuning.setCharts(InspectorFigures.tuning(p, d.unit()));
        rf.setCharts(InspectorFigures.receptiveFields(p, d));
        images.setRenderer(width -> InspectorFigures.drives(p, ev, d, width));
    }

    private void fillFacts(InspectorModel.NeuronView v, InspectorModel.Probed p) {
        facts.getChildren().clear();
        if (v == null) return;
        boolean same = p != null && p.id().equals(v.entry().id());
        InspectorModel.Truth truth = same ? p.truth() : null;
        int row = 0;
        facts.addRow(row++, bold(v.entry().id()), bold("model"), bold(truth != null ? "truth" : ""));
        var s = v.score();
        String unit = v.unit();
        facts.addRow(row++, key(InspectorFigures.meanKey(unit)),
                value(Units.number(v.entry().meanLevel(), unit)), value(""));
        facts.addRow(row++, key("CC_abs"), value(Texts.fmt(s.ccAbs())), value(""));
        facts.addRow(row++, key("CC_max"), value(Texts.fmt(s.ccMax())), value(""));
        facts.addRow(row++, key("CC_norm"), value(Texts.fmt(s.ccNorm())), value(""));
        if (same) {
            Tuning t = p.tuning();
            facts.addRow(row++, key("cell class"), value(t.cellClass().name().toLowerCase(Locale.ROOT)),
                    value(truth == null ? "" : truth.params().cellType().label().replace("center_surround", "c.-surround")));
            facts.addRow(row++, key("orientation"), value(deg(t.preferredOrientationDeg())),
                    value(truth == null ? "" : deg(truth.params().orientationDeg())));
            facts.addRow(row++, key("OSI"), value(Texts.fmt(t.osi())), value(truth == null ? "" : Texts.fmt(truth.tuning().osi())));
            facts.addRow(row++, key("F1/F0"), value(Texts.fmt(t.f1f0())), value(truth == null ? "" : Texts.fmt(truth.tuning().f1f0())));
            facts.addRow(row++, key("pref. SF (c/px)"), value(String.format(Locale.ROOT, "%.3f", t.preferredSf())),
                    value(truth == null ? "" : String.format(Locale.ROOT, "%.3f", truth.params().spatialFreq())));
            facts.addRow(row++, key("RF x, y (px)"), value(String.format(Locale.ROOT, "%.1f, %.1f", p.rf().x(), p.rf().y())),
                    value(truth == null ? "" : String.format(Locale.ROOT, "%.1f, %.1f", truth.params().rfX(), truth.params().rfY())));
            if (p.readout() != null)
                facts.addRow(row++, key("readout x, y (px)"), value(String.format(Locale.ROOT, "%.1f, %.1f", p.readout()[0], p.readout()[1])),
                        value(""));
        }
    }

    private static String deg(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f\u00B0", v) : "untuned";
    }


    private static Label key(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("truth-key");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label value(String s) {
        Label l = new Label(s);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label bold(String s) {
        Label l = value(s);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-header");
        return l;
    }
}
