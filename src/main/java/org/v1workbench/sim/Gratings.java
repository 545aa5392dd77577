package org.v1workbench.sim;

/**
 * Sinusoidal gratings in the workbench's convention (DESIGN.md): orientation is that of the bars,
 * 0 = horizontal bars, increasing counter-clockwise as seen on screen, with pixel y pointing down.
 *
 * <p>So in pixel coordinates the bars run along d = (cos theta, -sin theta) and the grating varies
 * along the unit normal n = (sin theta, cos theta): at 45 degrees the bars run from bottom-left to
 * top-right on screen, at 90 they are vertical. Pixel (row i, column j) has its centre at
 * (x, y) = (j + 0.5, i + 0.5).
 */
public final class Gratings {
    private Gratings() {}

    /** Mid grey, the zero of contrast: contrast = (grey - MEAN_GREY) / MEAN_GREY. */
    public static final double MEAN_GREY = 127.5;

    /**
     * A grating of grey levels, flat {@code size x size}: MEAN_GREY (1 + contrast cos(2 pi f v +
     * phase)), where v = (x - cx) sin(theta) + (y - cy) cos(theta) is the signed distance across
     * the bars from the point (cx, cy) at which the phase is given.
     *
     * @param sf       spatial frequency, cycles per pixel
     * @param contrast Michelson contrast, 0..1 (1 spans grey levels 0 to 255)
     */
    public static float[] grating(int size, double orientationDeg, double sf, double phaseDeg, double contrast, double cx, double cy) {
        double t = Math.toRadians(orientationDeg), s = StrictMath.sin(t), c = StrictMath.cos(t), ph = Math.toRadians(phaseDeg);
        float[] out = new float[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) {
                double v = (j + 0.5 - cx) * s + (i + 0.5 - cy) * c;
                out[i * size + j] = (float) (MEAN_GREY * (1 + contrast * StrictMath.cos(2 * Math.PI * sf * v + ph)));
            }
        return out;
    }
}
