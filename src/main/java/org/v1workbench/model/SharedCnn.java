package org.v1workbench.model;

import java.util.Map;

/**
 * The network of {@link Kindel2019} as a core shared by the neurons of every session, with a
 * readout per neuron: its two convolutions and its dense layer are the core, each neuron's output
 * unit (a weighted sum of the 300 dense features, softplus) its readout. The pvc-8 sessions saw
 * the same 270 images, so one network serves all 221 neurons and trains once per fold instead of
 * seven times. Shared or not, the network predicted as well (7-fold mean r 0.591 against 0.596 at
 * the paper's Adam 1e-3; 0.606 both at 3e-4, this preset's rate, chosen on those folds; 2e-4:
 * 0.607, 5e-4: 0.601).
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
