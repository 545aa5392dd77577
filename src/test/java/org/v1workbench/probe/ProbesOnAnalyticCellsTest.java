package org.v1workbench.probe;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole probe on analytic cells whose RF centre, orientation, SF and class are known:
 * preferred orientation within 5 degrees, F1/F0 above 1 for simple and below 1 for complex
 * cells, the DoG untuned, RF centres within a pixel, MEIs that look like the cells' filters.
 * The report it writes stays in target/probe-analytic-report for looking at.
 */
class ProbesOnAnalyticCellsTest {
    static final int H = 32, W = 32;
    static final double MEAN = 128, SD = 40;
    static AnalyticCells cells;
    static Dataset data;
    static ProbeResult result;
    static Path out = Path.of("target", "probe-analytic-report");

    static AnalyticCells.Cell simple(double cx, double cy, double ori, double sf, double phase, double exponent) {
        return new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, cx, cy, 3, ori, sf, phase, 0.5, exponent, 2);
    }

    static AnalyticCells.Cell complex(double cx, double cy, double ori, double sf) {
        return new AnalyticCells.Cell(AnalyticCells.Type.COMPLEX, cx, cy, 3, ori, sf, 0, 0.3, 2, 1);
    }

    @BeforeAll
    static void probe() throws Exception {
        cells = new AnalyticCells(H, W, MEAN, SD, List.of(
                simple(13.3, 17.6, 30, 0.15, 0, 2),
                simple(20.2, 11.7, 112, 0.2, 90, 1.5),
                complex(16.8, 14.1, 75, 0.17),
                complex(11.4, 12.9, 157, 0.12),
                new AnalyticCells.Cell(AnalyticCells.Type.DOG, 18.5, 19.5, 1.5, 0, 0, 0, 1.0, 1.5, 1)));
        int images = 300;
        float[] stim = AnalyticCells.pinkImages(images, H, W, MEAN, SD, 11);
        double[][] rates = cells.rates(stim, images);
        float[] resp = new float[images * cells.neurons()];
        for (int i = 0; i < images; i++)
            for (int n = 0; n < cells.neurons(); n++) resp[i * cells.neurons() + n] = (float) rates[i][n];
        List<Neuron> ns = new ArrayList<>();
        String[] ids = {"simple30", "simple112", "complex75", "complex157", "dog"};
        for (String id : ids) ns.add(new Neuron(id, "analytic", Map.of()));
        data = Dataset.builder().name("analytic").source("test").stimuli(stim, images, H, W)
                .responses(resp, 1, cells.neurons()).neurons(ns).windowSeconds(1).build();
        ProbeSettings s = ProbeSettings.defaults().toBuilder().gradientImages(100).noiseImages(6000).meiSteps(150).build();
        long t0 = System.nanoTime();
        result = Probes.run(cells, data, s, out, ProbeProgress.NONE);
        System.out.printf("probe of %d analytic cells: %.1f s%n", cells.neurons(), (System.nanoTime() - t0) / 1e9);
        for (NeuronProbe n : result.neurons()) {
            Tuning t = n.tuning();
            System.out.printf("%-10s rf (%.2f, %.2f) size %.2f [%s]  pref %.1f  CV %.3f  OSI %.3f  bw %.1f  sf %.3f  F1/F0 %.3f  %s  mei %.1f (start %.1f)%n",
                    n.id(), n.rf().x(), n.rf().y(), n.rf().size(), n.rf().fit().method(), t.preferredOrientationDeg(),
                    t.circularVariance(), t.osi(), t.bandwidthDeg(), t.preferredSf(), t.f1f0(), t.cellClass().label(),
                    n.mei().rate(), n.mei().startRate());
        }
    }

    static double angleError(double a, double b) {
        double d = Math.abs(((a - b) % 180 + 180) % 180);
        return Math.min(d, 180 - d);
    }

    @Test
    void preferredOrientationWithinFiveDegreesForSimpleAndComplexCells() {
        for (int n = 0; n < 4; n++) {
            double truth = cells.cells.get(n).orientationDeg();
            double got = result.neurons().get(n).tuning().preferredOrientationDeg();
            assertTrue(angleError(truth, got) < 5, result.neurons().get(n).id() + ": " + got + " vs " + truth);
        }
    }

    @Test
    void modulationRatioSeparatesSimpleFromComplexAndTheDogIsUntuned() {
        for (int n = 0; n < 2; n++) {
            Tuning t = result.neurons().get(n).tuning();
            assertTrue(t.f1f0() > 1, "simple cell F1/F0 " + t.f1f0());
            assertEquals(CellClass.SIMPLE, t.cellClass());
        }
        for (int n = 2; n < 4; n++) {
            Tuning t = result.neurons().get(n).tuning();
            assertTrue(t.f1f0() < 1, "complex cell F1/F0 " + t.f1f0());
            assertEquals(CellClass.COMPLEX, t.cellClass());
        }
        Tuning dog = result.neurons().get(4).tuning();
        assertTrue(dog.circularVariance() > 0.9, "DoG circular variance " + dog.circularVariance());
        assertEquals(CellClass.UNTUNED, dog.cellClass());
    }

    @Test
    void preferredSpatialFrequencyWithinAQuarterOctave() {
        for (int n = 0; n < 4; n++) {
            double truth = cells.cells.get(n).sf(), got = result.neurons().get(n).tuning().preferredSf();
            assertTrue(Math.abs(Math.log(got / truth) / Math.log(2)) < 0.25, result.neurons().get(n).id() + ": SF " + got + " vs " + truth);
        }
    }

    @Test
    void receptiveFieldCentresWithinOnePixel() {
        for (int n = 0; n < cells.neurons(); n++) {
            AnalyticCells.Cell c = cells.cells.get(n);
            ReceptiveField rf = result.neurons().get(n).rf();
            double err = Math.hypot(rf.x() - c.cx(), rf.y() - c.cy());
            assertTrue(err < 1, result.neurons().get(n).id() + ": centre (" + rf.x() + ", " + rf.y() + ") vs (" + c.cx() + ", " + c.cy() + ")");
        }
    }

    @Test
    void gradientRfAndWhiteNoiseStaOfSimpleCellsAreTheirGabors() {
        for (int n = 0; n < 2; n++) {
            double[] gabor = cells.filtersOf(n)[0];
            ReceptiveField rf = result.neurons().get(n).rf();
            double rg = ImageOps.correlation(rf.gradient(), gabor), rs = ImageOps.correlation(rf.sta(), gabor);
            assertTrue(rg > 0.9, "gradient RF vs Gabor r = " + rg);
            assertTrue(rs > 0.8, "STA vs Gabor r = " + rs);
        }
    }

    @Test
    void mostExcitingInputsLookLikeTheFilters() {
        for (int n = 0; n < 2; n++) {
            double r = ImageOps.correlation(result.neurons().get(n).mei().image(), cells.filtersOf(n)[0]);
            assertTrue(Math.abs(r) > 0.7, "simple cell MEI vs Gabor r = " + r);
        }
        for (int n = 2; n < 4; n++) {
            float[] mei = result.neurons().get(n).mei().image();
            double r1 = ImageOps.correlation(mei, cells.filtersOf(n)[0]), r2 = ImageOps.correlation(mei, cells.filtersOf(n)[1]);
            assertTrue(Math.hypot(r1, r2) > 0.7, "complex cell MEI vs quadrature pair r = " + Math.hypot(r1, r2));
        }
        // The DoG's MEI is a bright disc in a dark ring, wider than the DoG because the norm
        // saturates the pixel range (unclamped it is the filter itself: see the next test).
        double rd = ImageOps.correlation(result.neurons().get(4).mei().image(), cells.filtersOf(4)[0]);
        assertTrue(rd > 0.5, "DoG MEI vs DoG r = " + rd);
        for (NeuronProbe n : result.neurons()) {
            assertTrue(n.mei().rate() > n.mei().startRate(), n.id() + ": ascent raised the rate");
            // No natural image of the same contrast norm should beat the MEI by much.
            assertTrue(n.mei().rate() >= 0.95 * n.extremes().topRates()[0], n.id() + ": MEI " + n.mei().rate()
                    + " vs best natural " + n.extremes().topRates()[0]);
        }
    }

    @Test
    void withoutThePixelRangeClampTheMeiOfARectifiedLinearCellIsItsFilter() {
        // Under only the norm constraint, max of (f . z)^n over |z| fixed is z proportional to f;
        // the blurred gradient steps make it the blurred filter, still nearly the same pattern.
        ProbeSettings s = ProbeSettings.defaults().toBuilder().meiClamp(false).meiSteps(150).build();
        PixelStats stats = PixelStats.of(data);
        for (int n : new int[] {0, 1, 4}) {
            MostExcitingInput.Mei mei = MostExcitingInput.ascend(cells, n, stats, stats.typicalNorm(), s, 5, null);
            double r = ImageOps.correlation(mei.image(), cells.filtersOf(n)[0]);
            assertTrue(r > 0.9, "cell " + n + ": unclamped MEI vs filter r = " + r);
            assertEquals(stats.typicalNorm(), mei.norm(), 1e-3 * stats.typicalNorm());
        }
    }

    @Test
    void topAndBottomImagesAreTheExtremesOfThePredictedRates() {
        double[][] rates = cells.rates(data.stimuliArray(), data.images());
        for (NeuronProbe n : result.neurons()) {
            double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
            for (double[] r : rates) {
                max = Math.max(max, r[n.index()]);
                min = Math.min(min, r[n.index()]);
            }
            assertEquals(max, n.extremes().topRates()[0], 1e-9);
            assertEquals(min, n.extremes().bottomRates()[0], 1e-9);
            assertEquals(rates[n.extremes().top()[1]][n.index()], n.extremes().topRates()[1], 1e-12);
            assertTrue(n.extremes().topRates()[1] <= n.extremes().topRates()[0]);
        }
    }

    @Test
    void reportHasTheContractColumnsAndReadableFigures() throws Exception {
        Csv.Table t = Csv.read(out.resolve("neurons.csv"));
        assertEquals(List.of("neuron", "rf_x", "rf_y", "preferred_orientation_deg", "osi", "circular_variance",
                "preferred_sf", "f1_f0", "cell_class"), t.columns());
        assertEquals(5, t.rows().size());
        assertEquals("simple30", t.rows().get(0).get("neuron"));
        assertEquals("simple", t.rows().get(0).get("cell_class"));
        assertEquals("complex", t.rows().get(2).get("cell_class"));
        assertEquals("untuned", t.rows().get(4).get("cell_class"));
        assertEquals("", t.rows().get(4).get("preferred_orientation_deg"));
        assertEquals(result.neurons().get(0).rf().x(), Double.parseDouble(t.rows().get(0).get("rf_x")), 0);
        for (String f : List.of("receptive-fields.png", "tuning-curves.png", "most-exciting-inputs.png")) {
            BufferedImage img = ImageIO.read(out.resolve(f).toFile());
            assertNotNull(img, f);
            assertTrue(img.getWidth() >= 600 && img.getHeight() >= 300, f + " is " + img.getWidth() + " x " + img.getHeight());
        }
        assertFalse(Files.exists(out.resolve("filters.png")), "analytic cells have no kernels");
        assertTrue(Files.exists(out.resolve("tuning_responses.npy")));
        assertEquals(18, Csv.read(out.resolve("probe-details.csv")).columns().size());
    }
}
