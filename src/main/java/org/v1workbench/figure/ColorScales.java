package org.v1workbench.figure;

import org.jfree.chart.renderer.PaintScale;

import java.awt.Color;
import java.awt.Paint;

/**
 * Colour scales for heat maps. Viridis (perceptually uniform, readable in grey and by people with
 * red-green colour blindness), interpolated between 9 anchor colours of matplotlib's table.
 */
public final class ColorScales {
    private ColorScales() {}

    private static final int[] VIRIDIS = {
            0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};

    /** The viridis colour at {@code u} in [0, 1] (clipped). */
    public static Color viridis(double u) {
        if (Double.isNaN(u)) return Color.LIGHT_GRAY;
        u = Math.max(0, Math.min(1, u));
        double p = u * (VIRIDIS.length - 1);
        int i = Math.min((int) p, VIRIDIS.length - 2);
        double f = p - i;
        int a = VIRIDIS[i], b = VIRIDIS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        a &= 0xFF;
        b &= 0xFF;
        return (int) Math.round(a + (b - a) * f);
    }

    /** A JFreeChart paint scale from {@code lo} to {@code hi} (hi > lo; NaN drawn light grey). */
    public static PaintScale viridis(double lo, double hi) {
        double top = hi > lo ? hi : lo + 1;
        return new Scale(lo, top);
    }

    /**
     * A diverging scale for signed maps (receptive fields, filter weights): blue below zero, white
     * at zero, red above, symmetric from {@code -max} to {@code +max}.
     */
    public static PaintScale diverging(double max) {
        double m = max > 0 && Double.isFinite(max) ? max : 1;
        return new Diverging(m);
    }

    /** The diverging colour at {@code u} in [-1, 1] (clipped): RdBu's ends, white in the middle. */
    public static Color diverging(double u, boolean unit) {
        if (Double.isNaN(u)) return Color.LIGHT_GRAY;
        u = Math.max(-1, Math.min(1, u));
        int end = u < 0 ? 0x2166AC : 0xB2182B;
        double f = Math.abs(u);
        return new Color(mix(0xFF, end >> 16, f), mix(0xFF, end >> 8, f), mix(0xFF, end, f));
    }

    private record Diverging(double max) implements PaintScale {
        @Override
        public double getLowerBound() {
            return -max;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public Paint getPaint(double value) {
            return diverging(value / max, true);
        }
    }

    private record Scale(double lo, double hi) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public Paint getPaint(double value) {
            return viridis(Double.isNaN(value) ? Double.NaN : (value - lo) / (hi - lo));
        }
    }
}
