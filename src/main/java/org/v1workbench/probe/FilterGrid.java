package org.v1workbench.probe;

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

    /** The grid with a title and each filter's index, filters about 72 pixels wide. */
    public static BufferedImage render(Kernels k, String title) {
        int cols = (int) Math.ceil(Math.sqrt(k.filters() * 1.5));
        int scale = Drawing.scaleFor(Math.max(k.height(), k.width()), 72);
        int pw = k.width() * scale, ph = k.height() * scale, gap = 10, label = 16, top = title == null ? 10 : 44;
        int rows = (k.filters() + cols - 1) / cols;
        int width = Math.max(cols * (pw + gap) + gap, 420), height = top + rows * (ph + gap + label) + gap + 24;
        BufferedImage img = Drawing.canvas(width, height);
        Graphics2D g = Drawing.graphics(img);
        g.setColor(Color.BLACK);
        if (title != null) Drawing.centred(g, title, Drawing.TITLE, width / 2, 28);
        for (int f = 0; f < k.filters(); f++) {
            int r = f / cols, c = f % cols;
            int x = gap + c * (pw + gap), y = top + r * (ph + gap + label);
            double[] v = ImageOps.toDouble(k.kernel(f));
            double m = 0;
            for (double a : v) m = Math.max(m, Math.abs(a));
            Drawing.greyPanel(img, v, k.height(), k.width(), x, y, scale, -m, m);
            Drawing.frame(g, x, y, pw, ph);
            g.setColor(Color.BLACK);
            Drawing.centred(g, Integer.toString(f), Drawing.SMALL, x + pw / 2, y + ph + 13);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(Drawing.SMALL);
        g.drawString("Each filter scaled to its own max |w|: grey = 0, white = +max, black = -max.", gap, height - 10);
        g.dispose();
        return img;
    }
}
