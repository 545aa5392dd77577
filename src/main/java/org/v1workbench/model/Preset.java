package org.v1workbench.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named, reproducible model: which hyperparameters it has (declared in {@link Hyperparameters}),
 * the defaults it changes, and how it builds its SameDiff graph. Presets are stateless;
 * {@link Presets} lists them.
 *
 * <p>Every preset shares the training hyperparameters ({@link Hyperparameters#TRAINING_KEYS}): Adam's
 * learning rate {@code lr}, {@code weight_decay} (L2 added to the gradient, as PyTorch's Adam
 * does), {@code batch_size}, {@code max_epochs}, early-stopping {@code patience} (epochs without
 * a better validation score), and learning-rate decay on plateau: after {@code lr_patience}
 * epochs without improvement the rate is multiplied by {@code lr_decay} (1 = off), down to
 * {@code min_lr}; and the data term of the {@code loss}: {@code poisson} (the negative
 * log-likelihood of spike counts), {@code mse} (squared error), or {@code auto} (the default:
 * Poisson for non-negative responses, squared error for a signed signal such as dF/F).
 */
public abstract class Preset {
    Preset() {}

    public abstract String name();

    /** One line for {@code --help} and the window's model list. */
    public abstract String description();

    /** The typed options of the preset's components beyond {@link TrainingOptions} (architecture, penalties). */
    abstract List<Class<? extends Record>> options();

    /** The preset's own hyperparameters beyond the training ones: those its {@link #options()} declare, in order. */
    final List<String> ownHyperparameters() {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        for (Class<? extends Record> o : options()) keys.addAll(Options.names(o));
        return List.copyOf(keys);
    }

    /** Defaults this preset sets differently from the declarations, by name (its own or training ones). */
    Map<String, String> changedDefaults() {
        return Map.of();
    }

    /** Every hyperparameter with its default value, in the declarations' order. */
    public final Map<String, String> defaults() {
        List<String> keys = new java.util.ArrayList<>(Hyperparameters.TRAINING_KEYS);
        keys.addAll(ownHyperparameters());
        Map<String, String> changed = changedDefaults();
        for (String k : changed.keySet())
            if (!keys.contains(k)) throw new IllegalStateException(name() + " changes the default of '" + k + "', which it does not have");
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : Hyperparameters.inOrder(keys)) m.put(k, changed.getOrDefault(k, Hyperparameters.get(k).defaultValue()));
        return m;
    }

    /**
     * Whether one model may fit the neurons of several sessions at once (a shared core). When
     * false, a multi-session dataset trains one model per session, as Kindel et al. did.
     */
    public boolean sharesAcrossSessions(ModelConfig config) {
        return false;
    }

    /**
     * Hyperparameter settings to try, each trained in full; the one with the best validation
     * score is kept (a penalty chosen on the validation tier). One empty map: no search.
     */
    public List<Map<String, String>> validationSearch() {
        return List.of(Map.of());
    }

    /**
     * Name prefixes of the parameters that make up the preset's core: the layers shared by all the
     * neurons it predicts, which {@code train --core-from} carries from one experiment to another.
     * Empty: the preset has no core to transfer.
     */
    public List<String> coreParameterPrefixes() {
        return List.of();
    }

    /**
     * What this preset's components declare for {@code config} and {@code spec} besides the
     * saved graph (which keeps only the placeholders and values): the extra inputs, the batch-norm
     * layers and the clamped parameters, from a throwaway definition of the network, so that each
     * declaration stays in one place, its component.
     */
    final Layers declarations(ModelConfig config, NetworkSpec spec) {
        Layers l = new Layers(config, spec, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        define(l);
        return l;
    }

    /** Where grid pixel 0 of the map a readout reads sits in the image, and the grid's size {@code {offset, height, width}}. */
    int[] readoutGrid(ModelConfig config, NetworkSpec spec) {
        return CoreReadout.grid(config, spec);
    }

    /** Builds the graph into {@code layers} and returns the network. */
    abstract Network define(Layers layers);
}
