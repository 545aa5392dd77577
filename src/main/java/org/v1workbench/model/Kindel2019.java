package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;
import java.util.Map;

/**
 * The CNN of Kindel, Christensen and Zylberberg (2019) as its code release and
 * {@code bench/pvc8_reference.py} define it: conv 7x7x16 ReLU (valid), max-pool 3/2, conv 7x7x32
 * ReLU, max-pool 3/2, dropout 0.35 (training only), dense 300 ReLU, dense one-per-neuron softplus;
 * Poisson loss; Adam, learning rate 1e-3, weight decay 1e-4, batch 50; early stopping on the
 * validation images' mean Pearson r (as their code and the reference: CC_norm, the default of the
 * other presets, divides each neuron's r by a noise ceiling that is itself noisy on a few dozen
 * validation images) with patience 30, at most 400 epochs. All neurons of one session are fit
 * jointly; a multi-session dataset gets one model per session.
 */
class Kindel2019 extends Preset {
    @Override public String name() { return "kindel2019"; }

    @Override public String description() {
        return "Kindel et al. (2019) CNN: conv 7x7x16, pool, conv 7x7x32, pool, dense 300, softplus; one model per session";
    }

    @Override List<String> ownHyperparameters() {
        return List.of("conv1_filters", "conv1_size", "conv2_filters", "conv2_size", "dense", "dropout", "shared_core", "core_from", "freeze_core");
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("weight_decay", "1e-4", "stop_on", "cc_abs");
    }

    /** With {@code shared_core}: one network (convolutions, dense layer) for the neurons of all sessions, an output unit each. */
    @Override public boolean sharesAcrossSessions(ModelConfig config) {
        return config.hyperparameters().getOrDefault("shared_core", "false").equals("true");
    }

    /** The two convolutions and the dense layer: everything but the per-neuron output weights. */
    @Override public List<String> coreParameterPrefixes() {
        return List.of("conv1_", "conv2_", "dense_");
    }

    @Override Network define(Layers l) {
        ModelConfig c = l.config;
        int f1 = c.integer("conv1_filters"), k1 = c.integer("conv1_size"), f2 = c.integer("conv2_filters"),
                k2 = c.integer("conv2_size"), dense = c.integer("dense");
        double dropout = c.number("dropout");
        int h = l.valid(l.valid(l.valid(l.valid(l.spec.height(), k1, 1, "conv1"), 3, 2, "pool1"), k2, 1, "conv2"), 3, 2, "pool2");
        int w = l.valid(l.valid(l.valid(l.valid(l.spec.width(), k1, 1, "conv1"), 3, 2, "pool1"), k2, 1, "conv2"), 3, 2, "pool2");
        int features = f2 * h * w;

        // ReLU after max-pooling: the same function and gradient as before it (ReLU is monotonic,
        // so it commutes with max), on a 4 to 5 times smaller array.
        SDVariable x = l.input();
        SDVariable a = l.sd.nn.relu(l.maxPool("pool1", l.conv("conv1", x, 1, f1, k1, false), 3, 2), 0);
        a = l.sd.nn.relu(l.maxPool("pool2", l.conv("conv2", a, f1, f2, k2, false), 3, 2), 0);
        SDVariable flat = a.reshape(-1, features);
        if (dropout > 0) flat = l.dropout(flat, features);
        SDVariable hidden = l.sd.nn.relu(l.dense("dense", flat, features, dense), 0);
        return l.finish(l.output(l.readoutDense("out", hidden, dense)));
    }
}
