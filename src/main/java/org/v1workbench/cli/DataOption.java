package org.v1workbench.cli;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.sim.SampleData;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The dataset a command works on: the one named, else the embedded sample (DESIGN.md). A picocli
 * mixin ({@code @Mixin DataOption data}) for the commands whose {@code --data} means this.
 */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "the dataset: a dataset folder or any folder an importer recognises (default: the sample dataset, simulated)")
    Path path;

    /** The dataset named by {@code --data}, else the sample. */
    Dataset open() {
        return open(path);
    }

    /** {@code data}, else the sample dataset (said on stderr). */
    static Dataset open(Path data) {
        if (data != null) return Importers.open(data);
        System.err.println("data: the sample dataset (" + SampleData.COMMAND + ")");
        return SampleData.load();
    }
}
