package org.v1workbench.experiment;

/** How a training run (or a whole training job) ended. */
public enum Outcome {
    /** Ran to the epoch limit. */
    FINISHED,
    /** Stopped when the validation score had not improved for {@code patience} epochs (best weights restored). */
    EARLY_STOPPED,
    /** Stopped at the user's request; resumable from the last completed epoch. */
    CANCELLED,
    /** The loss became NaN or infinite; the last good weights were kept. */
    DIVERGED;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Outcome parse(String s) {
        for (Outcome o : values()) if (o.label().equals(s) || o.name().equals(s)) return o;
        throw new IllegalArgumentException("unknown outcome '" + s + "'");
    }
}
