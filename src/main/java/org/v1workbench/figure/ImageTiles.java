package org.v1workbench.figure;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Images in a grid with captions under each (most exciting inputs, natural images), drawn at a
 * readable size: every stimulus pixel a whole number of screen pixels, one grey range for all
 * tiles so that they can be compared, captions in a sans-serif font.
 */
public final class ImageTiles {
    private ImageTiles() {}

    /** One tile: pixels (flat {@code height x width}) and up to two caption lines. */
    public record Tile(float[] pixels, int height, int width, String caption, String detail) {}

    static final int GAP = 10, PAD = 12;
    static final Font TITLE = new Font(ChartStyle.FAMILY, Font.BOLD, 15), TEXT = new Font(ChartStyle.FAMILY, Font.PLAIN, 12),
            SMALL = new Font(ChartStyle.FAMILY, Font.PLAIN, 11);

    /**
     * The tiles in rows of {@code columns}, each about {@code tilePx} pixels wide.
     *
     * @param title  drawn above the grid (null for none)
     * @param footer a note under the grid (null for none)
     */
    public static BufferedImage render(List<Tile> tiles, int columns, int tilePx, GreyImages.Range range, String title, String footer) {
        return render(tiles, columns, tilePx, range, title, footer, 0);
    }

    /**
     * As above, but {@code width} pixels wide (0: as the tiles need): the tiles grow or shrink to
     * fill the width while the text keeps its size. A null tile leaves its place empty.
     */
    public static BufferedImage render(List<Tile> tiles, int columns, int tilePx, GreyImages.Range range, String title, String footer,
                                       int width) {
        int c = Math.max(1, Math.min(columns, Math.max(1, tiles.size())));
        if (width > 0) tilePx = Math.max(24, (width - 2 * PAD - (c - 1) * GAP) / c);
        return draw(tiles, c, tilePx, range, title, footer, width);
    }

    private static BufferedImage draw(List<Tile> tiles, int columns, int tilePx, GreyImages.Range range, String title, String footer,
                                      int fixedWidth) {
        int cols = Math.max(1, Math.min(columns, Math.max(1, tiles.size())));
        int rows = Math.max(1, (tiles.size() + cols - 1) / cols);
        Tile first = tiles.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        int h0 = first == null ? 1 : first.height(), w0 = first == null ? 1 : first.width();
        int[] size = fixedWidth > 0 ? new int[]{Math.max(1, tilePx * h0 / w0), tilePx} : GreyImages.displaySize(h0, w0, tilePx);
        int th = size[0], tw = size[1];
        int captionH = 34;
        int top = PAD + (title == null ? 0 : 24);
        int width = fixedWidth > 0 ? fixedWidth : Math.max(PAD * 2 + cols * tw + (cols - 1) * GAP, 200);
        int height = top + rows * (th + captionH + GAP) + (footer == null ? PAD : 28);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(ChartStyle.TEXT);
            if (title != null) {
                g.setFont(TITLE);
                g.drawString(title, PAD, PAD + 14);
            }
            int x0 = (width - (cols * tw + (cols - 1) * GAP)) / 2;
            for (int i = 0; i < tiles.size(); i++) {
                Tile t = tiles.get(i);
                if (t == null) continue;
                int x = x0 + (i % cols) * (tw + GAP), y = top + (i / cols) * (th + captionH + GAP);
                BufferedImage pic = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
                pic.setRGB(0, 0, tw, th, GreyImages.argb(t.pixels(), t.height(), t.width(), range, th, tw), 0, tw);
                g.drawImage(pic, x, y, null);
                g.setColor(new Color(0x99, 0x99, 0x99));
                g.drawRect(x - 1, y - 1, tw + 1, th + 1);
                g.setColor(ChartStyle.TEXT);
                g.setFont(tw < 90 ? SMALL : TEXT);
                centred(g, t.caption(), x + tw / 2, y + th + 14);
                if (t.detail() != null) {
                    g.setColor(new Color(0x55, 0x55, 0x55));
                    centred(g, t.detail(), x + tw / 2, y + th + 28);
                }
            }
            if (footer != null) {
                g.setColor(new Color(0x55, 0x55, 0x55));
                g.setFont(TEXT);
                g.drawString(footer, PAD, height - 10);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void centred(Graphics2D g, String s, int cx, int baseline) {
        if (s == null) return;
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, cx - fm.stringWidth(s) / 2, baseline);
    }
}
