package org.v1workbench.ui.training;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.jfree.data.xy.XYSeries;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.figure.TrainingCharts;
import org.v1workbench.ui.chart.FigurePane;
import org.v1workbench.ui.common.RowWarmUp;
import org.v1workbench.ui.common.TableCells;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.Texts;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The training panel: on the left the preset, its hyperparameters (a property sheet whose fields
 * turn red with the reason when a value is not valid), seed, experiment name and folder, Start and
 * Stop; on the right the live learning curves (loss, validation score) with the progress, speed
 * and time left above them, and the table of finished experiments below, whose ticked rows are
 * overlaid on the curves for comparison.
 */
public final class TrainingView extends BorderPane {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final TrainingModel model;
    private final FigurePane lossPane, scorePane;
    private final PropertySheet sheet = new PropertySheet();
    private final TableView<ExperimentSummary> table = new TableView<>();
    private final SplitPane split;
    private final Button start = new Button("Start training"), stop = new Button("Stop");

    public TrainingView(TrainingModel model, TaskRunner tasks, WorkbenchPrefs prefs) {
        this.model = model;
        getStyleClass().add("training-view");
        // Live: drawn in the background, so that a new epoch costs the JavaFX thread an image swap.
        lossPane = FigurePane.forLiveChart("loss curves", tasks, prefs);
        lossPane.setId("loss-chart");
        scorePane = FigurePane.forLiveChart("validation score curves", tasks, prefs);
        scorePane.setId("score-chart");
        lossPane.setMinSize(250, 200);
        scorePane.setMinSize(250, 200);

        HBox charts = new HBox(6, lossPane, scorePane);
        HBox.setHgrow(lossPane, Priority.ALWAYS);
        HBox.setHgrow(scorePane, Priority.ALWAYS);
        lossPane.setPrefWidth(10);
        scorePane.setPrefWidth(10);
        VBox chartBox = new VBox(6, statusLine(), charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        chartBox.setPadding(new Insets(8, 8, 4, 8));

        split = new SplitPane(chartBox, buildTable());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.66);
        setLeft(buildForm());
        setCenter(split);

        model.curves().addListener((ListChangeListener<RunCurves>) c -> {
            if (!holding) redrawCharts();
        });
        redrawCharts();
        warmUpCharts();
        // One redraw per chart and batch of training events, at its end.
        model.onBatch(() -> holding = true, () -> {
            holding = false;
            redrawCharts();
        });
    }

    public FigurePane lossPane() { return lossPane; }
    public FigurePane scorePane() { return scorePane; }
    public TableView<ExperimentSummary> table() { return table; }
    public SplitPane split() { return split; }

    // --- form ------------------------------------------------------------------------------------

    private Node buildForm() {
        ChoiceBox<String> preset = new ChoiceBox<>();
        preset.setId("preset-choice");
        preset.getItems().setAll(model.presets());
        preset.valueProperty().bindBidirectional(model.presetProperty());
        Label description = new Label();
        description.setWrapText(true);
        description.getStyleClass().add("muted");
        description.setMinHeight(Region.USE_PREF_SIZE);
        description.textProperty().bind(Bindings.createStringBinding(model::description, model.presetProperty()));

        sheet.setId("hyperparameters");
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(this::editor);
        // The form stays editable while a model trains: the run took the form's values when it
        // started, and an edit prepares the next run. (Disabling the sheet would also restyle
        // every editor, twice a run, on the JavaFX thread: a visible stall while the cores are busy.)
        model.values().addListener((ListChangeListener<TrainingModel.Value>) c -> fillSheet());
        fillSheet();
        VBox.setVgrow(sheet, Priority.ALWAYS);

        // "Saved in" over the folder's path, on lines of their own: beside the button, a wrapped
        // label got one line's height and showed only "Saved in ...".
        Label savedIn = new Label("Saved in");
        savedIn.getStyleClass().add("muted");
        savedIn.setMinWidth(Region.USE_PREF_SIZE);
        Label folder = new Label();
        folder.setId("experiments-folder");
        folder.setWrapText(true);
        folder.setMinHeight(Region.USE_PREF_SIZE);
        folder.textProperty().bind(Bindings.createStringBinding(() -> {
            Path f = model.experiments().folderProperty().get();
            return f == null ? "(no folder chosen)" : f.toString();
        }, model.experiments().folderProperty()));
        Tooltip folderTip = new Tooltip();
        folderTip.textProperty().bind(Bindings.createStringBinding(() -> {
            Path out = model.outputFolder();
            return out == null ? "The folder experiments are saved in" : "This experiment will be saved in " + out;
        }, model.experiments().folderProperty(), model.nameProperty()));
        folder.setTooltip(folderTip);
        Button change = new Button("Folder...");
        change.setTooltip(new Tooltip("Choose the folder that experiments are saved in and listed from"));
        change.setOnAction(e -> chooseFolder());
        change.setMinWidth(Region.USE_PREF_SIZE);
        Region folderGrow = new Region();
        HBox.setHgrow(folderGrow, Priority.ALWAYS);
        HBox folderTop = new HBox(6, savedIn, folderGrow, change);
        folderTop.setAlignment(Pos.CENTER_LEFT);
        VBox folderRow = new VBox(2, folderTop, folder);
        folderRow.setId("experiments-folder-row");

        Label problem = new Label();
        problem.setId("training-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        start.setId("start-training");
        start.setDefaultButton(true);
        start.setOnAction(e -> model.start());
        // Disabled while a value is not valid (or there is nothing to train on), the reason said beside the buttons.
        start.disableProperty().bind(model.runningProperty().or(model.startBlockedProperty().isNotNull()));
        Label blocked = new Label();
        blocked.setId("start-blocked");
        blocked.getStyleClass().add("problem");
        blocked.setWrapText(true);
        blocked.setMinHeight(Region.USE_PREF_SIZE);
        blocked.textProperty().bind(model.startBlockedProperty());
        blocked.visibleProperty().bind(model.startBlockedProperty().isNotNull().and(model.runningProperty().not()));
        blocked.managedProperty().bind(blocked.visibleProperty());
        stop.setId("stop-training");
        stop.setTooltip(new Tooltip("Stop after the current batch; the experiment is saved at its last completed epoch and can be resumed"));
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        CheckBox open = new CheckBox("Open in the inspector when done");
        open.selectedProperty().bindBidirectional(model.openWhenDoneProperty());
        HBox buttons = new HBox(8, start, stop);
        buttons.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(6, header("Model"), preset, description, sheet, folderRow, problem, buttons, blocked, open);
        box.setPadding(new Insets(8));
        box.setPrefWidth(340);
        box.setMinWidth(280);
        return box;
    }

    private void fillSheet() {
        List<PropertySheet.Item> items = new ArrayList<>();
        for (TrainingModel.Value v : model.values()) items.add(new ValueItem(v));
        items.add(new SeedItem());
        items.add(new NameItem());
        sheet.getItems().setAll(items);
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for experiments");
        Path f = model.experiments().folderProperty().get();
        if (f != null && f.toFile().isDirectory()) chooser.setInitialDirectory(f.toFile());
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) model.experiments().folderProperty().set(dir.toPath());
    }

    /**
     * "Start from the core of...": the listed experiments of the chosen preset offered by folder
     * (or any folder typed in); empty for a fresh core.
     */
    private PropertyEditor<?> coreFromEditor(ValueItem v) {
        ComboBox<String> box = new ComboBox<>();
        box.setId("hp-core_from");
        box.setEditable(true);
        box.setPromptText("a fresh core");
        Runnable refill = () -> box.getItems().setAll(model.experiments().listed().stream()
                .filter(e -> e.hasModel() && e.preset().equals(model.presetProperty().get())).map(e -> e.dir().toString()).toList());
        refill.run();
        // weakly, so that the editors of earlier presets do not stay attached; the box keeps it alive
        javafx.collections.ListChangeListener<ExperimentSummary> l = c -> refill.run();
        box.getProperties().put("experiments-listener", l);
        model.experiments().listed().addListener(new javafx.collections.WeakListChangeListener<>(l));
        box.valueProperty().bindBidirectional(v.value.textProperty());
        box.setMaxWidth(Double.MAX_VALUE);
        return new SimpleEditor(box, v.value.textProperty()::get, s -> v.value.textProperty().set(s));
    }

    /** A text field (or a choice) that shows what is wrong with its value, at the field; its name label is never cut. */
    private PropertyEditor<?> editor(PropertySheet.Item item) {
        PropertyEditor<?> e = editorFor(item);
        keepNameWhole(e.getEditor());
        return e;
    }

    /**
     * The property sheet gives each name label a minimum width of 100 px, too little for
     * "weight_average": once the editor is placed, its label (the one labelling it) keeps its
     * preferred width, and the editor column takes what is left.
     */
    private static void keepNameWhole(Node editor) {
        Runnable fix = () -> {
            if (editor.getParent() == null) return;
            for (Node n : editor.getParent().getChildrenUnmodifiable())
                if (n instanceof Label l && l.getLabelFor() == editor) l.setMinWidth(Region.USE_PREF_SIZE);
        };
        editor.parentProperty().addListener((o, a, b) -> fix.run());
        // The label is told what it labels after the editor is added: look again a pulse later.
        editor.parentProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(fix));
    }

    private PropertyEditor<?> editorFor(PropertySheet.Item item) {
        if (item instanceof ValueItem v && !v.value.spec().options().isEmpty()) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(v.value.spec().options());
            box.setEditable(false);
            box.valueProperty().bindBidirectional(v.value.textProperty());
            box.setMaxWidth(Double.MAX_VALUE);
            return new SimpleEditor(box, v.value.textProperty()::get, s -> v.value.textProperty().set(s));
        }
        if (item instanceof ValueItem v && v.value.key().equals("core_from")) return coreFromEditor(v);
        TextField field = new TextField();
        field.setId("hp-" + item.getName());
        if (item instanceof ValueItem v) {
            field.textProperty().bindBidirectional(v.value.textProperty());
            return new SimpleEditor(showProblem(field, v.value.problemProperty()), field::getText, field::setText);
        }
        if (item instanceof SeedItem) {
            field.setText(Long.toString(model.seedProperty().get()));
            javafx.beans.property.SimpleStringProperty problem = new javafx.beans.property.SimpleStringProperty();
            field.textProperty().addListener((o, a, b) -> {
                try {
                    model.seedProperty().set(Long.parseLong(b.trim()));
                    problem.set(null);
                } catch (NumberFormatException e) {
                    problem.set("the seed must be a whole number");
                }
            });
            model.seedProperty().addListener((o, a, b) -> {
                if (!field.getText().trim().equals(b.toString())) field.setText(b.toString());
            });
            return new SimpleEditor(showProblem(field, problem), field::getText, field::setText);
        }
        field.textProperty().bindBidirectional(model.nameProperty());
        javafx.beans.binding.StringBinding problem = Bindings.createStringBinding(() -> {
            String p = model.formProblem();
            return p != null && (p.startsWith("name") || p.contains("experiment's name") || p.contains("exists in")) ? p : null;
        }, model.nameProperty(), model.experiments().folderProperty());
        return new SimpleEditor(showProblem(field, problem), field::getText, field::setText);
    }

    /**
     * The field over the reason it is red, in a line under it (id {@code hp-NAME-problem}) while
     * its value is not valid; the reason is also its tool tip. Returns the pair, the sheet's editor.
     */
    static VBox showProblem(TextField field, ObservableValue<String> problem) {
        Tooltip tip = new Tooltip();
        Label reason = new Label();
        reason.setId(field.getId() + "-problem");
        reason.getStyleClass().add("problem");
        reason.setWrapText(true);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        reason.setVisible(false);
        reason.managedProperty().bind(reason.visibleProperty());
        Runnable update = () -> {
            String p = problem.getValue();
            field.pseudoClassStateChanged(ERROR, p != null);
            tip.setText(p);
            field.setTooltip(p == null ? null : tip);
            reason.setText(p == null ? "" : p);
            reason.setVisible(p != null);
        };
        problem.addListener((o, a, b) -> update.run());
        update.run();
        VBox pair = new VBox(1, field, reason);
        pair.setMaxWidth(Double.MAX_VALUE);
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    private record SimpleEditor(Node editor, java.util.function.Supplier<String> get, java.util.function.Consumer<String> set)
            implements PropertyEditor<Object> {
        @Override public Node getEditor() { return editor; }
        @Override public Object getValue() { return get.get(); }
        @Override public void setValue(Object value) { if (value != null) set.accept(value.toString()); }
    }

    private static final class ValueItem implements PropertySheet.Item {
        final TrainingModel.Value value;

        ValueItem(TrainingModel.Value value) {
            this.value = value;
        }

        @Override public Class<?> getType() { return String.class; }
        @Override public String getCategory() { return value.spec().group(); }
        @Override public String getName() { return value.key(); }
        @Override public String getDescription() {
            return value.spec().description() + " (default " + value.defaultValue() + ")";
        }
        @Override public Object getValue() { return value.textProperty().get(); }
        @Override public void setValue(Object v) { value.textProperty().set(v == null ? "" : v.toString()); }
        @Override public Optional<ObservableValue<?>> getObservableValue() { return Optional.of(value.textProperty()); }
    }

    private final class SeedItem implements PropertySheet.Item {
        @Override public Class<?> getType() { return Long.class; }
        @Override public String getCategory() { return "Run"; }
        @Override public String getName() { return "seed"; }
        @Override public String getDescription() { return "seed of the initial weights, the order of images and dropout"; }
        @Override public Object getValue() { return model.seedProperty().get(); }
        @Override public void setValue(Object v) { if (v instanceof Number n) model.seedProperty().set(n.longValue()); }
        @Override public Optional<ObservableValue<?>> getObservableValue() { return Optional.of(model.seedProperty()); }
    }

    private final class NameItem implements PropertySheet.Item {
        @Override public Class<?> getType() { return String.class; }
        @Override public String getCategory() { return "Run"; }
        @Override public String getName() { return "experiment"; }
        @Override public String getDescription() { return "name of the experiment's folder"; }
        @Override public Object getValue() { return model.nameProperty().get(); }
        @Override public void setValue(Object v) { model.nameProperty().set(v == null ? "" : v.toString()); }
        @Override public Optional<ObservableValue<?>> getObservableValue() { return Optional.of(model.nameProperty()); }
    }

    // --- status and charts ---------------------------------------------------------------------

    /** Height of the status line above the charts, in pixels: room for the progress bar. */
    static final double STATUS_HEIGHT = 26;

    private Node statusLine() {
        ProgressBar bar = new ProgressBar();
        bar.setId("training-progress");
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setPrefWidth(160);
        bar.setMinWidth(120);
        Label text = new Label();
        text.setId("training-status");
        text.textProperty().bind(Bindings.createStringBinding(() -> model.progressTextProperty().get().isEmpty()
                ? "No training running. Choose a preset, check its hyperparameters and press Start training."
                : model.progressTextProperty().get(), model.progressTextProperty()));
        text.setMinWidth(100);
        Label speed = new Label();
        speed.setId("training-speed");
        speed.textProperty().bind(model.throughputProperty());
        speed.getStyleClass().add("stat");
        speed.setMinWidth(Region.USE_PREF_SIZE);
        Label left = new Label();
        left.setId("training-time-left");
        left.textProperty().bind(model.timeLeftProperty());
        left.getStyleClass().add("stat");
        left.setMinWidth(Region.USE_PREF_SIZE);
        left.setTooltip(new Tooltip("At the speed so far, if every run goes to max_epochs; early stopping may end sooner"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox line = new HBox(10, bar, text, grow, speed, left);
        line.setAlignment(Pos.CENTER_LEFT);
        // One height whether the progress bar shows or not: otherwise the charts below change size
        // when a run starts and ends, and both are redrawn in that frame's layout, a long frame.
        line.setMinHeight(STATUS_HEIGHT);
        line.setPrefHeight(STATUS_HEIGHT);
        line.setMaxHeight(STATUS_HEIGHT);
        return line;
    }

    /**
     * Draws a throwaway pair of learning-curve charts, with a few points, on the charts' drawing
     * threads (shown nowhere), once when the view is built: the first drawing of a chart with
     * curves loads and compiles much of JFreeChart and Java2D, which would otherwise delay the
     * first epoch's curves.
     */
    private void warmUpCharts() {
        List<Curve> curves = List.of(new Curve("warm-up (training)", new double[]{1, 2, 3}, new double[]{1, 0.5, 0.33}, 0, true),
                new Curve("warm-up", new double[]{1, 2, 3}, new double[]{0.1, 0.2, 0.3}, 0, false));
        lossPane.warmUp(() -> TrainingCharts.loss(series(curves), null));
        scorePane.warmUp(() -> TrainingCharts.score(series(curves), "CC_norm"));
    }

    /** A learning curve as it was when the charts were last asked to redraw: legend label, epochs, values, colour, dashed. */
    private record Curve(String label, double[] epochs, double[] values, int colour, boolean dashed) {
        static Curve of(XYSeries s, int colour, boolean dashed) {
            double[] x = new double[s.getItemCount()], y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.getX(i).doubleValue();
                y[i] = s.getY(i).doubleValue();
            }
            return new Curve(s.getKey().toString(), x, y, colour, dashed);
        }
    }

    /**
     * Fresh series for a chart of its own (each drawing builds its chart anew, on its own thread).
     * A chart's series need distinct names: a label met again (two experiments of one name in
     * different folders) is numbered.
     */
    private static List<TrainingCharts.Curve> series(List<Curve> curves) {
        List<TrainingCharts.Curve> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Curve c : curves) {
            String label = c.label();
            for (int k = 2; !used.add(label); k++) label = c.label() + " [" + k + "]";
            XYSeries s = new XYSeries(label, false, true);
            for (int i = 0; i < c.epochs().length; i++) s.add(c.epochs()[i], c.values()[i], false);
            out.add(new TrainingCharts.Curve(s, c.colour(), c.dashed()));
        }
        return out;
    }

    /** Hands the charts a snapshot of the curves; they are built and drawn in the background. */
    private void redrawCharts() {
        List<Curve> loss = new ArrayList<>(), score = new ArrayList<>();
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        for (RunCurves c : model.curves()) {
            loss.add(Curve.of(c.trainLoss(), c.colour(), true));
            loss.add(Curve.of(c.validationLoss(), c.colour(), false));
            score.add(Curve.of(c.validationCc(), c.colour(), false));
            metrics.add(TrainingModel.label(c.metric()));
        }
        String metric = metrics.isEmpty() ? "CC_norm" : String.join(" / ", metrics);
        lossPane.setChartSource(() -> TrainingCharts.loss(series(loss), null));
        scorePane.setChartSource(() -> TrainingCharts.score(series(score), metric));
    }

    /** Inside a batch of training events: the charts are redrawn once, at its end. */
    private boolean holding;

    // --- finished experiments and sweep settings -------------------------------------------------

    private static final PseudoClass CHOSEN = PseudoClass.getPseudoClass("chosen");
    private final Button inspect = new Button("Open in inspector"), trainIt = new Button("Train this configuration");
    /** Over the columns of the hyperparameters that the listed sweeps varied, after "preset"; in the table while there are any. */
    private final TableColumn<ExperimentSummary, String> swept = new TableColumn<>("swept");
    private List<String> sweptKeys = List.of();
    private TableColumn<ExperimentSummary, String> presetColumn, datasetColumn;

    private Node buildTable() {
        table.setId("experiment-table");
        // Sorted in a view of the list, so that sorting the table leaves the sidebar's order alone.
        SortedList<ExperimentSummary> sorted = new SortedList<>(model.experiments().listed());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label empty = new Label();
        empty.setId("experiment-table-empty");
        empty.textProperty().bind(Bindings.createStringBinding(() -> "No experiments in " + model.experiments().folderProperty().get() + " yet",
                model.experiments().folderProperty()));
        table.setPlaceholder(empty);
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);

        TableColumn<ExperimentSummary, Boolean> show = new TableColumn<>("show");
        show.setId("column-compare");
        show.setEditable(true);
        show.setSortable(false);
        show.setCellValueFactory(f -> shownFlag(f.getValue().dir()));
        show.setCellFactory(CheckBoxTableCell.forTableColumn(show));
        show.setPrefWidth(50);
        show.setMinWidth(50);
        show.setMaxWidth(60);
        table.getColumns().add(show);
        TableColumn<ExperimentSummary, String> name = text("experiment", TrainingView::experimentText, 152);
        name.getStyleClass().add("experiment-name"); // the chosen setting's name in bold (workbench.css)
        table.getColumns().add(name);
        table.getColumns().add(presetColumn = text("preset", ExperimentSummary::preset, 96));
        // Preferred widths that fit the default window (1400 px) with two swept hyperparameters (and one preset, one dataset).
        table.getColumns().add(number("validation", ExperimentSummary::validationScore, 3, 96));
        // The two test scores under one header: narrower than two long titles.
        TableColumn<ExperimentSummary, Number> testNorm = number("CC_norm", ExperimentSummary::meanCcNorm, 3, 66),
                testAbs = number("CC_abs", ExperimentSummary::meanCcAbs, 3, 60);
        testNorm.setId("column-test-CC_norm");
        testAbs.setId("column-test-CC_abs");
        TableColumn<ExperimentSummary, Number> test = new TableColumn<>("test");
        test.setId("column-test");
        test.getColumns().setAll(List.of(testNorm, testAbs));
        table.getColumns().add(test);
        table.getColumns().add(text("outcome", s -> s.outcome().label(), 64));
        table.getColumns().add(number("epochs", s -> s.epochs(), 0, 54));
        TableColumn<ExperimentSummary, Number> time = number("time", ExperimentSummary::seconds, 0, 80);
        time.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || !Double.isFinite(v.doubleValue()) ? "" : Texts.duration(v.doubleValue()));
            }
        });
        table.getColumns().add(time);
        table.getColumns().add(datasetColumn = text("dataset", ExperimentSummary::datasetName, 110));
        for (TableColumn<ExperimentSummary, ?> c : table.getColumns()) if (c != show) minWidth(c);
        swept.setId("column-swept");
        table.setRowFactory(v -> new ExperimentRow());
        model.experiments().listed().addListener((ListChangeListener<ExperimentSummary>) c -> updateOptionalColumns());
        updateOptionalColumns();
        // The ticks follow the overlaid set through their own properties: refreshing the table
        // instead would rebuild every cell (and restyle it) on the JavaFX thread at each change.
        model.overlaid().addListener((javafx.collections.SetChangeListener<Path>) c -> {
            if (c.wasAdded() && shownFlags.containsKey(c.getElementAdded())) shownFlags.get(c.getElementAdded()).set(true);
            if (c.wasRemoved() && shownFlags.containsKey(c.getElementRemoved())) shownFlags.get(c.getElementRemoved()).set(false);
        });
        // The selected rows' curves are overlaid too: one redraw for the whole change of selection.
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<ExperimentSummary>) c -> {
            List<Path> dirs = table.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull)
                    .map(ExperimentSummary::dir).toList();
            holding = true;
            try {
                model.select(dirs);
            } finally {
                holding = false;
            }
            redrawCharts();
        });

        ExperimentSummary standIn = RowWarmUp.experimentStandIn();
        RowWarmUp.prepare(table, standIn, () -> shownFlags.remove(standIn.dir()));

        Button openSweep = new Button("Open sweep...");
        openSweep.setId("open-sweep");
        openSweep.setTooltip(new Tooltip("List the settings of a sweep saved elsewhere: its PREFIX-settings folder (the experiments folder's sweeps are listed already)"));
        openSweep.setOnAction(e -> chooseSweep());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, header("Experiments and sweep settings"), grow, openSweep);
        top.setAlignment(Pos.CENTER_LEFT);

        Label hint = new Label("Select rows (Ctrl- or Shift-click for several) to overlay their curves, tick show to keep them, click a "
                + "header to sort. Scores: mean over neurons, on validation images and on the test tier. A sweep setting has no model: "
                + "its curve is the mean over its folds (to the last epoch all reached), and only the setting the sweep chose has a test score.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, top, table, actions(), hint);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(4, 8, 8, 8));
        return box;
    }

    /** The experiment's name; a sweep setting's sweep and label, with its swept values' choice marked. */
    static String experimentText(ExperimentSummary s) {
        if (s.hasModel()) return s.name();
        return s.title() + (s.sweep().chosen() ? " \u2713 chosen" : "");
    }

    /**
     * The buttons that act on the selected row. "Open in inspector" needs a model: for a sweep
     * setting it is disabled, and a tool tip on the button's place says why (a disabled control
     * shows no tool tip of its own).
     */
    private Node actions() {
        inspect.setId("open-in-inspector");
        trainIt.setId("train-configuration");
        Tooltip inspectTip = new Tooltip();
        StackPane inspectPlace = new StackPane(inspect);
        Tooltip.install(inspectPlace, inspectTip);
        trainIt.setTooltip(new Tooltip("Fill the form with this row's preset, hyperparameters and seed, to train it as an experiment with a model"));
        inspect.setOnAction(e -> {
            ExperimentSummary s = table.getSelectionModel().getSelectedItem();
            if (s != null && s.hasModel()) model.experiments().open(s.dir());
        });
        trainIt.setOnAction(e -> {
            ExperimentSummary s = table.getSelectionModel().getSelectedItem();
            if (s != null) model.load(s);
        });
        Runnable update = () -> {
            ExperimentSummary s = table.getSelectionModel().getSelectedItem();
            inspect.setDisable(s == null || !s.hasModel());
            trainIt.setDisable(s == null);
            inspectTip.setText(s == null ? "Select an experiment to open it in the inspector (or double-click it)"
                    : s.hasModel() ? "Open " + s.name() + " in the inspector and the filter view (or double-click it)"
                    : "Cannot open: " + ExperimentsModel.noModel(s));
        };
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> update.run());
        update.run();
        HBox row = new HBox(8, inspectPlace, trainIt);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A row of the table: the chosen setting marked, a tool tip saying what the row is, a menu of what can be done with it. */
    private final class ExperimentRow extends TableRow<ExperimentSummary> {
        private final Tooltip tip = new Tooltip();
        private final MenuItem open = new MenuItem("Open in inspector"), train = new MenuItem("Train this configuration");
        /** One per row, made once: a popup control is costly to make at every change of the row's item. */
        private final ContextMenu menu = new ContextMenu(open, train);

        ExperimentRow() {
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            open.setOnAction(e -> {
                if (getItem() != null && getItem().hasModel()) model.experiments().open(getItem().dir());
            });
            train.setOnAction(e -> {
                if (getItem() != null) model.load(getItem());
            });
            setOnMouseClicked(e -> {
                // Double-click opens what has a model; a sweep setting has none (its tool tip says so).
                if (e.getClickCount() == 2 && !isEmpty() && getItem().hasModel()) model.experiments().open(getItem().dir());
            });
        }

        @Override
        protected void updateItem(ExperimentSummary s, boolean empty) {
            super.updateItem(s, empty);
            boolean setting = !empty && s != null && !s.hasModel();
            pseudoClassStateChanged(CHOSEN, setting && s.sweep().chosen());
            if (empty || s == null) {
                setTooltip(null);
                setContextMenu(null);
                return;
            }
            tip.setText(describe(s));
            setTooltip(tip);
            open.setDisable(setting);
            open.setText(setting ? "Open in inspector (no model: a sweep setting)" : "Open in inspector");
            setContextMenu(menu);
        }
    }

    /** A row's tool tip: where it is and what it holds; for a sweep setting, what it is and why it has no model. */
    static String describe(ExperimentSummary s) {
        if (s.hasModel())
            return s.dir() + "\n" + s.preset() + " on " + s.datasetName() + ", " + s.outcome().label() + "; double-click to open it in the inspector";
        var sw = s.sweep();
        String values = sw.swept().isEmpty() ? "" : " (" + sw.swept().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
        return "Setting " + sw.label() + " of sweep " + sw.sweep() + values + ", " + s.preset() + " on " + s.datasetName() + ".\n"
                + (sw.chosen() ? "Chosen by the sweep on its validation score; its test score is the sweep's one test score.\n"
                : "Not chosen: settings the sweep did not choose have no test score.\n")
                + "Its curves are the mean over its folds. " + capitalise(ExperimentsModel.noModel(s)) + ".\n" + s.dir();
    }

    private static String capitalise(String t) {
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    /** A column's narrowest: its title's width (the table shrinks the wider columns first); a group's, its columns'. */
    private static void minWidth(TableColumn<ExperimentSummary, ?> c) {
        if (!c.getColumns().isEmpty()) c.getColumns().forEach(TrainingView::minWidth);
        else {
            c.setMinWidth(titleWidth(c.getText()));
            c.setPrefWidth(Math.max(c.getPrefWidth(), c.getMinWidth()));
        }
    }

    /** Room for a column's title in bold, with its sort arrow. */
    private static double titleWidth(String title) {
        return Math.ceil(7.5 * title.length() + 22);
    }

    /**
     * The columns that depend on what is listed (the table has room for little else): under
     * "swept", one per hyperparameter that a listed sweep varied, in the sweeps' order, every row
     * showing its value (trained experiments too, so rows compare across them), rebuilt only when
     * the keys change; and "preset" and "dataset", shown only while the rows are not all of one
     * (the row's tool tip says both).
     */
    private void updateOptionalColumns() {
        List<String> keys = new ArrayList<>();
        java.util.Set<String> datasets = new java.util.HashSet<>(), presets = new java.util.HashSet<>();
        for (ExperimentSummary s : model.experiments().listed()) {
            datasets.add(s.datasetName());
            presets.add(s.preset());
            if (s.sweep() != null) for (String k : s.sweep().swept().keySet()) if (!keys.contains(k)) keys.add(k);
        }
        datasetColumn.setVisible(datasets.size() > 1);
        presetColumn.setVisible(presets.size() > 1);
        if (keys.equals(sweptKeys)) return;
        sweptKeys = List.copyOf(keys);
        List<TableColumn<ExperimentSummary, ?>> columns = new ArrayList<>();
        for (String k : keys) {
            TableColumn<ExperimentSummary, String> c = text(k, s -> s.hyperparameters().getOrDefault(k, ""), 54);
            c.setId("column-hp-" + k);
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
            minWidth(c);
            TableCells.sortValuesBlankLast(c);
            columns.add(c);
        }
        table.getColumns().remove(swept);
        swept.getColumns().setAll(columns);
        if (!keys.isEmpty()) table.getColumns().add(table.getColumns().indexOf(presetColumn) + 1, swept);
    }

    private void chooseSweep() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open sweep (its PREFIX-settings folder, or a folder of sweeps)");
        Path f = model.experiments().folderProperty().get();
        if (f != null && f.toFile().isDirectory()) chooser.setInitialDirectory(f.toFile());
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) model.experiments().openSweep(dir.toPath());
    }

    /** Per experiment folder, the "show" tick: true while its curves are overlaid. */
    private final java.util.Map<Path, SimpleBooleanProperty> shownFlags = new java.util.HashMap<>();

    private SimpleBooleanProperty shownFlag(Path dir) {
        return shownFlags.computeIfAbsent(dir, d -> {
            SimpleBooleanProperty p = new SimpleBooleanProperty(model.overlaid().contains(d));
            p.addListener((o, a, b) -> {
                if (b) model.overlaid().add(d);
                else model.overlaid().remove(d);
            });
            return p;
        });
    }

    private static TableColumn<ExperimentSummary, String> text(String title, Function<ExperimentSummary, String> f, double width) {
        TableColumn<ExperimentSummary, String> c = new TableColumn<>(title);
        c.setId("column-" + title.replaceAll("[^A-Za-z_]+", "-"));
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(f.apply(x.getValue())));
        c.setPrefWidth(width);
        c.setEditable(false);
        return c;
    }

    private static TableColumn<ExperimentSummary, Number> number(String title, Function<ExperimentSummary, Number> f, int decimals, double width) {
        TableColumn<ExperimentSummary, Number> c = new TableColumn<>(title);
        c.setId("column-" + title.replaceAll("[^A-Za-z_]+", "-"));
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(f.apply(x.getValue())));
        c.setCellFactory(col -> TableCells.decimalCell(decimals));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(width);
        c.setEditable(false);
        TableCells.sortNumbersUnknownLast(c);
        return c;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-header");
        return l;
    }
}
