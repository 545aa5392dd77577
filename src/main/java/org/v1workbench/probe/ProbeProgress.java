package org.v1workbench.probe;

/** Progress of a long probe, for the CLI's stderr line or a view's progress bar. */
@FunctionalInterface
public interface ProbeProgress {
    /** {@code done} of {@code total} units of {@code stage} are finished. */
    void update(String stage, long done, long total);

    ProbeProgress NONE = (stage, done, total) -> {};
}
