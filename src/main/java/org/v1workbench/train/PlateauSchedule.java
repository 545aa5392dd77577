package org.v1workbench.train;

/**
 * Learning-rate decay on a plateau: after {@code patience} epochs without a better validation
 * score the rate is multiplied by {@code decay} (1 = off), never below {@code minLr}; the count
 * starts again after each decay and each improvement.
 */
final class PlateauSchedule {
    private final double decay, minLr;
    private final int patience;
    private double rate;
    private int sinceDrop;

    PlateauSchedule(double rate, double decay, int patience, double minLr, int sinceDrop) {
        this.rate = rate;
        this.decay = decay;
        this.patience = patience;
        this.minLr = minLr;
        this.sinceDrop = sinceDrop;
    }

    /** Counts an epoch: an improvement starts the count again. */
    void observe(boolean improved) {
        sinceDrop = improved ? 0 : sinceDrop + 1;
    }

    /** Lowers the rate when the plateau has lasted {@code patience} epochs; true when it did. */
    boolean decayIfDue() {
        if (decay < 1 && sinceDrop >= patience && rate > minLr) {
            rate = Math.max(minLr, rate * decay);
            sinceDrop = 0;
            return true;
        }
        return false;
    }

    double rate() { return rate; }
    int sinceDrop() { return sinceDrop; }
}
