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

    /** Where the dataset comes from, for messages: {@code --data}, else the folder the experiment was trained on. */
    Path dataPath(Experiment e) {
        if (data != null) return data;
        String at = e.dataset().location().isEmpty() ? e.dataset().source() : e.dataset().location();
        return Path.of(at);
    }

    /**
     * {@code --data}, else the folder the experiment was trained on (recorded in its config.json,
     * said on stderr), else the sample dataset where the experiment was trained on it. A
     * BadInputException asks for {@code --data} where that folder has moved, or its contents
     * changed since training (checksum), or the experiment recorded no folder.
     */
    Dataset openData(Experiment e) {
        if (data != null) return Importers.open(data);
        DatasetIdentity id = e.dataset();
        String where = id.location();
        if (where.isEmpty() && !id.source().isEmpty() && Files.exists(Path.of(id.source()))) where = id.source(); // saved before locations were
        if (!where.isEmpty()) {
            Path folder = Path.of(where);
            if (!Files.exists(folder))
                throw new BadInputException("the dataset experiment " + dir + " was trained on is no longer at " + folder
                        + " (moved or deleted): give its new place with --data DIR");
            Dataset d = Importers.open(folder);
            if (!DatasetIdentity.checksum(d).equals(id.sha256()))
                throw new BadInputException(folder + " has changed since experiment " + dir + " was trained on it (checksum differs): "
                        + "give the data it was trained on with --data DIR");
            System.err.println("data: " + folder + " (the dataset the experiment was trained on)");
            return d;
        }
        var sample = SampleData.SETTINGS;
        if (id.images() == sample.images() && id.neurons() == sample.neurons() && id.repeats() == sample.repeats()
                && id.height() == sample.size() && id.width() == sample.size()) {
            Dataset d = SampleData.load();
            if (DatasetIdentity.checksum(d).equals(id.sha256())) {
                System.err.println("data: the sample dataset (" + SampleData.COMMAND + ")");
                return d;
            }
        }
        throw new BadInputException("--data is required: experiment " + dir + " does not record the folder of its dataset '"
                + id.name() + "'" + (id.source().isEmpty() ? "" : " (source: " + id.source() + ")"));
    }
}
