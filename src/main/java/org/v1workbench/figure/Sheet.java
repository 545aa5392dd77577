package org.v1workbench.figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * A figure laid out on a canvas of {@code width x height} units (pixels in a PNG, points in SVG
 * and PDF): the probe's figures. {@link #render()} paints it on a white image exactly as before;
 * as a {@link Figure} it draws into any Graphics2D, so text stays text in SVG and PDF and image
 * panels are embedded at their pixel size ({@link Drawing#divergingPanel(Graphics2D, double[], int, int, int, int, int)}).
 */
public record Sheet(int width, int height, Consumer<Graphics2D> painter) implements Figure {
    /** The sheet on a white image of its size, with antialiased text ({@link Drawing#graphics}). */
    public BufferedImage render() {
        BufferedImage img = Drawing.canvas(width, height);
        Graphics2D g = Drawing.graphics(img);
        try {
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.translate(area.getX(), area.getY());
            g2.scale(area.getWidth() / width, area.getHeight() / height);
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, width, height);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            painter.accept(g2);
        } finally {
            g2.dispose();
        }
    }

    /** The sheet's size for an export: one unit one point (72 DPI), so a PNG matches {@link #render()}. */
    public FigureSize size() {
        return FigureSize.pixels(width, height, (int) FigureSize.POINTS_PER_INCH);
    }

    /** An image drawn at its pixel size: one pixel one point, nearest neighbour. */
    public static Sheet of(BufferedImage image) {
        return new Sheet(image.getWidth(), image.getHeight(), g -> Drawing.pixels(g, image, 0, 0));
    }
}
