package org.v1workbench.probe;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Neuron;

import org.v1workbench.data.Csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Probe results against a simulated population's ground truth (the simulator's
 * {@code neurons.csv}: {@code cell_type (simple|complex|center_surround|other), rf_x, rf_y,
 * orientation_deg}), for the neurons a model predicts well enough (CC_norm above a threshold).
 *
 * <p>Measures, over the included neurons whose true type is simple or complex:
 * the median absolute error of the preferred orientation (on the 180-degree circle, using the
 * probe's vector-sum angle even where it called the neuron untuned, so a miss counts against it),
 * and the fraction whose class the probe got right (untuned counts as wrong). Over all included
 * neurons: the fraction whose RF centre lies within the tolerance (pixels).
 */
public final class GroundTruthComparison {
    private GroundTruthComparison() {}

    /** One neuron's truth next to its probe. */
    public record Row(String id, String trueType, CellClass probed, double orientationErrorDeg, double rfErrorPx,
                      double ccNorm) {}

    /**
     * @param trueNeurons               neurons carrying the simulator's properties
     * @param probed                    the probe's neurons
     * @param medianOrientationErrorDeg over included simple and complex cells
     * @param classificationAccuracy    fraction of included simple and complex cells classed right
     * @param fractionRfWithin          fraction of included neurons with RF centre error within tolerance
     */
    public record Summary(int included, int simpleOrComplex, double medianOrientationErrorDeg,
                          double classificationAccuracy, double fractionRfWithin, double rfTolerancePx, double ccNormMin,
                          List<Row> rows) {}

    /** The 180-periodic distance between two orientations, degrees in [0, 90]. */
    public static double orientationError(double a, double b) {
        double d = Math.abs(((a - b) % 180 + 180) % 180);
        return Math.min(d, 180 - d);
    }

    /**
     * @param ccNorm     CC_norm per neuron id (from the experiment's scores); neurons without a
     *                   finite value, or at or below {@code ccNormMin}, are left out. Null to
     *                   include every neuron.
     */
    public static Summary compare(List<Neuron> trueNeurons, List<ProbedNeuron> probed, Map<String, Double> ccNorm,
                                  double ccNormMin, double rfTolerancePx) {
        Map<String, Neuron> truth = new HashMap<>();
        for (Neuron n : trueNeurons) truth.put(n.id(), n);
        List<Row> rows = new ArrayList<>();
        List<Double> oriErrors = new ArrayList<>();
        int classified = 0, correct = 0, rfOk = 0;
        for (ProbedNeuron p : probed) {
            Neuron t = truth.get(p.id());
            if (t == null) throw new BadInputException("neuron '" + p.id() + "' of the probe is not in the ground truth");
            double cc = ccNorm == null ? Double.NaN : ccNorm.getOrDefault(p.id(), Double.NaN);
            if (ccNorm != null && !(cc > ccNormMin)) continue;
            String type = t.property("cell_type");
            if (type == null) throw new BadInputException("neuron '" + p.id() + "' has no cell_type in the ground truth");
            double rfErr = Math.hypot(p.rfX() - value(t, "rf_x"), p.rfY() - value(t, "rf_y"));
            double oriErr = Double.NaN;
            if (type.equals("simple") || type.equals("complex")) {
                classified++;
                if (p.cellClass().label().equals(type)) correct++;
                oriErr = Double.isNaN(p.orientationDeg()) ? 90 : orientationError(p.orientationDeg(), value(t, "orientation_deg"));
                oriErrors.add(oriErr);
            }
            if (rfErr <= rfTolerancePx) rfOk++;
            rows.add(new Row(p.id(), type, p.cellClass(), oriErr, rfErr, cc));
        }
        double median = Double.NaN;
        if (!oriErrors.isEmpty()) {
            double[] e = oriErrors.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(e);
            median = e.length % 2 == 1 ? e[e.length / 2] : 0.5 * (e[e.length / 2 - 1] + e[e.length / 2]);
        }
        return new Summary(rows.size(), classified, median, classified == 0 ? Double.NaN : correct / (double) classified,
                rows.isEmpty() ? Double.NaN : rfOk / (double) rows.size(), rfTolerancePx, ccNormMin, List.copyOf(rows));
    }

    /** The criteria: median orientation error below 10 degrees, at least 90% classed right, RF centre within tolerance for at least 90%. */
    public static final double MAX_MEDIAN_ORIENTATION_ERROR = 10, MIN_CLASSIFICATION = 0.9, MIN_RF_WITHIN = 0.9;

    public static final List<String> SUMMARY_COLUMNS = List.of("measure", "value", "neurons", "criterion", "met");
    public static final List<String> ROW_COLUMNS = List.of("neuron", "true_type", "probed_class", "orientation_error_deg",
            "rf_error_px", "cc_norm");

    /** Whether the summary meets all three criteria. */
    public static boolean meetsCriteria(Summary s) {
        return s.medianOrientationErrorDeg() < MAX_MEDIAN_ORIENTATION_ERROR && s.classificationAccuracy() >= MIN_CLASSIFICATION
                && s.fractionRfWithin() >= MIN_RF_WITHIN;
    }

    /** {@code measure, value, neurons, criterion, met}: one row per measure. */
    public static List<List<String>> summaryRows(Summary s) {
        String tol = plain(s.rfTolerancePx());
        return List.of(
                List.of("median_orientation_error_deg", Csv.number(s.medianOrientationErrorDeg()), Integer.toString(s.simpleOrComplex()),
                        "< " + plain(MAX_MEDIAN_ORIENTATION_ERROR), yes(s.medianOrientationErrorDeg() < MAX_MEDIAN_ORIENTATION_ERROR)),
                List.of("simple_complex_correct", Csv.number(s.classificationAccuracy()), Integer.toString(s.simpleOrComplex()),
                        ">= " + plain(MIN_CLASSIFICATION), yes(s.classificationAccuracy() >= MIN_CLASSIFICATION)),
                List.of("rf_centre_within_" + tol + "_px", Csv.number(s.fractionRfWithin()), Integer.toString(s.included()),
                        ">= " + plain(MIN_RF_WITHIN), yes(s.fractionRfWithin() >= MIN_RF_WITHIN)));
    }

    /** A number without a trailing ".0" (2 rather than 2.0), for names and criteria. */
    static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    /** Writes the summary ({@link #SUMMARY_COLUMNS}) and the included neurons ({@link #ROW_COLUMNS}). */
    public static void write(Summary s, Path summaryCsv, Path neuronsCsv) throws java.io.IOException {
        Csv.write(summaryCsv, SUMMARY_COLUMNS, summaryRows(s));
        List<List<String>> rows = new ArrayList<>();
        for (Row r : s.rows())
            rows.add(List.of(r.id(), r.trueType(), r.probed().label(), Csv.number(r.orientationErrorDeg()), Csv.number(r.rfErrorPx()),
                    Csv.number(r.ccNorm())));
        Csv.write(neuronsCsv, ROW_COLUMNS, rows);
    }

    /** The summary in Markdown, with what was included. */
    public static String markdown(Summary s) {
        StringBuilder b = new StringBuilder();
        b.append(Double.isNaN(s.ccNormMin()) ? "All " + s.included() + " probed neurons"
                : s.included() + " neurons with CC_norm > " + plain(s.ccNormMin()))
                .append(" (").append(s.simpleOrComplex()).append(" of them simple or complex in the ground truth).\n\n");
        b.append("| measure | value | neurons | criterion | met |\n|---|---:|---:|---|---|\n");
        for (List<String> r : summaryRows(s)) {
            double v = Double.parseDouble(r.get(1).isEmpty() ? "NaN" : r.get(1));
            String shown = Double.isNaN(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", v);
            b.append("| ").append(r.get(0)).append(" | ").append(shown).append(" | ").append(String.join(" | ", r.subList(2, 5))).append(" |\n");
        }
        return b.toString();
    }

    private static double value(Neuron n, String column) {
        String v = n.property(column);
        if (v == null) throw new BadInputException("neuron '" + n.id() + "' has no " + column + " in the ground truth");
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("neuron '" + n.id() + "': ground-truth " + column + " '" + v + "' is not a number");
        }
    }
}
