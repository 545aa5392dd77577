package org.v1workbench.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Npy;
import org.v1workbench.figure.FigureExport;
import org.v1workbench.figure.FigureFormat;
import org.v1workbench.figure.Sheet;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a probe's results to a folder, atomically (the folder appears complete or not at all):
 * <ul>
 * <li>{@code neurons.csv}, the contract of DESIGN.md: {@code neuron, rf_x, rf_y,
 * preferred_orientation_deg, osi, circular_variance, preferred_sf, f1_f0, cell_class}.
 * preferred_orientation_deg is empty for untuned neurons (their vector-sum angle is noise; it is
 * kept in the details), f1_f0 is empty where F0 is not positive.</li>
 * <li>{@code probe-details.csv}: everything else per neuron (RF size and fit method, bandwidth,
 * F0, F1, blank rate, the grid peak, MEI rates, top and bottom image indices).</li>
 * <li>{@code probe.json}: the settings, the pixel statistics and the model's image size.</li>
 * <li>Arrays for re-analysis (.npy, float32): {@code rf_gradient.npy}, {@code rf_energy.npy},
 * {@code rf_sta.npy}, {@code mei.npy} (neurons x height x width; NaN rows for neurons without one), {@code tuning_responses.npy}
 * (neurons x orientations x spatial frequencies x phases; the axes' values are in
 * {@code probe.json}); neurons in the order of {@code neurons.csv}.</li>
 * <li>Figures (PNG by default, or SVG or PDF with the same names): {@code receptive-fields.png}, {@code tuning-curves.png},
 * {@code most-exciting-inputs.png}, and {@code filters.png} where the model has first-layer
 * kernels: these show the first {@code figureNeurons} neurons; the files above have all. And
 * {@code f1-f0-histogram.png}, the population's distribution of F1/F0 (all neurons). In SVG and
 * PDF the text stays text; filters.svg|pdf embeds the filter grid as one image.</li>
 * </ul>
 */
public final class ProbeReport {
    private ProbeReport() {}

    public static final List<String> COLUMNS = List.of("neuron", "rf_x", "rf_y", "preferred_orientation_deg", "osi",
            "circular_variance", "preferred_sf", "f1_f0", "cell_class");

    public static final List<String> DETAIL_COLUMNS = List.of("neuron", "rf_size", "rf_fit", "vector_sum_orientation_deg",
            "bandwidth_deg", "peak_orientation_deg", "peak_sf", "f0", "f1", "blank_rate", "peak_rate", "mei_rate",
            "mei_start_rate", "mei_norm", "top_images", "top_rates", "bottom_images", "bottom_rates");

    public static void write(ProbeResult r, Dataset data, Path outDir) throws IOException {
        write(r, data, outDir, dir -> {});
    }

    /**
     * As {@link #write(ProbeResult, Dataset, Path)}, with {@code extra} writing more files (the
     * command's tables joined with scores and ground truth) into the same folder before it
     * appears, so the folder is still complete or absent.
     */
    public static void write(ProbeResult r, Dataset data, Path outDir, AtomicFiles.Writer extra) throws IOException {
        write(r, data, outDir, FigureFormat.PNG, extra);
    }

    /** As {@link #write(ProbeResult, Dataset, Path, AtomicFiles.Writer)}, with the figures in {@code format}. */
    public static void write(ProbeResult r, Dataset data, Path outDir, FigureFormat format, AtomicFiles.Writer extra) throws IOException {
        AtomicFiles.writeDirectory(outDir, dir -> {
            writeInto(r, data, dir, format);
            extra.write(dir);
        });
    }

    /** Everything of the report into an existing folder, figures as PNG. */
    static void writeInto(ProbeResult r, Dataset data, Path dir) throws IOException {
        writeInto(r, data, dir, FigureFormat.PNG);
    }

    /** Everything of the report into an existing folder, figures in {@code format}. */
    static void writeInto(ProbeResult r, Dataset data, Path dir, FigureFormat format) throws IOException {
        writeTables(r, dir);
        writeArrays(r, dir);
        List<NeuronProbe> shown = r.neurons().subList(0, Math.min(r.settings().figureNeurons(), r.neurons().size()));
        figure(ProbeFigures.receptiveFieldsSheet(shown, r.height(), r.width(), r.settings()), dir, "receptive-fields", format);
        figure(ProbeFigures.tuningCurvesSheet(shown, r.settings()), dir, "tuning-curves", format);
        if (shown.stream().anyMatch(n -> n.mei() != null || n.extremes() != null))
            figure(ProbeFigures.mostExcitingInputsSheet(shown, data, r.stats(), r.settings()), dir, "most-exciting-inputs", format);
        if (r.kernels().isPresent())
            figure(Sheet.of(FilterGrid.render(r.kernels().get(), "First-layer filters")), dir, "filters", format);
        figure(ProbeFigures.f1f0HistogramSheet(ProbedNeuron.of(r)), dir, "f1-f0-histogram", format);
    }

    /**
     * Writes {@code sheet} as {@code name.png|svg|pdf}: a PNG exactly as the sheet renders, one
     * pixel per unit; SVG and PDF one point per unit, text as text (PDF: embedded DejaVu Sans).
     */
    static void figure(Sheet sheet, Path dir, String name, FigureFormat format) throws IOException {
        Path file = dir.resolve(name + "." + format.extension());
        if (format == FigureFormat.PNG) png(sheet.render(), file);
        else FigureExport.write(sheet, format, sheet.size(), file);
    }

    /** The rows of {@code neurons.csv}, in {@link #COLUMNS} order. */
    public static List<List<String>> neuronRows(ProbeResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (NeuronProbe n : r.neurons()) {
            Tuning t = n.tuning();
            boolean untuned = t.cellClass() == CellClass.UNTUNED;
            rows.add(List.of(n.id(), Csv.number(n.rf().x()), Csv.number(n.rf().y()),
                    untuned ? "" : Csv.number(t.preferredOrientationDeg()), Csv.number(t.osi()),
                    Csv.number(t.circularVariance()), Csv.number(t.preferredSf()), Csv.number(t.f1f0()),
                    t.cellClass().label()));
        }
        return rows;
    }

    static void writeTables(ProbeResult r, Path dir) throws IOException {
        Csv.write(dir.resolve("neurons.csv"), COLUMNS, neuronRows(r));
        List<List<String>> details = new ArrayList<>();
        for (NeuronProbe n : r.neurons()) {
            Tuning t = n.tuning();
            MostExcitingInput.Mei m = n.mei();
            MostExcitingInput.Extremes e = n.extremes();
            double peak = TuningProbe.measure(t, t.peakOrientation(), t.peakSf()) + t.blank();
            details.add(List.of(n.id(), Csv.number(n.rf().size()), n.rf().fit().method(),
                    Csv.number(t.preferredOrientationDeg()), Csv.number(t.bandwidthDeg()),
                    Csv.number(t.orientationsDeg()[t.peakOrientation()]), Csv.number(t.spatialFreqs()[t.peakSf()]),
                    Csv.number(t.f0()), Csv.number(t.f1()), Csv.number(t.blank()), Csv.number(peak),
                    m == null ? "" : Csv.number(m.rate()), m == null ? "" : Csv.number(m.startRate()),
                    m == null ? "" : Csv.number(m.norm()),
                    e == null ? "" : join(e.top()), e == null ? "" : join(e.topRates()),
                    e == null ? "" : join(e.bottom()), e == null ? "" : join(e.bottomRates())));
        }
        Csv.write(dir.resolve("probe-details.csv"), DETAIL_COLUMNS, details);

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("height", r.height());
        root.put("width", r.width());
        root.put("neurons", r.neurons().size());
        root.set("pixel_stats", json.valueToTree(r.stats()));
        ObjectNode s = json.valueToTree(r.settings());
        s.set("spatialFreqs", json.valueToTree(r.settings().spatialFreqsFor(r.height(), r.width())));
        root.set("settings", s);
        Files.writeString(dir.resolve("probe.json"), json.writeValueAsString(root));
    }

    static void writeArrays(ProbeResult r, Path dir) throws IOException {
        int nn = r.neurons().size(), p = r.height() * r.width();
        int[] shape = {nn, r.height(), r.width()};
        float[] grad = new float[nn * p], energy = new float[nn * p], sta = new float[nn * p], mei = new float[nn * p];
        boolean hasSta = false, hasMei = false;
        for (int q = 0; q < nn; q++) {
            NeuronProbe n = r.neurons().get(q);
            System.arraycopy(n.rf().gradient(), 0, grad, q * p, p);
            System.arraycopy(n.rf().energy(), 0, energy, q * p, p);
            if (n.rf().sta() != null) {
                System.arraycopy(n.rf().sta(), 0, sta, q * p, p);
                hasSta = true;
            }
            if (n.mei() != null) {
                System.arraycopy(n.mei().image(), 0, mei, q * p, p);
                hasMei = true;
            } else {
                java.util.Arrays.fill(mei, q * p, (q + 1) * p, Float.NaN);
            }
        }
        Npy.writeFloat32(dir.resolve("rf_gradient.npy"), shape, grad);
        Npy.writeFloat32(dir.resolve("rf_energy.npy"), shape, energy);
        if (hasSta) Npy.writeFloat32(dir.resolve("rf_sta.npy"), shape, sta);
        if (hasMei) Npy.writeFloat32(dir.resolve("mei.npy"), shape, mei);
        if (nn > 0) {
            Tuning t0 = r.neurons().get(0).tuning();
            int per = t0.responses().length;
            float[] tr = new float[nn * per];
            for (int q = 0; q < nn; q++) {
                double[] v = r.neurons().get(q).tuning().responses();
                for (int k = 0; k < per; k++) tr[q * per + k] = (float) v[k];
            }
            Npy.writeFloat32(dir.resolve("tuning_responses.npy"),
                    new int[] {nn, t0.orientationsDeg().length, t0.spatialFreqs().length, t0.phasesDeg().length}, tr);
        }
    }

    static void png(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer for " + file);
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(";"));
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Csv::number).collect(Collectors.joining(";"));
    }
}
