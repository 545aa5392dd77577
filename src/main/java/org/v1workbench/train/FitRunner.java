package org.v1workbench.train;

import org.v1workbench.data.Dataset;

import java.util.stream.IntStream;

/**
 * Fits one {@link FitUnit} on the dataset: the one place where a unit becomes a fit, so that a
 * thread here and a Spark task elsewhere compute the same thing. The unit's neurons are selected
 * (a session's, or all of them for a shared core), its fold is drawn again from the fold seed, and
 * the model is seeded from the unit.
 */
public final class FitRunner {
    private FitRunner() {}

    /** The fitter of a unit's named model ({@link ModelFitters#foldFitter}). */
    public static CrossValidation.FoldFitter fitterOf(FitUnit u) {
        return ModelFitters.foldFitter(u.model(), u.settings());
    }

    /** Fits {@code u} with its named model. */
    public static FitResult fit(Dataset d, FitUnit u) throws Exception {
        return fit(d, u, fitterOf(u));
    }

    /** Fits {@code u} with {@code fitter} (a test's own fitter, or a named model's). */
    public static FitResult fit(Dataset d, FitUnit u, CrossValidation.FoldFitter fitter) throws Exception {
        Dataset group = d.selectNeurons(neuronsOf(d, u.group()));
        CrossValidation.Fold fold = u.foldOf(d.images());
        long t0 = System.nanoTime();
        CrossValidation.FoldPredictions p = fitter.fit(group, fold, u.seed());
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(p.test(), fold.test().length, "test");
        if (p.validation() != null) check(p.validation(), fold.validation().length, "validation");
        return new FitResult(u.index(), p.validation(), p.test(), seconds, p.history());
    }

    /** The dataset's neuron indices of a unit's group: a session's, or all for {@link CrossValidation#ALL_SESSIONS}. */
    static int[] neuronsOf(Dataset d, String group) {
        return group.equals(CrossValidation.ALL_SESSIONS) ? IntStream.range(0, d.neuronCount()).toArray() : d.neuronsOf(group);
    }

    private static void check(double[][] rows, int expected, String tier) {
        if (rows.length != expected)
            throw new IllegalStateException("fitter returned " + rows.length + " rows for " + expected + " " + tier + " images");
    }
}
