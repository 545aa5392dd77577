package org.v1workbench.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a dataset's response values are. Electrophysiology gives spike counts (or rates), which
 * are never negative and suit a Poisson loss; two-photon imaging gives continuous signals (dF/F,
 * z-scored traces) whose negative values are real, and deconvolved events, which are not negative
 * but are not counts either. Models, labels and the checks on the values follow the kind.
 *
 * <p>{@code dataset.json} names it as {@code "responses": "<label>"}; files written before the kind
 * existed hold spike counts. A file that names none but holds negative values is read as
 * {@link #SIGNAL}, a continuous signal of unknown unit.
 */
public enum ResponseKind {
    /** Spike counts per response window; shown as rates (count / window, Hz). */
    SPIKE_COUNTS("spike_counts", "Hz", false, "spike counts per response window"),
    /** Firing rates, already in Hz. */
    RATES("rates", "Hz", false, "firing rates (Hz)"),
    /** Two-photon dF/F (change of fluorescence over baseline): negative values are real. */
    DFF("dff", "dF/F", true, "two-photon dF/F"),
    /** A z-scored trace (per neuron: mean 0, sd 1). */
    ZSCORE("zscore", "z", true, "z-scored signal"),
    /** Deconvolved calcium events (e.g. suite2p's spks, OASIS): non-negative, arbitrary unit. */
    DECONVOLVED("deconvolved", "a.u.", false, "deconvolved calcium events"),
    /** A continuous signal that takes negative values, of unit unknown (a file that names no kind). */
    SIGNAL("signal", "a.u.", true, "continuous signal");

    private final String label;
    private final String defaultUnit;
    private final boolean signed;
    private final String description;

    ResponseKind(String label, String defaultUnit, boolean signed, String description) {
        this.label = label;
        this.defaultUnit = defaultUnit;
        this.signed = signed;
        this.description = description;
    }

    /** The name in {@code dataset.json} and on the command line. */
    public String label() { return label; }

    /** The unit shown where no other is given: Hz for counts (shown as rates) and rates. */
    public String defaultUnit() { return defaultUnit; }

    /** Whether negative values are real data (then a Gaussian loss and an output that can go negative). */
    public boolean signed() { return signed; }

    /** Whether the values measure firing (counts or rates): then rates in Hz and the "above 5 Hz" subset mean something. */
    public boolean firing() { return this == SPIKE_COUNTS || this == RATES; }

    /** Stored values of this kind are shown (and averaged into mean rates) times this: 1 / window for counts, else 1. */
    public double displayScale(double windowSeconds) {
        return this == SPIKE_COUNTS ? 1 / windowSeconds : 1;
    }

    public String description() { return description; }

    /** The kind called {@code label} (case and '-'/'_' ignored; "dF/F" reads as dff); a BadInputException listing the kinds otherwise. */
    public static ResponseKind parse(String label) {
        String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace("/", "");
        if (l.equals("spikes") || l.equals("counts")) return SPIKE_COUNTS;
        if (l.equals("z_score") || l.equals("z")) return ZSCORE;
        for (ResponseKind k : values()) if (k.label.equals(l)) return k;
        throw new BadInputException("responses kind '" + label + "' is not one of " + labels());
    }

    /** All labels, for messages and help. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(ResponseKind::label).toList());
    }
}
