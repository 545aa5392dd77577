package org.v1workbench.train;

/**
 * Early stopping on a validation score (higher is better): remembers the best score and its
 * epoch, counts the epochs since, and says when {@code patience} of them have passed without a
 * better one. Its state is what a run record saves, so that a resumed run stops exactly where an
 * uninterrupted one would.
 */
final class EarlyStopping {
    private final int patience;
    private double bestScore;
    private int bestEpoch, sinceBest;

    /** A fresh tracker ({@code bestScore} NaN, epoch 0) or one resumed from a run record. */
    EarlyStopping(int patience, double bestScore, int bestEpoch, int sinceBest) {
        this.patience = patience;
        this.bestScore = bestScore;
        this.bestEpoch = bestEpoch;
        this.sinceBest = sinceBest;
    }

    /** Records the score of {@code epoch}; true when it is better than every earlier one (NaN never is). */
    boolean record(int epoch, double score) {
        if (better(score, bestScore)) {
            bestScore = score;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Whether {@code patience} epochs have passed since the best score. */
    boolean exhausted() {
        return sinceBest >= patience;
    }

    /** A new round after going back to the best weights: the count of epochs since the best starts again. */
    void restart() {
        sinceBest = 0;
    }

    double bestScore() { return bestScore; }
    int bestEpoch() { return bestEpoch; }
    int sinceBest() { return sinceBest; }

    /** a better than b: a defined score beats an undefined one. */
    static boolean better(double a, double b) {
        return !Double.isNaN(a) && (Double.isNaN(b) || a > b);
    }
}
