package org.v1workbench.model;

import java.util.List;
import java.util.Locale;

/**
 * The declaration of one hyperparameter: its name, the values it accepts, its group in the
 * training panel, one line of explanation and the default of the presets that do not set their
 * own. {@link Hyperparameters} holds every declaration; presets, {@code --set}, the training
 * panel and validation all read them from there.
 *
 * <p>Values stay the text the user gave (so that a {@code config.json} round trip is exact);
 * {@link #problem} checks that text once, where it enters.
 */
public record Hyperparameter(String name, Kind kind, String group, String description, String defaultValue, List<String> choices) {
    /** The values a hyperparameter accepts. */
    public enum Kind {
        /** An integer of at least 1. */
        COUNT,
        /** A number above 0. */
        POSITIVE,
        /** A number of at least 0. */
        NON_NEGATIVE,
        /** A number in [0, 1). */
        FRACTION,
        /** A number in (0, 1]. */
        FACTOR,
        /** One of the listed words. */
        CHOICE,
        /** true or false. */
        FLAG,
        /** Comma-separated spatial frequencies in (0, 0.5] cycles per pixel. */
        FREQUENCIES,
        /** Any text, possibly empty (a path, for example). */
        TEXT
    }

    public static final String TRAINING = "Training", ARCHITECTURE = "Architecture", PENALTIES = "Penalties";

    /** The values a choice box offers: the choices, or false and true for a flag; empty for a typed value. */
    public List<String> options() {
        return kind == Kind.FLAG ? List.of("false", "true") : choices;
    }

    public Hyperparameter {
        choices = List.copyOf(choices);
        if ((kind == Kind.CHOICE) == choices.isEmpty()) throw new IllegalArgumentException(name + ": choices go with CHOICE, and only there");
    }

    /** Why {@code value} is not valid for this hyperparameter; null when it is. */
    public String problem(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) return kind == Kind.TEXT ? null : name + " needs a value";
        switch (kind) {
            case COUNT -> {
                try {
                    if (Integer.parseInt(v) < 1) return name + " must be a whole number of at least 1";
                } catch (NumberFormatException e) {
                    return name + " must be a whole number, not '" + v + "'";
                }
            }
            case POSITIVE, NON_NEGATIVE, FRACTION, FACTOR -> {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return name + " must be a number, not '" + v + "'";
                }
                if (!Double.isFinite(d)) return name + " must be a finite number";
                if (kind == Kind.POSITIVE && !(d > 0)) return name + " must be above 0";
                if (kind == Kind.NON_NEGATIVE && d < 0) return name + " must be 0 or more";
                if (kind == Kind.FRACTION && !(d >= 0 && d < 1)) return name + " must be at least 0 and below 1";
                if (kind == Kind.FACTOR && !(d > 0 && d <= 1)) return name + " must be above 0 and at most 1 (1 = off)";
            }
            case CHOICE -> {
                if (!choices.contains(v.toLowerCase(Locale.ROOT))) return name + " must be one of " + String.join(", ", choices);
            }
            case FLAG -> {
                String l = v.toLowerCase(Locale.ROOT);
                if (!l.equals("true") && !l.equals("false")) return name + " must be true or false, not '" + v + "'";
            }
            case FREQUENCIES -> {
                for (String part : v.split(",")) {
                    try {
                        double f = Double.parseDouble(part.trim());
                        if (!(f > 0 && f <= 0.5)) return name + ": " + part.trim() + " is not in (0, 0.5] cycles per pixel";
                    } catch (NumberFormatException e) {
                        return name + ": '" + part.trim() + "' is not a number";
                    }
                }
            }
            case TEXT -> {
            }
        }
        return null;
    }
}
