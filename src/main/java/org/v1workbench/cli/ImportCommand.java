package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Importers;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.data.importers.ImageFolderImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Converts a recording into the on-disk dataset format. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a recording into the on-disk format (dataset.json, stimuli.npy, responses.npy, neurons.csv).",
        footer = {"%nFormats:",
                "  pvc8-processed: a folder of Kindel et al.'s NNmean50ms_*.mat session files (activity, images).",
                "  pvc8-raw: the CRCNS pvc-8 release, a folder of 01.mat ... 10.mat or one such file (resp_train, "
                        + "images, INDCENT); spike counts per trial from --latency-ms to --latency-ms + --window-ms, "
                        + "the 270 natural images (--images small|large), all repeats.",
                "  npy: a dataset folder in the on-disk format (also what a Python user writes with numpy.save).",
                "  " + ImageFolderImporter.CSV_HELP,
                "  nwb: an NWB 2 file. Stimuli from stimulus/templates (Images, ImageSeries) or --images DIR (image files in "
                        + "name order, or one images x height x width .npy) in index order; presentations from the IndexSeries in "
                        + "stimulus/presentation or an intervals table (--table NAME --index-column COLUMN; Allen's "
                        + "natural_scenes_presentations/frame and the columns frame, image_index, image_id, image are found alone; "
                        + "negative indices are blanks; a column of image names, e.g. image_name, is matched to the templates' "
                        + "names); responses from units (spike counts from --latency-s, default 0.05, for --window-s, default the "
                        + "shortest gap between onsets) or an ophys RoiResponseSeries under processing (--series NAME: its name, "
                        + "container/name such as DfOverF/RoiResponseSeries, or full path; its mean over the window as stored, "
                        + "latency default 0; DfOverF gives dff, Fluorescence a signal, a deconvolved/spikes/events series "
                        + "deconvolved; ROIs become neurons with their image_mask centroid roi_x, roi_y). The repeats of an "
                        + "image are its presentations. `info FILE.nwb` lists what a file holds and the options it needs.",
                "  sensorium: the Sensorium / neuralpredictors static file tree (data/images/<trial>.npy, data/responses/<trial>.npy, "
                        + "meta/trials/tiers.npy, meta/trials/frame_image_id.npy, meta/neurons/unit_ids.npy). Trials with the same "
                        + "frame_image_id are an image's repeats; tiers as the file says (final_test as test); behaviour, pupil and "
                        + "other per-trial data go to trials.csv beside the dataset; --window-s (default 0.5) sets the rate unit."})
public final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FORMAT", description = "pvc8-processed | pvc8-raw | npy | image-folder | nwb | sensorium")
    String format;

    @Parameters(index = "1", paramLabel = "SOURCE", description = "the file or folder to import")
    Path source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the dataset folder to write (replaced only once complete)")
    Path out;

    @Option(names = "--latency-ms", description = "pvc8-raw: response latency in ms (default 50)")
    Double latencyMs;

    @Option(names = "--window-ms", description = "pvc8-raw: counting window in ms (default: from the latency to the end of the presentation)")
    Double windowMs;

    @Option(names = "--images", paramLabel = "small|large|DIR", description = "pvc8-raw: which version of the natural images (default small); "
            + "nwb: the images a file keeps outside (a folder of image files in name order, or an .npy), in index order")
    String imageVersion;

    @Option(names = "--size", paramLabel = "PX", description = "image-folder: resize (square) images to PX x PX by area averaging (default: keep their size)")
    Integer size;

    @Option(names = "--responses", paramLabel = "FILE.csv", description = "image-folder: the CSV of responses keyed by file name (default: responses.csv in the folder)")
    Path responses;

    @Option(names = "--window-s", description = "image-folder: the response window in seconds, to give rates in Hz (default 1); "
            + "nwb: the counting (or averaging) window after the latency (default: the shortest gap between onsets)")
    Double windowSeconds;

    @Option(names = "--latency-s", description = "nwb: where the window starts, in seconds after each onset (default 0.05 for units, 0 for ophys series)")
    Double latencySeconds;

    @Option(names = "--table", paramLabel = "NAME", description = "nwb: the presentations, an intervals table or an IndexSeries (default: found where unambiguous)")
    String table;

    @Option(names = "--index-column", paramLabel = "COLUMN", description = "nwb: the table's column of image indices or image names (default: frame, image_index, image_id, image or image_name)")
    String indexColumn;

    @Option(names = "--series", paramLabel = "NAME", description = "nwb: the responses, units or an ophys RoiResponseSeries by name, container/name or path (default: units, else the only series)")
    String series;

    @Option(names = "--name", paramLabel = "NAME", description = "the dataset's display name (default: the importer's, often the source's file or folder name)")
    String name;

    @Option(names = "--kind", paramLabel = "KIND", description = "what the responses are, where the source does not say or says it "
            + "wrongly: spike_counts, rates, dff, zscore, deconvolved or signal (default: the importer's reading; a table with "
            + "negative values is a signal)")
    String kind;

    @Option(names = "--unit", paramLabel = "UNIT", description = "the unit labels show for the responses, e.g. dF/F (default: the kind's)")
    String unit;

    @Override
    public Integer call() throws Exception {
        Importer importer = Importers.byFormat(format);
        boolean nwb = importer.format().equals("nwb");
        ImportOptions options = new ImportOptions(latencyMs, windowMs, nwb ? null : imageVersion, size, responses, windowSeconds,
                nwb && imageVersion != null ? Path.of(imageVersion) : null, table, indexColumn, latencySeconds, series);
        Dataset d = importer.load(source, options);
        if (name != null) {
            if (name.isBlank()) throw new BadInputException("--name must not be blank");
            d = d.toBuilder().name(name.strip()).build();
        }
        if (kind != null || unit != null) {
            ResponseKind k;
            try {
                k = kind == null ? d.responseKind() : ResponseKind.parse(kind);
            } catch (BadInputException e) {
                throw new BadInputException("--kind: " + e.getMessage());
            }
            // a non-negative kind over negative values is refused here, naming the source
            try {
                d = d.toBuilder().responseKind(k).unit(unit).build();
            } catch (BadInputException e) {
                throw new BadInputException(source, "--kind " + k.label() + ": " + e.getMessage());
            }
        }
        DatasetFolder.write(d, out);
        importer.writeExtras(source, options, out);
        System.out.printf("imported %s: %d sessions, %d neurons, %d images of %d x %d, %d repeat%s per image -> %s%n",
                d.name(), d.sessions().size(), d.neuronCount(), d.images(), d.height(), d.width(), d.repeats(),
                d.repeats() == 1 ? "" : "s", out);
        return Main.OK;
    }
}
