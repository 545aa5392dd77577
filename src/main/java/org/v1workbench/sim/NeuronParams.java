package org.v1workbench.sim;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Neuron;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ground truth of one simulated neuron, exactly as written to {@code neurons.csv}: the model
 * is built from these values alone, so a neuron read back from the file responds identically.
 * NaN marks a parameter the mechanism does not have (an empty cell in the file).
 *
 * <p>Units and conventions (DESIGN.md): pixels of the stimuli, origin at the top-left corner of
 * the image, x right, y down; pixel column j covers [j, j+1), so its centre is x = j + 0.5.
 *
 * @param id             the neuron's id
 * @param mechanism      how the image drives the neuron (its cell type follows)
 * @param rfX            receptive-field centre, x (pixels)
 * @param rfY            receptive-field centre, y (pixels)
 * @param rfSize         standard deviation (pixels) of the Gaussian envelope across the bars; for
 *                       centre-surround cells, of the centre Gaussian
 * @param orientationDeg orientation of the preferred grating's bars, degrees in [0, 180): 0 =
 *                       horizontal bars, increasing counter-clockwise on screen; NaN if untuned
 * @param spatialFreq    preferred spatial frequency, cycles per pixel (for centre-surround cells,
 *                       the peak of the difference of Gaussians' spectrum)
 * @param phaseDeg       spatial phase at the RF centre of the grating that drives the cell best:
 *                       the filter is cos(2 pi f v + phase) with v the signed distance across the
 *                       bars, v = (x - rfX) sin(theta) + (y - rfY) cos(theta); 0 = a bright bar on
 *                       the centre, 180 = a dark one. Centre-surround: 0 = ON, 180 = OFF centre.
 *                       NaN for phase-invariant cells
 * @param maxRateHz      saturated rate R_max of the contrast-response function: no stimulus
 *                       drives the neuron above it
 * @param baselineHz     spontaneous rate (drive 0)
 * @param exponent       expansive exponent n of the contrast-response function
 * @param c50            drive at half saturation, in units of the optimal full-contrast grating
 * @param aspectRatio    envelope length along the bars over its width across them (Gabor cells)
 * @param surroundRatio  DoG: surround sigma over centre sigma; contrast normalisation: pool sigma
 *                       over centre sigma, and centre spatial frequency over the pool's
 * @param surroundWeight DoG: surround integral over centre integral; normalisation: weight of the
 *                       suppressive pool
 */
public record NeuronParams(String id, Mechanism mechanism, double rfX, double rfY, double rfSize,
                           double orientationDeg, double spatialFreq, double phaseDeg, double maxRateHz,
                           double baselineHz, double exponent, double c50, double aspectRatio,
                           double surroundRatio, double surroundWeight) {

    /** Column names after {@code id, session}, in the order of DESIGN.md, then the model's own. */
    public static final java.util.List<String> COLUMNS = java.util.List.of("cell_type", "rf_x", "rf_y", "rf_size",
            "orientation_deg", "spatial_freq", "phase_deg", "max_rate_hz",
            "mechanism", "baseline_hz", "exponent", "c50", "aspect_ratio", "surround_ratio", "surround_weight");

    public CellType cellType() {
        return mechanism.cellType();
    }

    /** The properties of {@code neurons.csv}, in column order; NaN becomes an empty cell. */
    public Map<String, String> toProperties() {
        double[] v = {rfX, rfY, rfSize, orientationDeg, spatialFreq, phaseDeg, maxRateHz, Double.NaN,
                baselineHz, exponent, c50, aspectRatio, surroundRatio, surroundWeight};
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cell_type", cellType().label());
        for (int i = 1; i < COLUMNS.size(); i++)
            p.put(COLUMNS.get(i), COLUMNS.get(i).equals("mechanism") ? mechanism.label() : Csv.number(v[i - 1]));
        return p;
    }

    /** Rebuilds the ground truth from a neuron read from a simulated dataset's {@code neurons.csv}. */
    public static NeuronParams of(Neuron n) {
        Map<String, String> p = n.properties();
        String mech = p.get("mechanism");
        if (mech == null || mech.isEmpty())
            throw new BadInputException("neuron " + n.id() + ": no 'mechanism' column, so not a simulated neuron with ground truth");
        Mechanism m;
        try {
            m = Mechanism.parse(mech);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("neuron " + n.id() + ": " + e.getMessage());
        }
        return new NeuronParams(n.id(), m, num(n, "rf_x"), num(n, "rf_y"), num(n, "rf_size"), num(n, "orientation_deg"),
                num(n, "spatial_freq"), num(n, "phase_deg"), num(n, "max_rate_hz"), num(n, "baseline_hz"),
                num(n, "exponent"), num(n, "c50"), num(n, "aspect_ratio"), num(n, "surround_ratio"), num(n, "surround_weight"));
    }

    private static double num(Neuron n, String column) {
        String s = n.properties().get(column);
        if (s == null) throw new BadInputException("neuron " + n.id() + ": no '" + column + "' column");
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadInputException("neuron " + n.id() + ": " + column + " '" + s + "' is not a number");
        }
    }
}
