package org.v1workbench.ui.chart;

import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import org.v1workbench.figure.Figure;

import java.awt.image.BufferedImage;

/**
 * A picture drawn off the JavaFX thread (a {@link BufferedImage}), shown scaled to fit the panel
 * with its aspect ratio kept, or a message while there is none. Its figure is the picture itself.
 */
public final class ImagePanel extends Pane {
    private final ImageView view = new ImageView();
    private final Label message = new Label();
    private BufferedImage image;
    private java.util.function.IntFunction<BufferedImage> renderer;
    private double renderedWidth = -1;

    public ImagePanel() {
        view.setPreserveRatio(true);
        view.setSmooth(true);
        message.setWrapText(true);
        message.getStyleClass().add("muted");
        getChildren().addAll(view, message);
        getStyleClass().add("image-panel");
    }

    /**
     * Draws the picture for the panel's width (re-drawn when the width changes), so that its text
     * keeps its size on screen; {@code byWidth} gets a width in pixels.
     */
    public void setRenderer(java.util.function.IntFunction<BufferedImage> byWidth) {
        renderer = byWidth;
        renderedWidth = -1;
        if (getWidth() > 0) render();
        else requestLayout();
    }

    private void render() {
        renderedWidth = getWidth();
        show(renderer.apply((int) Math.max(100, Math.round(getWidth()))));
    }

    /** The picture for an export {@code width} pixels wide (null when there is none). */
    BufferedImage imageFor(int width) {
        return renderer != null ? renderer.apply(width) : image;
    }

    void setImage(BufferedImage img) {
        renderer = null;
        show(img);
    }

    private void show(BufferedImage img) {
        image = img;
        if (img == null) {
            view.setImage(null);
            return;
        }
        view.setImage(fxImage(img));
        message.setText("");
        requestLayout();
    }

    /** {@code img} as a JavaFX image; any thread (a new image is not yet shown anywhere). */
    static WritableImage fxImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        WritableImage fx = new WritableImage(w, h);
        fx.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return fx;
    }

    public void setMessage(String text) {
        renderer = null;
        image = null;
        view.setImage(null);
        message.setText(text == null ? "" : text);
        requestLayout();
    }

    public BufferedImage image() {
        return image;
    }

    /** The picture as a figure: redrawn 1000 pixels wide for export. */
    public Figure figure() {
        BufferedImage img = image == null ? null : imageFor(1000);
        return img == null ? null : Figure.of(img);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        if (renderer != null && w > 0 && Math.abs(w - renderedWidth) > 8) render();
        if (view.getImage() != null) {
            double iw = view.getImage().getWidth(), ih = view.getImage().getHeight();
            double s = Math.min(w / iw, h / ih);
            view.setFitWidth(iw * s);
            view.setFitHeight(ih * s);
            view.relocate((w - iw * s) / 2, (h - ih * s) / 2);
        }
        message.resizeRelocate(12, 12, Math.max(10, w - 24), Math.max(10, h - 24));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 200;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 150;
    }
}
