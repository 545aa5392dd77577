package org.v1workbench.figure;

import java.awt.geom.Rectangle2D;
import java.util.List;

/** Figures side by side or stacked, in equal shares of the area (multi-panel figures). */
public final class Panels {
    private Panels() {}

    /** {@code parts} left to right, each an equal share of the width. */
    public static Figure row(List<Figure> parts) {
        List<Figure> p = List.copyOf(parts);
        return (g, area) -> {
            double w = area.getWidth() / Math.max(1, p.size());
            for (int i = 0; i < p.size(); i++)
                p.get(i).draw(g, new Rectangle2D.Double(area.getX() + i * w, area.getY(), w, area.getHeight()));
        };
    }

    /** {@code parts} top to bottom, each an equal share of the height. */
    public static Figure column(List<Figure> parts) {
        List<Figure> p = List.copyOf(parts);
        return (g, area) -> {
            double h = area.getHeight() / Math.max(1, p.size());
            for (int i = 0; i < p.size(); i++)
                p.get(i).draw(g, new Rectangle2D.Double(area.getX(), area.getY() + i * h, area.getWidth(), h));
        };
    }
}
