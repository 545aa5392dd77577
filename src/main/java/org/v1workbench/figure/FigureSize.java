package org.v1workbench.figure;

import org.v1workbench.data.BadInputException;

/**
 * The physical size of an exported figure, in points (1/72 inch), and the resolution of its PNG
 * version. Vector formats (SVG, PDF) use the size in points; a PNG gets
 * {@code round(points / 72 * dpi)} pixels per side and the same physical size, so that fonts set
 * in points print at their nominal size whatever the DPI.
 */
public record FigureSize(double widthPt, double heightPt, int dpi) {
    public static final int MIN_DPI = 36, MAX_DPI = 2400, MAX_PIXELS_PER_SIDE = 20_000;
    public static final double MM_PER_INCH = 25.4, POINTS_PER_INCH = 72;

    public FigureSize {
        if (!(widthPt > 0) || !(heightPt > 0) || Double.isInfinite(widthPt) || Double.isInfinite(heightPt))
            throw new BadInputException("figure size must be positive, not " + widthPt + " x " + heightPt + " pt");
        if (dpi < MIN_DPI || dpi > MAX_DPI)
            throw new BadInputException("figure resolution must be " + MIN_DPI + " to " + MAX_DPI + " DPI, not " + dpi);
        long w = Math.round(widthPt / POINTS_PER_INCH * dpi), h = Math.round(heightPt / POINTS_PER_INCH * dpi);
        if (w > MAX_PIXELS_PER_SIDE || h > MAX_PIXELS_PER_SIDE)
            throw new BadInputException("figure of " + w + " x " + h + " pixels is too large (at most "
                    + MAX_PIXELS_PER_SIDE + " pixels per side): lower the size or the DPI");
    }

    /** A figure of exactly {@code widthPx x heightPx} pixels in its PNG version, at {@code dpi}. */
    public static FigureSize pixels(int widthPx, int heightPx, int dpi) {
        return new FigureSize(widthPx * POINTS_PER_INCH / dpi, heightPx * POINTS_PER_INCH / dpi, dpi);
    }

    /** A figure of {@code widthMm x heightMm} millimetres (journals give column widths in mm). */
    public static FigureSize millimetres(double widthMm, double heightMm, int dpi) {
        return new FigureSize(widthMm / MM_PER_INCH * POINTS_PER_INCH, heightMm / MM_PER_INCH * POINTS_PER_INCH, dpi);
    }

    public int widthPx() {
        return (int) Math.round(widthPt / POINTS_PER_INCH * dpi);
    }

    public int heightPx() {
        return (int) Math.round(heightPt / POINTS_PER_INCH * dpi);
    }

    public double widthMm() {
        return widthPt / POINTS_PER_INCH * MM_PER_INCH;
    }

    public double heightMm() {
        return heightPt / POINTS_PER_INCH * MM_PER_INCH;
    }

    /** Pixels per metre, as the PNG pHYs chunk records the resolution. */
    public long pixelsPerMetre() {
        return Math.round(dpi / (MM_PER_INCH / 1000));
    }
}
