package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.sim.SampleData;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A saved experiment and the dataset to use it on: {@code --experiment EXP} and {@code --data DIR},
 * by default the dataset the experiment was trained on. A picocli mixin
 * ({@code @Mixin ExperimentOption experiment}) for the commands that work on a trained model.
 */
final class ExperimentOption {
    @Option(names = "--experiment", paramLabel = "EXP", required = true, description = "experiment folder written by train")
    Path dir;

    @Option(names = "--data", paramLabel = "DIR", description = "the dataset (default: the one the experiment was trained on, from its recorded source)")
    Path data;

    Experiment load() {
        return Experiment.load(dir);
    }

    /** Where the dataset comes from, for messages: {@code --data}, else the experiment's recorded source. */
    Path dataPath(Experiment e) {
        return data != null ? data : Path.of(e.dataset().source());
    }

    /**
     * {@code --data}, else the experiment's recorded source, else the sample dataset where the
     * experiment was trained on it; a BadInputException asks for {@code --data} otherwise.
     */
    Dataset openData(Experiment e) {
        if (data != null) return Importers.open(data);
        String src = e.dataset().source();
        if (!src.isEmpty() && Files.exists(Path.of(src))) return Importers.open(Path.of(src));
        DatasetIdentity id = e.dataset();
        var sample = SampleData.SETTINGS;
        if (id.images() == sample.images() && id.neurons() == sample.neurons() && id.repeats() == sample.repeats()
                && id.height() == sample.size() && id.width() == sample.size()) {
            Dataset d = SampleData.load();
            if (DatasetIdentity.checksum(d).equals(id.sha256())) {
                System.err.println("data: the sample dataset (" + SampleData.COMMAND + ")");
                return d;
            }
        }
        throw new BadInputException("--data is required: the experiment's dataset source '" + src + "' is not here");
    }
}
