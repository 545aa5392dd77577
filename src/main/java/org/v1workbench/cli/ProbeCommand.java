package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.figure.FigureFormat;
import org.v1workbench.probe.AccuracySplit;
import org.v1workbench.probe.GroundTruthComparison;
import org.v1workbench.probe.NetworkResponseModel;
import org.v1workbench.probe.ProbeReport;
import org.v1workbench.probe.ProbeResult;
import org.v1workbench.probe.ProbeSettings;
import org.v1workbench.probe.ProbedNeuron;
import org.v1workbench.probe.Probes;
import org.v1workbench.probe.TuningSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Probes a trained experiment: receptive fields, grating tuning, most exciting inputs and learned
 * filters ({@link Probes}), joined with the experiment's scores into the accuracy split and, where
 * the dataset carries the simulator's ground truth, compared with it. Everything goes to one folder,
 * written atomically; progress on stderr, a summary on stdout.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probe a trained experiment in silico and write DIR: neurons.csv (neuron, rf_x, rf_y, "
                + "preferred_orientation_deg, osi, circular_variance, preferred_sf, f1_f0, cell_class), probe-details.csv, "
                + "arrays (.npy), figures (filters, receptive fields, tuning curves, most exciting inputs, F1/F0 histogram), "
                + "population.csv, accuracy-split.csv/.md (CC_abs, and CC_norm where repeats exist, for orientation-selective "
                + "vs non-selective and simple vs complex neurons) and, for simulated data, ground-truth.csv/.md.",
                "Rates are in Hz (the networks' spike counts per window divided by the window)."})
public final class ProbeCommand implements Callable<Integer> {
    @Mixin
    ExperimentOption experiment;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write (replaced only once complete)")
    Path out;

    @Option(names = "--scores", paramLabel = "FILE.csv", description = "per-neuron scores (neuron, cc_abs, cc_norm; evaluate's output); default: the experiment's scores.csv")
    Path scores;

    @Option(names = "--scores-model", paramLabel = "NAME", description = "the model whose rows to take from a --scores file with a model column (benchmark's PREFIX-neurons.csv)")
    String scoresModel;

    @Option(names = "--neurons", paramLabel = "N", description = "probe only the first N of the experiment's neurons (default: all)")
    Integer neurons;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the image sample, noise and MEI starts (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--orientations", paramLabel = "N", defaultValue = "16", description = "grating orientations over 180 degrees (default ${DEFAULT-VALUE})")
    int orientations;

    @Option(names = "--phases", paramLabel = "N", defaultValue = "8", description = "grating phases over a cycle (default ${DEFAULT-VALUE})")
    int phases;

    @Option(names = "--spatial-freqs", paramLabel = "F,F,...", split = ",", description = "grating spatial frequencies, cycles/pixel (default: 8 log-spaced from 1/image size to 0.5)")
    double[] spatialFreqs;

    @Option(names = "--gradient-images", paramLabel = "N", defaultValue = "200", description = "natural images averaged for the gradient RF (default ${DEFAULT-VALUE})")
    int gradientImages;

    @Option(names = "--noise-images", paramLabel = "N", defaultValue = "20000", description = "white-noise images for the STA; 0 = none (default ${DEFAULT-VALUE})")
    int noiseImages;

    @Option(names = "--mei-steps", paramLabel = "N", defaultValue = "200", description = "gradient-ascent steps of the most exciting inputs; 0 = none (default ${DEFAULT-VALUE})")
    int meiSteps;

    @Option(names = "--mei-neurons", paramLabel = "N", defaultValue = "0", description = "most exciting inputs for the first N neurons only; 0 = all (default ${DEFAULT-VALUE})")
    int meiNeurons;

    @Option(names = "--figure-neurons", paramLabel = "N", defaultValue = "24", description = "neurons shown in each figure (default ${DEFAULT-VALUE}); the tables have all")
    int figureNeurons;

    @Option(names = "--cc-norm-min", paramLabel = "X", defaultValue = "0.5", description = "ground-truth comparison: only neurons with CC_norm above X (default ${DEFAULT-VALUE})")
    double ccNormMin;

    @Option(names = "--rf-tolerance", paramLabel = "PX", defaultValue = "2", description = "ground-truth comparison: RF centre error allowed, pixels (default ${DEFAULT-VALUE})")
    double rfTolerance;

    @Option(names = "--format", paramLabel = "png|svg|pdf", defaultValue = "png",
            description = "format of the figures (default ${DEFAULT-VALUE}); svg and pdf keep text as text, pdf with its font embedded")
    String format;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        FigureFormat figures = figureFormat(format);
        Experiment e = experiment.load();
        Dataset all = experiment.openData(e);
        if (!DatasetIdentity.checksum(all).equals(e.dataset().sha256()))
            throw new BadInputException(experiment.dataPath(e) + ": not the dataset experiment "
                    + experiment.dir + " was trained on (checksum differs)");
        List<String> ids = e.neurons();
        if (neurons != null) {
            if (neurons < 1) throw new BadInputException("--neurons must be at least 1, not " + neurons);
            ids = ids.subList(0, Math.min(neurons, ids.size()));
        }
        Dataset d = all.selectNeurons(indices(all, ids));
        Path scoreFile = scores != null ? scores : experiment.dir.resolve(Experiment.SCORES);
        if (!Files.isRegularFile(scoreFile)) throw new BadInputException(scoreFile, "missing (no per-neuron scores to join)");
        Map<String, double[]> score = AccuracySplit.readScores(scoreFile, scoresModel);
        for (String id : ids)
            if (!score.containsKey(id)) throw new BadInputException(scoreFile, "has no row for neuron '" + id + "'");

        ProbeSettings s;
        try {
            s = ProbeSettings.defaults().toBuilder().seed(seed).orientations(orientations).phases(phases)
                    .gradientImages(gradientImages).noiseImages(noiseImages).meiSteps(meiSteps).meiNeurons(meiNeurons).figureNeurons(figureNeurons)
                    .spatialFreqs(spatialFreqs).rateScale(1)
                    .rateLabel(d.responseKind().firing() ? "rate (Hz)" : "response (" + d.unit() + ")").build();
        } catch (IllegalArgumentException ex) {
            throw new BadInputException("probe settings: " + ex.getMessage());
        }
        // responses scaled as the dataset shows them: counts / window = Hz; a signal (dF/F, z) as it is
        NetworkResponseModel model = NetworkResponseModel.of(e, ids, d);
        System.err.printf(Locale.ROOT, "probing %d neurons of %s (%s, %d network%s) on '%s', %d x %d images%n", ids.size(), experiment.dir,
                e.config().preset(), model.members(), model.members() == 1 ? "" : "s", d.name(), d.height(), d.width());
        ProbeResult r = Probes.probe(model, d, s, new Progress(t0));

        List<ProbedNeuron> probed = ProbedNeuron.of(r);
        TuningSummary tuning = TuningSummary.of(probed);
        List<AccuracySplit.Group> split = AccuracySplit.split(probed, score);
        GroundTruthComparison.Summary truth = hasGroundTruth(d) ? compare(d, probed, score) : null;
        String md = markdown(e, d, tuning, split, truth);
        ProbeReport.write(r, d, out, figures, dir -> {
            tuning.write(dir.resolve("population.csv"));
            AccuracySplit.write(split, dir.resolve("accuracy-split.csv"));
            Files.writeString(dir.resolve("accuracy-split.md"), "# Prediction accuracy by tuning class\n\n"
                    + AccuracySplit.markdown(split), StandardCharsets.UTF_8);
            if (truth != null) {
                GroundTruthComparison.write(truth, dir.resolve("ground-truth.csv"), dir.resolve("ground-truth-neurons.csv"));
                Files.writeString(dir.resolve("ground-truth.md"), "# Probe against the ground truth\n\n"
                        + GroundTruthComparison.markdown(truth), StandardCharsets.UTF_8);
            }
            Map<String, double[]> positions = org.v1workbench.probe.ReadoutPositions.of(e);
            String full = md;
            if (!positions.isEmpty()) {
                double median = org.v1workbench.probe.ReadoutPositions.write(positions, probed, dir.resolve("readout-positions.csv"));
                full = md + "\n" + org.v1workbench.probe.ReadoutPositions.summary(positions.size(), median);
            }
            Files.writeString(dir.resolve("summary.md"), full, StandardCharsets.UTF_8);
        });
        System.err.printf(Locale.ROOT, "%7.1f s  written to %s%n", (System.nanoTime() - t0) / 1e9, out);
        System.out.print(md);
        return Main.OK;
    }

    private static int[] indices(Dataset d, List<String> ids) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < d.neuronCount(); i++) at.put(d.neuron(i).id(), i);
        int[] out = new int[ids.size()];
        for (int k = 0; k < out.length; k++) {
            Integer i = at.get(ids.get(k));
            if (i == null) throw new BadInputException("dataset '" + d.name() + "' has no neuron '" + ids.get(k) + "' that the experiment predicts");
            out[k] = i;
        }
        return out;
    }

    /**
     * The simulator's ground truth: every neuron has a cell type and an RF centre (the orientation
     * is empty for untuned types; the comparison asks for it where it needs it).
     */
    static boolean hasGroundTruth(Dataset d) {
        return d.neurons().stream().allMatch(n -> n.property("cell_type") != null && n.property("rf_x") != null
                && n.property("rf_y") != null);
    }

    /** Neurons with CC_norm above the threshold; all neurons where the dataset has no CC_norm (one repeat). */
    private GroundTruthComparison.Summary compare(Dataset d, List<ProbedNeuron> probed, Map<String, double[]> score) {
        Map<String, Double> cc = new HashMap<>();
        for (ProbedNeuron p : probed) cc.put(p.id(), score.get(p.id())[1]);
        boolean any = cc.values().stream().anyMatch(Double::isFinite);
        if (!any) System.err.println("note: no CC_norm in the scores (one repeat?): the ground-truth comparison includes every neuron");
        return GroundTruthComparison.compare(d.neurons(), probed, any ? cc : null, any ? ccNormMin : Double.NaN, rfTolerance);
    }

    private static String markdown(Experiment e, Dataset d, TuningSummary t, List<AccuracySplit.Group> split,
                                   GroundTruthComparison.Summary truth) {
        StringBuilder b = new StringBuilder();
        b.append("# Probe of ").append(e.config().preset()).append(" on '").append(d.name()).append("'\n\n");
        b.append("## Tuning of the population\n\n").append(t.markdown()).append('\n');
        b.append("## Prediction accuracy (test tier) by tuning class\n\n").append(AccuracySplit.markdown(split)).append('\n');
        if (truth != null) b.append("## Against the ground truth\n\n").append(GroundTruthComparison.markdown(truth)).append('\n');
        return b.toString();
    }

    /** One line per stage and about every 10% of it, with the time since the start. */
    private static final class Progress implements org.v1workbench.probe.ProbeProgress {
        final long t0;
        String stage = "";
        int tenth = -1;

        Progress(long t0) {
            this.t0 = t0;
        }

        @Override
        public void update(String stage, long done, long total) {
            int k = total <= 0 ? 10 : (int) (10 * done / total);
            if (stage.equals(this.stage) && k == tenth) return;
            if (!stage.equals(this.stage)) tenth = -1;
            if (k == tenth) return;
            this.stage = stage;
            tenth = k;
            System.err.printf(Locale.ROOT, "%7.1f s  %s %d/%d%n", (System.nanoTime() - t0) / 1e9, stage, done, total);
        }
    }

    /** The figure format {@code --format} names (png, svg, pdf; any case). */
    static FigureFormat figureFormat(String name) {
        for (FigureFormat f : FigureFormat.values())
            if (f.extension().equalsIgnoreCase(name.trim())) return f;
        throw new BadInputException("--format must be png, svg or pdf, not '" + name + "'");
    }
}
