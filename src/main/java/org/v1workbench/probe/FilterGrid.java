package org.v1workbench.probe;

import org.v1workbench.figure.Drawing;
import org.v1workbench.figure.Figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Learned filters as an image grid: each kernel scaled to its own largest absolute weight, so
 * every filter's shape shows whatever its norm; grey is zero, white the largest positive weight,
 * black the most negative (or its negative, where that is larger in magnitude).
 */
public final class FilterGrid {
    private FilterGrid() {}

    static final String CAPTION = "Each filter scaled to its own max |w|: grey = 0, white = +max, black = -max.";
    static final int GAP = 10, LABEL = 16;

    /** Where things go: {@code cols} filters per row, each {@code scale} screen pixels per weight. */
    record Layout(int cols, int rows, int scale, int pw, int ph, int left, int top, int width, int height) {
        static Layout of(Kernels k, boolean title) {
            int cols = (int) Math.ceil(Math.sqrt(k.filters() * 1.5));
            int scale = Drawing.scaleFor(Math.max(k.height(), k.width()), 72);
            int pw = k.width() * scale, ph = k.height() * scale, top = title ? 44 : 10;
            int rows = (k.filters() + cols - 1) / cols;
            int captionW = Drawing.canvas(1, 1).createGraphics().getFontMetrics(Drawing.SMALL).stringWidth(CAPTION);
            int gridW = cols * (pw + GAP) + GAP;
            int width = Math.max(gridW, captionW + 2 * GAP), height = top + rows * (ph + GAP + LABEL) + GAP + 24;
            return new Layout(cols, rows, scale, pw, ph, (width - gridW) / 2, top, width, height);
        }

        /** Top-left corner of filter f's panel. */
        int x(int f) {
            return left + GAP + (f % cols) * (pw + GAP);
        }

        int y(int f) {
            return top + (f / cols) * (ph + GAP + LABEL);
        }
    }

    /** The grid with an optional title and each filter's index, filters about 72 pixels wide. */
    public static BufferedImage render(Kernels k, String title) {
        Layout l = Layout.of(k, title != null);
        BufferedImage img = Drawing.canvas(l.width(), l.height());
        Graphics2D g = Drawing.graphics(img);
        draw(g, k, title, l);
        g.dispose();
        return img;
    }

    /**
     * The same grid as a figure for vector export: the filters are images (their weights are the
     * data), the title, indices and caption text; scaled to fit the area, aspect kept, centred.
     */
    public static Figure figure(Kernels k, String title) {
        Layout l = Layout.of(k, title != null);
        return (g, area) -> {
            double scale = Math.min(area.getWidth() / l.width(), area.getHeight() / l.height());
            Graphics2D g2 = (Graphics2D) g.create();
            try {
                g2.translate(area.getX() + (area.getWidth() - l.width() * scale) / 2, area.getY() + (area.getHeight() - l.height() * scale) / 2);
                g2.scale(scale, scale);
                g2.setColor(Color.WHITE);
                g2.fillRect(0, 0, l.width(), l.height());
                draw(g2, k, title, l);
            } finally {
                g2.dispose();
            }
        };
    }

    /** Height over width of the grid (of {@link #render} and {@link #figure} alike). */
    public static double aspect(Kernels k, String title) {
        Layout l = Layout.of(k, title != null);
        return (double) l.height() / l.width();
    }

    private static void draw(Graphics2D g, Kernels k, String title, Layout l) {
        g.setColor(Color.BLACK);
        if (title != null) Drawing.centred(g, title, Drawing.TITLE, l.width() / 2, 28);
        for (int f = 0; f < k.filters(); f++) {
            int x = l.x(f), y = l.y(f);
            double[] v = ImageOps.toDouble(k.kernel(f));
            double m = 0;
            for (double a : v) m = Math.max(m, Math.abs(a));
            Drawing.greyPanel(g, v, k.height(), k.width(), x, y, l.scale(), -m, m);
            Drawing.frame(g, x, y, l.pw(), l.ph());
            g.setColor(Color.BLACK);
            Drawing.centred(g, Integer.toString(f), Drawing.SMALL, x + l.pw() / 2, y + l.ph() + 13);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(Drawing.SMALL);
        g.drawString(CAPTION, GAP, l.height() - 10);
    }
}
