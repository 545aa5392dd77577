package org.v1workbench.ui.importer;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.v1workbench.ui.common.TaskRunner;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * File > Import...: pick a recording, its format (detected), the options that format takes (every
 * option of the {@code import} command for it, with the file's own table, column and series
 * names to choose from), preview what it would import, then import it in the background. The
 * {@code import} command line the dialog runs is shown and can be copied. Controls only: the
 * state and the work are {@link ImportModel}'s. Each format has its own options panel, and only
 * the chosen format's is in the dialog, so a field never shows for a format that ignores it.
 */
public final class ImportDialog {
    private final ImportModel model;
    private final BorderPane root = new BorderPane();
    private final Consumer<Path> onImported;
    /** The options panel of each format that takes options, by format (the others show a note). */
    private final Map<String, Node> optionPanels = new HashMap<>();

    public ImportDialog(ImportModel model, TaskRunner tasks, Consumer<Path> onImported) {
        this.model = model;
        this.onImported = onImported;
        root.getStyleClass().add("import-dialog");
        root.getProperties().put(ImportModel.class, model); // for tests and snapshots that find the dialog by its window
        root.setPadding(new Insets(12));
        root.setPrefSize(860, 700);

        optionPanels.put("nwb", nwbOptions());
        optionPanels.put("image-folder", imageFolderOptions());
        optionPanels.put("pvc8-raw", pvc8RawOptions());
        optionPanels.put("sensorium", sensoriumOptions());
        VBox options = new VBox();
        options.setId("import-options");
        Runnable showOptions = () -> options.getChildren().setAll(optionPanels.getOrDefault(model.formatProperty().get(), noOptions()));
        model.formatProperty().addListener((o, was, now) -> showOptions.run());
        showOptions.run();

        VBox center = new VBox(10, sourceGrid(), section("Options"), options, outputGrid(), section("Command line"), commandRow(),
                section("Preview (nothing is written)"), previewPane(), messages());
        root.setCenter(center);
        HBox buttons = buttons(tasks);
        root.setBottom(buttons);
        BorderPane.setMargin(buttons, new Insets(10, 0, 0, 0));
    }

    /** The source (typed, or chosen as a file or a folder) and its format. */
    private GridPane sourceGrid() {
        TextField source = new TextField();
        source.setId("import-source");
        source.setPromptText("an .nwb file, a Sensorium folder, a folder of images...");
        HBox.setHgrow(source, Priority.ALWAYS);
        model.sourceProperty().addListener((o, was, now) -> { if (now != null && !now.toString().equals(source.getText())) source.setText(now.toString()); });
        source.setOnAction(e -> model.sourceProperty().set(source.getText().isBlank() ? null : Path.of(source.getText().strip())));
        source.focusedProperty().addListener((o, was, now) -> { if (!now) source.getOnAction().handle(null); });
        Button file = new Button("File...");
        file.setOnAction(e -> chooseFile(model.sourceProperty()::set, "Import a recording",
                new FileChooser.ExtensionFilter("NWB 2 files", "*.nwb"), new FileChooser.ExtensionFilter("All files", "*")));
        Button folder = new Button("Folder...");
        folder.setOnAction(e -> chooseFolder(model.sourceProperty()::set, "Import a folder (Sensorium tree, images...)"));
        ChoiceBox<String> format = new ChoiceBox<>();
        format.setId("import-format");
        format.getItems().setAll(ImportModel.FORMATS);
        format.valueProperty().bindBidirectional(model.formatProperty());

        GridPane top = grid();
        top.addRow(0, new Label("Source"), new HBox(6, source, file, folder));
        top.addRow(1, new Label("Format"), new HBox(6, format, hint("detected from the source; change it if detection is wrong")));
        return top;
    }

    /** nwb: images kept outside the file, the presentations (table and its index column), the responses (series), latency and window. */
    private GridPane nwbOptions() {
        TextField images = text("import-nwb-images", model.imagesProperty(), "stimulus/templates");
        Button imagesFolder = new Button("Folder...");
        imagesFolder.setOnAction(e -> chooseFolder(p -> model.imagesProperty().set(p.toString()), "Images in index order"));
        GridPane g = optionsGrid("nwb");
        g.addRow(0, new Label("Images (--images)"), new HBox(6, images, imagesFolder));
        g.addRow(1, new Label("Presentations (--table)"), combo("import-nwb-table", model.tableProperty(), model.tableChoices(),
                "found alone where unambiguous", true));
        g.addRow(2, new Label("Image index (--index-column)"), combo("import-nwb-index-column", model.indexColumnProperty(),
                model.columnChoices(), "frame, image_index, image_id, image", true));
        // A choice, not free text: the series must be one the file holds (read in the background).
        g.addRow(3, new Label("Responses (--series)"), combo("import-nwb-series", model.seriesProperty(), model.seriesChoices(),
                "units, else the only ROI series", false));
        g.addRow(4, new Label("Latency, s (--latency-s)"), text("import-nwb-latency", model.latencyProperty(), "0.05"));
        g.addRow(5, new Label("Window, s (--window-s)"), text("import-nwb-window", model.windowProperty(), "shortest gap between onsets"));
        return g;
    }

    /** image-folder: the responses CSV, the size to resize to, and the window that makes counts rates. */
    private GridPane imageFolderOptions() {
        TextField csv = text("import-image-folder-responses", model.responsesCsvProperty(), "responses.csv in the folder");
        Button csvFile = new Button("File...");
        csvFile.setOnAction(e -> chooseFile(p -> model.responsesCsvProperty().set(p.toString()), "Responses keyed by image file name",
                new FileChooser.ExtensionFilter("CSV files", "*.csv"), new FileChooser.ExtensionFilter("All files", "*")));
        GridPane g = optionsGrid("image-folder");
        g.addRow(0, new Label("Responses (--responses)"), new HBox(6, csv, csvFile));
        g.addRow(1, new Label("Size, px (--size)"), text("import-image-folder-size", model.sizeProperty(), "keep the images' size"));
        g.addRow(2, new Label("Window, s (--window-s)"), text("import-image-folder-window", model.windowProperty(), "1"));
        return g;
    }

    /** pvc8-raw: which natural images, and the counting window (latency and length, in ms). */
    private GridPane pvc8RawOptions() {
        GridPane g = optionsGrid("pvc8-raw");
        g.addRow(0, new Label("Images (--images)"), combo("import-pvc8-raw-images", model.imageVersionProperty(),
                javafx.collections.FXCollections.observableArrayList("small", "large"), "small", false));
        g.addRow(1, new Label("Latency, ms (--latency-ms)"), text("import-pvc8-raw-latency", model.latencyMsProperty(), "50"));
        g.addRow(2, new Label("Window, ms (--window-ms)"), text("import-pvc8-raw-window", model.windowMsProperty(),
                "from the latency to the end of the presentation"));
        return g;
    }

    /** sensorium: the window that sets the rate unit. */
    private GridPane sensoriumOptions() {
        GridPane g = optionsGrid("sensorium");
        g.addRow(0, new Label("Window, s (--window-s)"), text("import-sensorium-window", model.windowProperty(), "0.5"));
        return g;
    }

    private Node noOptions() {
        Label l = hint("This format takes no options.");
        l.setId("import-options-none");
        return l;
    }

    private GridPane outputGrid() {
        TextField out = new TextField();
        out.setId("import-out");
        out.setPromptText("the dataset folder to write");
        HBox.setHgrow(out, Priority.ALWAYS);
        out.textProperty().addListener((o, was, now) -> model.outProperty().set(now.isBlank() ? null : Path.of(now.strip())));
        Button outFolder = new Button("Folder...");
        outFolder.setOnAction(e -> chooseFolder(p -> out.setText(p.toString()), "Dataset folder to write"));
        GridPane outGrid = grid();
        outGrid.addRow(0, new Label("Output (--out)"), new HBox(6, out, outFolder));
        return outGrid;
    }

    private HBox commandRow() {
        TextArea command = new TextArea(); // wrapped, so the whole line shows and can be selected
        command.setId("import-command");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(2);
        command.textProperty().bind(model.commandLine());
        command.getStyleClass().add("command-line");
        command.setStyle("-fx-font-family: monospace;");
        HBox.setHgrow(command, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(command.getText());
            Clipboard.getSystemClipboard().setContent(c);
        });
        return new HBox(6, command, copy);
    }

    private ScrollPane previewPane() {
        FlowPane thumbs = new FlowPane(6, 6);
        thumbs.setId("import-thumbnails");
        ImageView matrix = new ImageView();
        matrix.setId("import-matrix");
        Label matrixCaption = new Label("Response matrix: neurons (rows) x images (columns), mean over repeats");
        matrixCaption.getStyleClass().add("caption");
        model.previewProperty().addListener((o, was, now) -> {
            thumbs.getChildren().clear();
            matrix.setImage(null);
            if (now == null) return;
            for (int i = 0; i < now.thumbnails().size(); i++) {
                ImageView v = new ImageView(now.thumbnails().get(i));
                Tooltip.install(v, new Tooltip("image " + i));
                thumbs.getChildren().add(v);
            }
            matrix.setImage(now.matrix());
        });
        VBox previewBox = new VBox(6, new Label("First images"), thumbs, matrixCaption, matrix);
        ScrollPane preview = new ScrollPane(previewBox);
        preview.setFitToWidth(true);
        preview.setPrefHeight(220);
        preview.setMinHeight(80);
        VBox.setVgrow(preview, Priority.ALWAYS); // the preview gives way to the messages below it
        return preview;
    }

    /** The one line for results and errors (the only place a failure shows), and the split's warning below it. */
    private VBox messages() {
        Label message = new Label();
        message.setId("import-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label warning = new Label();
        warning.setId("import-warning");
        warning.setWrapText(true);
        warning.setStyle("-fx-text-fill: #9a5b00;");
        warning.textProperty().bind(model.warningProperty());
        warning.visibleProperty().bind(model.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        for (Label l : new Label[]{message, warning}) l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped whole, never cut
        return new VBox(4, message, warning);
    }

    private HBox buttons(TaskRunner tasks) {
        ProgressBar progress = new ProgressBar(0);
        progress.setId("import-progress");
        progress.setPrefWidth(160);
        progress.visibleProperty().bind(Bindings.isNotNull(tasks.foregroundProperty()));
        tasks.foregroundProperty().addListener((o, was, now) -> {
            progress.progressProperty().unbind();
            if (now != null) progress.progressProperty().bind(now.progressProperty());
        });
        Button previewButton = new Button("Preview");
        previewButton.setId("import-preview");
        previewButton.setOnAction(e -> model.preview());
        Button importButton = new Button("Import");
        importButton.setId("import-run");
        importButton.setDefaultButton(true);
        importButton.disableProperty().bind(Bindings.isNull(model.outProperty()).or(Bindings.isNull(model.sourceProperty())));
        importButton.setOnAction(e -> model.runImport(dir -> {
            onImported.accept(dir);
            Window w = root.getScene() == null ? null : root.getScene().getWindow();
            // Stays open where the split left a tier empty, so that the warning is read.
            if (w instanceof Stage s && s.getOwner() != null && model.warningProperty().get().isEmpty()) s.close();
        }));
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> { if (root.getScene() != null) root.getScene().getWindow().hide(); });
        HBox buttons = new HBox(8, progress, spacer(), previewButton, importButton, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        return buttons;
    }

    public Parent root() {
        return root;
    }

    public ImportModel model() {
        return model;
    }

    /** Shows the dialog as a window of its own over {@code owner}. */
    public Stage show(Window owner, String stylesheet) {
        Stage s = new Stage();
        s.setTitle("Import a recording");
        if (owner != null) {
            s.initOwner(owner);
            s.initModality(Modality.NONE);
        }
        Scene scene = new Scene(root);
        if (stylesheet != null) scene.getStylesheets().add(stylesheet);
        s.setScene(scene);
        s.show();
        return s;
    }

    private void chooseFile(Consumer<Path> to, String title, FileChooser.ExtensionFilter... filters) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(filters);
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) to.accept(f.toPath());
    }

    private void chooseFolder(Consumer<Path> to, String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        File f = c.showDialog(root.getScene().getWindow());
        if (f != null) to.accept(f.toPath());
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints label = new javafx.scene.layout.ColumnConstraints(220);
        javafx.scene.layout.ColumnConstraints field = new javafx.scene.layout.ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(label, field);
        return g;
    }

    private static GridPane optionsGrid(String format) {
        GridPane g = grid();
        g.setId("import-options-" + format);
        return g;
    }

    private static TextField text(String id, javafx.beans.property.StringProperty p, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(p);
        HBox.setHgrow(t, Priority.ALWAYS);
        return t;
    }

    /** A choice of {@code items} that sets {@code p}; {@code editable}: a name may also be typed. */
    private static ComboBox<String> combo(String id, javafx.beans.property.StringProperty p, javafx.collections.ObservableList<String> items,
                                          String prompt, boolean editable) {
        ComboBox<String> c = new ComboBox<>(items);
        c.setId(id);
        c.setEditable(editable);
        c.setPromptText(prompt);
        c.setMaxWidth(Double.MAX_VALUE);
        c.valueProperty().addListener((o, was, now) -> p.set(now == null ? "" : now));
        p.addListener((o, was, now) -> { if (!java.util.Objects.equals(now, c.getValue())) c.setValue(now == null || now.isEmpty() ? null : now); });
        return c;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setStyle("-fx-text-fill: #666;");
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static Node spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
