package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;
import java.util.Map;

/**
 * The linear-nonlinear Poisson model: one linear filter over the pixels per neuron, a softplus
 * (or exponential) output, Poisson loss. Penalties per neuron (summed over its filter, averaged
 * over neurons): {@code smooth} on the squared discrete Laplacian of the filter seen as an image,
 * {@code ridge} on its squared weights. Filters start at zero (predictions at each neuron's
 * mean rate). The smoothness is chosen on the validation tier from
 * {@link #validationSearch()}.
 */
final class LinearNonlinear extends Preset {
    @Override public String name() { return "ln"; }

    @Override public String description() {
        return "linear-nonlinear Poisson: a smooth linear filter on the pixels per neuron, softplus or exp output";
    }

    /** The linear-nonlinear model's options. */
    public record Options(
            @Option(name = "smooth", kind = Hyperparameter.Kind.NON_NEGATIVE, group = Hyperparameter.PENALTIES, value = "1",
                    help = "smoothness penalty on each neuron's filter (chosen on validation)") double smooth,
            @Option(name = "ridge", kind = Hyperparameter.Kind.NON_NEGATIVE, group = Hyperparameter.PENALTIES, value = "0.01",
                    help = "ridge penalty on the readout weights (chosen on validation)") double ridge,
            @Option(name = "output", kind = Hyperparameter.Kind.CHOICE, value = "softplus", choices = {"softplus", "exp"},
                    help = "output nonlinearity") String output) {}

    @Override List<Class<? extends Record>> options() {
        return List.of(Options.class);
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("lr", "0.003", "patience", "20");
    }

    @Override public List<Map<String, String>> validationSearch() {
        return List.of(Map.of("smooth", "0.1"), Map.of("smooth", "1"), Map.of("smooth", "10"));
    }

    @Override Network define(Layers l) {
        ModelConfig c = l.config;
        int h = l.spec.height(), w = l.spec.width(), n = l.spec.neurons();
        SDVariable pixels = l.input().reshape(-1, (long) h * w);
        SDVariable filter = l.zeros("filter", (long) h * w, n); // a convex problem: start from the mean rate
        SDVariable drive = pixels.mmul(filter).add(l.outputBias("bias"));
        SDVariable asImages = filter.permute(1, 0).reshape(n, 1, h, w);
        l.penalise(c.number("smooth") / n, l.laplacianSquared("smoothness", asImages));
        l.penalise(c.number("ridge") / n, l.sd.math.square(filter).sum());
        return l.finish(l.rate(drive, c.text("output")));
    }
}
