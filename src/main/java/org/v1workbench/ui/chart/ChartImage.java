package org.v1workbench.ui.chart;

import javafx.application.Platform;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.StandardEntityCollection;
import org.v1workbench.figure.ChartStyle;
import org.v1workbench.figure.FigureExport;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.train.BackgroundPriority;

import java.awt.image.BufferedImage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A chart drawn on a thread of its own and shown as an image, for charts that change while the
 * window must stay smooth (the training panel's live learning curves). Drawn on the JavaFX
 * thread, as a chart viewer does, each new point would cost that thread tens of milliseconds of
 * layout and text measuring, and its render thread as much again to rasterise the chart's canvas
 * (docs/benchmarks.md, "The window's responsiveness"); here the
 * JavaFX thread only swaps images. Hovering over a point shows its tool tip, as in a chart viewer.
 *
 * <p>The chart comes from a <em>source</em>: a function that builds a fresh chart, from data that
 * no longer change, each time it is called. A chart is never shared between threads (drawing a
 * JFreeChart changes its state), so every drawing builds its own. Draws are coalesced: while one
 * is in flight, later requests make one more, with the latest source and size.
 */
final class ChartImage extends Region {
    /** The drawing threads' nice value: between the window's threads (0) and training's. */
    static final int DRAWING_NICE = 5;

    private final ImageView view = new ImageView();
    private final ExecutorService drawer;
    private final Tooltip tooltip = new Tooltip();
    private Supplier<JFreeChart> source;
    /** What is on screen: its entities (for tool tips) and the size and source it was drawn for. */
    private EntityCollection entities;
    private double drawnWidth, drawnHeight, drawnScale = 1;
    private Supplier<JFreeChart> drawnSource;
    private boolean inFlight, again;
    private long drawsDone;

    ChartImage(String name) {
        getStyleClass().add("chart-image");
        drawer = Executors.newSingleThreadExecutor(r -> {
            // Below the window's own threads (JavaFX, render, pulse timer), which it would otherwise
            // keep from a core while it draws; above training.
            Thread t = new Thread(() -> {
                BackgroundPriority.lowerCurrentThread(DRAWING_NICE);
                r.run();
            }, "chart-drawer-" + name.replace(' ', '-'));
            t.setDaemon(true);
            return t;
        });
        view.setManaged(false);
        view.setSmooth(true);
        getChildren().add(view);
        setMinSize(120, 90);
        setPrefSize(480, 320);
        tooltip.setShowDelay(Duration.millis(150));
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> updateTooltip(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> Tooltip.uninstall(this, tooltip));
        // A window moved to a screen of another pixel density: lay out (and so draw) again.
        javafx.beans.value.ChangeListener<Number> rescaled = (o, a, b) -> requestLayout();
        javafx.beans.value.ChangeListener<javafx.stage.Window> windowSet = (o, a, b) -> {
            if (a != null) a.outputScaleXProperty().removeListener(rescaled);
            if (b != null) b.outputScaleXProperty().addListener(rescaled);
        };
        sceneProperty().addListener((o, a, b) -> {
            if (a != null) {
                a.windowProperty().removeListener(windowSet);
                windowSet.changed(null, a.getWindow(), null);
            }
            if (b != null) {
                b.windowProperty().addListener(windowSet);
                windowSet.changed(null, null, b.getWindow());
            }
        });
    }

    /** Shows the chart that {@code source} builds (null: none); drawn in the background. */
    void setSource(Supplier<JFreeChart> source) {
        this.source = source;
        requestDraw();
    }

    /** Draws {@code chart}'s chart once on this chart's thread, shown nowhere (loads and compiles the drawing code early). */
    void warmUp(Supplier<JFreeChart> chart) {
        drawer.execute(() -> draw(ChartStyle.SCREEN.apply(chart.get()), 600, 400, 1, null));
    }

    Supplier<JFreeChart> source() {
        return source;
    }

    /** Whether what is shown is the current source drawn at the current size (nothing left to draw). */
    boolean settled() {
        return !inFlight && (source == null
                || source == drawnSource && getWidth() == drawnWidth && getHeight() == drawnHeight && outputScale() == drawnScale);
    }

    /** Drawings finished and shown so far (for tests). */
    long drawsDone() {
        return drawsDone;
    }

    /** The image on screen (null before the first drawing, or with no chart). */
    WritableImage image() {
        return (WritableImage) view.getImage();
    }

    @Override
    protected void layoutChildren() {
        view.resizeRelocate(0, 0, getWidth(), getHeight());
        view.setFitWidth(getWidth()); // the last image, stretched, until the new size is drawn
        view.setFitHeight(getHeight());
        if (getWidth() != drawnWidth || getHeight() != drawnHeight || outputScale() != drawnScale) requestDraw();
    }

    /** Pixels per point of the window's screen (a window moved to a high-density screen is drawn again, sharp). */
    private double outputScale() {
        return getScene() != null && getScene().getWindow() != null ? Math.max(1, getScene().getWindow().getOutputScaleX()) : 1;
    }

    private void requestDraw() {
        if (inFlight) {
            again = true;
            return;
        }
        Supplier<JFreeChart> s = source;
        double w = getWidth(), h = getHeight();
        if (s == null || w < 2 || h < 2) {
            if (s == null) show(null, null, w, h, null);
            return;
        }
        double scale = outputScale();
        if (s == drawnSource && w == drawnWidth && h == drawnHeight && scale == drawnScale) return;
        inFlight = true;
        drawer.execute(() -> {
            WritableImage image = null;
            EntityCollection drawnEntities = null;
            try {
                ChartRenderingInfo info = new ChartRenderingInfo(new StandardEntityCollection());
                image = draw(ChartStyle.SCREEN.apply(s.get()), w, h, scale, info);
                drawnEntities = info.getEntityCollection();
            } catch (RuntimeException e) {
                e.printStackTrace(); // a chart that cannot be drawn leaves the last image; nothing else to do here
            }
            WritableImage done = image;
            EntityCollection doneEntities = drawnEntities;
            Platform.runLater(() -> {
                inFlight = false;
                drawnScale = scale;
                if (done != null) show(done, doneEntities, w, h, s);
                else { // could not be drawn: the last image stays, and this source counts as done
                    drawnSource = s;
                    drawnWidth = w;
                    drawnHeight = h;
                }
                if (again || source != s || getWidth() != w || getHeight() != h || outputScale() != scale) {
                    again = false;
                    requestDraw();
                }
            });
        });
    }

    private void show(WritableImage image, EntityCollection drawnEntities, double w, double h, Supplier<JFreeChart> s) {
        view.setImage(image);
        entities = drawnEntities;
        drawnWidth = w;
        drawnHeight = h;
        drawnSource = s;
        if (image != null) drawsDone++;
    }

    /** Draws {@code chart} at {@code w x h} points, {@code scale} pixels per point, into a new image (any thread). */
    static WritableImage draw(JFreeChart chart, double w, double h, double scale, ChartRenderingInfo info) {
        // As a PNG export draws it (white ground, the same rendering hints), at 72 dpi per unit of scale.
        BufferedImage img = FigureExport.render((g, area) -> chart.draw(g, area, info), new FigureSize(w, h, (int) Math.round(72 * scale)));
        return ImagePanel.fxImage(img);
    }

    /** Shows the tool tip of what is drawn at ({@code x}, {@code y}), if anything; returns its text (null: none). */
    String updateTooltip(double x, double y) {
        ChartEntity e = entities == null ? null : entities.getEntity(x, y);
        String text = e == null ? null : e.getToolTipText();
        if (text == null || text.isEmpty()) {
            Tooltip.uninstall(this, tooltip);
            return null;
        }
        tooltip.setText(text);
        Tooltip.install(this, tooltip);
        return text;
    }

    /** The drawn chart's entities (for tests): data items, axes, legend items, with their areas on screen. */
    EntityCollection entities() {
        return entities;
    }
}
