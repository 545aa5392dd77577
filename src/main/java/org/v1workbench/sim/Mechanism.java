package org.v1workbench.sim;

/**
 * How a simulated neuron turns an image into a drive (the {@code mechanism} column). Every
 * mechanism ends in the same contrast-response stage (see {@link SimulatedNeuron}).
 */
public enum Mechanism {
    /** Simple cell: one Gabor filter, half-wave rectified. */
    RECTIFIED_LINEAR("rectified_linear", CellType.SIMPLE, true),
    /** Complex cell: the energy of a quadrature pair of Gabor filters (phase invariant). */
    ENERGY("energy", CellType.COMPLEX, true),
    /** Centre-surround cell: a difference of Gaussians, ON or OFF centre, half-wave rectified. */
    DIFFERENCE_OF_GAUSSIANS("difference_of_gaussians", CellType.CENTER_SURROUND, false),
    /** Oriented energy divided by the energy at the orthogonal orientation (cross-orientation suppression). */
    CROSS_ORIENTATION_SUPPRESSION("cross_orientation_suppression", CellType.OTHER, true),
    /** Untuned: local contrast energy (all orientations) divided by that of a wider surround pool. */
    CONTRAST_NORMALISATION("contrast_normalisation", CellType.OTHER, false);

    private final String label;
    private final CellType cellType;
    private final boolean tuned;

    Mechanism(String label, CellType cellType, boolean tuned) {
        this.label = label;
        this.cellType = cellType;
        this.tuned = tuned;
    }

    public String label() {
        return label;
    }

    public CellType cellType() {
        return cellType;
    }

    /** Whether the neuron has a preferred orientation (orientation_deg is empty where not). */
    public boolean orientationTuned() {
        return tuned;
    }

    public static Mechanism parse(String s) {
        for (Mechanism m : values()) if (m.label.equals(s)) return m;
        throw new IllegalArgumentException("unknown mechanism '" + s + "'");
    }
}
