package org.v1workbench.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.JsonFields;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Presets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model configuration in a file of its own: the preset, every hyperparameter, the seed and the
 * ensemble, what {@code train --config FILE} starts from. {@code sweep} writes its chosen setting
 * as one; an experiment's {@code config.json} is read the same way (it holds the same fields), so
 * {@code train --config EXP/config.json} trains an experiment's configuration again.
 * <pre>
 * {"format": "v1-workbench model configuration 1", "preset": "core-readout",
 *  "hyperparameters": {"lr": "0.003", ...every one...}, "seed": 0, "ensemble": 1,
 *  "note": "why this configuration (optional)"}
 * </pre>
 */
public final class ConfigFile {
    public static final String FORMAT = "v1-workbench model configuration 1";

    private ConfigFile() {}

    /** What a configuration file holds. */
    public record Loaded(ModelConfig config, int ensemble) {}

    /** Writes {@code config} to {@code file} (JSON, atomically); {@code note} says where it came from (may be empty). */
    public static void write(Path file, ModelConfig config, int ensemble, String note) throws IOException {
        ObjectNode m = Experiment.JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("preset", config.preset());
        ObjectNode hp = m.putObject("hyperparameters");
        new TreeMap<>(config.hyperparameters()).forEach(hp::put);
        m.put("seed", config.seed());
        m.put("ensemble", ensemble);
        if (note != null && !note.isEmpty()) m.put("note", note);
        AtomicFiles.writeFile(file, tmp -> Experiment.JSON.writeValue(tmp.toFile(), m));
    }

    /**
     * Reads a configuration file (or an experiment's {@code config.json}), checked against the
     * hyperparameter declarations as {@code --set} is: a BadInputException names the file and
     * what is wrong (an unknown preset or key, a value out of range, a missing field).
     */
    public static Loaded read(Path file) {
        JsonFields f = JsonFields.read(file, "missing");
        String preset = f.text("preset");
        Map<String, String> hp = f.textMap("hyperparameters");
        long seed = f.has("seed") ? f.longInteger("seed") : 0;
        int ensemble = f.integer("ensemble", 1);
        if (ensemble < 1) throw f.bad("ensemble", "must be at least 1, not " + ensemble);
        try {
            return new Loaded(Presets.config(preset, hp, seed), ensemble);
        } catch (BadInputException e) {
            throw new BadInputException(file, e.getMessage(), e);
        }
    }
}
