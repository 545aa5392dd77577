package org.v1workbench.data;

import java.nio.file.Path;

/**
 * Settings an importer may use; each field is null where the user left it to the importer's
 * default. Importers ignore the fields that do not concern them.
 *
 * @param latencyMs     pvc8-raw: response latency, ms after stimulus onset where counting starts (default 50)
 * @param windowMs      pvc8-raw: counting window in ms (default: the whole presentation)
 * @param imageVersion  pvc8-raw: "small" or "large" natural images (default small)
 * @param size          image-folder: resize images to size x size pixels (default: keep)
 * @param responsesCsv  image-folder: the CSV of responses (default: responses.csv in the folder)
 * @param windowSeconds image-folder: response window in seconds, to give rates in Hz
 */
public record ImportOptions(Double latencyMs, Double windowMs, String imageVersion, Integer size,
                            Path responsesCsv, Double windowSeconds) {
    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, null, null);
    }
}
