package org.v1workbench.ui.importer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.ImportOptions;
import org.v1workbench.data.Importer;
import org.v1workbench.data.Importers;
import org.v1workbench.data.importers.NwbContents;
import org.v1workbench.ui.common.TaskRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The import dialog's state, without controls: a source, its format, the options that format
 * takes (every option of the {@code import} command for it), and the command line they make.
 * Everything the dialog does is that command line: preview loads what it would import (writing
 * nothing), import writes it. Reading the file's contents, previewing and importing run on the
 * {@link TaskRunner}; the properties change on the JavaFX thread only.
 *
 * <p>Failures of that work are shown once, in {@link #messageProperty()} (the dialog's own line),
 * not also in the window's error dialog. What a loaded dataset's split leaves empty is in
 * {@link #warningProperty()}: an empty tier is legal to import but training or {@code score}
 * refuses it later, far from the dialog that could have said so.
 */
public final class ImportModel {
    /** The formats the dialog offers, detection's candidates first. */
    public static final List<String> FORMATS = List.of("nwb", "sensorium", "image-folder", "pvc8-raw", "pvc8-processed", "npy");

    private final TaskRunner tasks;
    private final ObjectProperty<Path> source = new SimpleObjectProperty<>(this, "source");
    private final StringProperty format = new SimpleStringProperty(this, "format", "nwb");
    private final ObjectProperty<Path> out = new SimpleObjectProperty<>(this, "out");
    private final StringProperty images = new SimpleStringProperty(this, "images", "");
    private final StringProperty table = new SimpleStringProperty(this, "table", "");
    private final StringProperty indexColumn = new SimpleStringProperty(this, "indexColumn", "");
    private final StringProperty series = new SimpleStringProperty(this, "series", "");
    private final StringProperty latency = new SimpleStringProperty(this, "latency", "");
    private final StringProperty window = new SimpleStringProperty(this, "window", "");
    /** image-folder: {@code --responses FILE.csv} and {@code --size PX}. */
    private final StringProperty responsesCsv = new SimpleStringProperty(this, "responsesCsv", "");
    private final StringProperty size = new SimpleStringProperty(this, "size", "");
    /** pvc8-raw: {@code --images small|large}, {@code --latency-ms} and {@code --window-ms}. */
    private final StringProperty imageVersion = new SimpleStringProperty(this, "imageVersion", "");
    private final StringProperty latencyMs = new SimpleStringProperty(this, "latencyMs", "");
    private final StringProperty windowMs = new SimpleStringProperty(this, "windowMs", "");
    private final ObjectProperty<NwbContents> contents = new SimpleObjectProperty<>(this, "contents");
    private final ObservableList<String> tableChoices = FXCollections.observableArrayList();
    private final ObservableList<String> columnChoices = FXCollections.observableArrayList();
    private final ObservableList<String> seriesChoices = FXCollections.observableArrayList();
    private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>(this, "preview");
    private final StringProperty message = new SimpleStringProperty(this, "message", "Choose a file or folder to import.");
    private final StringProperty warning = new SimpleStringProperty(this, "warning", "");
    private final StringBinding commandLine;
    /** The latest reading of the file's contents; an older one that finishes later is ignored. */
    private Task<NwbContents> reading;

    public ImportModel(TaskRunner tasks) {
        this.tasks = tasks;
        List<StringProperty> options = List.of(images, table, indexColumn, series, latency, window, responsesCsv, size, imageVersion,
                latencyMs, windowMs);
        List<javafx.beans.Observable> all = new ArrayList<>(List.of(source, format, out));
        all.addAll(options);
        commandLine = Bindings.createStringBinding(() -> String.join(" ", quoted(args())), all.toArray(javafx.beans.Observable[]::new));
        source.addListener((o, was, now) -> {
            if (now == null) return;
            String f = detect(now);
            if (f.equals(format.get())) inspect();
            else format.set(f); // which reads the contents
        });
        format.addListener((o, was, now) -> inspect());
        table.addListener((o, was, now) -> fillColumns());
        for (StringProperty p : options) p.addListener((o, was, now) -> preview.set(null));
        source.addListener((o, was, now) -> preview.set(null));
        format.addListener((o, was, now) -> preview.set(null));
        preview.addListener((o, was, now) -> { if (now == null) warning.set(""); });
    }

    public ObjectProperty<Path> sourceProperty() { return source; }
    public StringProperty formatProperty() { return format; }
    public ObjectProperty<Path> outProperty() { return out; }
    public StringProperty imagesProperty() { return images; }
    public StringProperty tableProperty() { return table; }
    public StringProperty indexColumnProperty() { return indexColumn; }
    public StringProperty seriesProperty() { return series; }
    public StringProperty latencyProperty() { return latency; }
    public StringProperty windowProperty() { return window; }
    public StringProperty responsesCsvProperty() { return responsesCsv; }
    public StringProperty sizeProperty() { return size; }
    public StringProperty imageVersionProperty() { return imageVersion; }
    public StringProperty latencyMsProperty() { return latencyMs; }
    public StringProperty windowMsProperty() { return windowMs; }
    public ObjectProperty<NwbContents> contentsProperty() { return contents; }
    public ObservableList<String> tableChoices() { return tableChoices; }
    public ObservableList<String> columnChoices() { return columnChoices; }
    public ObservableList<String> seriesChoices() { return seriesChoices; }
    public ObjectProperty<Preview> previewProperty() { return preview; }
    public StringProperty messageProperty() { return message; }
    /** Where the loaded dataset's split leaves a tier empty, what that breaks and which split it is; empty otherwise. */
    public StringProperty warningProperty() { return warning; }
    public StringBinding commandLine() { return commandLine; }

    /** The format a source is in: what an importer recognises, else nwb for files. */
    static String detect(Path p) {
        for (String f : FORMATS) if (Importers.byFormat(f).recognises(p)) return f;
        return Files.isDirectory(p) ? "image-folder" : "nwb";
    }

    /** The arguments of {@code java -jar v1-workbench.jar}: exactly what import and preview run. */
    public List<String> args() {
        List<String> a = new ArrayList<>(List.of("import", format.get(), source.get() == null ? "SOURCE" : source.get().toString(),
                "--out", out.get() == null ? "DIR" : out.get().toString()));
        switch (format.get()) {
            case "nwb" -> {
                add(a, "--images", images.get());
                add(a, "--table", table.get());
                add(a, "--index-column", indexColumn.get());
                add(a, "--series", series.get());
                add(a, "--latency-s", latency.get());
                add(a, "--window-s", window.get());
            }
            case "image-folder" -> {
                add(a, "--responses", responsesCsv.get());
                add(a, "--size", size.get());
                add(a, "--window-s", window.get());
            }
            case "pvc8-raw" -> {
                add(a, "--images", imageVersion.get());
                add(a, "--latency-ms", latencyMs.get());
                add(a, "--window-ms", windowMs.get());
            }
            case "sensorium" -> add(a, "--window-s", window.get());
            default -> { } // pvc8-processed and npy take no options
        }
        return a;
    }

    private static void add(List<String> a, String option, String value) {
        if (value != null && !value.isBlank()) {
            a.add(option);
            a.add(value.strip());
        }
    }

    private static List<String> quoted(List<String> args) {
        List<String> q = new ArrayList<>(List.of("java", "-jar", "v1-workbench.jar"));
        for (String s : args) q.add(s.matches("[A-Za-z0-9_./+:=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'");
        return q;
    }

    /** The options as the importer takes them, parsed from the same strings as {@link #args()} (and as ImportCommand does). */
    ImportOptions options() {
        return switch (format.get()) {
            case "nwb" -> ImportOptions.nwb(images.get().isBlank() ? null : Path.of(images.get().strip()), blankToNull(table.get()),
                    blankToNull(indexColumn.get()), number("--latency-s", latency.get(), "seconds"), number("--window-s", window.get(), "seconds"),
                    blankToNull(series.get()));
            case "image-folder" -> new ImportOptions(null, null, null, pixels(size.get()),
                    responsesCsv.get().isBlank() ? null : Path.of(responsesCsv.get().strip()), number("--window-s", window.get(), "seconds"));
            case "pvc8-raw" -> new ImportOptions(number("--latency-ms", latencyMs.get(), "milliseconds"),
                    number("--window-ms", windowMs.get(), "milliseconds"), blankToNull(imageVersion.get()), null, null, null);
            case "sensorium" -> new ImportOptions(null, null, null, null, null, number("--window-s", window.get(), "seconds"));
            default -> ImportOptions.defaults();
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Double number(String option, String s, String unit) {
        if (s == null || s.isBlank()) return null;
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " must be a number of " + unit + ", not '" + s.strip() + "'");
        }
    }

    private static Integer pixels(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("--size must be a whole number of pixels, not '" + s.strip() + "'");
        }
    }

    /** Reads what an NWB file holds (tables, columns, series) in the background, to offer as choices. */
    public Task<NwbContents> inspect() {
        contents.set(null);
        tableChoices.clear();
        columnChoices.clear();
        seriesChoices.clear();
        Path p = source.get();
        reading = null;
        if (p == null || !format.get().equals("nwb")) return null;
        Task<NwbContents> t = new Task<>() {
            @Override protected NwbContents call() {
                updateMessage("Reading " + p.getFileName() + " ...");
                return NwbContents.read(p);
            }
        };
        reading = t;
        t.setOnSucceeded(e -> {
            if (reading != t) return;
            NwbContents c = t.getValue();
            contents.set(c);
            for (String s : c.indexSeries()) tableChoices.add(s);
            for (NwbContents.Table tb : c.tables()) tableChoices.add(tb.name());
            if (c.units() != null) seriesChoices.add("units");
            for (String s : c.responseSeries()) seriesChoices.add(s.replaceAll(" \\(.*", ""));
            fillColumns();
            message.set(c.problem() != null ? "The defaults would fail: " + c.problem()
                    : c.needs().isEmpty() ? "Ready: NWB " + c.version() + ", no options needed." : "Needs " + String.join("; ", c.needs()));
        });
        t.setOnFailed(e -> { if (reading == t) message.set(oneLine(t.getException())); });
        return tasks.runWithInlineErrors(t, false);
    }

    private void fillColumns() {
        columnChoices.clear();
        NwbContents c = contents.get();
        if (c == null) return;
        for (NwbContents.Table tb : c.tables())
            if (tb.name().equals(table.get()) || (table.get().isBlank() && tb.indexColumn() != null && c.tables().size() == 1))
                columnChoices.addAll(tb.columns());
    }

    /** What the import would make: the first images and the response matrix, nothing written. */
    public record Preview(Dataset dataset, List<javafx.scene.image.Image> thumbnails, javafx.scene.image.Image matrix, String summary,
                          String warning) {}

    /** Loads the dataset the command line would write, in the background, and shows it. */
    public Task<Preview> preview() {
        Path src = source.get();
        String f = format.get();
        Task<Preview> t = new Task<>() {
            @Override protected Preview call() {
                updateMessage("Previewing " + src.getFileName() + " ...");
                Dataset d = importer(f, src).load(src, options());
                return PreviewImages.of(d);
            }
        };
        t.setOnSucceeded(e -> {
            preview.set(t.getValue());
            message.set(t.getValue().summary());
            warning.set(t.getValue().warning());
        });
        t.setOnFailed(e -> message.set(oneLine(t.getException())));
        return tasks.runWithInlineErrors(t, true);
    }

    private static Importer importer(String format, Path src) {
        if (src == null) throw new BadInputException("choose a file or folder to import");
        return Importers.byFormat(format);
    }

    /** What an import wrote, and what its split leaves empty (see {@link TierCheck}). */
    public record Imported(Path dir, String warning) {}

    /** Runs the command line: imports and writes the dataset folder, then hands it to {@code done}. */
    public Task<Imported> runImport(Consumer<Path> done) {
        Path src = source.get(), dir = out.get();
        String f = format.get();
        Task<Imported> t = new Task<>() {
            @Override protected Imported call() throws Exception {
                if (dir == null) throw new BadInputException("choose the dataset folder to write (--out)");
                Importer importer = importer(f, src);
                ImportOptions o = options();
                updateMessage("Importing " + src.getFileName() + " ...");
                updateProgress(1, 3);
                Dataset d = importer.load(src, o);
                updateMessage("Writing " + dir + " ...");
                updateProgress(2, 3);
                DatasetFolder.write(d, dir);
                importer.writeExtras(src, o, dir);
                updateProgress(3, 3);
                return new Imported(dir, TierCheck.warning(d));
            }
        };
        t.setOnSucceeded(e -> {
            message.set("Imported to " + t.getValue().dir());
            warning.set(t.getValue().warning());
            done.accept(t.getValue().dir());
        });
        t.setOnFailed(e -> message.set(oneLine(t.getException())));
        return tasks.runWithInlineErrors(t, true);
    }

    /** One line for a failure: a bad input's own message, else the exception's. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof BadInputException)) t = t.getCause();
        if (t != null) return t.getMessage();
        return e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
