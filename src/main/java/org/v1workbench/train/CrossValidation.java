package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tiers;
import org.v1workbench.experiment.HistoryRow;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.function.Consumer;

/**
 * k-fold cross-validation over images, the benchmark's protocol: per session, the images are
 * shuffled by a seeded permutation and split into k folds of near-equal size; fold k is tested
 * with fold k+1 (mod k) for early stopping and the rest for training. Every image is predicted
 * by the one model whose training never saw it, and the out-of-fold predictions are pooled
 * before scoring.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /** The images of one fold's three tiers (dataset image indices, ascending). */
    public record Fold(int index, int[] train, int[] validation, int[] test) {}

    /** Fits a model on one fold of one session and predicts that fold's test images. */
    @FunctionalInterface
    public interface Fitter {
        /**
         * @param session the session's dataset (its neurons only; all images)
         * @return predictions {@code fold.test().length x session.neuronCount()}, in the
         *         responses' units, rows in the order of {@code fold.test()}
         */
        double[][] fitAndPredict(Dataset session, Fold fold, long seed) throws Exception;
    }

    /**
     * One fit's predictions, in the responses' units, rows in the order of the fold's images:
     * of its validation images ({@code fold.validation().length x neurons}; what a sweep chooses
     * its setting on; null where a fitter gives none) and of its test images; and the fit's
     * learning curves (its chosen runs' history; none for a model trained without epochs).
     */
    public record FoldPredictions(double[][] validation, double[][] test, java.util.List<HistoryRow> history) {
        public FoldPredictions {
            history = List.copyOf(history);
        }

        /** Predictions of a fit with no learning curves to tell. */
        public FoldPredictions(double[][] validation, double[][] test) {
            this(validation, test, List.of());
        }
    }

    /**
     * As {@link Fitter}, predicting the fold's validation images too: the fitters of the named
     * models ({@link ModelFitters#foldFitter}) that benchmarks and sweeps run as units of work.
     */
    @FunctionalInterface
    public interface FoldFitter {
        FoldPredictions fit(Dataset session, Fold fold, long seed) throws Exception;
    }

    /** The session name progress reports when one model is fitted to all sessions at once. */
    public static final String ALL_SESSIONS = "all";

    /** Progress of a cross-validation: folds done of the total, for the time-left estimate. */
    public record Progress(String session, int fold, int done, int total) {}

    /** The k folds of {@code images} images from the seeded permutation (numpy.array_split sizes). */
    public static Fold[] folds(int images, int k, long seed) {
        if (k < 3) throw new IllegalArgumentException("at least 3 folds are needed (test, validation, train), not " + k);
        if (images < k) throw new IllegalArgumentException(images + " images cannot make " + k + " folds");
        int[] order = Tiers.permutation(images, seed);
        int[][] parts = new int[k][];
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = images / k + (f < images % k ? 1 : 0);
            parts[f] = Arrays.copyOfRange(order, start, start + size);
            Arrays.sort(parts[f]);
            start += size;
        }
        Fold[] folds = new Fold[k];
        for (int f = 0; f < k; f++) {
            int v = (f + 1) % k;
            int[] train = new int[images - parts[f].length - parts[v].length];
            int t = 0;
            for (int g = 0; g < k; g++) if (g != f && g != v) for (int i : parts[g]) train[t++] = i;
            Arrays.sort(train);
            folds[f] = new Fold(f, train, parts[v], parts[f]);
        }
        return folds;
    }

    /**
     * The seed of outer fold {@code outer}'s inner folds: a function of the plan's seed and the
     * outer fold alone, so that every process draws the same inner folds.
     */
    public static long innerSeed(long seed, int outer) {
        return seed * 1_000_003L + 7_919L * (outer + 1);
    }

    /**
     * The inner folds of a nested benchmark within outer fold {@code outer} of
     * {@link #folds folds(images, k, seed)}: that fold's training images, shuffled by the
     * permutation of {@link #innerSeed} and split into {@code n} parts (numpy.array_split sizes);
     * inner fold j tests part j, trains on the other parts, and stops early on the outer fold's
     * validation images. No inner fold holds an outer test image; the inner tests cover the outer
     * training images once.
     */
    public static Fold[] innerFolds(int images, int k, long seed, int outer, int n) {
        Fold o = folds(images, k, seed)[outer];
        int[] pool = o.train();
        if (n < 2) throw new IllegalArgumentException("at least 2 inner folds are needed (test, train), not " + n);
        if (pool.length < n) throw new IllegalArgumentException(pool.length + " training images cannot make " + n + " inner folds");
        int[] order = Tiers.permutation(pool.length, innerSeed(seed, outer));
        Fold[] out = new Fold[n];
        int start = 0;
        for (int j = 0; j < n; j++) {
            int size = pool.length / n + (j < pool.length % n ? 1 : 0);
            int[] test = new int[size];
            for (int t = 0; t < size; t++) test[t] = pool[order[start + t]];
            Arrays.sort(test);
            boolean[] tested = new boolean[pool.length];
            for (int i = start; i < start + size; i++) tested[order[i]] = true;
            int[] train = new int[pool.length - size];
            int t = 0;
            for (int p = 0; p < pool.length; p++) if (!tested[p]) train[t++] = pool[p];
            out[j] = new Fold(j, train, o.validation().clone(), test);
            start += size;
        }
        return out;
    }

    /**
     * Out-of-fold predictions of every image for every neuron, {@code images x neurons}, fitting
     * one model per session and fold (a session's neurons are fitted jointly).
     */
    public static double[][] predictOutOfFold(Dataset d, int k, long seed, Fitter fitter, Consumer<Progress> progress) throws Exception {
        return predictOutOfFold(d, k, seed, fitter, false, progress);
    }

    /**
     * As {@link #predictOutOfFold(Dataset, int, long, Fitter, Consumer)}; with {@code acrossSessions}
     * one model per fold is fitted to the neurons of all sessions at once (a preset whose core is
     * shared across sessions, as {@code train} fits it), the sessions having seen the same images.
     * The folds are the same either way.
     */
    public static double[][] predictOutOfFold(Dataset d, int k, long seed, Fitter fitter, boolean acrossSessions,
                                              Consumer<Progress> progress) throws Exception {
        double[][] pooled = new double[d.images()][d.neuronCount()];
        for (double[] row : pooled) Arrays.fill(row, Double.NaN);
        Fold[] folds = folds(d.images(), k, seed);
        List<String> groups = acrossSessions ? List.of(ALL_SESSIONS) : d.sessions();
        int total = groups.size() * k, done = 0;
        for (String s : groups) {
            int[] neurons = acrossSessions ? IntStream.range(0, d.neuronCount()).toArray() : d.neuronsOf(s);
            Dataset session = d.selectNeurons(neurons);
            for (Fold fold : folds) {
                double[][] p = fitter.fitAndPredict(session, fold, seed + fold.index());
                if (p.length != fold.test().length)
                    throw new IllegalStateException("fitter returned " + p.length + " rows for " + fold.test().length + " test images");
                for (int t = 0; t < fold.test().length; t++)
                    for (int j = 0; j < neurons.length; j++) pooled[fold.test()[t]][neurons[j]] = p[t][j];
                done++;
                if (progress != null) progress.accept(new Progress(s, fold.index(), done, total));
            }
        }
        return pooled;
    }
}
