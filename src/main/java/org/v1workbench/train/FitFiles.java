package org.v1workbench.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.JsonFields;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.HistoryRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan and its units' results on disk, for runs split over separate processes (a Slurm job
 * array): the plan file records the command and options that made it, the dataset's checksum and
 * the units (for reading; every process makes the same plan again from the options), and each
 * unit's result is a file of its own beside it, {@code PLAN-results/unit-I.json}, its predictions
 * as JSON numbers (shortest round-trip text: the same doubles when read back) and its learning
 * curves ({@code history}: the fields of {@code history.csv}).
 */
public final class FitFiles {
    public static final String FORMAT = "v1-workbench fit plan 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FitFiles() {}

    /** What a plan file says. */
    public record Stored(String command, List<String> args, String sha256, int units) {}

    public static void writePlan(Path file, String command, List<String> args, Dataset d, FitPlan plan) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("command", command);
        args.forEach(m.putArray("args")::add);
        DatasetIdentity.of(d).writeTo(m.putObject("dataset"));
        m.put("folds", plan.folds());
        m.put("seed", plan.seed());
        ArrayNode units = m.putArray("units");
        for (FitUnit u : plan.units()) {
            ObjectNode o = units.addObject();
            o.put("index", u.index());
            o.put("label", u.label());
            o.put("model", u.model());
            u.settings().forEach(o.putObject("settings")::put);
            o.put("group", u.group());
            o.put("fold", u.fold());
            if (u.isInner()) {
                o.put("inner_fold", u.inner());
                o.put("inner_folds", u.innerFolds());
            }
            o.put("member", u.member());
            o.put("seed", u.seed());
        }
        AtomicFiles.writeFile(file, tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m));
    }

    /**
     * The plan of {@code benchmark --transfer}: as {@link #writePlan}, its units in two rounds,
     * the cores first ({@code "round": 1}, with the folder each is written to), then the fits
     * ({@code "round": 2}; a transferred one {@code "needs"} its core unit).
     */
    public static void writeTransferPlan(Path file, String command, List<String> args, Dataset d, TransferPlan plan) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("command", command);
        args.forEach(m.putArray("args")::add);
        DatasetIdentity.of(d).writeTo(m.putObject("dataset"));
        m.put("folds", plan.folds());
        m.put("seed", plan.seed());
        m.put("transfer_cores", plan.perFold() ? "per-fold" : "per-session");
        m.put("core_units", plan.cores());
        ArrayNode units = m.putArray("units");
        for (TransferPlan.Unit unit : plan.units()) {
            ObjectNode o = units.addObject();
            o.put("index", unit.index());
            if (unit instanceof TransferPlan.Core c) {
                o.put("round", 1);
                o.put("core", c.describe());
                o.put("model", c.preset());
                c.settings().forEach(o.putObject("settings")::put);
                o.put("without_session", c.heldOut());
                if (c.fold() >= 0) o.put("fold", c.fold());
                o.put("seed", c.seed());
                o.put("folder", plan.folderOf(c).toString());
            } else {
                TransferPlan.Readouts r = (TransferPlan.Readouts) unit;
                FitUnit u = r.fit();
                o.put("round", 2);
                o.put("label", u.label());
                o.put("model", u.model());
                u.settings().forEach(o.putObject("settings")::put);
                o.put("group", u.group());
                o.put("fold", u.fold());
                o.put("seed", u.seed());
                if (r.transferred()) o.put("needs", r.core());
            }
        }
        AtomicFiles.writeFile(file, tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m));
    }

    public static Stored readPlan(Path file) {
        JsonFields f = JsonFields.read(file, "missing (write it with --plan FILE and the command's options)");
        String format = f.text("format");
        if (!format.equals(FORMAT)) throw f.bad("format", "is '" + format + "', not '" + FORMAT + "'");
        return new Stored(f.text("command"), f.strings("args"), f.object("dataset").text("sha256"), f.objects("units").size());
    }

    /** The folder of a plan's results: {@code PLAN-results} beside {@code PLAN.json}. */
    public static Path resultsDir(Path plan) {
        String name = plan.getFileName().toString().replaceFirst("\\.json$", "");
        return plan.toAbsolutePath().resolveSibling(name + "-results");
    }

    static Path resultFile(Path dir, int unit) {
        return dir.resolve(String.format(Locale.ROOT, "unit-%d.json", unit));
    }

    /** Whether unit {@code unit}'s result is in the results folder {@code dir} (it has run to the end). */
    public static boolean hasResult(Path dir, int unit) {
        return Files.isRegularFile(resultFile(dir, unit));
    }

    public static Path writeResult(Path dir, FitResult r) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("unit", r.unit());
        m.put("seconds", r.seconds());
        if (r.validation() != null) matrix(m.putArray("validation"), r.validation());
        matrix(m.putArray("test"), r.test());
        if (!r.history().isEmpty()) history(m.putArray("history"), r.history());
        Path file = resultFile(dir, r.unit());
        AtomicFiles.writeFile(file, tmp -> JSON.writeValue(tmp.toFile(), m));
        return file;
    }

    /** The results of units 0 to {@code units - 1}; a BadInputException says which are missing. */
    public static List<FitResult> readResults(Path dir, int units) throws IOException {
        List<Integer> missing = new ArrayList<>();
        List<FitResult> out = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            Path f = resultFile(dir, i);
            if (!Files.isRegularFile(f)) {
                missing.add(i);
                continue;
            }
            JsonNode n = JSON.readTree(f.toFile());
            if (n.path("unit").asInt(-1) != i) throw new BadInputException(f, "holds the result of unit " + n.path("unit") + ", not " + i);
            out.add(new FitResult(i, n.has("validation") ? matrix(n.get("validation")) : null, matrix(n.get("test")), n.path("seconds").asDouble(),
                    n.has("history") ? history(n.get("history")) : List.of()));
        }
        if (!missing.isEmpty())
            throw new BadInputException(dir, missing.size() + " of " + units + " units have no result yet (units " + shortList(missing)
                    + "): run them with --unit I");
        return out;
    }

    private static String shortList(List<Integer> xs) {
        List<String> s = xs.stream().limit(10).map(String::valueOf).toList();
        return String.join(", ", s) + (xs.size() > 10 ? ", ..." : "");
    }

    /** The fit's learning curves: one object per run and epoch, the fields of {@code history.csv}. */
    private static void history(ArrayNode a, List<HistoryRow> rows) {
        for (HistoryRow h : rows) {
            ObjectNode o = a.addObject();
            o.put("run", h.run());
            o.put("epoch", h.epoch());
            number(o, "train_loss", h.trainLoss());
            number(o, "validation_loss", h.validationLoss());
            number(o, "validation_cc", h.validationCc());
            o.put("validation_metric", h.validationMetric());
            number(o, "learning_rate", h.learningRate());
            number(o, "images_per_s", h.imagesPerSecond());
            number(o, "elapsed_s", h.elapsedSeconds());
        }
    }

    private static List<HistoryRow> history(JsonNode a) {
        List<HistoryRow> out = new ArrayList<>();
        for (JsonNode o : a)
            out.add(new HistoryRow(o.path("run").asText(), o.path("epoch").asInt(), number(o.path("train_loss")), number(o.path("validation_loss")),
                    number(o.path("validation_cc")), o.path("validation_metric").isNull() ? null : o.path("validation_metric").asText(),
                    number(o.path("learning_rate")), number(o.path("images_per_s")), number(o.path("elapsed_s"))));
        return out;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.put(key, Double.toString(v));
    }

    private static double number(JsonNode v) {
        return v.isTextual() ? Double.parseDouble(v.asText()) : v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    private static void matrix(ArrayNode a, double[][] m) {
        for (double[] row : m) {
            ArrayNode r = a.addArray();
            for (double v : row) {
                if (Double.isFinite(v)) r.add(v);
                else r.add(Double.toString(v)); // NaN, Infinity: as text, read back by Double.parseDouble
            }
        }
    }

    private static double[][] matrix(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < a.size(); i++) {
            JsonNode row = a.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) m[i][j] = row.get(j).isTextual() ? Double.parseDouble(row.get(j).asText()) : row.get(j).doubleValue();
        }
        return m;
    }
}
