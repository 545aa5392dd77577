package org.v1workbench.cli;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.data.Tier;
import org.v1workbench.data.importers.NwbContents;
import org.v1workbench.data.importers.NwbImporter;
import org.v1workbench.sim.SampleData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** Summarises a dataset: sessions, neurons, images, repeats and firing rates. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Sessions, neurons, images, image size, repeats and mean rates of a dataset.")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", description = "a dataset folder, any folder an importer recognises, or an NWB file (default: the sample data)")
    Path dataset;

    @Override
    public Integer call() {
        if (dataset != null && new NwbImporter().recognises(dataset)) {
            // An NWB file is described, not imported: what it holds and the options an import needs.
            System.out.print(NwbContents.read(dataset).text());
            return Main.OK;
        }
        Dataset d = DataOption.open(dataset);
        System.out.print(summary(d));
        return Main.OK;
    }

    /** The text {@code info} prints; also used by the window's status line. */
    public static String summary(Dataset d) {
        StringBuilder sb = new StringBuilder();
        sb.append("dataset:   ").append(d.name()).append('\n');
        if (!d.source().isEmpty()) sb.append("source:    ").append(d.source()).append('\n');
        sb.append("sessions:  ").append(d.sessions().size()).append(" (").append(String.join(", ", d.sessions())).append(")\n");
        sb.append("neurons:   ").append(d.neuronCount()).append('\n');
        sb.append("images:    ").append(d.images()).append(" of ").append(d.height()).append(" x ").append(d.width()).append(" pixels\n");
        sb.append("repeats:   ").append(d.repeats()).append(d.repeats() == 1 ? " (trial means; CC_max and CC_norm need repeats)" : "").append('\n');
        sb.append("responses: ").append(d.responseKind().label()).append(" (").append(d.responseKind().description())
                .append(d.responseKind().firing() ? "" : ", shown in " + d.unit()).append(d.responseKind().signed()
                        ? "; negative values are real: models use a squared-error loss and an output that can go negative"
                        : "; models use a Poisson loss and a positive output").append(")\n");
        String note = d.notes().get("responses");
        if (note != null) sb.append("note:      ").append(note).append('\n');
        sb.append("window:    ").append(fmt(d.windowSeconds() * 1000, 1)).append(" ms\n");
        sb.append("tiers:     train ").append(d.tiers().count(Tier.TRAIN)).append(", validation ")
                .append(d.tiers().count(Tier.VALIDATION)).append(", test ").append(d.tiers().count(Tier.TEST)).append('\n');
        // a rate in Hz for counts and rates; a signal (dF/F, z-scored...) has none, so its mean in its unit
        boolean firing = d.responseKind().firing();
        String what = firing ? "mean rate" : "mean response", u = " " + d.unit();
        int decimals = firing ? 2 : 3;
        double[] levels = d.meanLevels();
        double[] sorted = Arrays.stream(levels).filter(r -> !Double.isNaN(r)).sorted().toArray();
        if (sorted.length > 0) {
            sb.append(what).append(": ").append(fmt(Arrays.stream(sorted).average().orElse(Double.NaN), decimals)).append(u)
                    .append(" over neurons (median ").append(fmt(median(sorted), decimals)).append(", range ")
                    .append(fmt(sorted[0], decimals)).append(" to ").append(fmt(sorted[sorted.length - 1], decimals)).append(u).append(")\n");
            if (firing)
                sb.append("above 5 Hz: ").append(Arrays.stream(sorted).filter(r -> r > 5).count()).append(" of ").append(d.neuronCount())
                        .append(" neurons\n");
        }
        sb.append("per session:\n");
        for (String s : d.sessions()) {
            int[] idx = d.neuronsOf(s);
            double m = Arrays.stream(idx).mapToDouble(i -> levels[i]).filter(r -> !Double.isNaN(r)).average().orElse(Double.NaN);
            sb.append(String.format("  %-10s %4d neurons, %s %s%s%n", s, idx.length, what, fmt(m, decimals), u));
        }
        return sb.toString();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String fmt(double v, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }
}
