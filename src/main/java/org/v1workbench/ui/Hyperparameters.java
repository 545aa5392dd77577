package org.v1workbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the training panel knows about each hyperparameter of the presets: its kind (which values
 * are valid), its group in the property sheet and one line of explanation. The presets hold the
 * defaults; this only checks what the user types, so that a mistake shows at the field, not as a
 * failed training minutes later. Keys it does not know are passed through unchecked (the training
 * service still checks them when it starts).
 */
final class Hyperparameters {
    private Hyperparameters() {}

    enum Kind {
        /** An integer of at least 1. */
        COUNT,
        /** A number above 0. */
        POSITIVE,
        /** A number of at least 0. */
        NON_NEGATIVE,
        /** A number in [0, 1). */
        FRACTION,
        /** A number in (0, 1]. */
        FACTOR,
        /** One of the listed words. */
        CHOICE,
        /** Comma-separated spatial frequencies in (0, 0.5] cycles per pixel. */
        FREQUENCIES,
        /** Anything (checked when training starts). */
        TEXT
    }

    record Spec(Kind kind, String group, String description, List<String> choices) {
        Spec(Kind kind, String group, String description) {
            this(kind, group, description, List.of());
        }
    }

    static final String TRAINING = "Training", ARCHITECTURE = "Architecture", PENALTIES = "Penalties";

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("lr", new Spec(Kind.POSITIVE, TRAINING, "Adam's learning rate")),
            Map.entry("weight_decay", new Spec(Kind.NON_NEGATIVE, TRAINING, "L2 weight decay added to the gradient (as PyTorch's Adam)")),
            Map.entry("batch_size", new Spec(Kind.COUNT, TRAINING, "images per gradient step")),
            Map.entry("max_epochs", new Spec(Kind.COUNT, TRAINING, "at most this many passes over the training images")),
            Map.entry("patience", new Spec(Kind.COUNT, TRAINING, "early stopping: epochs without a better validation score")),
            Map.entry("lr_decay", new Spec(Kind.FACTOR, TRAINING, "learning rate multiplied by this on a plateau (1 = off)")),
            Map.entry("lr_patience", new Spec(Kind.COUNT, TRAINING, "epochs without improvement before the learning rate decays")),
            Map.entry("min_lr", new Spec(Kind.NON_NEGATIVE, TRAINING, "the learning rate never decays below this")),
            Map.entry("conv1_filters", new Spec(Kind.COUNT, ARCHITECTURE, "filters of the first convolution")),
            Map.entry("conv1_size", new Spec(Kind.COUNT, ARCHITECTURE, "first convolution's kernel side (pixels)")),
            Map.entry("conv2_filters", new Spec(Kind.COUNT, ARCHITECTURE, "filters of the second convolution")),
            Map.entry("conv2_size", new Spec(Kind.COUNT, ARCHITECTURE, "second convolution's kernel side (pixels)")),
            Map.entry("dense", new Spec(Kind.COUNT, ARCHITECTURE, "units of the dense layer")),
            Map.entry("dropout", new Spec(Kind.FRACTION, PENALTIES, "dropout rate before the dense layer (training only)")),
            Map.entry("filters", new Spec(Kind.COUNT, ARCHITECTURE, "channels of every core layer")),
            Map.entry("first_size", new Spec(Kind.COUNT, ARCHITECTURE, "first core layer's kernel side (pixels)")),
            Map.entry("size", new Spec(Kind.COUNT, ARCHITECTURE, "kernel side of the later core layers (pixels)")),
            Map.entry("layers", new Spec(Kind.COUNT, ARCHITECTURE, "convolutional layers of the core")),
            Map.entry("activation", new Spec(Kind.CHOICE, ARCHITECTURE, "nonlinearity of the core", List.of("elu", "relu"))),
            Map.entry("laplace", new Spec(Kind.NON_NEGATIVE, PENALTIES, "smoothness penalty on the first-layer filters (squared Laplacian)")),
            Map.entry("l1_mask", new Spec(Kind.NON_NEGATIVE, PENALTIES, "L1 penalty on the readout's spatial masks")),
            Map.entry("l1_features", new Spec(Kind.NON_NEGATIVE, PENALTIES, "L1 penalty on the readout's feature weights")),
            Map.entry("init_sd", new Spec(Kind.POSITIVE, ARCHITECTURE, "standard deviation of the readout's initial weights")),
            Map.entry("smooth", new Spec(Kind.NON_NEGATIVE, PENALTIES, "smoothness penalty on each neuron's filter (chosen on validation)")),
            Map.entry("ridge", new Spec(Kind.NON_NEGATIVE, PENALTIES, "ridge penalty on the readout weights (chosen on validation)")),
            Map.entry("output", new Spec(Kind.CHOICE, ARCHITECTURE, "output nonlinearity", List.of("softplus", "exp"))),
            Map.entry("hidden1", new Spec(Kind.COUNT, ARCHITECTURE, "units of the first dense layer")),
            Map.entry("hidden2", new Spec(Kind.COUNT, ARCHITECTURE, "units of the second dense layer")),
            Map.entry("orientations", new Spec(Kind.COUNT, ARCHITECTURE, "Gabor orientations, evenly over 0 to 180 degrees")),
            Map.entry("sfs", new Spec(Kind.FREQUENCIES, ARCHITECTURE, "Gabor spatial frequencies, cycles per pixel, comma-separated")),
            Map.entry("sigma_cycles", new Spec(Kind.POSITIVE, ARCHITECTURE, "Gabor envelope sd in cycles of its carrier")),
            Map.entry("stride", new Spec(Kind.COUNT, ARCHITECTURE, "pixels between Gabor positions")));

    static Spec spec(String key) {
        return SPECS.getOrDefault(key, new Spec(Kind.TEXT, ARCHITECTURE, key));
    }

    /** Why {@code value} is not valid for {@code key}; null when it is. */
    static String problem(String key, String value) {
        Spec s = spec(key);
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) return key + " needs a value";
        switch (s.kind()) {
            case COUNT -> {
                try {
                    if (Integer.parseInt(v) < 1) return key + " must be a whole number of at least 1";
                } catch (NumberFormatException e) {
                    return key + " must be a whole number, not '" + v + "'";
                }
            }
            case POSITIVE, NON_NEGATIVE, FRACTION, FACTOR -> {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return key + " must be a number, not '" + v + "'";
                }
                if (!Double.isFinite(d)) return key + " must be a finite number";
                if (s.kind() == Kind.POSITIVE && !(d > 0)) return key + " must be above 0";
                if (s.kind() == Kind.NON_NEGATIVE && d < 0) return key + " must be 0 or more";
                if (s.kind() == Kind.FRACTION && !(d >= 0 && d < 1)) return key + " must be at least 0 and below 1";
                if (s.kind() == Kind.FACTOR && !(d > 0 && d <= 1)) return key + " must be above 0 and at most 1 (1 = off)";
            }
            case CHOICE -> {
                if (!s.choices().contains(v.toLowerCase(Locale.ROOT))) return key + " must be one of " + String.join(", ", s.choices());
            }
            case FREQUENCIES -> {
                for (String part : v.split(",")) {
                    try {
                        double f = Double.parseDouble(part.trim());
                        if (!(f > 0 && f <= 0.5)) return key + ": " + part.trim() + " is not in (0, 0.5] cycles per pixel";
                    } catch (NumberFormatException e) {
                        return key + ": '" + part.trim() + "' is not a number";
                    }
                }
            }
            case TEXT -> {
            }
        }
        return null;
    }
}
