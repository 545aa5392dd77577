package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;
import java.util.Map;

/**
 * The LNLN baseline of Kindel et al. (2019): pixels through two fully connected ReLU layers
 * ({@code hidden1}, {@code hidden2} units), then one softplus output per neuron; Poisson loss,
 * Adam with weight decay, early stopping, one model per session.
 */
final class Lnln extends Preset {
    @Override public String name() { return "lnln"; }

    @Override public String description() {
        return "LNLN: pixels -> dense ReLU -> dense ReLU -> softplus per neuron (Kindel et al. 2019 baseline)";
    }

    /** The LNLN model's options. */
    public record Options(
            @Option(name = "hidden1", kind = Hyperparameter.Kind.COUNT, value = "300", help = "units of the first dense layer") int hidden1,
            @Option(name = "hidden2", kind = Hyperparameter.Kind.COUNT, value = "300", help = "units of the second dense layer") int hidden2) {}

    @Override List<Class<? extends Record>> options() {
        return List.of(Options.class);
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("weight_decay", "1e-4");
    }

    @Override Network define(Layers l) {
        ModelConfig c = l.config;
        int hw = l.spec.height() * l.spec.width(), h1 = c.integer("hidden1"), h2 = c.integer("hidden2");
        SDVariable x = l.input().reshape(-1, hw);
        SDVariable a = l.sd.nn.relu(l.dense("dense1", x, hw, h1), 0);
        a = l.sd.nn.relu(l.dense("dense2", a, h1, h2), 0);
        return l.finish(l.output(l.readoutDense("out", a, h2)));
    }
}
