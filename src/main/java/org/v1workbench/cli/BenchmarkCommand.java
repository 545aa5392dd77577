package org.v1workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.BadInputException;
import org.v1workbench.model.Backend;
import org.v1workbench.train.Throughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code benchmark --throughput}: training speed of the presets with the shapes of
 * {@code bench/torch_reference.py}, to compare side by side with PyTorch on the same machine.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Training throughput (--throughput) of kindel2019 and core-readout with torch_reference.py's shapes.")
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--throughput", description = "measure training images per second on random data")
    boolean throughput;

    @Option(names = "--models", split = ",", paramLabel = "A,B", description = "presets to measure (default: kindel2019,core-readout)")
    List<String> models = List.of("kindel2019", "core-readout");

    @Option(names = "--epochs", defaultValue = "4", paramLabel = "N", description = "epochs per model, the first not counted (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--json", description = "one JSON object per line: {\"model\": ..., \"images_per_s\": ...}")
    boolean json;

    @Override
    public Integer call() {
        if (!throughput)
            throw new BadInputException("benchmark needs --throughput (cross-validated accuracy benchmarks are not in this build yet)");
        if (!json) System.err.println("backend: " + Backend.init().describe());
        ObjectMapper m = new ObjectMapper();
        for (String model : models) {
            Throughput.Result r = Throughput.measure(model.trim(), epochs);
            if (json) {
                ObjectNode o = m.createObjectNode();
                o.put("model", r.model());
                o.put("params", r.params());
                o.put("images_per_s", Math.round(r.imagesPerSecond() * 10) / 10.0);
                o.put("threads", r.threads());
                o.put("backend", r.backend());
                o.put("peak_rss_mb", r.peakRssMb());
                var a = o.putArray("epochs_images_per_s");
                for (double v : r.epochImagesPerSecond()) a.add(Math.round(v * 10) / 10.0);
                System.out.println(o);
            } else {
                System.out.printf(Locale.ROOT, "%-13s params=%9d %8.1f img/s (%s, %d threads; epochs %s; peak RSS %d MB)%n", r.model(), r.params(),
                        r.imagesPerSecond(), r.backend(), r.threads(), r.epochImagesPerSecond().stream()
                                .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(), r.peakRssMb());
            }
        }
        return Main.OK;
    }
}
