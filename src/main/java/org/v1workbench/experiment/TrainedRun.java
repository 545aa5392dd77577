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
        synchronized (network) {
            if (!resumable) return network.predict(images, count);
            Network.State current = network.snapshot();
            try {
                network.restore(best);
                return network.predict(images, count);
            } finally {
                network.restore(current);
            }
        }
    }
}
