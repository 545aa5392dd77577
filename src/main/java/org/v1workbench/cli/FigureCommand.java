package org.v1workbench.cli;

import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.figure.ChartStyle;
import org.v1workbench.figure.Figure;
import org.v1workbench.figure.FigureExport;
import org.v1workbench.figure.FigureFormat;
import org.v1workbench.figure.FigureSize;
import org.v1workbench.figure.Panels;
import org.v1workbench.figure.TrainingCharts;
import org.v1workbench.model.FirstLayerKernels;
import org.v1workbench.probe.FilterGrid;
import org.v1workbench.probe.Kernels;
import org.v1workbench.ui.common.Evaluation;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.inspector.InspectorFigures;
import org.v1workbench.ui.inspector.InspectorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Exports the window's figures of a trained experiment from the command line, built by the same
 * code the window uses (the inspector's, the filters' and the training panel's), at a size in
 * millimetres and a resolution, so that a paper's figures come from a script.
 */
@Command(name = "figure", mixinStandardHelpOptions = true,
        description = {"Export the window's figures of a trained experiment: predicted vs recorded, sorted test responses, "
                + "tuning, receptive fields, what drives a neuron (MEI and top/bottom images), first-layer filters and training curves, "
                + "as PNG, SVG or PDF (text as text, fonts embedded) at a size in mm and a DPI.",
                "Panels: " + FigureCommand.PANEL_LIST + ", or all."})
public final class FigureCommand implements Callable<Integer> {
    static final String PANEL_LIST = "predicted-vs-recorded, sorted-responses, tuning, receptive-field, drives, filters, training-curves";

    /**
     * Each panel's default size in mm {width, height}: one journal column (89 mm) for a single
     * chart, two (183 mm) for a row of charts or images; 0 height: from the picture's own aspect.
     */
    static final Map<String, double[]> PANELS = new LinkedHashMap<>();
    static {
        PANELS.put("predicted-vs-recorded", new double[]{89, 80});
        PANELS.put("sorted-responses", new double[]{89, 60});
        PANELS.put("tuning", new double[]{183, 65});
        PANELS.put("receptive-field", new double[]{183, 70});
        PANELS.put("drives", new double[]{183, 0});
        PANELS.put("filters", new double[]{120, 0});
        PANELS.put("training-curves", new double[]{183, 80});
    }

    /** Pixels per point at which the picture panels (tiles, filter grid) are drawn: their 12-px captions print at about 8.5 pt. */
    static final double PICTURE_PX_PER_PT = 1.4;

    @Mixin
    ExperimentOption experiment;

    @Option(names = "--panel", paramLabel = "NAME", split = ",", required = true,
            description = "which figure(s): " + PANEL_LIST + ", or all; several, comma-separated, need --out to be a folder")
    List<String> panels;

    @Option(names = "--neuron", paramLabel = "ID", description = "the neuron of the inspector's figures (default: the one with the highest CC_norm on the test tier, said on stderr)")
    String neuron;

    @Option(names = "--out", paramLabel = "FILE|DIR", required = true,
            description = "the file to write (one panel), or a folder to write NEURON-PANEL.EXT files into (several)")
    Path out;

    @Option(names = "--format", paramLabel = "png|svg|pdf", description = "format (default: from --out's extension, else pdf)")
    String format;

    @Option(names = "--width-mm", paramLabel = "MM", description = "width in millimetres (default: 89, one journal column, for a single chart; 183, two columns, for a row of panels)")
    Double widthMm;

    @Option(names = "--height-mm", paramLabel = "MM", description = "height in millimetres (default: per panel; for the pictures, drives and filters, their own aspect)")
    Double heightMm;

    @Option(names = "--dpi", paramLabel = "N", defaultValue = "300", description = "resolution of PNGs and of the images inside vector figures (default ${DEFAULT-VALUE})")
    int dpi;

    @Override
    public Integer call() throws Exception {
        Set<String> wanted = new LinkedHashSet<>();
        for (String p : panels) {
            String name = p.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) wanted.addAll(PANELS.keySet());
            else if (PANELS.containsKey(name)) wanted.add(name);
            else throw new BadInputException("--panel must be one of " + PANEL_LIST + " or all, not '" + p + "'");
        }
        boolean several = wanted.size() > 1;
        FigureFormat fmt = format != null ? ProbeCommand.figureFormat(format)
                : !several && hasFigureExtension(out) ? FigureFormat.of(out) : FigureFormat.PDF;
        if (!several && hasFigureExtension(out) && FigureFormat.of(out) != fmt)
            throw new BadInputException(out + ": the extension says " + FigureFormat.of(out).extension() + " but --format says " + fmt.extension());
        if (several && Files.isRegularFile(out)) throw new BadInputException(out + ": several panels need --out to be a folder, and this is a file");
        for (String p : wanted) size(p, 1); // a bad size fails before anything is computed

        Experiment e = experiment.load();
        Dataset d = experiment.openData(e);
        if (!DatasetIdentity.checksum(d).equals(e.dataset().sha256()))
            throw new BadInputException(experiment.dataPath(e) + ": not the dataset experiment " + experiment.dir + " was trained on (checksum differs)");
        OpenExperiment opened = new OpenExperiment(ExperimentSummary.read(experiment.dir), e, d);

        Evaluation ev = null;
        InspectorModel.NeuronView view = null;
        InspectorModel.Probed probed = null;
        if (wanted.stream().anyMatch(FigureCommand::perNeuron)) {
            System.err.println("predicting the test tier and every image with " + opened.label() + " ...");
            ev = InspectorModel.evaluationOf(opened, () -> false);
            List<InspectorModel.Entry> entries = InspectorModel.entries(ev);
            if (entries.isEmpty()) throw new BadInputException(experiment.dir + ": the dataset has no test images to show predictions on");
            InspectorModel.Entry entry = neuron == null ? entries.get(0)
                    : entries.stream().filter(x -> x.id().equals(neuron)).findFirst().orElseThrow(() -> new BadInputException(
                            "experiment " + experiment.dir + " has no neuron '" + neuron + "' (it predicts " + entries.size() + ": "
                                    + String.join(", ", entries.stream().limit(5).map(InspectorModel.Entry::id).toList())
                                    + (entries.size() > 5 ? ", ..." : "") + ")"));
            if (neuron == null) System.err.printf(Locale.ROOT, "neuron %s (the highest CC_norm, %.3f; choose one with --neuron)%n", entry.id(), entry.ccNorm());
            view = InspectorModel.neuronView(ev, entry);
            if (wanted.stream().anyMatch(FigureCommand::needsProbe)) {
                System.err.println("probing neuron " + entry.id() + " (receptive field, tuning, most exciting input) ...");
                int n = entry.index();
                probed = InspectorModel.probe(ev, n, d.neuron(ev.datasetIndex()[n]), (stage, done, total) -> {});
                if (!probed.note().isEmpty()) System.err.println("note: " + probed.note());
            }
        }
        String id = view == null ? null : view.entry().id();
        for (String p : wanted) {
            FigureSize size = size(p, 1);
            Figure fig;
            switch (p) {
                case "predicted-vs-recorded" -> fig = print(InspectorFigures.scatter(view));
                case "sorted-responses" -> fig = print(InspectorFigures.sortedResponses(view));
                case "tuning" -> fig = row(InspectorFigures.tuning(probed, d.unit()));
                case "receptive-field" -> fig = row(InspectorFigures.receptiveFields(probed, d));
                case "drives" -> {
                    BufferedImage img = InspectorFigures.drives(probed, ev, d, (int) Math.round(size.widthPt() * PICTURE_PX_PER_PT));
                    size = size(p, (double) img.getHeight() / img.getWidth());
                    fig = Figure.of(img);
                }
                case "filters" -> {
                    Kernels k = kernels(e);
                    String title = "First-layer filters of " + opened.label();
                    size = size(p, FilterGrid.aspect(k, title));
                    fig = FilterGrid.figure(k, title);
                }
                case "training-curves" -> fig = curves(opened.summary());
                default -> throw new IllegalStateException(p);
            }
            Path file = several ? out.resolve((perNeuron(p) ? safe(id) + "-" : "") + p + "." + fmt.extension()) : out;
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            FigureExport.write(fig, fmt, size, file);
            System.out.printf(Locale.ROOT, "%s: %.0f x %.0f mm%s -> %s%n", p, size.widthMm(), size.heightMm(),
                    fmt == FigureFormat.PNG ? String.format(Locale.ROOT, ", %d x %d px at %d DPI", size.widthPx(), size.heightPx(), dpi) : "",
                    file);
        }
        return Main.OK;
    }

    /** The panel's size: the options where given, else its default; {@code aspect} (height / width) where the default height is 0. */
    private FigureSize size(String panel, double aspect) {
        double[] def = PANELS.get(panel);
        double w = widthMm != null ? widthMm : def[0];
        double h = heightMm != null ? heightMm : def[1] > 0 ? def[1] : w * aspect;
        return FigureSize.millimetres(w, h, dpi);
    }

    static boolean perNeuron(String panel) {
        return !panel.equals("filters") && !panel.equals("training-curves");
    }

    static boolean needsProbe(String panel) {
        return panel.equals("tuning") || panel.equals("receptive-field") || panel.equals("drives");
    }

    private static boolean hasFigureExtension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (FigureFormat f : FigureFormat.values()) if (n.endsWith("." + f.extension())) return true;
        return false;
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A chart in the print style (type in points, 8 to 10 pt at the printed size), as the window exports it. */
    private static Figure print(JFreeChart chart) {
        return Figure.of(ChartStyle.PRINT.apply(chart));
    }

    private static Figure row(List<JFreeChart> charts) {
        return Panels.row(charts.stream().map(FigureCommand::print).toList());
    }

    /** The first-layer filters of the experiment's first run that has them (the filters view's grid). */
    private Kernels kernels(Experiment e) {
        for (RunRecord r : e.runs()) {
            TrainedRun t = e.trained().get(r.id());
            if (!r.chosen() || t == null) continue;
            Optional<FirstLayerKernels> k = t.withBest(FirstLayerKernels::of);
            if (k.isPresent()) {
                FirstLayerKernels w = k.get();
                return new Kernels(w.weights(), w.filters(), w.height(), w.width());
            }
        }
        throw new BadInputException("experiment " + experiment.dir + " (" + e.config().preset() + ") has no learned first-layer filters");
    }

    /** Training and validation loss, and the validation score, per epoch and run (the training panel's charts). */
    private Figure curves(ExperimentSummary s) {
        List<HistoryRow> rows = s.history();
        if (rows.isEmpty()) throw new BadInputException(experiment.dir.resolve(Experiment.HISTORY), "missing or empty (no training curves)");
        Map<String, List<HistoryRow>> byRun = new LinkedHashMap<>();
        for (HistoryRow r : rows) byRun.computeIfAbsent(r.run(), k -> new ArrayList<>()).add(r);
        List<TrainingCharts.Curve> loss = new ArrayList<>(), score = new ArrayList<>();
        Set<String> metrics = new java.util.TreeSet<>();
        int colour = 0;
        for (var run : byRun.entrySet()) {
            String label = byRun.size() == 1 ? s.preset() : run.getKey();
            XYSeries train = new XYSeries(label + " (training)", false, true), val = new XYSeries(label, false, true),
                    cc = new XYSeries(label, false, true);
            for (HistoryRow r : run.getValue()) {
                if (Double.isFinite(r.trainLoss())) train.addOrUpdate(r.epoch(), r.trainLoss());
                if (Double.isFinite(r.validationLoss())) val.addOrUpdate(r.epoch(), r.validationLoss());
                if (Double.isFinite(r.validationCc())) cc.addOrUpdate(r.epoch(), r.validationCc());
                if (r.validationMetric() != null && !r.validationMetric().isEmpty()) metrics.add(metricLabel(r.validationMetric()));
            }
            loss.add(new TrainingCharts.Curve(train, colour, true));
            loss.add(new TrainingCharts.Curve(val, colour, false));
            score.add(new TrainingCharts.Curve(cc, colour, false));
            colour++;
        }
        String metric = metrics.isEmpty() ? "CC_norm" : String.join(" / ", metrics);
        return Panels.row(List.of(print(TrainingCharts.loss(loss, null)), print(TrainingCharts.score(score, metric))));
    }

    private static String metricLabel(String metric) {
        return metric.equals("cc_norm") ? "CC_norm" : metric.equals("cc_abs") ? "CC_abs" : metric;
    }
}
