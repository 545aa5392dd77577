package org.v1workbench.ui.shell;

/** The workbench's workspaces, one tab each. */
public enum Workspace {
    DATASET("Dataset", "The dataset browser pages through the stimuli and shows every neuron's responses, over repeats."),
    TRAINING("Training", "The training panel shows presets, hyperparameters and live loss and CC_norm curves of running and finished trainings."),
    INSPECTOR("Inspector", "The neuron inspector compares predicted and recorded responses (CC_abs, CC_max, CC_norm) and shows each neuron's receptive field, tuning curves and most exciting inputs."),
    FILTERS("Filters", "The filter view shows a model's first-layer filters, the most exciting inputs of many neurons, and which neurons use each filter.");

    private final String title;
    private final String description;

    Workspace(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    /** What the workspace shows, in one sentence (its tab's tooltip). */
    public String description() {
        return description;
    }

    /** The name used by {@code snapshot --view}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
