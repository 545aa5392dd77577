package org.v1workbench.data.importers;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;

import java.nio.file.Path;

/** The workbench's own on-disk format, which is also what a Python user writes with numpy.save. */
public final class NpyFolderImporter implements Importer {
    @Override public String format() { return "npy"; }

    @Override public String description() {
        return "a folder of dataset.json, stimuli.npy, responses.npy and neurons.csv (the on-disk format)";
    }

    @Override public boolean recognises(Path source) {
        return DatasetFolder.looksLike(source);
    }

    @Override public Dataset load(Path source, ImportOptions options) {
        return DatasetFolder.read(source);
    }
}
