package org.v1workbench.experiment;

import org.v1workbench.model.Network;

import java.util.Objects;

/**
 * A run's network and its best parameters. When {@code resumable}, the network holds the state
 * of the last completed epoch (parameters and optimiser) from which training continues, and
 * {@code best} holds the parameters that predict; otherwise the network already holds the best
 * parameters.
 */
public final class TrainedRun {
    private final Network network;
    private final Network.State best;
    private final boolean resumable;

    public TrainedRun(Network network, Network.State best, boolean resumable) {
        this.network = Objects.requireNonNull(network);
        this.best = Objects.requireNonNull(best);
        this.resumable = resumable;
    }

    public Network network() { return network; }
    public Network.State best() { return best; }
    public boolean resumable() { return resumable; }

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
