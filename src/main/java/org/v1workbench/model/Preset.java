package org.v1workbench.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named, reproducible model: its hyperparameters with their defaults, and how it builds its
 * SameDiff graph. Presets are stateless; {@link Presets} lists them.
 *
 * <p>Every preset shares the training hyperparameters ({@link #TRAINING_DEFAULTS}): Adam's
 * learning rate {@code lr}, {@code weight_decay} (L2 added to the gradient, as PyTorch's Adam
 * does), {@code batch_size}, {@code max_epochs}, early-stopping {@code patience} (epochs without
 * a better validation score), and learning-rate decay on plateau: after {@code lr_patience}
 * epochs without improvement the rate is multiplied by {@code lr_decay} (1 = off), down to
 * {@code min_lr}; and the data term of the {@code loss}: {@code poisson} (the negative
 * log-likelihood of spike counts, the default) or {@code mse} (squared error).
 */
public abstract class Preset {
    static final Map<String, String> TRAINING_DEFAULTS = Map.of(
            "lr", "0.001", "weight_decay", "0", "batch_size", "50", "max_epochs", "400", "patience", "30",
            "lr_decay", "1", "lr_patience", "10", "min_lr", "1e-5", "loss", "poisson");

    Preset() {}

    public abstract String name();

    /** One line for {@code --help} and the window's model list. */
    public abstract String description();

    /** The preset's own hyperparameters (architecture, penalties) and changed training defaults. */
    abstract Map<String, String> ownDefaults();

    /** Every hyperparameter with its default value. */
    public final Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>(new java.util.TreeMap<>(TRAINING_DEFAULTS));
        m.putAll(ownDefaults());
        return m;
    }

    /**
     * Whether one model may fit the neurons of several sessions at once (a shared core). When
     * false, a multi-session dataset trains one model per session, as Kindel et al. did.
     */
    public boolean sharesAcrossSessions() {
        return false;
    }

    /**
     * Hyperparameter settings to try, each trained in full; the one with the best validation
     * score is kept (a penalty chosen on the validation tier). One empty map: no search.
     */
    public List<Map<String, String>> validationSearch() {
        return List.of(Map.of());
    }

    /** Builds the graph into {@code layers} and returns the network. */
    abstract Network define(Layers layers);
}
