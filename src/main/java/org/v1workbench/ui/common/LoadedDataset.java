package org.v1workbench.ui.common;

import org.v1workbench.data.Dataset;

/** A dataset the workbench has open, with where it came from. */
public record LoadedDataset(DatasetSource source, Dataset dataset) {
    @Override
    public String toString() {
        return source.label();
    }
}
