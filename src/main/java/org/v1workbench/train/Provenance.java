package org.v1workbench.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.model.engine.TrainingEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a result was computed with, recorded beside it so that it can be reproduced (as Tribuo
 * attaches a provenance to every model and evaluation): the library versions and backend, and
 * the dataset's identity with its checksum ({@link DatasetIdentity}).
 */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Provenance() {}

    /** What {@code --version} prints and "Report a problem" gives to copy: the workbench's version, then Java and the system. */
    public static java.util.List<String> versionLines() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return java.util.List.of("V1 Workbench " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** The nd4j build loaded and each training-engine patch, on or off in this process ({@code --version --verbose}). */
    public static java.util.List<String> engineLines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(Backend.init().describe());
        lines.add("training engine:");
        for (TrainingEngine.Patch p : TrainingEngine.patches()) lines.add("  " + p.describe());
        return lines;
    }

    /**
     * The workbench, Java and nd4j versions, the backend variant and its binary level, threads,
     * CPU and the Java kernels training used in place of nd4j's: the {@code versions} an experiment's {@code config.json} records.
     */
    public static Map<String, String> versions(Backend.Info backend) {
        Map<String, String> versions = new LinkedHashMap<>();
        String v = Provenance.class.getPackage().getImplementationVersion();
        versions.put("workbench", v == null ? "development" : v);
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("nd4j", backend.nd4jVersion());
        versions.put("backend", "nd4j-native linux-x86_64-" + backend.variant());
        versions.put("binary_level", backend.binaryLevel());
        versions.put("threads", Integer.toString(backend.threads()));
        versions.put("cpu", backend.cpu());
        versions.put("java_kernels", backend.javaKernels());
        versions.put("engine_patches", TrainingEngine.activePatches());
        return versions;
    }

    /**
     * Writes a benchmark's provenance to {@code file} (JSON, atomically): the models, folds, seed
     * and hyperparameters set, the dataset's identity and checksum, and the {@link #versions}.
     */
    public static void writeBenchmark(Path file, Dataset data, List<String> models, int folds, long seed,
                                      Map<String, String> settings) throws IOException {
        write(file, "v1-workbench benchmark provenance 1", data, folds, seed, settings, m -> models.forEach(m.putArray("models")::add));
    }

    /**
     * Writes a sweep's provenance: as a benchmark's, with the preset, every setting tried (label
     * and values) and the one chosen.
     */
    public static void writeSweep(Path file, Dataset data, String preset, List<Sweep.Setting> settings, String chosen, int folds, long seed,
                                  Map<String, String> fixed) throws IOException {
        write(file, "v1-workbench sweep provenance 1", data, folds, seed, fixed, m -> {
            m.put("preset", preset);
            ObjectNode tried = m.putObject("swept");
            for (Sweep.Setting s : settings) {
                ObjectNode o = tried.putObject(s.label());
                s.values().forEach(o::put);
            }
            m.put("chosen", chosen);
        });
    }

    private static void write(Path file, String format, Dataset data, int folds, long seed, Map<String, String> settings,
                              java.util.function.Consumer<ObjectNode> own) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", format);
        own.accept(m);
        m.put("folds", folds);
        m.put("seed", seed);
        ObjectNode set = m.putObject("settings");
        new TreeMap<>(settings).forEach(set::put);
        DatasetIdentity.of(data).writeTo(m.putObject("dataset"));
        ObjectNode v = m.putObject("versions");
        versions(Backend.init()).forEach(v::put);
        AtomicFiles.writeFile(file, tmp -> JSON.writeValue(tmp.toFile(), m));
    }
}
