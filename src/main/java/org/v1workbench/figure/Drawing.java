package org.v1workbench.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Java2D helpers for figures drawn pixel by pixel rather than as charts (the probe report's
 * receptive fields, filters and most exciting inputs): a white canvas, image panels in grey or in
 * the diverging scale of {@link ColorScales}, frames, centred text, label numbers.
 */
public final class Drawing {
    private Drawing() {}

    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    public static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** Grey level of t in [0, 1] (clipped). */
    static int grey(double t) {
        int v = (int) Math.round(255 * Math.max(0, Math.min(1, t)));
        return (v << 16) | (v << 8) | v;
    }

    /** A white canvas with antialiased text. */
    public static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    public static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    /** Paints a {@code h x w} map, each pixel a {@code scale x scale} block, symmetric around 0. */
    public static void divergingPanel(BufferedImage img, double[] values, int h, int w, int x0, int y0, int scale) {
        double m = 0;
        for (double v : values) m = Math.max(m, Math.abs(v));
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                int rgb = ColorScales.diverging(m > 0 ? values[i * w + j] / m : 0, true).getRGB() & 0xFFFFFF;
                block(img, x0 + j * scale, y0 + i * scale, scale, rgb);
            }
    }

    /** Paints a {@code h x w} image in grey, {@code lo} black and {@code hi} white. */
    public static void greyPanel(BufferedImage img, double[] values, int h, int w, int x0, int y0, int scale, double lo, double hi) {
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                double t = hi > lo ? (values[i * w + j] - lo) / (hi - lo) : 0.5;
                block(img, x0 + j * scale, y0 + i * scale, scale, grey(t));
            }
    }

    /**
     * As {@link #divergingPanel(BufferedImage, double[], int, int, int, int, int)}, drawn through
     * {@code g} as an image (so a vector export embeds it at its pixel size).
     */
    public static void divergingPanel(Graphics2D g, double[] values, int h, int w, int x0, int y0, int scale) {
        BufferedImage p = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        divergingPanel(p, values, h, w, 0, 0, scale);
        pixels(g, p, x0, y0);
    }

    /** As {@link #greyPanel(BufferedImage, double[], int, int, int, int, int, double, double)}, drawn through {@code g}. */
    public static void greyPanel(Graphics2D g, double[] values, int h, int w, int x0, int y0, int scale, double lo, double hi) {
        BufferedImage p = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        greyPanel(p, values, h, w, 0, 0, scale, lo, hi);
        pixels(g, p, x0, y0);
    }

    /** Draws {@code img} one pixel per unit at ({@code x}, {@code y}), nearest neighbour. */
    public static void pixels(Graphics2D g, BufferedImage img, int x, int y) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g2.drawImage(img, x, y, null);
        } finally {
            g2.dispose();
        }
    }

    private static void block(BufferedImage img, int x, int y, int s, int rgb) {
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++) img.setRGB(x + b, y + a, rgb);
    }

    public static void frame(Graphics2D g, int x, int y, int w, int h) {
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x - 1, y - 1, w + 1, h + 1);
    }

    /** Text centred horizontally on {@code cx}, baseline at {@code y}. */
    public static void centred(Graphics2D g, String text, Font font, int cx, int y) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, cx - fm.stringWidth(text) / 2, y);
    }

    /** Pixel scale so that an image of {@code size} pixels is drawn about {@code target} wide. */
    public static int scaleFor(int size, int target) {
        return Math.max(1, Math.round(target / (float) size));
    }

    /** Number formatting for labels: about 3 significant digits, small values as 0.00. */
    public static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 10000) return String.format(java.util.Locale.ROOT, "%.3g", v);
        if (a >= 100) return String.format(java.util.Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(java.util.Locale.ROOT, "%.1f", v);
        if (a < 0.005) return "0.00";
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
