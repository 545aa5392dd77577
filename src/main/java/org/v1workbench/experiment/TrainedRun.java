package org.v1workbench.experiment;

import org.v1workbench.model.Network;

import java.util.Objects;

/**
 * A run's network and its best parameters. When {@code resumable}, the network holds the state
 * of the last completed epoch (parameters and optimiser) from which training continues, and
 * {@code best} holds the parameters that predict; otherwise the network already holds the best
 * parameters.
 *
 * <p>A run refit on its training and validation images also carries, while in the memory of the
 * process that trained it, its first fit (trained on the training images only): the network that
 * may score the validation images ({@link #firstFit}). It is not saved.
 */
public final class TrainedRun {
    private final Network network;
    private final Network.State best;
    private final boolean resumable;
    private final TrainedRun firstFit;

    public TrainedRun(Network network, Network.State best, boolean resumable) {
        this(network, best, resumable, null);
    }

    /** {@code firstFit}: the first fit of a run whose {@code network} is a refit; null where {@code network} is the first fit. */
    public TrainedRun(Network network, Network.State best, boolean resumable, TrainedRun firstFit) {
        this.network = Objects.requireNonNull(network);
        this.best = Objects.requireNonNull(best);
        this.resumable = resumable;
        this.firstFit = firstFit;
    }

    public Network network() { return network; }
    public Network.State best() { return best; }
    public boolean resumable() { return resumable; }

    /** The fit trained on the training images only: the first fit of a refit run, else this one. */
    public TrainedRun firstFit() { return firstFit == null ? this : firstFit; }

    /** Whether this run's network is a refit whose first fit this process still holds. */
    public boolean holdsFirstFit() { return firstFit != null; }

    /** Predictions of the best parameters, {@code count x neurons} flat, for raw images {@code count x h x w}. */
    public float[] predict(float[] images, int count) {
        return withBest(n -> n.predict(images, count));
    }

    /**
     * Runs {@code work} on the network while it holds the best parameters, under its lock: the
     * one place that swaps them in and back (a cancelled run's network holds its last epoch, with
     * the optimiser's state, from which training resumes).
     */
    public <T, E extends Exception> T withBest(Work<T, E> work) throws E {
        synchronized (network) {
            if (!resumable) return work.apply(network);
            Network.State current = network.snapshot();
            try {
                network.restore(best);
                return work.apply(network);
            } finally {
                network.restore(current);
            }
        }
    }

    /** What {@link #withBest} runs: a function of the network that may throw (saving it, say). */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T apply(Network network) throws E;
    }
}
