package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Scores a saved experiment on the test tier of a dataset (by default the one it was trained on,
 * found through the source recorded in config.json), writing the score columns.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score an experiment's predictions on the test tier (score columns; summary on stdout).")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--experiment", paramLabel = "EXP", required = true, description = "experiment folder written by train")
    Path experiment;

    @Option(names = "--data", paramLabel = "DIR", description = "dataset (default: the source recorded in the experiment)")
    Path data;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "write the per-neuron scores here (default: print them)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Experiment e = Experiment.load(experiment);
        Dataset d;
        if (data != null) {
            d = Importers.open(data);
        } else {
            String src = e.dataset().source();
            if (src.isEmpty() || !Files.exists(Path.of(src)))
                throw new BadInputException("--data is required: the experiment's dataset source '" + src + "' is not here");
            d = Importers.open(Path.of(src));
        }
        if (!DatasetIdentity.checksum(d).equals(e.dataset().sha256()))
            System.err.println("warning: this dataset differs from the one the experiment was trained on (checksum); scoring its test tier anyway");
        int[] test = d.tiers().indices(Tier.TEST);
        if (test.length == 0) throw new BadInputException("dataset '" + d.name() + "' has no test-tier images to score");
        List<Experiment.Score> scores = e.score(d, test);
        if (out != null) {
            Experiment.writeScores(out, scores);
        } else {
            Path tmp = Files.createTempFile("scores", ".csv");
            try {
                Experiment.writeScores(tmp, scores);
                System.out.print(Files.readString(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        double ccAbs = mean(scores.stream().mapToDouble(Experiment.Score::ccAbs).toArray());
        double ccNorm = mean(scores.stream().mapToDouble(Experiment.Score::ccNorm).toArray());
        String line = String.format(Locale.ROOT, "%s on %d test images: %d neurons, mean CC_abs %.4f%s", e.config().preset(), test.length,
                scores.size(), ccAbs, Double.isNaN(ccNorm) ? "" : String.format(Locale.ROOT, ", mean CC_norm %.4f", ccNorm));
        (out != null ? System.out : System.err).println(line);
        return Main.OK;
    }

    private static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v)
            if (Double.isFinite(x)) {
                s += x;
                n++;
            }
        return n == 0 ? Double.NaN : s / n;
    }
}
