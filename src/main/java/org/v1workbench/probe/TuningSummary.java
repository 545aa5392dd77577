package org.v1workbench.probe;

import org.v1workbench.data.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The population's tuning in a few numbers: how many neurons the probe found orientation-selective
 * (simple or complex) and how F1/F0 is distributed (Skottun et al. 1991: bimodal in V1, with a
 * dip near 1).
 *
 * @param f1f0Count      neurons with a finite F1/F0 (a mean response above the blank)
 * @param f1f0Quartiles  25th, 50th and 75th percentiles of F1/F0 over them (linear interpolation)
 * @param f1f0AboveOne   fraction of them with F1/F0 above 1
 * @param selectiveF1f0Median median F1/F0 over the orientation-selective neurons
 */
public record TuningSummary(int neurons, int simple, int complex, int untuned, int f1f0Count, double[] f1f0Quartiles,
                            double f1f0AboveOne, double selectiveF1f0Median) {

    public TuningSummary {
        f1f0Quartiles = f1f0Quartiles.clone();
    }

    @Override
    public double[] f1f0Quartiles() {
        return f1f0Quartiles.clone();
    }

    /** Fraction of neurons classed simple or complex. */
    public double fractionSelective() {
        return neurons == 0 ? Double.NaN : (simple + complex) / (double) neurons;
    }

    public static TuningSummary of(List<ProbedNeuron> neurons) {
        int s = 0, c = 0, u = 0;
        List<Double> all = new ArrayList<>(), selective = new ArrayList<>();
        for (ProbedNeuron n : neurons) {
            switch (n.cellClass()) {
                case SIMPLE -> s++;
                case COMPLEX -> c++;
                case UNTUNED -> u++;
            }
            if (Double.isFinite(n.f1f0())) {
                all.add(n.f1f0());
                if (n.cellClass() != CellClass.UNTUNED) selective.add(n.f1f0());
            }
        }
        double[] v = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sel = selective.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double above = v.length == 0 ? Double.NaN : Arrays.stream(v).filter(x -> x > 1).count() / (double) v.length;
        return new TuningSummary(neurons.size(), s, c, u, v.length,
                new double[] {quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75)}, above, quantile(sel, 0.5));
    }

    /** The q-quantile of sorted values, linear between order statistics (NumPy's default); NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public static final List<String> COLUMNS = List.of("measure", "value");

    /** {@code measure, value} rows. */
    public List<List<String>> rows() {
        List<List<String>> r = new ArrayList<>();
        r.add(List.of("neurons", Integer.toString(neurons)));
        r.add(List.of("simple", Integer.toString(simple)));
        r.add(List.of("complex", Integer.toString(complex)));
        r.add(List.of("untuned", Integer.toString(untuned)));
        r.add(List.of("fraction_orientation_selective", Csv.number(fractionSelective())));
        r.add(List.of("f1_f0_neurons", Integer.toString(f1f0Count)));
        r.add(List.of("f1_f0_q25", Csv.number(f1f0Quartiles[0])));
        r.add(List.of("f1_f0_median", Csv.number(f1f0Quartiles[1])));
        r.add(List.of("f1_f0_q75", Csv.number(f1f0Quartiles[2])));
        r.add(List.of("f1_f0_fraction_above_1", Csv.number(f1f0AboveOne)));
        r.add(List.of("f1_f0_median_orientation_selective", Csv.number(selectiveF1f0Median)));
        return r;
    }

    public void write(Path csv) throws IOException {
        Csv.write(csv, COLUMNS, rows());
    }

    /** A few readable lines (Markdown). */
    public String markdown() {
        return String.format(Locale.ROOT, """
                        | neurons | simple | complex | untuned | orientation-selective |
                        |---:|---:|---:|---:|---:|
                        | %d | %d | %d | %d | %s |

                        F1/F0 over %d neurons with a mean response above the blank: quartiles %s / %s / %s \
                        (median of the orientation-selective: %s); %s above 1.
                        """, neurons, simple, complex, untuned, percent(fractionSelective()), f1f0Count,
                fmt(f1f0Quartiles[0]), fmt(f1f0Quartiles[1]), fmt(f1f0Quartiles[2]), fmt(selectiveF1f0Median),
                percent(f1f0AboveOne));
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
