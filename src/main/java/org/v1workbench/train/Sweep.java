package org.v1workbench.train;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.PopulationSummary;
import org.v1workbench.model.Preset;
import org.v1workbench.model.Presets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A hyperparameter sweep of one preset: every setting cross-validated with the benchmark's folds
 * (one {@link FitPlan} entry per setting, so that Spark runs it as the benchmark's units), the
 * setting chosen on the validation folds alone, and only the chosen setting's test predictions
 * scored, once: no choice is ever made on a test score.
 *
 * <p>Each fold's fit predicts its validation images (those that stopped it early) as well as its
 * test images. Pooled over the folds, the validation predictions cover every image once; the
 * setting whose pooled validation score (mean CC_norm over neurons where the data have repeats,
 * else CC_abs) is highest is chosen, the first one on a tie.
 */
public final class Sweep {
    private Sweep() {}

    /** One setting: its label in the tables ({@code s01}...) and the swept values. */
    public record Setting(String label, Map<String, String> values) {
        public Setting {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * A setting's validation scores (pooled over the folds), its fits' time, summed, and their
     * learning curves (one run per fit, {@link FitPlan.Pooled#history}).
     */
    public record SettingResult(Setting setting, Benchmark.ModelResult validation, double seconds, List<HistoryRow> history) {}

    /**
     * What a sweep found: every setting's validation scores, the one chosen on them, and its
     * test scores (pooled out-of-fold predictions, each image predicted by a fit that never saw it).
     *
     * @param norm whether the choice is on CC_norm (the data have repeats) rather than CC_abs
     */
    public record Result(List<SettingResult> settings, int chosen, boolean norm, Benchmark.ModelResult test) {
        public SettingResult best() {
            return settings.get(chosen);
        }
    }

    /** The settings of {@code space}, labelled {@code s1}... ({@code s01}... from 10 on, so they sort). */
    public static List<Setting> settings(SweepSpace space) {
        List<Map<String, String>> values = space.settings();
        int width = Integer.toString(values.size()).length();
        List<Setting> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) out.add(new Setting(String.format(Locale.ROOT, "s%0" + width + "d", i + 1), values.get(i)));
        return out;
    }

    /**
     * The units of the sweep: one plan entry per setting, its values on top of {@code fixed} (the
     * sweep's {@code --set}, which may hold {@code ensemble}). Every setting is checked whole
     * before anything runs, as {@code train} would check it.
     */
    public static FitPlan plan(Dataset d, String preset, List<Setting> settings, Map<String, String> fixed, int folds, long seed) {
        Preset p = Presets.get(preset);
        for (String key : fixed.keySet()) {
            if (key.equals(ModelFitters.ENSEMBLE)) continue;
            if (!p.defaults().containsKey(key)) throw new BadInputException("--set: " + preset + " has no hyperparameter '" + key + "'");
            if (settings.stream().anyMatch(s -> s.values().containsKey(key)))
                throw new BadInputException("--set " + key + ": " + key + " is swept; set it or sweep it, not both");
        }
        List<FitPlan.Entry> entries = new ArrayList<>();
        for (Setting s : settings) {
            Map<String, String> all = new LinkedHashMap<>(fixed);
            all.putAll(s.values());
            Map<String, String> own = new LinkedHashMap<>(all);
            own.remove(ModelFitters.ENSEMBLE);
            Presets.config(preset, own, seed); // the whole configuration, checked as train checks it
            entries.add(FitPlan.entry(s.label(), preset, all));
        }
        return FitPlan.of(d, entries, folds, seed);
    }

    /** Scores every setting on its validation predictions, chooses, and scores the chosen setting's test predictions. */
    public static Result result(Dataset d, FitPlan plan, List<Setting> settings, List<FitResult> results) {
        int[] all = IntStream.range(0, d.images()).toArray();
        List<FitPlan.Pooled> pooled = plan.collect(d, results);
        List<SettingResult> scored = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            FitPlan.Pooled p = pooled.get(i);
            if (p.validation() == null) throw new IllegalStateException(settings.get(i).label() + ": no validation predictions to choose on");
            scored.add(new SettingResult(settings.get(i), Benchmark.scored(d, p.entry().label(), p.validation(), all, p.seconds()), p.seconds(),
                    p.history()));
        }
        boolean norm = BenchmarkReport.hasNorm(scored.stream().map(SettingResult::validation).toList());
        int chosen = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scored.size(); i++) {
            double m = score(scored.get(i), norm);
            if (m > best) {
                best = m;
                chosen = i;
            }
        }
        FitPlan.Pooled c = pooled.get(chosen);
        Benchmark.ModelResult test = Benchmark.scored(d, c.entry().label(), c.test(), all, c.seconds());
        return new Result(scored, chosen, norm, test);
    }

    /** The choice's score: the mean over neurons of CC_norm (or CC_abs), NaN where none has one. */
    public static double score(SettingResult r, boolean norm) {
        List<NeuronScore> s = r.validation().scores();
        return PopulationSummary.of(s, norm ? NeuronScore::ccNorm : NeuronScore::ccAbs).mean();
    }
}
