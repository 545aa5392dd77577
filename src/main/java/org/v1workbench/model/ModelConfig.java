package org.v1workbench.model;

import org.v1workbench.data.BadInputException;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything needed to rebuild a model exactly, given the same data: the preset's name, every
 * hyperparameter (defaults included, so that a later change of a default cannot change an old
 * experiment), and the seed. Immutable.
 *
 * <p>Hyperparameters are kept as the strings that were given (numbers in Java's own notation),
 * so a {@code config.json} round trip is exact.
 */
public record ModelConfig(String preset, SortedMap<String, String> hyperparameters, long seed) {
    public ModelConfig {
        Objects.requireNonNull(preset, "preset");
        hyperparameters = Collections.unmodifiableSortedMap(new TreeMap<>(hyperparameters));
    }

    /** A hyperparameter's text; a missing key is a programming error of the preset. */
    public String text(String key) {
        String v = hyperparameters.get(key);
        if (v == null) throw new IllegalArgumentException("preset " + preset + " has no hyperparameter '" + key + "'");
        return v;
    }

    public double number(String key) {
        String v = text(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("hyperparameter " + key + " of " + preset + " must be a number, not '" + v + "'");
        }
    }

    public int integer(String key) {
        String v = text(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("hyperparameter " + key + " of " + preset + " must be an integer, not '" + v + "'");
        }
    }

    public boolean flag(String key) {
        String v = text(key).trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new BadInputException("hyperparameter " + key + " of " + preset + " must be true or false, not '" + v + "'");
    }

    /** A copy with one hyperparameter changed (the key must exist). */
    public ModelConfig with(String key, String value) {
        text(key);
        TreeMap<String, String> m = new TreeMap<>(hyperparameters);
        m.put(key, value);
        return new ModelConfig(preset, m, seed);
    }

    /** A copy with several hyperparameters changed (every key must exist). */
    public ModelConfig with(Map<String, String> changes) {
        ModelConfig c = this;
        for (Map.Entry<String, String> e : changes.entrySet()) c = c.with(e.getKey(), e.getValue());
        return c;
    }

    /**
     * Values that reproduce how a configuration written before a hyperparameter existed was
     * trained: before {@code loss} every preset fitted Poisson, before {@code readout} the readout
     * was factorized, and so on. A key missing from an old file and not listed here gets the
     * preset's default (it changes nothing the old model did).
     */
    static final Map<String, String> BEFORE_IT_EXISTED = Map.of("loss", "poisson", "stop_on", "cc_norm", "weight_average", "0",
            "refit", "false", "readout", "factorized", "shared_core", "false", "core_from", "", "freeze_core", "false",
            "restore_rounds", "1");

    /**
     * This configuration as read from a file of an older version, upgraded in this one place: every
     * hyperparameter the preset now has and the file lacks, with the value that reproduces the old
     * behaviour ({@link #BEFORE_IT_EXISTED}, else the preset's default). Unchanged for an unknown preset.
     */
    public ModelConfig upgraded() {
        if (!Presets.names().contains(preset)) return this;
        TreeMap<String, String> m = new TreeMap<>(hyperparameters);
        for (Map.Entry<String, String> d : Presets.get(preset).defaults().entrySet())
            m.putIfAbsent(d.getKey(), BEFORE_IT_EXISTED.getOrDefault(d.getKey(), d.getValue()));
        return m.equals(hyperparameters) ? this : new ModelConfig(preset, m, seed);
    }

    public ModelConfig withSeed(long newSeed) {
        return new ModelConfig(preset, hyperparameters, newSeed);
    }
}
