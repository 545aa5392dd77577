package org.v1workbench.figure;

import org.jfree.chart.JFreeChart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Anything that draws itself into a rectangle of a {@link Graphics2D}: a chart, an image, or a
 * panel of them. Units are points; the exporter scales for the output resolution, so the same
 * figure draws identically into PNG, SVG and PDF.
 */
@FunctionalInterface
public interface Figure {
    void draw(Graphics2D g, Rectangle2D area);

    /** A JFreeChart as a figure. */
    static Figure of(JFreeChart chart) {
        return (g, area) -> chart.draw(g, area);
    }

    /**
     * An image as a figure: scaled to fit the area with its aspect ratio kept, centred, pixels
     * kept square and sharp (nearest neighbour; a 33 x 33 stimulus must not turn into a blur).
     * Vector formats embed the image; it is enlarged first so that viewers that smooth embedded
     * images still show crisp pixels.
     */
    static Figure of(BufferedImage image) {
        return (g, area) -> {
            double scale = Math.min(area.getWidth() / image.getWidth(), area.getHeight() / image.getHeight());
            double w = image.getWidth() * scale, h = image.getHeight() * scale;
            int factor = Math.max(1, Math.min(16, (int) Math.ceil(512.0 / Math.max(image.getWidth(), image.getHeight()))));
            BufferedImage big = GreyImages.enlarge(image, factor);
            Graphics2D g2 = (Graphics2D) g.create();
            try {
                g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                g2.translate(area.getX() + (area.getWidth() - w) / 2, area.getY() + (area.getHeight() - h) / 2);
                g2.scale(w / big.getWidth(), h / big.getHeight());
                g2.drawImage(big, 0, 0, null);
            } finally {
                g2.dispose();
            }
        };
    }
}
