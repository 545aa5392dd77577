package org.v1workbench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What lists and comparisons of experiments need, read from {@code config.json},
 * {@code metrics.json} and {@code history.csv} without loading any network: fast enough to scan
 * a folder of many experiments.
 *
 * @param meanCcAbs  mean test-tier CC_abs over neurons (NaN when the test tier was empty)
 * @param meanCcNorm mean test-tier CC_norm over neurons (NaN without repeats)
 * @param history    one row per run and epoch, as in {@code history.csv}
 */
public record ExperimentSummary(Path dir, String preset, Map<String, String> hyperparameters, long seed, int ensemble,
                                String datasetName, String datasetSha256, int neurons, String validationMetric,
                                Outcome outcome, String reason, double seconds, double meanCcAbs, double meanCcNorm,
                                int epochs, List<HistoryRow> history) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExperimentSummary {
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        history = List.copyOf(history);
    }

    /** The folder's name, which is how the window and the command line refer to it. */
    public String name() {
        return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }

    /** Whether {@code dir} looks like an experiment folder (it has the files a finished save writes). */
    public static boolean isExperiment(Path dir) {
        return Files.isRegularFile(dir.resolve(Experiment.CONFIG)) && Files.isRegularFile(dir.resolve(Experiment.METRICS));
    }

    /** Reads the summary of the experiment in {@code dir}; a BadInputException names a missing or broken file. */
    public static ExperimentSummary read(Path dir) {
        JsonNode c = json(dir.resolve(Experiment.CONFIG)), m = json(dir.resolve(Experiment.METRICS));
        try {
            Map<String, String> hp = new TreeMap<>();
            c.get("hyperparameters").fields().forEachRemaining(e -> hp.put(e.getKey(), e.getValue().asText()));
            JsonNode d = c.get("dataset"), t = m.path("test");
            List<HistoryRow> history = new ArrayList<>();
            Path h = dir.resolve(Experiment.HISTORY);
            if (Files.isRegularFile(h)) {
                for (Map<String, String> row : Csv.read(h).rows())
                    history.add(new HistoryRow(row.get("run"), Integer.parseInt(row.get("epoch")), num(row.get("train_loss")),
                            num(row.get("validation_loss")), num(row.get("validation_cc")), row.get("validation_metric"),
                            num(row.get("learning_rate")), num(row.get("images_per_s")), num(row.get("elapsed_s"))));
            }
            int epochs = 0;
            for (JsonNode r : m.path("runs")) epochs = Math.max(epochs, r.path("epochs").asInt());
            return new ExperimentSummary(dir.toAbsolutePath().normalize(), c.get("preset").asText(), hp, c.get("seed").asLong(),
                    c.path("ensemble").asInt(1), d.get("name").asText(), d.get("sha256").asText(), c.get("neurons").size(),
                    c.get("validation_metric").asText(), Outcome.parse(m.get("outcome").asText()), m.path("reason").asText(""),
                    m.path("seconds").asDouble(Double.NaN), number(t, "mean_cc_abs"), number(t, "mean_cc_norm"), epochs, history);
        } catch (NullPointerException | IllegalArgumentException e) {
            if (e instanceof BadInputException b) throw b;
            throw new BadInputException(dir, "incomplete or corrupt experiment (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The experiments directly inside {@code root}, newest first (by the modification time of
     * their metrics). Folders that are not experiments, or cannot be read, are left out.
     */
    public static List<ExperimentSummary> scan(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        List<ExperimentSummary> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).filter(ExperimentSummary::isExperiment).toList()) {
                try {
                    out.add(read(p));
                } catch (BadInputException ignored) {
                    // A broken folder is not an experiment to list; opening it by hand reports why.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparingLong((ExperimentSummary e) -> modified(e.dir().resolve(Experiment.METRICS))).reversed());
        return out;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static JsonNode json(Path f) {
        if (!Files.isRegularFile(f)) throw new BadInputException(f, "missing (not an experiment folder?)");
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new BadInputException(f, "not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    private static double number(JsonNode o, String key) {
        JsonNode v = o.path(key);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static double num(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
