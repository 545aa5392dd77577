package org.v1workbench.ui.common;

import org.v1workbench.data.BadInputException;

import java.util.Locale;

/** How the window writes a failure, a score and a time, the same in every workspace. */
public final class Texts {
    private Texts() {}

    /** A failure in one line: the message of the bad input behind it, else the exception's type and message. */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof BadInputException)) t = t.getCause();
        if (t != null) return t.getMessage();
        return e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A score with three decimals, "n/a" where it is not finite. */
    public static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    /** A duration in seconds, minutes or hours, as the training panel and the sidebar write it. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
