package org.v1workbench.data;

import java.nio.file.Path;

/**
 * Settings an importer may use; each field is null where the user left it to the importer's
 * default. Importers ignore the fields that do not concern them.
 *
 * @param latencyMs      pvc8-raw: response latency, ms after stimulus onset where counting starts (default 50)
 * @param windowMs       pvc8-raw: counting window in ms (default: the whole presentation)
 * @param imageVersion   pvc8-raw: "small" or "large" natural images (default small)
 * @param size           image-folder: resize images to size x size pixels (default: keep)
 * @param responsesCsv   image-folder: the CSV of responses (default: responses.csv in the folder)
 * @param windowSeconds  image-folder: response window in seconds, to give rates in Hz;
 *                       nwb: the counting (or averaging) window after the latency
 * @param images         nwb: a folder of image files (or one .npy file) holding the stimuli in index
 *                       order, for files that keep them outside (Allen's)
 * @param table          nwb: the presentations, an intervals table or an IndexSeries by name
 * @param indexColumn    nwb: the intervals table's column of image indices
 * @param latencySeconds nwb: seconds after each onset where the response window starts (default 0.05)
 * @param series         nwb: the responses, {@code units} or the name of an ophys RoiResponseSeries
 */
public record ImportOptions(Double latencyMs, Double windowMs, String imageVersion, Integer size,
                            Path responsesCsv, Double windowSeconds, Path images, String table,
                            String indexColumn, Double latencySeconds, String series) {
    public ImportOptions(Double latencyMs, Double windowMs, String imageVersion, Integer size,
                         Path responsesCsv, Double windowSeconds) {
        this(latencyMs, windowMs, imageVersion, size, responsesCsv, windowSeconds, null, null, null, null, null);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, null, null);
    }

    /** The NWB importer's settings (the others left to their defaults). */
    public static ImportOptions nwb(Path images, String table, String indexColumn, Double latencySeconds,
                                    Double windowSeconds, String series) {
        return new ImportOptions(null, null, null, null, null, windowSeconds, images, table, indexColumn, latencySeconds, series);
    }
}
