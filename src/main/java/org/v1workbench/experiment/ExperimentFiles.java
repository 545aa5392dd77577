package org.v1workbench.experiment;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.JsonFields;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.model.ModelConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one reader of the files that {@link Experiment#load} and {@link ExperimentSummary#read}
 * both need ({@code config.json}, {@code history.csv}), so the two cannot disagree about them.
 * Every field is checked as it is read: a missing or mistyped one is a BadInputException that
 * names the file and the field.
 */
final class ExperimentFiles {
    private ExperimentFiles() {}

    /** What {@code config.json} holds (its {@code predictions} and {@code sweep} blocks are for other readers, in {@code json}). */
    record Config(ModelConfig model, int ensemble, List<String> sessions, List<String> neurons, DatasetIdentity dataset,
                  String validationMetric, Map<String, String> versions, JsonFields json) {}

    static JsonFields json(Path file) {
        return JsonFields.read(file, "missing (not an experiment folder?)");
    }

    static Config config(Path dir) {
        JsonFields c = json(dir.resolve(Experiment.CONFIG));
        ModelConfig model = new ModelConfig(c.text("preset"), new TreeMap<>(c.textMap("hyperparameters")), c.longInteger("seed")).upgraded();
        JsonFields d = c.object("dataset");
        DatasetIdentity id = new DatasetIdentity(d.text("name"), d.text("source", ""), d.text("location", ""), d.integer("images"),
                d.integer("height"), d.integer("width"), d.integer("repeats"), d.integer("neurons"), d.text("sha256"),
                d.text("responses", ResponseKind.SPIKE_COUNTS.label()), d.text("unit", ResponseKind.SPIKE_COUNTS.defaultUnit()));
        return new Config(model, c.integer("ensemble"), c.strings("sessions"), c.strings("neurons"), id,
                c.text("validation_metric"), c.textMapOrEmpty("versions"), c);
    }

    /** An outcome field ({@link Outcome#label()} or its enum name). */
    static Outcome outcome(JsonFields f, String key) {
        String s = f.text(key);
        try {
            return Outcome.parse(s);
        } catch (IllegalArgumentException e) {
            throw f.bad(key, "is not an outcome ('" + s + "')");
        }
    }

    static RunRecord.Status status(JsonFields f, String key) {
        String s = f.text(key);
        try {
            return RunRecord.Status.parse(s);
        } catch (IllegalArgumentException e) {
            throw f.bad(key, "is not a run status ('" + s + "': pending, stopped or done)");
        }
    }

    /** The rows of {@code history.csv}, none where the file is absent. */
    static List<HistoryRow> history(Path dir) {
        Path h = dir.resolve(Experiment.HISTORY);
        List<HistoryRow> out = new ArrayList<>();
        if (!Files.isRegularFile(h)) return out;
        Csv.Table table = Csv.read(h);
        for (String column : List.of("run", "epoch"))
            if (!table.columns().contains(column)) throw new BadInputException(h, "has no column '" + column + "'");
        int line = 0;
        for (Map<String, String> row : table.rows()) {
            line++;
            out.add(new HistoryRow(row.get("run"), integer(h, line, row, "epoch"), number(h, line, row, "train_loss"),
                    number(h, line, row, "validation_loss"), number(h, line, row, "validation_cc"), row.get("validation_metric"),
                    number(h, line, row, "learning_rate"), number(h, line, row, "images_per_s"), number(h, line, row, "elapsed_s")));
        }
        return out;
    }

    /** Writes {@code history.csv}: the one writer, for trained experiments and a sweep's settings alike. */
    static void writeHistory(Path file, List<HistoryRow> history) throws java.io.IOException {
        List<List<String>> rows = new ArrayList<>();
        for (HistoryRow h : history)
            rows.add(List.of(h.run(), Integer.toString(h.epoch()), Csv.number(h.trainLoss()), Csv.number(h.validationLoss()),
                    Csv.number(h.validationCc()), h.validationMetric() == null ? "" : h.validationMetric(), Csv.number(h.learningRate()),
                    Csv.number(h.imagesPerSecond()), Csv.number(h.elapsedSeconds())));
        Csv.write(file, HistoryRow.COLUMNS, rows);
    }

    private static int integer(Path file, int line, Map<String, String> row, String column) {
        String s = row.get(column);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, "data row " + line + ", column '" + column + "' must be an integer, not '" + s + "'");
        }
    }

    /** A number; empty or absent is NaN. */
    private static double number(Path file, int line, Map<String, String> row, String column) {
        String s = row.get(column);
        if (s == null || s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, "data row " + line + ", column '" + column + "' must be a number, not '" + s + "'");
        }
    }
}
