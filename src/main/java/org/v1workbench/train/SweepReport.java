package org.v1workbench.train;

import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.ConfigFile;
import org.v1workbench.experiment.SettingFolder;
import org.v1workbench.experiment.SweepSetting;
import org.v1workbench.figure.Figure;
import org.v1workbench.figure.FigureExport;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.figure.Panels;
import org.v1workbench.figure.SweepCharts;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.metrics.PopulationSummary;
import org.v1workbench.model.engine.Backend;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Presets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a sweep found, beside {@code PREFIX}:
 * <ul>
 * <li>{@code PREFIX.csv}: one row per setting, its swept values and its validation scores
 *     ({@link #columns}); {@code PREFIX.md}: the same, readable, with the choice and the chosen
 *     setting's test score, the only test score the sweep reports;</li>
 * <li>{@code PREFIX.png}: the validation score against each swept value;</li>
 * <li>{@code PREFIX-best.json}: the chosen configuration, for {@code train --config};</li>
 * <li>{@code PREFIX-test-neurons.csv}: the chosen setting's per-neuron test scores;</li>
 * <li>{@code PREFIX.json}: the provenance; {@code PREFIX-settings/LABEL/}: each setting as an
 *     experiment folder without a model ({@link SettingFolder}), with its folds' learning curves
 *     ({@code history.csv}), for lists of experiments and the window's curves.</li>
 * </ul>
 */
public final class SweepReport {
    /** The columns of {@code PREFIX.csv} after {@code setting} and the swept keys. */
    public static final List<String> SCORE_COLUMNS = List.of("neurons", "validation_mean_cc_abs", "validation_sem_cc_abs",
            "validation_mean_cc_norm", "validation_sem_cc_norm", "seconds", "chosen");
    /** The columns of {@code PREFIX-test-neurons.csv}. */
    public static final List<String> TEST_NEURON_COLUMNS = List.of("setting", "neuron", "session", "mean_rate_hz", "cc_abs", "cc_norm");

    private SweepReport() {}

    /** {@code setting}, the swept keys, then {@link #SCORE_COLUMNS}. */
    public static List<String> columns(List<String> keys) {
        List<String> c = new ArrayList<>(List.of("setting"));
        c.addAll(keys);
        c.addAll(SCORE_COLUMNS);
        return c;
    }

    public static void write(Dataset d, String preset, SweepSpace space, Sweep.Result r, Map<String, String> fixed, int folds, long seed,
                             Path prefix) throws IOException {
        Path parent = prefix.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String base = prefix.getFileName().toString();
        List<String> keys = space.keys();

        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < r.settings().size(); i++) {
            Sweep.SettingResult s = r.settings().get(i);
            List<String> row = new ArrayList<>(List.of(s.setting().label()));
            for (String k : keys) row.add(s.setting().values().get(k));
            List<NeuronScore> v = s.validation().scores();
            PopulationSummary abs = PopulationSummary.of(v, NeuronScore::ccAbs), norm = PopulationSummary.of(v, NeuronScore::ccNorm);
            row.addAll(List.of(Integer.toString(v.size()), Csv.number(abs.mean()), Csv.number(abs.sem()), Csv.number(norm.mean()),
                    Csv.number(norm.sem()), String.format(Locale.ROOT, "%.1f", s.seconds()), Boolean.toString(i == r.chosen())));
            rows.add(row);
        }
        Csv.write(parent.resolve(base + ".csv"), columns(keys), rows);

        List<List<String>> neuronRows = new ArrayList<>();
        for (NeuronScore n : r.test().scores())
            neuronRows.add(List.of(r.best().setting().label(), n.neuron(), n.session(), Csv.number(n.meanRateHz()), Csv.number(n.ccAbs()),
                    Csv.number(n.ccNorm())));
        Csv.write(parent.resolve(base + "-test-neurons.csv"), TEST_NEURON_COLUMNS, neuronRows);

        String md = markdown(d, preset, space, r, fixed, folds, seed, base);
        AtomicFiles.writeFile(parent.resolve(base + ".md"), tmp -> Files.writeString(tmp, md, StandardCharsets.UTF_8));
        FigureExport.write(figure(space, r), FigureSize.pixels(Math.max(1, keys.size()) * 520, 420, 150), parent.resolve(base + ".png"));

        ConfigFile.write(parent.resolve(base + "-best.json"), chosenConfig(preset, r, fixed, seed), members(fixed),
                "sweep " + base + ": setting " + r.best().setting().label() + " (" + FitPlan.describe(r.best().setting().values())
                        + "), chosen on the validation folds of " + folds + "-fold cross-validation on " + d.name());
        Provenance.writeSweep(parent.resolve(base + ".json"), d, preset, r.settings().stream().map(Sweep.SettingResult::setting).toList(),
                r.best().setting().label(), folds, seed, fixed);

        Map<String, String> versions = Provenance.versions(Backend.init());
        String metric = r.norm() ? "cc_norm" : "cc_abs";
        for (int i = 0; i < r.settings().size(); i++) {
            Sweep.SettingResult s = r.settings().get(i);
            ModelConfig c = config(preset, s.setting(), fixed, seed);
            String reason = String.format(Locale.ROOT, "sweep %s, setting %s (%s): %d-fold cross-validation, scored on the validation folds%s",
                    base, s.setting().label(), FitPlan.describe(s.setting().values()), folds, i == r.chosen() ? "; chosen, with its test score" : "");
            SweepSetting which = new SweepSetting(base, s.setting().label(), s.setting().values(), folds, i == r.chosen());
            SettingFolder.write(parent.resolve(base + SettingFolder.SUFFIX).resolve(s.setting().label()), c, members(fixed), d, metric, reason,
                    s.seconds(), s.validation().scores(), i == r.chosen() ? r.test().scores() : null, versions, which, s.history());
        }
    }

    /** The chosen setting as a whole configuration: the preset's defaults, the sweep's {@code --set}, the chosen values. */
    static ModelConfig chosenConfig(String preset, Sweep.Result r, Map<String, String> fixed, long seed) {
        return config(preset, r.best().setting(), fixed, seed);
    }

    private static ModelConfig config(String preset, Sweep.Setting s, Map<String, String> fixed, long seed) {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.remove(ModelFitters.ENSEMBLE);
        all.putAll(s.values());
        return Presets.config(preset, all, seed);
    }

    private static int members(Map<String, String> fixed) {
        return ModelFitters.ensemble(fixed);
    }

    static Figure figure(SweepSpace space, Sweep.Result r) {
        int n = r.settings().size();
        double[] mean = new double[n], sem = new double[n];
        for (int i = 0; i < n; i++) {
            PopulationSummary p = PopulationSummary.of(r.settings().get(i).validation().scores(), r.norm() ? NeuronScore::ccNorm : NeuronScore::ccAbs);
            mean[i] = p.mean();
            sem[i] = p.sem();
        }
        List<Figure> panels = new ArrayList<>();
        for (String key : space.keys()) {
            List<String> values = r.settings().stream().map(s -> s.setting().values().get(key)).toList();
            panels.add(Figure.of(SweepCharts.scoreAgainst(key, values, mean, sem, r.chosen(), "validation " + metricName(r), space.logScale(key))));
        }
        return Panels.row(panels);
    }

    private static String metricName(Sweep.Result r) {
        return r.norm() ? "CC_norm" : "CC_abs";
    }

    public static String markdown(Dataset d, String preset, SweepSpace space, Sweep.Result r, Map<String, String> fixed, int folds, long seed,
                                  String base) {
        List<String> keys = space.keys();
        String metric = metricName(r);
        StringBuilder sb = new StringBuilder();
        sb.append("# Sweep of ").append(preset).append(" on ").append(d.name()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "%d neurons in %d sessions, %d images of %d x %d, %d repeat(s). %d settings of %s, each "
                        + "cross-validated over images with %d folds (seed %d; fold k tested, fold k+1 validates and stops early, the rest trains).%n%n",
                d.neuronCount(), d.sessions().size(), d.images(), d.height(), d.width(), d.repeats(), r.settings().size(),
                String.join(", ", keys), folds, seed));
        if (!fixed.isEmpty()) sb.append("Set on every setting: ").append(FitPlan.describe(fixed)).append(".\n\n");
        sb.append("Chosen on the validation folds only: mean ").append(metric).append(" over neurons of each setting's pooled validation ")
                .append("predictions (every image is the validation image of one fold). Only the chosen setting's test predictions were scored.\n\n");
        sb.append("| setting |");
        for (String k : keys) sb.append(' ').append(k).append(" |");
        sb.append(" validation CC_abs |").append(r.norm() ? " validation CC_norm |" : "").append(" seconds |\n|---|");
        sb.append("---|".repeat(keys.size())).append("---|").append(r.norm() ? "---|" : "").append("---|\n");
        for (int i = 0; i < r.settings().size(); i++) {
            Sweep.SettingResult s = r.settings().get(i);
            String label = i == r.chosen() ? "**" + s.setting().label() + "** (chosen)" : s.setting().label();
            sb.append("| ").append(label).append(" |");
            for (String k : keys) sb.append(' ').append(s.setting().values().get(k)).append(" |");
            sb.append(' ').append(BenchmarkReport.pm(PopulationSummary.of(s.validation().scores(), NeuronScore::ccAbs))).append(" |");
            if (r.norm()) sb.append(' ').append(BenchmarkReport.pm(PopulationSummary.of(s.validation().scores(), NeuronScore::ccNorm))).append(" |");
            sb.append(String.format(Locale.ROOT, " %.0f |%n", s.seconds()));
        }
        Sweep.SettingResult best = r.best();
        sb.append("\nChosen: **").append(best.setting().label()).append("** (").append(FitPlan.describe(best.setting().values()))
                .append("), written to `").append(base).append("-best.json` (`train --config ").append(base).append("-best.json`).\n\n");
        List<NeuronScore> t = r.test().scores();
        sb.append("Its test score, reported once (pooled out-of-fold predictions: each image predicted by the fit that never saw it), ")
                .append(t.size()).append(" neurons: CC_abs ").append(BenchmarkReport.pm(PopulationSummary.of(t, NeuronScore::ccAbs)));
        if (r.norm()) sb.append(", CC_norm ").append(BenchmarkReport.pm(PopulationSummary.of(t, NeuronScore::ccNorm)));
        sb.append(".\n");
        if (r.test().constantNeurons() > 0)
            sb.append(String.format(Locale.ROOT, "%nIt predicted a constant for %d neuron(s): counted as r = 0.%n", r.test().constantNeurons()));
        sb.append("\nA fold's validation images are the next fold's test images: the choice never used a test prediction, but it saw ")
                .append("every image's responses once, so the test score of the chosen setting is an estimate made on the images it was chosen on.\n");
        sb.append("\n![validation score against each swept value](").append(base).append(".png)\n");
        return sb.toString();
    }
}
