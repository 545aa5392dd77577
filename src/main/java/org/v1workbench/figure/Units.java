package org.v1workbench.figure;

/**
 * How the unit of a dataset's responses is named in figures. The figures get only numbers and
 * the unit ("Hz" for spike counts shown as rates and for rates; "dF/F", "z", "a.u." for
 * two-photon signals), so that a dF/F recording is never labelled as a firing rate.
 */
public final class Units {
    /** The unit of spike counts shown as count / window, and of rates. */
    public static final String HZ = "Hz";

    private Units() {}

    /** Whether values in {@code unit} are firing rates (then "rate", and the rate-only notions apply). */
    public static boolean isRate(String unit) {
        return HZ.equals(unit);
    }

    /** What a value is called: "rate" for Hz, "response" for a signal. */
    public static String quantity(String unit) {
        return isRate(unit) ? "rate" : "response";
    }

    /** An axis label with the unit: "rate (Hz)", "response (dF/F)". */
    public static String axis(String unit) {
        return quantity(unit) + " (" + unit + ")";
    }

    /**
     * A value with its unit for tooltips and captions: one decimal for rates (as always shown),
     * three significant digits for signals (dF/F is often below 1).
     */
    public static String format(double v, String unit) {
        return number(v, unit) + " " + unit;
    }

    /** The number alone, as {@link #format} writes it. */
    public static String number(double v, String unit) {
        return String.format(java.util.Locale.ROOT, isRate(unit) ? "%.1f" : "%.3g", v);
    }

    /** The lower end of a colour scale for values down to {@code min}: 0 for rates, below 0 where a signal goes negative. */
    public static double scaleBottom(double min) {
        return Double.isFinite(min) && min < 0 ? min : 0;
    }
}
