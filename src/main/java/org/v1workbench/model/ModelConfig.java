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

    public ModelConfig withSeed(long newSeed) {
        return new ModelConfig(preset, hyperparameters, newSeed);
    }
}
