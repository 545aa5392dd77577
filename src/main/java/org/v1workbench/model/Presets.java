package org.v1workbench.model;

import org.v1workbench.data.BadInputException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The registry of presets, in the order the user sees them. */
public final class Presets {
    private static final List<Preset> ALL = List.of(new Kindel2019(), new CoreReadout(), new LinearNonlinear(),
            new Lnln(), new GaborEnergy(), new SharedCnn(), new Sensorium());

    private Presets() {}

    public static List<Preset> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Preset::name).toList();
    }

    /** The preset called {@code name}; a BadInputException listing the names otherwise. */
    public static Preset get(String name) {
        for (Preset p : ALL) if (p.name().equals(name)) return p;
        throw new BadInputException("unknown model preset '" + name + "' (one of: " + String.join(", ", names()) + ")");
    }

    /**
     * A complete configuration: the preset's defaults with {@code overrides} applied (unknown keys
     * are a BadInputException naming the valid ones) and the seed.
     */
    public static ModelConfig config(String preset, Map<String, String> overrides, long seed) {
        Preset p = get(preset);
        TreeMap<String, String> hp = new TreeMap<>(p.defaults());
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!hp.containsKey(e.getKey()))
                throw new BadInputException("preset " + preset + " has no hyperparameter '" + e.getKey() + "' (it has: "
                        + String.join(", ", hp.keySet()) + ")");
            hp.put(e.getKey(), e.getValue().trim());
        }
        ModelConfig c = new ModelConfig(preset, hp, seed);
        Hyperparameters.check(c);
        return c;
    }

    public static ModelConfig config(String preset, long seed) {
        return config(preset, Map.of(), seed);
    }
}
