package org.v1workbench.model;

import java.util.List;
import java.util.Map;

import static org.v1workbench.model.Hyperparameter.Kind.CHOICE;

/**
 * A shared convolutional core with a readout per neuron (Klindt et al. 2017; Lurz et al. 2021):
 * {@link StackedConvCore} (conv 13x13x32, then two 3x3x32, each ELU, valid padding, a Laplacian
 * smoothness penalty on the first layer) read by a {@link FactorizedReadout} (a spatial mask times
 * feature weights, the default) or a {@link GaussianReadout} (features read at one learned
 * position); softplus output, Poisson loss. The core may be shared by the neurons of several sessions.
 */
final class CoreReadout extends ComponentPreset {
    /** Which readout. A new readout adds its name here and its line to {@link #readout(ModelConfig)}. */
    public record ReadoutChoice(
            @Option(name = "readout", kind = CHOICE, value = "factorized", choices = {"factorized", "gaussian", "point-pooled"},
                    help = "per-neuron readout: a spatial mask times feature weights, features read at one learned position "
                            + "(Gaussian, jittered while training), or read at one position from the map and its average-pooled copies (point-pooled)")
            String readout) {}

    @Override public String name() { return "core-readout"; }

    @Override public String description() {
        return "shared 3-layer conv core (13x13, 3x3, 3x3, 32 channels) + factorized readout (mask x features), Poisson";
    }

    @Override List<Class<? extends Record>> options() {
        return List.of(StackedConvCore.Options.class, FactorizedReadout.Options.class, ReadoutChoice.class, GaussianReadout.Options.class,
                PointPooledReadout.Options.class, CoreFromOptions.class);
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("batch_size", "64", "lr_decay", "0.3");
    }

    @Override public boolean sharesAcrossSessions(ModelConfig config) {
        return true;
    }

    @Override StackedConvCore core(ModelConfig config) {
        return new StackedConvCore(config);
    }

    @Override Readout readout(ModelConfig config) {
        return switch (Options.read(ReadoutChoice.class, config).readout()) {
            case "gaussian" -> new GaussianReadout(config);
            case "point-pooled" -> new PointPooledReadout(config);
            default -> new FactorizedReadout(config);
        };
    }

    /** Where grid pixel 0 of the core's output sits in the image, and the grid's size {@code {offset, height, width}}. */
    static int[] grid(ModelConfig c, NetworkSpec spec) {
        return new StackedConvCore(c).grid(spec);
    }
}
