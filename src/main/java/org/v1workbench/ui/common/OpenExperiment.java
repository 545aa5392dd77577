package org.v1workbench.ui.common;

import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.ExperimentSummary;

/**
 * An experiment the workbench has loaded (its networks in memory), with the open dataset it was
 * trained on: null while no open dataset has its checksum (the model views then say which
 * dataset to open).
 */
public record OpenExperiment(ExperimentSummary summary, Experiment experiment, Dataset dataset) {
    public String label() {
        return summary.name();
    }

    @Override
    public String toString() {
        return label();
    }
}
