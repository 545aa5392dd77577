package org.v1workbench.train;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.PopulationSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Honest model selection ({@code benchmark --nested}): for each outer fold, a preset's setting is
 * chosen among candidates by an inner cross-validation on that fold's training images alone
 * ({@link CrossValidation#innerFolds}: the outer validation images stop every inner fit early,
 * the outer test images are never seen), and the outer fold's test images are predicted by the
 * fit of the chosen setting. Pooled over the outer folds, those predictions are scored as the
 * plain benchmark scores its models, so no outer score saw a choice made on it.
 *
 * <p>One round of independent units, so that it runs wherever a plan runs (this thread,
 * {@code --spark}, {@code --plan}/{@code --unit}/{@code --collect}): entries 0 to C-1 are every
 * candidate on the outer folds, the very units of a plain benchmark of that setting; entry
 * {@code C + c * folds + f} is candidate c's inner cross-validation in outer fold f. Every
 * candidate is fitted on every outer fold (C - 1 fits per fold more than fitting only the chosen
 * one after the choice), and only the chosen candidate's test predictions of each fold are read.
 */
public final class NestedBenchmark {
    private NestedBenchmark() {}

    /**
     * One outer fold's choice: the inner score of every candidate (mean CC_norm or CC_abs over
     * neurons of the pooled inner out-of-fold predictions of the fold's training images) and the
     * one chosen (the highest, the first on a tie).
     */
    public record FoldChoice(int fold, double[] innerScores, int chosen) {
        public double chosenScore() {
            return innerScores[chosen];
        }
    }

    /**
     * A nested benchmark's outcome: the candidates, each outer fold's choice, whether the inner
     * scores are CC_norm, and the nested scores (each outer fold's test images predicted by its
     * chosen setting's fit; {@code seconds} every fit's time, summed, the inner ones included).
     * {@code plain}: each candidate's plain benchmark (its fits of every outer fold), for reference
     * only: the best of those is a choice made on the test images, the optimistic number that the
     * nested score corrects.
     */
    public record Result(String preset, List<Sweep.Setting> candidates, int innerFolds, List<FoldChoice> choices, boolean norm,
                         Benchmark.ModelResult test, List<Benchmark.ModelResult> plain) {}

    /** The label of the nested result in the tables. */
    public static String label(String preset) {
        return preset + " nested";
    }

    /**
     * The units: every candidate (its values over {@code fixed}, which may hold {@code ensemble})
     * on the {@code folds} outer folds, then every candidate on each outer fold's
     * {@code innerFolds} inner folds. Checked as {@link Sweep#plan} checks a sweep's settings.
     */
    public static FitPlan plan(Dataset d, String preset, List<Sweep.Setting> candidates, Map<String, String> fixed, int folds, long seed,
                               int innerFolds) {
        if (innerFolds < 2) throw new BadInputException("--inner-folds: at least 2 inner folds are needed (test, train), not " + innerFolds);
        FitPlan outer = Sweep.plan(d, preset, candidates, fixed, folds, seed);
        CrossValidation.Fold[] fs = CrossValidation.folds(d.images(), folds, seed);
        for (CrossValidation.Fold f : fs)
            if (f.train().length < 2 * innerFolds)
                throw new BadInputException(d.name() + ": outer fold " + (f.index() + 1) + " has " + f.train().length + " training images, too few for "
                        + innerFolds + " inner folds");
        List<FitPlan.Entry> entries = new ArrayList<>(outer.entries());
        List<FitUnit> units = new ArrayList<>(outer.units());
        for (int c = 0; c < candidates.size(); c++) {
            FitPlan.Entry e = outer.entries().get(c);
            for (int f = 0; f < folds; f++) {
                int index = entries.size();
                String label = e.label() + "-fold" + (f + 1) + "-inner";
                entries.add(new FitPlan.Entry(label, e.model(), e.settings(), e.acrossSessions(), e.members()));
                List<String> groups = e.acrossSessions() ? List.of(CrossValidation.ALL_SESSIONS) : d.sessions();
                for (String group : groups)
                    for (int j = 0; j < innerFolds; j++)
                        for (int m = 0; m < e.members(); m++)
                            units.add(new FitUnit(units.size(), index, label, e.model(), e.settings(), group, folds, f, seed, m, innerFolds, j));
            }
        }
        return new FitPlan(entries, folds, seed, units);
    }

    /** Scores the inner cross-validations, chooses per outer fold, and scores the chosen settings' outer predictions. */
    public static Result result(Dataset d, String preset, FitPlan plan, List<Sweep.Setting> candidates, int innerFolds, List<FitResult> results) {
        List<FitPlan.Pooled> pooled = plan.collect(d, results);
        int c = candidates.size(), k = plan.folds();
        if (pooled.size() != c * (k + 1)) throw new IllegalArgumentException("not a nested plan of " + c + " candidates and " + k + " folds");
        CrossValidation.Fold[] fs = CrossValidation.folds(d.images(), k, plan.seed());
        Benchmark.ModelResult[][] inner = new Benchmark.ModelResult[k][c];
        double seconds = 0;
        for (FitPlan.Pooled p : pooled) seconds += p.seconds();
        for (int f = 0; f < k; f++) {
            int[] images = fs[f].train();
            for (int s = 0; s < c; s++) {
                FitPlan.Pooled p = pooled.get(c + s * k + f);
                double[][] rows = new double[images.length][];
                for (int t = 0; t < images.length; t++) rows[t] = p.test()[images[t]];
                inner[f][s] = Benchmark.scored(d, p.entry().label(), rows, images, p.seconds());
            }
        }
        boolean norm = BenchmarkReport.hasNorm(Arrays.stream(inner).flatMap(Arrays::stream).toList());
        List<FoldChoice> choices = new ArrayList<>();
        double[][] test = new double[d.images()][d.neuronCount()];
        for (double[] row : test) Arrays.fill(row, Double.NaN);
        for (int f = 0; f < k; f++) {
            double[] scores = new double[c];
            int chosen = 0;
            for (int s = 0; s < c; s++) {
                scores[s] = PopulationSummary.of(inner[f][s].scores(), norm ? NeuronScore::ccNorm : NeuronScore::ccAbs).mean();
                if (scores[s] > scores[chosen] || (Double.isNaN(scores[chosen]) && !Double.isNaN(scores[s]))) chosen = s;
            }
            choices.add(new FoldChoice(f, scores, chosen));
            double[][] outer = pooled.get(chosen).test();
            for (int i : fs[f].test()) test[i] = outer[i].clone();
        }
        int[] all = IntStream.range(0, d.images()).toArray();
        Benchmark.ModelResult scored = Benchmark.scored(d, label(preset), test, all, seconds).withEnsemble(pooled.get(0).entry().members());
        List<Benchmark.ModelResult> plain = new ArrayList<>();
        for (int s = 0; s < c; s++) plain.add(Benchmark.scored(d, pooled.get(s).entry().label(), pooled.get(s).test(), all, pooled.get(s).seconds()));
        return new Result(preset, candidates, innerFolds, choices, norm, scored, plain);
    }

    /** The report's nested section (markdown): the candidates, each outer fold's inner scores and choice. */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        String metric = r.norm() ? "CC_norm" : "CC_abs";
        sb.append("\n## Nested model selection\n\n");
        sb.append(String.format(Locale.ROOT, "%s's setting chosen per outer fold among %d candidate%s by an inner %d-fold cross-validation of "
                        + "that fold's training images (shuffled with a seed of the benchmark's seed and the fold; each inner fit early-stopped "
                        + "on the outer fold's validation images, seeded as the outer fold's fit); the outer test images were never seen by a "
                        + "choice. Inner score: mean %s over neurons of the pooled inner out-of-fold predictions. The nested row above: each outer "
                        + "fold's test images predicted by its chosen setting, pooled.%n%n", r.preset(), r.candidates().size(),
                r.candidates().size() == 1 ? "" : "s", r.innerFolds(), metric));
        sb.append("| candidate | setting | folds chosen | plain benchmark ").append(metric).append(" (reference only) |\n|---|---|---|---|\n");
        for (int i = 0; i < r.candidates().size(); i++) {
            Sweep.Setting s = r.candidates().get(i);
            int index = i;
            long chosen = r.choices().stream().filter(c -> c.chosen() == index).count();
            sb.append("| ").append(s.label()).append(" | ").append(FitPlan.describe(s.values())).append(" | ").append(chosen).append(" of ")
                    .append(r.choices().size()).append(" | ")
                    .append(BenchmarkReport.pm(PopulationSummary.of(r.plain().get(i).scores(), r.norm() ? NeuronScore::ccNorm : NeuronScore::ccAbs)))
                    .append(" |\n");
        }
        sb.append("\nThe plain scores are each candidate's fits of the outer folds (the nested score uses the chosen one's, fold by fold); "
                + "the best of them was chosen on the test images and is optimistic.\n");
        sb.append("\n| outer fold | chosen | setting | inner ").append(metric).append(" of the chosen |");
        for (Sweep.Setting s : r.candidates()) sb.append(" inner ").append(s.label()).append(" |");
        sb.append("\n|---|---|---|---|").append("---|".repeat(r.candidates().size())).append('\n');
        for (FoldChoice c : r.choices()) {
            Sweep.Setting s = r.candidates().get(c.chosen());
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %.3f |", c.fold() + 1, s.label(), FitPlan.describe(s.values()), c.chosenScore()));
            for (double v : c.innerScores()) sb.append(String.format(Locale.ROOT, " %.3f |", v));
            sb.append('\n');
        }
        PopulationSummary abs = PopulationSummary.of(r.test().scores(), NeuronScore::ccAbs);
        PopulationSummary normS = PopulationSummary.of(r.test().scores(), NeuronScore::ccNorm);
        sb.append(String.format(Locale.ROOT, "%nNested score (pooled out-of-fold): CC_abs %s%s over %d neurons.%n", BenchmarkReport.pm(abs),
                normS.neurons() > 0 ? ", CC_norm " + BenchmarkReport.pm(normS) : "", r.test().scores().size()));
        return sb.toString();
    }

    /** The columns of {@code PREFIX-nested.csv}: one row per outer fold and candidate. */
    public static final List<String> COLUMNS = List.of("outer_fold", "candidate", "setting", "inner_score", "inner_metric", "chosen");

    /** Writes the report ({@link BenchmarkReport#write}, with the nested section) and {@code PREFIX-nested.csv}. */
    public static void write(Dataset d, Result r, int folds, long seed, Map<String, String> settings, Path prefix) throws IOException {
        BenchmarkReport.write(d, List.of(r.test()), folds, seed, settings, prefix, markdown(r));
        List<List<String>> rows = new ArrayList<>();
        for (FoldChoice c : r.choices())
            for (int s = 0; s < r.candidates().size(); s++)
                rows.add(List.of(Integer.toString(c.fold() + 1), r.candidates().get(s).label(), FitPlan.describe(r.candidates().get(s).values()),
                        Csv.number(c.innerScores()[s]), r.norm() ? "cc_norm" : "cc_abs", Boolean.toString(s == c.chosen())));
        Path parent = prefix.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Csv.write(parent.resolve(prefix.getFileName() + "-nested.csv"), COLUMNS, rows);
    }
}
