package org.v1workbench.probe;

/** The classification of a probed neuron, as written in {@code neurons.csv}'s {@code cell_class}. */
public enum CellClass {
    SIMPLE, COMPLEX, UNTUNED;

    /** The word used in files: simple, complex, untuned. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
