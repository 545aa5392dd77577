package org.v1workbench.cli;

import org.v1workbench.ui.shell.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Renders a workspace of the window to a PNG with no display (for the README and for checking by eye). */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Render a view of the workbench offscreen to a PNG (no display needed).")
public final class SnapshotCommand implements Callable<Integer> {
    @Option(names = "--view", required = true, paramLabel = "NAME", description = "dataset | training | inspector | filters")
    String view;

    @Option(names = "--data", paramLabel = "DIR", description = "the dataset folder (any importer's format; default: the sample data)")
    Path data;

    @Option(names = "--experiment", paramLabel = "EXP", description = "the experiment the model views (training, inspector, filters) "
            + "show; without it they show a short model of the snapshot's own (core-readout, 8 filters, 6 epochs), trained on the "
            + "dataset the first time (a minute or two for the sample data; said on stderr) and cached")
    Path experiment;

    @Option(names = "--sweep", paramLabel = "PREFIX-settings", description = "with --view training: list a sweep's settings (the folder "
            + "sweep --out PREFIX wrote), sorted by validation score, the best two selected and their curves overlaid")
    Path sweep;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Option(names = "--width", defaultValue = "1400", paramLabel = "PX", description = "width in pixels (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "900", paramLabel = "PX", description = "height in pixels (default ${DEFAULT-VALUE})")
    int height;

    @Override
    public Integer call() throws Exception {
        Snapshots.render(view, data, experiment, sweep, out, width, height);
        System.out.printf("snapshot of the %s view, %d x %d pixels -> %s%n", view, width, height, out);
        return Main.OK;
    }
}
