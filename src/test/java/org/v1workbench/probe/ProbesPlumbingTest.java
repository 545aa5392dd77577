package org.v1workbench.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The probe through the finite-difference gradient, with kernels, and on bad input. */
class ProbesPlumbingTest {
    @TempDir Path dir;

    static Dataset dataset(AnalyticCells cells, int images) {
        float[] stim = AnalyticCells.pinkImages(images, cells.h, cells.w, cells.mean, cells.sd, 2);
        double[][] r = cells.rates(stim, images);
        float[] resp = new float[images * cells.neurons()];
        for (int i = 0; i < images; i++)
            for (int n = 0; n < cells.neurons(); n++) resp[i * cells.neurons() + n] = (float) r[i][n];
        List<Neuron> ns = new java.util.ArrayList<>();
        for (int n = 0; n < cells.neurons(); n++) ns.add(new Neuron("c" + n, "s", Map.of()));
        return Dataset.builder().name("cells").source("test").stimuli(stim, images, cells.h, cells.w)
                .responses(resp, 1, cells.neurons()).neurons(ns).windowSeconds(1).build();
    }

    @Test
    void finiteDifferenceGradientsGiveTheSameProbeAsAnalyticOnes() throws Exception {
        AnalyticCells cells = new AnalyticCells(16, 16, 128, 40, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 7.2, 8.7, 2.2, 60, 0.2, 0, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.COMPLEX, 9.1, 7.6, 2.2, 140, 0.22, 0, 0.5, 2, 1)));
        Dataset data = dataset(cells, 40);
        ProbeSettings s = ProbeSettings.defaults().toBuilder().gradientImages(10).noiseImages(0).meiSteps(20)
                .orientations(12).phases(8).build();
        ProbeResult exact = Probes.probe(cells, data, s, ProbeProgress.NONE);
        ProbeResult fd = Probes.probe(cells.withoutGradients(), data, s, ProbeProgress.NONE);
        for (int n = 0; n < 2; n++) {
            ReceptiveField a = exact.neurons().get(n).rf(), b = fd.neurons().get(n).rf();
            assertTrue(ImageOps.correlation(a.gradient(), ImageOps.toDouble(b.gradient())) > 0.9999);
            assertEquals(a.x(), b.x(), 1e-3);
            assertEquals(a.y(), b.y(), 1e-3);
            assertEquals(exact.neurons().get(n).tuning().preferredOrientationDeg(), fd.neurons().get(n).tuning().preferredOrientationDeg(), 1e-2);
            assertEquals(exact.neurons().get(n).tuning().cellClass(), fd.neurons().get(n).tuning().cellClass());
            assertTrue(ImageOps.correlation(exact.neurons().get(n).mei().image(), ImageOps.toDouble(fd.neurons().get(n).mei().image())) > 0.99);
        }
        assertTrue(Math.abs(fd.neurons().get(0).tuning().preferredOrientationDeg() - 60) < 5);
        assertTrue(Math.abs(fd.neurons().get(1).tuning().preferredOrientationDeg() - 140) < 5);
    }

    @Test
    void lockstepMostExcitingInputsEqualOneNeuronAtATime() {
        AnalyticCells cells = new AnalyticCells(16, 16, 128, 40, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 7.2, 8.7, 2.2, 60, 0.2, 0, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.COMPLEX, 9.1, 7.6, 2.2, 140, 0.22, 0, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.DOG, 8.0, 8.0, 1.5, 0, 0, 0, 0.5, 1.5, 1)));
        Dataset data = dataset(cells, 20);
        PixelStats stats = PixelStats.of(data);
        ProbeSettings s = ProbeSettings.defaults().toBuilder().meiSteps(30).build();
        MostExcitingInput.Mei[] all = MostExcitingInput.ascend(cells, new int[] {2, 0, 1}, stats, stats.typicalNorm(), s,
                new long[] {7, 8, 9}, null);
        int[] order = {2, 0, 1};
        long[] seeds = {7, 8, 9};
        for (int q = 0; q < 3; q++) {
            MostExcitingInput.Mei one = MostExcitingInput.ascend(cells, order[q], stats, stats.typicalNorm(), s, seeds[q], null);
            assertArrayEquals(one.image(), all[q].image(), "neuron " + order[q]);
            assertEquals(one.rate(), all[q].rate());
        }
    }

    /**
     * A cell behind a threshold that noise at the typical contrast never crosses, with a signed
     * output (-0.5 when silent), as a network trained on a z-scored signal can be: its gradient is
     * zero at every noise start. The ascent then starts from its best natural image instead of
     * keeping a noise image, and ends above that image.
     */
    @Test
    void aCellThatNoiseLeavesSilentStartsItsAscentFromItsBestNaturalImage() {
        int h = 12, w = 12, p = h * w, images = 30;
        java.util.Random rnd = new java.util.Random(4);
        double[] filter = new double[p];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) filter[y * w + x] = Math.exp(-((x - 5.5) * (x - 5.5) + (y - 5.5) * (y - 5.5)) / 8) * Math.cos(x);
        double fn = Math.sqrt(java.util.Arrays.stream(filter).map(v -> v * v).sum());
        float[] stim = new float[images * p];
        for (int i = 0; i < images; i++) // noise images, and image 17: the filter in weaker noise, at about the same contrast norm
            for (int k = 0; k < p; k++)
                stim[i * p + k] = (float) (128 + (i == 17 ? 300 * filter[k] / fn + 15 * rnd.nextGaussian() : 30 * rnd.nextGaussian()));
        List<Neuron> ns = List.of(new Neuron("z1", "s", Map.of()));
        Dataset data = Dataset.builder().name("silent").source("test").stimuli(stim, images, h, w).responses(new float[images], 1, 1)
                .neurons(ns).windowSeconds(1).build();
        PixelStats stats = PixelStats.of(data);
        double threshold = 0.5 * stats.typicalNorm() * fn; // a contrast image must lie within 60 degrees of the filter to cross it
        ResponseModel silentCell = new ResponseModel() {
            @Override public int neurons() { return 1; }
            @Override public int height() { return h; }
            @Override public int width() { return w; }
            @Override public double[][] rates(float[] x, int count) {
                double[][] out = new double[count][1];
                for (int i = 0; i < count; i++) {
                    double drive = 0;
                    for (int k = 0; k < p; k++) drive += filter[k] * (x[i * p + k] - stats.mean());
                    out[i][0] = Math.max(0, drive - threshold) / fn - 0.5;
                }
                return out;
            }
        };
        double[][] natural = MostExcitingInput.predict(silentCell, stim, images, 64, ProbeProgress.NONE);
        assertEquals(17, MostExcitingInput.bestNatural(natural, 0));
        assertTrue(natural[17][0] > -0.5, "the planted image crosses the threshold: " + natural[17][0]);
        ProbeSettings s = ProbeSettings.defaults().toBuilder().meiSteps(40).build();
        MostExcitingInput.Mei stuck = MostExcitingInput.ascend(silentCell, 0, stats, stats.typicalNorm(), s, 3, null);
        assertEquals(-0.5, stuck.rate(), 1e-9, "without a fallback every noise start stays silent");
        MostExcitingInput.Mei mei = MostExcitingInput.ascend(silentCell, 0, stats, stats.typicalNorm(), s, 3,
                n -> data.stimulus(MostExcitingInput.bestNatural(natural, n)));
        assertTrue(mei.startRate() > -0.5, "started from the best natural image at the typical norm: " + mei.startRate());
        // at the typical norm N the best a contrast image can do is the filter's own direction: N / 2 - 0.5
        double ideal = stats.typicalNorm() / 2 - 0.5;
        assertTrue(mei.startRate() < 0.9 * ideal, "the natural start is not yet the best: " + mei.startRate());
        // the ascent covers most of the way from there (blurred steps, 40 of them)
        assertTrue(mei.rate() > mei.startRate() + 0.5 * (ideal - mei.startRate()), mei.rate() + " from " + mei.startRate() + ", ideal " + ideal);
        assertEquals(stats.typicalNorm(), mei.norm(), 1e-3 * stats.typicalNorm());
    }

    @Test
    void fullFieldGratingsAreSharedAndAgreeOnOrientationAndClass() {
        AnalyticCells cells = new AnalyticCells(24, 24, 100, 30, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 10.3, 13.9, 2.5, 20, 0.18, 45, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.COMPLEX, 14.1, 9.2, 2.5, 95, 0.18, 0, 0.5, 2, 1)));
        Dataset data = dataset(cells, 20);
        PixelStats stats = PixelStats.of(data);
        ProbeSettings full = ProbeSettings.defaults().toBuilder().apertureSigmas(0).build();
        double[] nan = {Double.NaN, Double.NaN};
        Tuning[] t = TuningProbe.measure(cells, new int[] {0, 1}, nan, nan, nan, stats, full, ProbeProgress.NONE);
        assertEquals(20, t[0].preferredOrientationDeg(), 5);
        assertEquals(95, t[1].preferredOrientationDeg(), 5);
        assertEquals(CellClass.SIMPLE, t[0].cellClass());
        assertEquals(CellClass.COMPLEX, t[1].cellClass());
    }

    @Test
    void reportIncludesFiltersWhenTheModelHasKernels() throws Exception {
        AnalyticCells cells = new AnalyticCells(16, 16, 128, 40, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 8, 8, 2.2, 0, 0.2, 0, 0.5, 2, 1)));
        // Eight 9 x 9 Gabor kernels at orientations 0..157.5, each with its own scale.
        AnalyticCells bank = new AnalyticCells(9, 9, 0, 1, java.util.stream.IntStream.range(0, 8).mapToObj(k ->
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 4.5, 4.5, 2, 22.5 * k, 0.2, 0, 1, 1, 0)).toList());
        float[] w = new float[8 * 81];
        for (int k = 0; k < 8; k++) {
            double[] g = bank.filtersOf(k)[0];
            for (int q = 0; q < 81; q++) w[k * 81 + q] = (float) (g[q] * (k + 1) * 0.01);
        }
        Kernels kernels = new Kernels(w, 8, 9, 9);
        ResponseModel withKernels = new ResponseModel() {
            @Override public int neurons() { return 1; }
            @Override public int height() { return 16; }
            @Override public int width() { return 16; }
            @Override public double[][] rates(float[] images, int count) { return cells.rates(images, count); }
            @Override public float[][] inputGradients(float[] images, int count, int[] n) { return cells.inputGradients(images, count, n); }
            @Override public Optional<Kernels> firstLayerKernels() { return Optional.of(kernels); }
        };
        Dataset data = dataset(cells, 30);
        ProbeSettings s = ProbeSettings.defaults().toBuilder().gradientImages(10).noiseImages(500).meiSteps(10).build();
        Path out = dir.resolve("report");
        Probes.run(withKernels, data, s, out, ProbeProgress.NONE);
        BufferedImage filters = ImageIO.read(out.resolve("filters.png").toFile());
        assertNotNull(filters);
        // Per-filter normalisation: every filter, whatever its scale, reaches full white or black.
        BufferedImage direct = FilterGrid.render(kernels, null);
        assertTrue(direct.getWidth() > 0);
        assertEquals(1, Csv.read(out.resolve("neurons.csv")).rows().size());
        assertTrue(Files.exists(out.resolve("probe.json")));
        Files.copy(out.resolve("filters.png"), Path.of("target", "probe-filters-test.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void filtersAreEachScaledToTheirOwnLargestWeight() {
        float[] w = new float[2 * 9];
        w[4] = 0.001f;          // filter 0: a tiny positive centre
        w[9 + 0] = -50f;        // filter 1: a large negative corner and a smaller positive one
        w[9 + 8] = 25f;
        Kernels k = new Kernels(w, 2, 3, 3);
        BufferedImage img = FilterGrid.render(k, null);
        FilterGrid.Layout l = FilterGrid.Layout.of(k, false);
        int scale = l.scale(), x0 = l.x(0), x1 = l.x(1), y0 = l.y(0);
        assertEquals(y0, l.y(1), "both filters in one row");
        assertEquals(24, scale, "3-pixel kernels drawn about 72 pixels wide");
        assertEquals(0xFFFFFF, img.getRGB(x0 + scale + scale / 2, y0 + scale + scale / 2) & 0xFFFFFF, "tiny max is white");
        assertEquals(0x808080, img.getRGB(x0 + scale / 2, y0 + scale / 2) & 0xFFFFFF, "zero is mid grey");
        assertEquals(0x000000, img.getRGB(x1 + scale / 2, y0 + scale / 2) & 0xFFFFFF, "most negative is black");
        assertEquals(0xBFBFBF, img.getRGB(x1 + 2 * scale + scale / 2, y0 + 2 * scale + scale / 2) & 0xFFFFFF, "half of max is 3/4 of the way to white (191)");
    }

    @Test
    void mismatchedModelAndDatasetAreBadInput() {
        AnalyticCells cells = new AnalyticCells(16, 16, 128, 40, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 8, 8, 2.2, 0, 0.2, 0, 0.5, 2, 1)));
        AnalyticCells other = new AnalyticCells(12, 12, 128, 40, cells.cells);
        Dataset data = dataset(cells, 10);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Probes.probe(other, data, ProbeSettings.defaults(), ProbeProgress.NONE));
        assertTrue(e.getMessage().contains("16 x 16") && e.getMessage().contains("12 x 12"), e.getMessage());
    }

    @Test
    void mostExcitingInputsForTheFirstNeuronsOnlyWhenAsked() throws Exception {
        AnalyticCells cells = new AnalyticCells(16, 16, 128, 40, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 7.2, 8.7, 2.2, 60, 0.2, 0, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.COMPLEX, 9.1, 7.6, 2.2, 140, 0.22, 0, 0.5, 2, 1)));
        ProbeSettings s = ProbeSettings.defaults().toBuilder().gradientImages(5).noiseImages(0).meiSteps(5).meiNeurons(1)
                .orientations(8).phases(4).spatialFreqs(0.1, 0.2).build();
        ProbeResult r = Probes.run(cells, dataset(cells, 20), s, dir.resolve("p"), ProbeProgress.NONE);
        assertNotNull(r.neurons().get(0).mei());
        assertNull(r.neurons().get(1).mei());
        float[] mei = org.v1workbench.data.Npy.read(dir.resolve("p/mei.npy")).data();
        assertFalse(Float.isNaN(mei[0]));
        assertTrue(Float.isNaN(mei[16 * 16]), "the second neuron's row is NaN: no MEI computed");
        assertThrows(IllegalArgumentException.class, () -> ProbeSettings.defaults().toBuilder().meiNeurons(-1).build());
    }
}
