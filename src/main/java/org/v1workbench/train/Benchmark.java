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

    /**
     * One model's outcome: per-neuron scores on all images (each predicted out of fold) and the
     * time it took. {@code constantNeurons}: neurons whose out-of-fold predictions were one
     * constant, whose correlation is undefined; they are scored r = 0 (CC_norm 0), not left out,
     * so that a model that gives up on the hard neurons is not rewarded for it. {@code ensemble}:
     * the members (seeds) whose mean made each fold's predictions ({@code benchmark --ensemble K};
     * 1 for a single fit, and for ridge, which takes no seed).
     */
    public record ModelResult(String model, List<NeuronScore> scores, double[][] predictions, double seconds, int constantNeurons, int ensemble) {
        public ModelResult(String model, List<NeuronScore> scores, double[][] predictions, double seconds, int constantNeurons) {
            this(model, scores, predictions, seconds, constantNeurons, 1);
        }

        public ModelResult(String model, List<NeuronScore> scores, double[][] predictions, double seconds) {
            this(model, scores, predictions, seconds, 0);
        }

        /** This result, its predictions each fold's mean of {@code members} fits. */
        public ModelResult withEnsemble(int members) {
            return new ModelResult(model, scores, predictions, seconds, constantNeurons, members);
        }
    }

    /**
     * The scores of pooled predictions {@code images x neurons}, a constant prediction of a neuron
     * whose responses vary counted as r = 0 (and CC_norm = 0 where the data has a noise ceiling).
     */
    public static ModelResult scored(Dataset d, String model, double[][] pooled, int[] images, double seconds) {
        List<NeuronScore> raw = Scoring.score(d, pooled, images);
        List<NeuronScore> out = new ArrayList<>(raw.size());
        int constant = 0;
        double[][] means = null; // trial means, computed once if any prediction is constant
        for (int n = 0; n < raw.size(); n++) {
            NeuronScore s = raw.get(n);
            if (Double.isNaN(s.ccAbs()) && isConstant(pooled, n)) {
                if (means == null) means = d.meanResponses();
                if (!isConstantResponse(means, images, n)) {
                    constant++;
                    s = new NeuronScore(s.neuron(), s.session(), s.meanRateHz(), 0, s.ccMax(), Double.isNaN(s.ccMax()) ? Double.NaN : 0,
                            s.fev(), s.feve());
                }
            }
            out.add(s);
        }
        return new ModelResult(model, out, pooled, seconds, constant);
    }

    private static boolean isConstant(double[][] pooled, int n) {
        double first = Double.NaN;
        for (double[] row : pooled) {
            double v = row[n];
            if (Double.isNaN(v)) continue;
            if (Double.isNaN(first)) first = v;
            else if (v != first) return false;
        }
        return true;
    }

    private static boolean isConstantResponse(double[][] means, int[] images, int n) {
        double first = Double.NaN;
        for (int i : images) {
            double v = means[i][n];
            if (Double.isNaN(v)) continue;
            if (Double.isNaN(first)) first = v;
            else if (v != first) return false;
        }
        return true;
    }

    /**
     * A model to benchmark: its name, how to fit it on one fold, and whether one fit covers all
     * sessions (a shared core) rather than one fit per session.
     */
    public record Entry(String model, CrossValidation.Fitter fitter, boolean acrossSessions) {
        public Entry(String model, CrossValidation.Fitter fitter) {
            this(model, fitter, false);
        }
    }

    /**
     * Cross-validates {@code models} (a test's own fitters) on this thread: the plan of
     * {@link #run(Dataset, FitPlan, FitExecutor, Consumer)} with each entry's fitter.
     */
    public static List<ModelResult> run(Dataset d, List<Entry> models, int folds, long seed,
                                        Consumer<String> progress) throws Exception {
        List<FitPlan.Entry> entries = models.stream()
                .map(m -> new FitPlan.Entry(m.model(), m.model(), new java.util.TreeMap<String, String>(), m.acrossSessions(), 1)).toList();
        FitPlan plan = FitPlan.of(d, entries, folds, seed);
        LocalFits local = new LocalFits(u -> {
            CrossValidation.Fitter f = models.get(u.entry()).fitter();
            return (session, fold, s) -> new CrossValidation.FoldPredictions(null, f.fitAndPredict(session, fold, s));
        }, null);
        return results(d, plan, local.run(d, plan.units(), progress));
    }

    /**
     * Runs {@code plan} (named models: {@link FitPlan#entry}) on {@code executor} (this thread, or
     * Spark's tasks) and scores each entry on its pooled out-of-fold predictions.
     */
    public static List<ModelResult> run(Dataset d, FitPlan plan, FitExecutor executor, Consumer<String> progress) throws Exception {
        return results(d, plan, executor.run(d, plan.units(), progress));
    }

    /**
     * Each entry's scores from the results of every unit of {@code plan}, however they were run:
     * {@code seconds} is the time its fits took, summed.
     */
    public static List<ModelResult> results(Dataset d, FitPlan plan, List<FitResult> results) {
        int[] all = IntStream.range(0, d.images()).toArray();
        List<ModelResult> out = new ArrayList<>();
        for (FitPlan.Pooled p : plan.collect(d, results))
            out.add(scored(d, p.entry().label(), p.test(), all, p.seconds()).withEnsemble(p.entry().members()));
        return out;
    }
}
