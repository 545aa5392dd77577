package org.v1workbench.cli;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.sim.SampleData;

import java.nio.file.Path;

/** The dataset a command works on: the one named, else the embedded sample (DESIGN.md). */
final class DataOption {
    private DataOption() {}

    static Dataset open(Path data) {
        if (data != null) return Importers.open(data);
        System.err.println("data: the sample dataset (" + SampleData.COMMAND + ")");
        return SampleData.load();
    }
}
