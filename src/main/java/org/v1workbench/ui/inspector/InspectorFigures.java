package org.v1workbench.ui.inspector;

import org.jfree.chart.JFreeChart;
import org.v1workbench.data.Dataset;
import org.v1workbench.figure.GreyImages;
import org.v1workbench.figure.ImageTiles;
import org.v1workbench.figure.InspectorCharts;
import org.v1workbench.figure.Units;
import org.v1workbench.probe.ImageOps;
import org.v1workbench.probe.MostExcitingInput;
import org.v1workbench.probe.ReceptiveField;
import org.v1workbench.probe.Tuning;
import org.v1workbench.ui.common.Evaluation;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The neuron inspector's figures, built from what {@link InspectorModel} computes, with no
 * JavaFX: the window shows them and the {@code figure} command exports them, so a figure made by
 * a script is the one the window showed.
 */
public final class InspectorFigures {
    private InspectorFigures() {}

    /** Predicted against recorded responses on the test tier, with CC_abs, CC_max and CC_norm. */
    public static JFreeChart scatter(InspectorModel.NeuronView v) {
        var s = v.score();
        return InspectorCharts.scatter(v.entry().id(), v.recorded(), v.predicted(), s.ccAbs(), s.ccMax(), s.ccNorm(), v.unit());
    }

    /** The test images sorted by recorded response, the prediction and the repeats beside them. */
    public static JFreeChart sortedResponses(InspectorModel.NeuronView v) {
        return InspectorCharts.sortedResponses(v.entry().id(), v.recorded(), v.predicted(), v.repeats(), v.unit());
    }

    /** Orientation and spatial-frequency tuning, with the simulator's curves where they share the unit. */
    public static List<JFreeChart> tuning(InspectorModel.Probed p, String unit) {
        Tuning t = p.tuning();
        // The simulator's curves are rates in Hz: drawn beside the model's only where the model is in Hz too
        // (the truth's orientation, OSI and F1/F0 in the facts do not depend on the unit).
        InspectorModel.Truth curves = truthCurvesShown(unit) ? p.truth() : null;
        String measure = "F0 above blank + F1; dotted: preferred";
        return List.of(
                InspectorCharts.orientationTuning(t.orientationsDeg(), t.orientationCurve(), t.preferredOrientationDeg(),
                        curves == null ? null : curves.tuning().orientationCurve(), curves == null ? Double.NaN : curves.params().orientationDeg(), measure, unit),
                InspectorCharts.sfTuning(t.spatialFreqs(), t.sfCurve(), t.preferredSf(),
                        curves == null ? null : curves.tuning().sfCurve(), curves == null ? Double.NaN : curves.params().spatialFreq(), measure, unit));
    }

    /** The linear RF (mean gradient), the RF energy with its Gaussian fit and, for simulated data, the true RF. */
    public static List<JFreeChart> receptiveFields(InspectorModel.Probed p, Dataset d) {
        int h = d.height(), w = d.width();
        String unit = d.unit();
        ReceptiveField f = p.rf();
        InspectorModel.Truth truth = p.truth();
        List<JFreeChart> maps = new ArrayList<>();
        maps.add(InspectorCharts.map("Linear RF (model)", "mean gradient, " + p.settings().gradientImages() + " images",
                ImageOps.toDouble(f.gradient()), h, w, true, unit + "/grey level", Double.NaN, Double.NaN, 0, false));
        maps.add(InspectorCharts.map("RF energy (model)", String.format(Locale.ROOT, "fit (%.1f, %.1f), sd %.1f%s",
                f.x(), f.y(), f.size(), p.readout() == null ? "" : String.format(Locale.ROOT, "; readout at (%.1f, %.1f)", p.readout()[0],
                        p.readout()[1])), ImageOps.toDouble(f.energy()), h, w, false, "(" + unit + "/grey level)\u00B2", f.x(), f.y(), f.size(), false));
        if (truth != null)
            maps.add(InspectorCharts.map("True RF (simulator)", String.format(Locale.ROOT, "%s, (%.1f, %.1f), sd %.1f",
                    truth.params().cellType().label(), truth.params().rfX(), truth.params().rfY(), truth.params().rfSize()),
                    truth.profile(), h, w, true, "", truth.params().rfX(), truth.params().rfY(), truth.params().rfSize(), false));
        return maps;
    }

    /** The MEI and the top and bottom natural images, captioned predicted | recorded in the dataset's unit. */
    public static BufferedImage drives(InspectorModel.Probed p, Evaluation ev, Dataset d, int width) {
        String unit = d.unit();
        GreyImages.Range range = new GreyImages.Range(ev.stats().min(), ev.stats().max());
        List<ImageTiles.Tile> t = new ArrayList<>();
        MostExcitingInput.Mei mei = p.mei();
        MostExcitingInput.Extremes x = p.extremes();
        int[] top = x.top(), bottom = x.bottom();
        double[] tr = x.topRates(), br = x.bottomRates();
        int col = ev.datasetIndex()[indexOf(ev, p.id())];
        t.add(mei == null ? null : new ImageTiles.Tile(mei.image(), d.height(), d.width(), "MEI",
                Units.format(mei.rate(), unit)));
        for (int k = 0; k < top.length; k++)
            t.add(new ImageTiles.Tile(d.stimulus(top[k]), d.height(), d.width(), "#" + top[k],
                    Units.number(tr[k], unit) + " | " + Units.number(d.meanLevel(top[k], col), unit)));
        t.add(null);
        for (int k = 0; k < bottom.length; k++)
            t.add(new ImageTiles.Tile(d.stimulus(bottom[k]), d.height(), d.width(), "#" + bottom[k],
                    Units.number(br[k], unit) + " | " + Units.number(d.meanLevel(bottom[k], col), unit)));
        String footer = "Top: " + (mei == null ? "" : "MEI (most exciting input), ") + "the images predicted highest; "
                + "below: lowest. " + captionOf(unit) + ", predicted | recorded.";
        return ImageTiles.render(t, top.length + 1, 120, range, "What drives " + p.id(), footer, width);
    }

    /** Whether the simulator's tuning curves (rates in Hz) share the charts with a model in {@code unit}. */
    static boolean truthCurvesShown(String unit) {
        return Units.isRate(unit);
    }

    /** The facts' first key: "mean rate (Hz)" for rates, "mean response (dF/F)" for a signal. */
    static String meanKey(String unit) {
        return "mean " + Units.quantity(unit) + " (" + unit + ")";
    }

    /** "Rates in Hz" for rates, "Responses in dF/F" for a signal. */
    static String captionOf(String unit) {
        return (Units.isRate(unit) ? "Rates" : "Responses") + " in " + unit;
    }

    static int indexOf(Evaluation ev, String id) {
        for (int n = 0; n < ev.neuronCount(); n++) if (ev.scores().get(n).neuron().equals(id)) return n;
        throw new IllegalArgumentException("no neuron " + id);
    }
}
