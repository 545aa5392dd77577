package org.v1workbench.probe;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What later analyses need of one probed neuron, from a {@link ProbeResult} in memory or from a
 * probe folder on disk ({@code neurons.csv} joined with {@code probe-details.csv}).
 *
 * @param orientationDeg the vector-sum preferred orientation, also for neurons classified untuned
 *                       (neurons.csv leaves those empty; the details keep them)
 */
public record ProbedNeuron(String id, double rfX, double rfY, double orientationDeg, double circularVariance,
                           double f1f0, CellClass cellClass) {

    public static List<ProbedNeuron> of(ProbeResult r) {
        List<ProbedNeuron> out = new ArrayList<>();
        for (NeuronProbe n : r.neurons()) {
            Tuning t = n.tuning();
            out.add(new ProbedNeuron(n.id(), n.rf().x(), n.rf().y(), t.preferredOrientationDeg(), t.circularVariance(),
                    t.f1f0(), t.cellClass()));
        }
        return out;
    }

    /** Reads a folder written by {@link ProbeReport}. */
    public static List<ProbedNeuron> read(Path probeDir) {
        Path main = probeDir.resolve("neurons.csv"), details = probeDir.resolve("probe-details.csv");
        Csv.Table t = Csv.read(main), d = Csv.read(details);
        for (String c : ProbeReport.COLUMNS)
            if (!t.columns().contains(c)) throw new BadInputException(main, "has no column '" + c + "'");
        if (!d.columns().contains("vector_sum_orientation_deg"))
            throw new BadInputException(details, "has no column 'vector_sum_orientation_deg'");
        Map<String, String> orientation = new HashMap<>();
        for (Map<String, String> row : d.rows()) orientation.put(row.get("neuron"), row.get("vector_sum_orientation_deg"));
        List<ProbedNeuron> out = new ArrayList<>();
        int line = 1;
        for (Map<String, String> row : t.rows()) {
            line++;
            String id = row.get("neuron");
            if (!orientation.containsKey(id)) throw new BadInputException(details, "has no row for neuron '" + id + "'");
            CellClass cls;
            try {
                cls = CellClass.valueOf(row.get("cell_class").toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(main, "line " + line + ": cell_class '" + row.get("cell_class") + "' is not simple, complex or untuned");
            }
            out.add(new ProbedNeuron(id, number(main, line, row, "rf_x"), number(main, line, row, "rf_y"),
                    parse(details, id, orientation.get(id)), number(main, line, row, "circular_variance"),
                    number(main, line, row, "f1_f0"), cls));
        }
        return out;
    }

    static double number(Path file, int line, Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, "line " + line + ": " + column + " '" + v + "' is not a number");
        }
    }

    private static double parse(Path file, String id, String v) {
        if (v == null || v.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, "neuron '" + id + "': '" + v + "' is not a number");
        }
    }
}
