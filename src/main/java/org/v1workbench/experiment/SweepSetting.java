package org.v1workbench.experiment;

import org.v1workbench.data.JsonFields;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes an experiment folder one setting of a sweep ({@link SettingFolder}): the sweep's
 * name (its {@code PREFIX}), the setting's label, the values the sweep varied (in the sweep's
 * key order), its number of folds, and whether the sweep chose it. Lists of experiments show
 * these beside the scores; a setting has no model to open.
 *
 * @param folds 0 where unknown (a setting folder written before this was recorded)
 */
public record SweepSetting(String sweep, String label, Map<String, String> swept, int folds, boolean chosen) {
    public SweepSetting {
        swept = Collections.unmodifiableMap(new LinkedHashMap<>(swept));
    }

    /** {@code PREFIX s3}: how legends and tables name a setting, unique across sweeps. */
    public String title() {
        return sweep + " " + label;
    }

    /**
     * The setting that {@code config} (a {@code config.json}) and {@code metrics} describe, or
     * null for a trained experiment. Folders written before the {@code "sweep"} block existed
     * are still recognised by their format: the sweep is named after the {@code PREFIX-settings}
     * folder, and the chosen setting is the one with a test score.
     */
    static SweepSetting read(Path dir, JsonFields config, JsonFields metrics) {
        if (!config.text("format", "").equals(SettingFolder.FORMAT)) return null;
        if (config.has("sweep")) {
            JsonFields s = config.object("sweep");
            return new SweepSetting(s.text("name"), s.text("setting"), s.textMapOrEmpty("swept"), s.integer("folds", 0), s.flag("chosen", false));
        }
        Path parent = dir.toAbsolutePath().normalize().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        String sweep = folder.endsWith(SettingFolder.SUFFIX) ? folder.substring(0, folder.length() - SettingFolder.SUFFIX.length()) : folder;
        String label = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return new SweepSetting(sweep, label, Map.of(), 0, metrics.has("test"));
    }
}
