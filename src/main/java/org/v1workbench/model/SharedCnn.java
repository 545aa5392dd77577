package org.v1workbench.model;

import java.util.Map;

/**
 * The network of {@link Kindel2019} as a core shared by the neurons of every session, with a
 * readout per neuron: its two convolutions and its dense layer are the core, each neuron's output
 * unit (a weighted sum of the 300 dense features, softplus) its readout. The pvc-8 sessions saw
 * the same 270 images, so one network learns from all 221 neurons at once, seven times as many as
 * a session has. With the paper's learning rate (Adam 1e-3) the shared network was level with one
 * network per session (7-fold mean r 0.591 against 0.596); at 3e-4 it reached 0.606 (2e-4: 0.607,
 * 5e-4: 0.601), chosen on the shared sessions' folds.
 */
final class SharedCnn extends Kindel2019 {
    @Override public String name() { return "shared-cnn"; }

    @Override public String description() {
        return "the kindel2019 network as one core for all sessions (convolutions and dense layer) with a readout per neuron; Adam lr 3e-4";
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("weight_decay", "1e-4", "shared_core", "true", "lr", "0.0003");
    }
}
