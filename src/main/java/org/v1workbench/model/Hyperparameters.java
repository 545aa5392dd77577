package org.v1workbench.model;

import org.v1workbench.data.BadInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.v1workbench.model.Hyperparameter.ARCHITECTURE;
import static org.v1workbench.model.Hyperparameter.Kind;
import static org.v1workbench.model.Hyperparameter.PENALTIES;
import static org.v1workbench.model.Hyperparameter.TRAINING;

/**
 * Every hyperparameter of every preset, declared once, in the order the training panel shows
 * them. A preset names which of these it has ({@link Preset#ownHyperparameters()}) and which
 * defaults it changes ({@link Preset#changedDefaults()}); the command line's {@code --set}, the
 * training panel, the benchmark and {@link #check} all read these declarations.
 */
public final class Hyperparameters {
    private Hyperparameters() {}

    private static final Map<String, Hyperparameter> ALL = new LinkedHashMap<>();

    private static void declare(String name, Kind kind, String group, String defaultValue, String description, String... choices) {
        if (ALL.put(name, new Hyperparameter(name, kind, group, description, defaultValue, List.of(choices))) != null)
            throw new IllegalStateException("hyperparameter " + name + " declared twice");
    }

    /** What every preset has: the optimiser, early stopping, the learning-rate schedule and the loss. */
    static final List<String> TRAINING_KEYS = List.of("lr", "weight_decay", "batch_size", "max_epochs", "patience",
            "lr_decay", "lr_patience", "min_lr", "loss", "stop_on", "weight_average", "refit");

    static {
        declare("lr", Kind.POSITIVE, TRAINING, "0.001", "Adam's learning rate");
        declare("weight_decay", Kind.NON_NEGATIVE, TRAINING, "0", "L2 weight decay added to the gradient (as PyTorch's Adam)");
        declare("batch_size", Kind.COUNT, TRAINING, "50", "images per gradient step");
        declare("max_epochs", Kind.COUNT, TRAINING, "400", "at most this many passes over the training images");
        declare("patience", Kind.COUNT, TRAINING, "30", "early stopping: epochs without a better validation score");
        declare("lr_decay", Kind.FACTOR, TRAINING, "1", "learning rate multiplied by this on a plateau (1 = off)");
        declare("lr_patience", Kind.COUNT, TRAINING, "10", "epochs without improvement before the learning rate decays");
        declare("min_lr", Kind.NON_NEGATIVE, TRAINING, "1e-5", "the learning rate never decays below this");
        declare("loss", Kind.CHOICE, TRAINING, "auto",
                "data term: Poisson negative log-likelihood (spike counts and other non-negative responses), squared error "
                        + "(a signed signal such as dF/F or z-scores), or auto: whichever fits the dataset's kind of responses",
                "auto", "poisson", "mse");
        declare("weight_average", Kind.FRACTION, TRAINING, "0",
                "validate and keep a moving average of the weights (Polyak averaging), this decay per batch (e.g. 0.95); 0 = off");
        declare("refit", Kind.FLAG, TRAINING, "false",
                "after early stopping, train the network afresh on the training and validation images together for the best "
                        + "epoch count and keep that (a fifth more data; the validation score stays the first fit's)");
        declare("stop_on", Kind.CHOICE, TRAINING, "cc_norm",
                "early-stopping score, the mean over the run's neurons on the validation images: CC_norm where the data have repeats "
                        + "(each neuron's r divided by its noise ceiling, estimated on those images; Pearson r without repeats), "
                        + "or always Pearson r (as Kindel et al.'s code and the PyTorch reference)",
                "cc_norm", "cc_abs");

        declare("conv1_filters", Kind.COUNT, ARCHITECTURE, "16", "filters of the first convolution");
        declare("conv1_size", Kind.COUNT, ARCHITECTURE, "7", "first convolution's kernel side (pixels)");
        declare("conv2_filters", Kind.COUNT, ARCHITECTURE, "32", "filters of the second convolution");
        declare("conv2_size", Kind.COUNT, ARCHITECTURE, "7", "second convolution's kernel side (pixels)");
        declare("dense", Kind.COUNT, ARCHITECTURE, "300", "units of the dense layer");
        declare("dropout", Kind.FRACTION, PENALTIES, "0.35", "dropout rate before the dense layer (training only)");

        declare("filters", Kind.COUNT, ARCHITECTURE, "32", "channels of every core layer");
        declare("first_size", Kind.COUNT, ARCHITECTURE, "13", "first core layer's kernel side (pixels)");
        declare("size", Kind.COUNT, ARCHITECTURE, "3", "kernel side of the later core layers (pixels)");
        declare("layers", Kind.COUNT, ARCHITECTURE, "3", "convolutional layers of the core");
        declare("activation", Kind.CHOICE, ARCHITECTURE, "elu", "nonlinearity of the core", "elu", "relu");
        declare("laplace", Kind.NON_NEGATIVE, PENALTIES, "0.01", "smoothness penalty on the first-layer filters (squared Laplacian)");
        declare("l1_mask", Kind.NON_NEGATIVE, PENALTIES, "0.001", "L1 penalty on the readout's spatial masks");
        declare("l1_features", Kind.NON_NEGATIVE, PENALTIES, "0.001", "L1 penalty on the readout's feature weights");
        declare("init_sd", Kind.POSITIVE, ARCHITECTURE, "0.01", "standard deviation of the readout's initial weights");
        declare("readout", Kind.CHOICE, ARCHITECTURE, "factorized",
                "per-neuron readout: a spatial mask times feature weights, or features read at one learned position (Gaussian)",
                "factorized", "gaussian");
        declare("init_mu_range", Kind.FACTOR, ARCHITECTURE, "0.3",
                "Gaussian readout: initial positions uniform within this fraction of the grid's half-width around its centre");
        declare("init_sigma", Kind.POSITIVE, ARCHITECTURE, "0.5",
                "Gaussian readout: initial spread of the read position while training (fraction of the grid's half-width)");

        declare("shared_core", Kind.FLAG, ARCHITECTURE, "false",
                "one network for the neurons of all sessions (which saw the same images), an output unit each; false: one network per session");
        declare("core_from", Kind.TEXT, TRAINING, "",
                "start from the core of this experiment folder (same preset and core shape); empty: a fresh core");
        declare("freeze_core", Kind.FLAG, TRAINING, "false", "with core_from: keep the transferred core fixed and fit only the readouts");

        declare("smooth", Kind.NON_NEGATIVE, PENALTIES, "1", "smoothness penalty on each neuron's filter (chosen on validation)");
        declare("ridge", Kind.NON_NEGATIVE, PENALTIES, "0.01", "ridge penalty on the readout weights (chosen on validation)");
        declare("output", Kind.CHOICE, ARCHITECTURE, "softplus", "output nonlinearity", "softplus", "exp");
        declare("hidden1", Kind.COUNT, ARCHITECTURE, "300", "units of the first dense layer");
        declare("hidden2", Kind.COUNT, ARCHITECTURE, "300", "units of the second dense layer");
        declare("orientations", Kind.COUNT, ARCHITECTURE, "8", "Gabor orientations, evenly over 0 to 180 degrees");
        declare("sfs", Kind.FREQUENCIES, ARCHITECTURE, "0.04,0.08,0.16", "Gabor spatial frequencies, cycles per pixel, comma-separated");
        declare("sigma_cycles", Kind.POSITIVE, ARCHITECTURE, "0.5", "Gabor envelope sd in cycles of its carrier");
        declare("stride", Kind.COUNT, ARCHITECTURE, "3", "pixels between Gabor positions");
    }

    /** Every declaration, in the panel's order. */
    public static List<Hyperparameter> all() {
        return List.copyOf(ALL.values());
    }

    /** The declaration of {@code name}; null when there is none. */
    public static Hyperparameter find(String name) {
        return ALL.get(name);
    }

    /** The declaration of {@code name}; a programming error when there is none. */
    static Hyperparameter get(String name) {
        Hyperparameter h = ALL.get(name);
        if (h == null) throw new IllegalStateException("hyperparameter '" + name + "' is not declared in Hyperparameters");
        return h;
    }

    /** Why {@code value} is not valid for {@code name}; null when it is (an undeclared name is a problem too). */
    public static String problem(String name, String value) {
        Hyperparameter h = ALL.get(name);
        return h == null ? "no hyperparameter '" + name + "'" : h.problem(value);
    }

    /** The names of the presets that have {@code name}, in the registry's order. */
    public static List<String> presetsWith(String name) {
        List<String> out = new ArrayList<>();
        for (Preset p : Presets.all()) if (p.defaults().containsKey(name)) out.add(p.name());
        return Collections.unmodifiableList(out);
    }

    /** Checks every value of {@code config}; the first problem as a BadInputException naming the preset. */
    public static void check(ModelConfig config) {
        for (Map.Entry<String, String> e : config.hyperparameters().entrySet()) {
            String p = problem(e.getKey(), e.getValue());
            if (p != null) throw new BadInputException(config.preset() + ": " + p);
        }
    }

    /** The keys in declaration order (the order of the training panel and of reports). */
    static List<String> inOrder(java.util.Collection<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : ALL.keySet()) if (keys.contains(k)) out.add(k);
        for (String k : keys) if (!ALL.containsKey(k)) get(k); // undeclared: fails
        return out;
    }
}
