package org.v1workbench.model;

import org.v1workbench.data.BadInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Every hyperparameter of every preset, generated from the components' typed options
 * ({@link Option} on records), in the order the training panel shows them. A preset names the
 * records it has ({@link Preset#options()}) and which
 * defaults it changes ({@link Preset#changedDefaults()}); the command line's {@code --set}, the
 * training panel, the benchmark and {@link #check} all read these declarations.
 */
public final class Hyperparameters {
    private Hyperparameters() {}

    private static final Map<String, Hyperparameter> ALL = new LinkedHashMap<>();

    /**
     * The options records whose declarations these are, in the training panel's order. A new
     * component's record is added here; a name declared by two records (a readout's penalty shared
     * with another) must be declared the same way in both.
     */
    static final List<Class<? extends Record>> RECORDS = List.of(TrainingOptions.class, KindelCore.Options.class,
            StackedConvCore.Options.class, FactorizedReadout.Options.class, CoreReadout.ReadoutChoice.class, GaussianReadout.Options.class,
            PointPooledReadout.Options.class, SharedCoreOption.class, CoreFromOptions.class, LinearNonlinear.Options.class,
            Lnln.Options.class, GaborEnergy.Options.class, SensoriumCore.Options.class, FullGaussianReadout.Options.class);

    /** What every preset has: the optimiser, early stopping, the learning-rate schedule and the loss ({@link TrainingOptions}). */
    static final List<String> TRAINING_KEYS = Options.names(TrainingOptions.class);

    static {
        for (Class<? extends Record> r : RECORDS)
            for (Hyperparameter h : Options.declarations(r)) {
                Hyperparameter before = ALL.putIfAbsent(h.name(), h);
                if (before != null && !before.equals(h))
                    throw new IllegalStateException("hyperparameter " + h.name() + " declared differently by " + r.getName());
            }
    }

    /** Every declaration, in the panel's order. */
    public static List<Hyperparameter> all() {
        return List.copyOf(ALL.values());
    }

    /** The declaration of {@code name}; null when there is none. */
    public static Hyperparameter find(String name) {
        return ALL.get(name);
    }

    /** The declaration of {@code name}; a programming error when there is none. */
    static Hyperparameter get(String name) {
        Hyperparameter h = ALL.get(name);
        if (h == null) throw new IllegalStateException("hyperparameter '" + name + "' is not declared in Hyperparameters");
        return h;
    }

    /** Why {@code value} is not valid for {@code name}; null when it is (an undeclared name is a problem too). */
    public static String problem(String name, String value) {
        Hyperparameter h = ALL.get(name);
        return h == null ? "no hyperparameter '" + name + "'" : h.problem(value);
    }

    /** The names of the presets that have {@code name}, in the registry's order. */
    public static List<String> presetsWith(String name) {
        List<String> out = new ArrayList<>();
        for (Preset p : Presets.all()) if (p.defaults().containsKey(name)) out.add(p.name());
        return Collections.unmodifiableList(out);
    }

    /** Checks every value of {@code config}; the first problem as a BadInputException naming the preset. */
    public static void check(ModelConfig config) {
        for (Map.Entry<String, String> e : config.hyperparameters().entrySet()) {
            String p = problem(e.getKey(), e.getValue());
            if (p != null) throw new BadInputException(config.preset() + ": " + p);
        }
    }

    /** The keys in declaration order (the order of the training panel and of reports). */
    static List<String> inOrder(java.util.Collection<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : ALL.keySet()) if (keys.contains(k)) out.add(k);
        for (String k : keys) if (!ALL.containsKey(k)) get(k); // undeclared: fails
        return out;
    }
}
