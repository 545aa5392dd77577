package org.v1workbench.model;

import static org.v1workbench.model.Hyperparameter.Kind.CHOICE;
import static org.v1workbench.model.Hyperparameter.Kind.COUNT;
import static org.v1workbench.model.Hyperparameter.Kind.FACTOR;
import static org.v1workbench.model.Hyperparameter.Kind.FLAG;
import static org.v1workbench.model.Hyperparameter.Kind.FRACTION;
import static org.v1workbench.model.Hyperparameter.Kind.NON_NEGATIVE;
import static org.v1workbench.model.Hyperparameter.Kind.POSITIVE;
import static org.v1workbench.model.Hyperparameter.TRAINING;

/** What every preset has: the optimiser, early stopping, the learning-rate schedule, the loss, averaging and the refit. */
public record TrainingOptions(
        @Option(name = "lr", kind = POSITIVE, group = TRAINING, value = "0.001", help = "Adam's learning rate") double lr,
        @Option(name = "weight_decay", kind = NON_NEGATIVE, group = TRAINING, value = "0",
                help = "L2 weight decay added to the gradient (as PyTorch's Adam)") double weightDecay,
        @Option(name = "batch_size", kind = COUNT, group = TRAINING, value = "50", help = "images per gradient step") int batchSize,
        @Option(name = "max_epochs", kind = COUNT, group = TRAINING, value = "400", help = "at most this many passes over the training images") int maxEpochs,
        @Option(name = "patience", kind = COUNT, group = TRAINING, value = "30", help = "early stopping: epochs without a better validation score") int patience,
        @Option(name = "lr_decay", kind = FACTOR, group = TRAINING, value = "1", help = "learning rate multiplied by this on a plateau (1 = off)") double lrDecay,
        @Option(name = "lr_patience", kind = COUNT, group = TRAINING, value = "10",
                help = "epochs without improvement before the learning rate decays") int lrPatience,
        @Option(name = "min_lr", kind = NON_NEGATIVE, group = TRAINING, value = "1e-5", help = "the learning rate never decays below this") double minLr,
        @Option(name = "restore_rounds", kind = COUNT, group = TRAINING, value = "1",
                help = "early stopping: when patience runs out, go back to the best weights (not the optimiser's state) and train on, "
                        + "until it has run out this many times (Sensorium's lr_decay_steps); 1 = stop the first time") int restoreRounds,
        @Option(name = "loss", kind = CHOICE, group = TRAINING, value = "auto", choices = {"auto", "poisson", "mse"},
                help = "data term: Poisson negative log-likelihood (spike counts and other non-negative responses), squared error "
                        + "(a signed signal such as dF/F or z-scores), or auto: whichever fits the dataset's kind of responses") String loss,
        @Option(name = "weight_average", kind = FRACTION, group = TRAINING, value = "0",
                help = "validate and keep a moving average of the weights (Polyak averaging), this decay per batch (e.g. 0.95); 0 = off") double weightAverage,
        @Option(name = "refit", kind = FLAG, group = TRAINING, value = "false",
                help = "after early stopping, train the network afresh on the training and validation images together for the best "
                        + "epoch count and keep that (a fifth more data; the validation score stays the first fit's)") boolean refit,
        @Option(name = "stop_on", kind = CHOICE, group = TRAINING, value = "cc_norm", choices = {"cc_norm", "cc_abs"},
                help = "early-stopping score, the mean over the run's neurons on the validation images: CC_norm where the data have repeats "
                        + "(each neuron's r divided by its noise ceiling, estimated on those images; Pearson r without repeats), "
                        + "or always Pearson r (as Kindel et al.'s code and the PyTorch reference)") String stopOn) {
}
