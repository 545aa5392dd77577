package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.Scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The paper's comparison on any dataset: each model cross-validated over images with the same
 * folds, scored on its pooled out-of-fold predictions.
 */
public final class Benchmark {
    private Benchmark() {}

    /** One model's outcome: per-neuron scores on all images (each predicted out of fold) and the time it took. */
    public record ModelResult(String model, List<NeuronScore> scores, double[][] predictions, double seconds) {}

    /**
     * A model to benchmark: its name, how to fit it on one fold, and whether one fit covers all
     * sessions (a shared core) rather than one fit per session.
     */
    public record Entry(String model, CrossValidation.Fitter fitter, boolean acrossSessions) {
        public Entry(String model, CrossValidation.Fitter fitter) {
            this(model, fitter, false);
        }
    }

    public static List<ModelResult> run(Dataset d, List<Entry> models, int folds, long seed,
                                        Consumer<String> progress) throws Exception {
        List<ModelResult> results = new ArrayList<>();
        int[] all = IntStream.range(0, d.images()).toArray();
        long start = System.nanoTime();
        int allUnits = models.stream().mapToInt(m -> (m.acrossSessions() ? 1 : d.sessions().size()) * folds).sum();
        int[] unitsDone = {0};
        for (Entry m : models) {
            long t0 = System.nanoTime();
            double[][] pooled = CrossValidation.predictOutOfFold(d, folds, seed, m.fitter(), m.acrossSessions(), p -> {
                unitsDone[0]++;
                if (progress != null) {
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    double left = elapsed / unitsDone[0] * (allUnits - unitsDone[0]);
                    progress.accept(String.format(java.util.Locale.ROOT, "%s: session %s fold %d/%d done (%d/%d), %.0f s elapsed, about %.0f s left",
                            m.model(), p.session(), p.fold() + 1, folds, unitsDone[0], allUnits, elapsed, left));
                }
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            results.add(new ModelResult(m.model(), Scoring.score(d, pooled, all), pooled, seconds));
        }
        return results;
    }
}
