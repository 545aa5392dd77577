package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Npy;
import org.v1workbench.data.Tier;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.Scoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** Scores any model's predictions (ours or not) against a dataset with the standard metrics. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score predictions of any model against a dataset: CC_abs, CC_max, CC_norm (Schoppe et al. 2016), FEV, FEVE.",
                "FILE.npy holds images x neurons (float), in the responses' units (spike counts per window), rows in the "
                        + "dataset's image order: either every image, or only the images of the chosen tier."})
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--predictions", required = true, paramLabel = "FILE.npy", description = "images x neurons predictions")
    Path predictions;

    @Option(names = "--tier", defaultValue = "test", paramLabel = "test|all", description = "which images to score (default: ${DEFAULT-VALUE})")
    String tier;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "per-neuron scores: neuron, session, mean_rate_hz, cc_abs, cc_max, cc_norm, fev, feve")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!tier.equals("test") && !tier.equals("all"))
            throw new BadInputException("--tier: '" + tier + "' is neither test nor all");
        Dataset d = data.open();
        int[] images = tier.equals("all") ? IntStream.range(0, d.images()).toArray() : d.tiers().indices(Tier.TEST);
        if (images.length < 3) throw new BadInputException(d.name() + ": the " + tier + " tier has " + images.length + " images; at least 3 are needed to score");
        double[][] rows = readPredictions(predictions, d, images);
        List<NeuronScore> scores = Scoring.score(d, rows, images);
        if (out != null) Scoring.writeCsv(scores, out);
        System.out.println("dataset " + d.name() + ", " + tier + " tier: " + images.length + " images");
        System.out.print(Scoring.summary(scores));
        if (out != null) System.out.println("per-neuron scores: " + out);
        return Main.OK;
    }

    /** Prediction rows for {@code images}, from a file holding all images or just those. */
    static double[][] readPredictions(Path file, Dataset d, int[] images) {
        Npy.Array a = Npy.read(file);
        if (a.dims() != 2)
            throw new BadInputException(file, "predictions must be images x neurons, not " + a.shapeText());
        int rows = a.shape()[0], cols = a.shape()[1];
        if (cols != d.neuronCount())
            throw new BadInputException(file, "has " + cols + " neurons (columns) but the dataset has " + d.neuronCount());
        boolean all = rows == d.images();
        if (!all && rows != images.length)
            throw new BadInputException(file, "has " + rows + " rows: expected " + d.images() + " (every image) or "
                    + images.length + " (the images scored)");
        double[][] out = new double[images.length][cols];
        for (int k = 0; k < images.length; k++) {
            int row = all ? images[k] : k;
            for (int n = 0; n < cols; n++) {
                float v = a.data()[row * cols + n];
                if (!Float.isFinite(v))
                    throw new BadInputException(file, "prediction for image " + row + ", neuron " + d.neuron(n).id() + " is " + v);
                out[k][n] = v;
            }
        }
        return out;
    }
}
