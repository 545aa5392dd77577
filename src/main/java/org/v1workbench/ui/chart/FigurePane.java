package org.v1workbench.ui.chart;

import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.v1workbench.figure.ChartStyle;
import org.v1workbench.figure.Figure;
import org.v1workbench.figure.FigureExport;
import org.v1workbench.figure.FigureFormat;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A panel that shows a figure (a chart, or any node with a figure behind it) and offers "Export
 * figure..." (PNG, SVG, PDF at a chosen size) and "Copy to clipboard" in its context menu.
 * Exports are drawn from a copy of the chart in print style on a worker thread.
 */
public final class FigurePane extends StackPane {
    private final TaskRunner tasks;
    private final WorkbenchPrefs prefs;
    private final String name;
    private final ChartViewer viewer;
    /** For charts drawn in the background ({@link #forLiveChart}); null otherwise. */
    private final ChartImage drawnAside;
    private final Supplier<Figure> printFigure;
    private final Supplier<Figure> screenFigure;
    private final ContextMenu menu;

    /** A pane that shows a chart ({@link #setChart}). */
    public static FigurePane forChart(String name, TaskRunner tasks, WorkbenchPrefs prefs) {
        return new FigurePane(name, tasks, prefs, null, null);
    }

    /**
     * A pane for a chart that changes while the window must stay smooth (live learning curves):
     * drawn on a thread of its own and shown as an image ({@link ChartImage}), with tool tips but
     * no zooming. Give it a chart source ({@link #setChartSource}).
     */
    public static FigurePane forLiveChart(String name, TaskRunner tasks, WorkbenchPrefs prefs) {
        return new FigurePane(name, tasks, prefs, new ChartImage(name), null);
    }

    /**
     * A pane around {@code content} (an image view...) whose figure is {@code figure}: called on
     * the JavaFX thread, where exports draw it (only the encoding and writing run in the background).
     */
    public static FigurePane forNode(String name, Node content, Supplier<Figure> figure, TaskRunner tasks, WorkbenchPrefs prefs) {
        return new FigurePane(name, tasks, prefs, content, figure);
    }

    private FigurePane(String name, TaskRunner tasks, WorkbenchPrefs prefs, Node content, Supplier<Figure> figure) {
        this.name = name;
        this.tasks = tasks;
        this.prefs = prefs;
        getStyleClass().add("figure-pane");
        if (content == null || content instanceof ChartImage) {
            viewer = content == null ? new ChartViewer(null, false) : null;
            drawnAside = (ChartImage) content;
            getChildren().add(content == null ? viewer : content);
            printFigure = () -> chartFigure(ChartStyle.PRINT);
            screenFigure = () -> chartFigure(ChartStyle.SCREEN);
        } else {
            viewer = null;
            drawnAside = null;
            getChildren().add(content);
            printFigure = Objects.requireNonNull(figure);
            screenFigure = figure;
        }
        MenuItem export = new MenuItem("Export figure...");
        export.setOnAction(e -> exportInteractively());
        MenuItem copy = new MenuItem("Copy to clipboard");
        copy.setOnAction(e -> copyToClipboard());
        menu = new ContextMenu(export, copy);
        setOnContextMenuRequested(e -> {
            showMenu(e.getScreenX(), e.getScreenY());
            e.consume();
        });
        // Platforms that send no context-menu event (Monocle, used headless) get the menu on a
        // secondary-button press; elsewhere both may arrive, and the second finds it showing.
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.SECONDARY && !e.isPopupTrigger()) showMenu(e.getScreenX(), e.getScreenY());
        });
    }

    public void setChart(JFreeChart chart) {
        if (viewer == null) throw new IllegalStateException("not a chart pane");
        viewer.setChart(chart == null ? null : ChartStyle.SCREEN.apply(chart));
    }

    /**
     * For a {@link #forLiveChart} pane: {@code source} builds the chart to show, a fresh one on
     * each call, from data that no longer change (it is called on other threads); null for none.
     */
    public void setChartSource(java.util.function.Supplier<JFreeChart> source) {
        if (drawnAside == null) throw new IllegalStateException("not a live chart pane");
        drawnAside.setSource(source);
    }

    /**
     * The chart on screen (null when none, or for non-chart panes); for a live chart pane, a
     * fresh copy built from its source, the JavaFX thread's own.
     */
    public JFreeChart chart() {
        if (drawnAside != null) return drawnAside.source() == null ? null : ChartStyle.SCREEN.apply(drawnAside.source().get());
        return viewer == null ? null : viewer.getChart();
    }

    /**
     * For a {@link #forLiveChart} pane: draws {@code chart}'s chart once on the pane's drawing
     * thread, shown nowhere (loads and compiles the drawing code before the first real chart).
     */
    public void warmUp(Supplier<JFreeChart> chart) {
        if (drawnAside == null) throw new IllegalStateException("not a live chart pane");
        drawnAside.warmUp(chart);
    }

    /**
     * Whether every live chart under {@code root} shows its current chart at its current size,
     * nothing left to draw (JavaFX thread).
     */
    public static boolean allSettled(javafx.scene.Parent root) {
        return root.lookupAll(".chart-image").stream().allMatch(n -> !(n instanceof ChartImage c) || c.settled());
    }

    public ContextMenu contextMenu() {
        return menu;
    }

    /** Exports the figure to {@code file} (format from its extension) in the background. */
    public Task<Path> export(Path file, FigureSize size) {
        Figure f = Objects.requireNonNull(figureOrNull(), "nothing to export");
        FigureFormat format = FigureFormat.of(file);
        // Drawn here, on the JavaFX thread that owns the figure's charts; encoded and written in the background.
        java.util.function.Supplier<byte[]> drawn = FigureExport.drawn(f, format, size, FigureExport.titleOf(file));
        Task<Path> t = new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateMessage("Exporting " + file.getFileName());
                FigureExport.writeBytes(file, drawn.get());
                updateMessage("Exported " + file);
                return file;
            }
        };
        return tasks.run(t, true);
    }

    /** Puts the figure on the clipboard as an image, at twice its size on screen. */
    public Task<WritableImage> copyToClipboard() {
        Figure f = screenFigure.get();
        if (f == null) return null;
        int w = Math.max(1, (int) Math.round(getWidth())), h = Math.max(1, (int) Math.round(getHeight()));
        BufferedImage img = FigureExport.render(f, FigureSize.pixels(2 * w, 2 * h, 144)); // drawn here, as for export
        Task<WritableImage> t = new Task<>() {
            @Override
            protected WritableImage call() {
                return ImagePanel.fxImage(img);
            }
        };
        t.setOnSucceeded(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putImage(t.getValue());
            Clipboard.getSystemClipboard().setContent(c);
        });
        return tasks.run(t, false);
    }

    private void exportInteractively() {
        ExportSettings initial = ExportSettings.load(prefs);
        new ExportDialog(getScene().getWindow(), name, initial).showAndWait().ifPresent(s -> {
            s.save(prefs);
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export " + name);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(s.format().description(), "*." + s.format().extension()));
            String dir = prefs.get("export.dir", null);
            if (dir != null && new File(dir).isDirectory()) chooser.setInitialDirectory(new File(dir));
            chooser.setInitialFileName(name.replaceAll("[^A-Za-z0-9._-]+", "-") + "." + s.format().extension());
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file == null) return;
            Path p = file.toPath();
            if (!p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith("." + s.format().extension()))
                p = p.resolveSibling(p.getFileName() + "." + s.format().extension());
            if (p.getParent() != null) prefs.put("export.dir", p.getParent().toString());
            exportAndConfirm(p, s.size());
        });
    }

    /** Exports as {@link #export} does, then says where the file was saved (a window with the path, which can be copied). */
    Task<Path> exportAndConfirm(Path file, FigureSize size) {
        Task<Path> t = export(file, size);
        t.stateProperty().addListener((o, was, now) -> {
            if (now == javafx.concurrent.Worker.State.SUCCEEDED) confirmSaved(t.getValue());
        });
        return t;
    }

    /** The confirmation of an export: "Saved" and the file's full path, selectable, with a button that copies it. */
    javafx.scene.control.Alert confirmSaved(Path file) {
        javafx.scene.control.ButtonType copy = new javafx.scene.control.ButtonType("Copy path", javafx.scene.control.ButtonBar.ButtonData.LEFT);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION, "",
                copy, javafx.scene.control.ButtonType.OK);
        if (getScene() != null && getScene().getWindow() != null) a.initOwner(getScene().getWindow());
        a.initModality(javafx.stage.Modality.NONE);
        a.setTitle("Figure exported");
        a.setHeaderText("Saved " + name + " (" + FigureFormat.of(file).name() + ")");
        javafx.scene.control.TextField path = new javafx.scene.control.TextField(file.toAbsolutePath().toString());
        path.setId("export-saved-path");
        path.setEditable(false);
        path.setPrefColumnCount(Math.min(60, Math.max(20, path.getText().length())));
        a.getDialogPane().setContent(path);
        a.getDialogPane().setId("export-saved");
        javafx.scene.Node copyButton = a.getDialogPane().lookupButton(copy);
        copyButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(path.getText());
            Clipboard.getSystemClipboard().setContent(c);
            e.consume(); // stays open: OK closes it
        });
        a.show();
        lastConfirmation = a;
        return a;
    }

    /** The last export confirmation shown (tests). */
    javafx.scene.control.Alert lastConfirmation;

    private void showMenu(double screenX, double screenY) {
        if (!menu.isShowing() && hasFigure()) menu.show(this, screenX, screenY);
    }

    private boolean hasFigure() {
        if (drawnAside != null) return drawnAside.source() != null;
        return viewer != null ? viewer.getChart() != null : printFigure.get() != null;
    }

    private Figure figureOrNull() {
        return printFigure.get();
    }

    private Figure chartFigure(ChartStyle style) {
        JFreeChart chart = chart();
        if (chart == null) return null;
        try {
            return Figure.of(style.apply((JFreeChart) chart.clone()));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("chart cannot be copied for export", e);
        }
    }
}
