package org.v1workbench.sim;

/** The cell classes of {@code neurons.csv}'s {@code cell_type} column (DESIGN.md). */
public enum CellType {
    SIMPLE("simple"), COMPLEX("complex"), CENTER_SURROUND("center_surround"), OTHER("other");

    private final String label;

    CellType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CellType parse(String s) {
        for (CellType t : values()) if (t.label.equals(s)) return t;
        throw new IllegalArgumentException("unknown cell_type '" + s + "' (simple, complex, center_surround or other)");
    }
}
