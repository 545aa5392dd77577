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
    };

    static final double EPS = 1e-8;

    /** The loss of one entry. */
    public abstract double of(double rate, double label);

    /** The same per entry, as graph operations on arrays of equal shape. */
    abstract SDVariable of(SDVariable rate, SDVariable label);

    /** The loss a configuration names; configurations saved before the loss was a choice mean Poisson. */
    public static Loss of(ModelConfig config) {
        String kind = config.hyperparameters().getOrDefault("loss", "poisson").trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "poisson" -> POISSON;
            case "mse" -> MSE;
            default -> throw new BadInputException("loss must be poisson or mse, not '" + kind + "'");
        };
    }
}
