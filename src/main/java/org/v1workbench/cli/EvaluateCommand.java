package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.Scoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Scores a saved experiment on the test tier of a dataset (by default the one it was trained on,
 * found through the folder recorded in config.json), writing the score columns.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score an experiment's predictions on the test tier (score columns; summary on stdout).")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ExperimentOption experiment;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "write the per-neuron scores here (default: print them)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Experiment e = experiment.load();
        Dataset d = experiment.openData(e);
        if (!DatasetIdentity.checksum(d).equals(e.dataset().sha256()))
            System.err.println("warning: this dataset differs from the one the experiment was trained on (checksum); scoring its test tier anyway");
        int[] test = d.tiers().indices(Tier.TEST);
        if (test.length == 0) throw new BadInputException("dataset '" + d.name() + "' has no test-tier images to score");
        List<NeuronScore> scores = e.score(d, test);
        String summary = e.config().preset() + " on " + test.length + " test images of '" + d.name() + "'\n" + Scoring.summary(scores);
        if (out != null) {
            Scoring.writeCsv(scores, out);
            System.out.print(summary);
        } else {
            Path tmp = Files.createTempFile("scores", ".csv");
            try {
                Scoring.writeCsv(scores, tmp);
                System.out.print(Files.readString(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
            System.err.print(summary);
        }
        return Main.OK;
    }
}
