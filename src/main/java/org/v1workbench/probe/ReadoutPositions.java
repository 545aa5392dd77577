package org.v1workbench.probe;

import org.v1workbench.data.Csv;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.model.Network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The positions a Gaussian readout learned to read each neuron from (Lurz et al. 2021): a
 * receptive-field estimate of its own, put beside the gradient RF centre of the probes.
 */
public final class ReadoutPositions {
    public static final List<String> COLUMNS = List.of("neuron", "readout_x", "readout_y", "rf_x", "rf_y", "distance_px");

    private ReadoutPositions() {}

    /** Neuron id to {x, y} (image pixels, mean over the ensemble); empty when the experiment has no Gaussian readout. */
    public static Map<String, double[]> of(Experiment e) {
        Map<String, double[]> sum = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (RunRecord r : e.runs()) {
            TrainedRun t = e.trained().get(r.id());
            if (!r.chosen() || t == null) continue;
            double[][] p = t.withBest(Network::readoutPositions);
            if (p == null) continue;
            for (int j = 0; j < p.length; j++) {
                String id = r.neurons().get(j);
                double[] s = sum.computeIfAbsent(id, k -> new double[2]);
                s[0] += p[j][0];
                s[1] += p[j][1];
                count.merge(id, 1, Integer::sum);
            }
        }
        sum.forEach((id, s) -> { s[0] /= count.get(id); s[1] /= count.get(id); });
        return sum;
    }

    /** Writes the positions beside the probe's RF centres; returns the median distance between the two (pixels). */
    public static double write(Map<String, double[]> positions, List<ProbedNeuron> probed, Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        for (ProbedNeuron p : probed) {
            double[] at = positions.get(p.id());
            if (at == null) continue;
            double dist = Math.hypot(at[0] - p.rfX(), at[1] - p.rfY());
            if (Double.isFinite(dist)) d.add(dist);
            rows.add(List.of(p.id(), Csv.number(at[0]), Csv.number(at[1]), Csv.number(p.rfX()), Csv.number(p.rfY()), Csv.number(dist)));
        }
        Csv.write(file, COLUMNS, rows);
        return median(d);
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** One line for the probe's summary. */
    public static String summary(int neurons, double median) {
        return String.format(Locale.ROOT, "Gaussian readout: %d neurons' learned read positions (readout-positions.csv) lie a median %.1f pixels "
                + "from their gradient RF centres.%n", neurons, median);
    }
}
