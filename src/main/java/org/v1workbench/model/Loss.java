package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.v1workbench.data.BadInputException;

import java.util.Locale;

/**
 * The data term of training, one definition for the graph that trains and for the validation
 * loss that the trainer reports beside it (so that the two curves of a run measure the same
 * thing). Per entry, for a predicted count {@code rate} and a recorded {@code label}.
 */
public enum Loss {
    /** Poisson negative log-likelihood up to a constant: {@code rate - label * log(rate + 1e-8)}. */
    POISSON {
        @Override public double of(double rate, double label) {
            return rate - label * Math.log(rate + EPS);
        }

        @Override SDVariable of(SDVariable rate, SDVariable label) {
            return rate.sub(label.mul(rate.getSameDiff().math.log(rate.add(EPS))));
        }

        @Override public double unitSlopeLabel(double rate) {
            return 0;
        }
    },
    /** Squared error {@code (rate - label)^2}. */
    MSE {
        @Override public double of(double rate, double label) {
            double d = rate - label;
            return d * d;
        }

        @Override SDVariable of(SDVariable rate, SDVariable label) {
            return rate.getSameDiff().math.square(rate.sub(label));
        }

        @Override public double unitSlopeLabel(double rate) {
            return rate - 0.5;
        }
    };

    static final double EPS = 1e-8;

    /** The loss of one entry. */
    public abstract double of(double rate, double label);

    /**
     * The label at which this loss's derivative by the rate is 1 at {@code rate}: the input
     * gradient of the loss there is the gradient of the rate itself (receptive fields and most
     * exciting inputs are taken through the training graph's loss). Poisson: 0; squared error:
     * {@code rate - 1/2}.
     */
    public abstract double unitSlopeLabel(double rate);

    /** The same per entry, as graph operations on arrays of equal shape. */
    abstract SDVariable of(SDVariable rate, SDVariable label);

    /** What {@code loss = auto} (the default) means: Poisson for non-negative responses, squared error for a signed signal. */
    public static Loss forResponses(boolean signed) {
        return signed ? MSE : POISSON;
    }

    /**
     * The loss a configuration names for responses that are {@code signed} or not
     * (configurations saved before the loss was a choice are upgraded to Poisson when read,
     * {@link ModelConfig#upgraded}). Poisson on a signed signal
     * is refused: its log-likelihood has no meaning for negative values.
     */
    public static Loss of(ModelConfig config, boolean signed) {
        String kind = config.text("loss").trim().toLowerCase(Locale.ROOT);
        Loss loss = switch (kind) {
            case "auto" -> forResponses(signed);
            case "poisson" -> POISSON;
            case "mse" -> MSE;
            default -> throw new BadInputException("loss must be auto, poisson or mse, not '" + kind + "'");
        };
        if (loss == POISSON && signed)
            throw new BadInputException("loss=poisson needs non-negative responses (spike counts, rates, deconvolved events), but these "
                    + "are a signed signal with real negative values: use loss=mse or loss=auto");
        return loss;
    }

    /** The name of this loss in a configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code config} with {@code loss = auto} replaced by the loss it means for these responses,
     * so that a saved configuration names the loss that trained it; other values are checked.
     */
    public static ModelConfig resolve(ModelConfig config, boolean signed) {
        Loss loss = of(config, signed);
        return config.hyperparameters().containsKey("loss") ? config.with("loss", loss.label()) : config;
    }
}
