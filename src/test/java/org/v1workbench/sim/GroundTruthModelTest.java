package org.v1workbench.sim;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.Neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ground-truth neurons behave as their parameters say, measured with stimuli built here (not
 * with the generator's {@link Gratings}): orientation convention, simple versus complex by F1/F0,
 * untuned cells, rates in range, receptive-field position, preferred spatial frequency, and an
 * exact round trip through neurons.csv.
 */
class GroundTruthModelTest {
    private static final int N = 64;
    private static final double NAN = Double.NaN;

    /** A full-contrast grating, written from DESIGN.md's words: bars along (cos t, sin t) on screen, y up; pixel y is down. */
    static float[] grating(int n, double orientationDeg, double sf, double phaseRad, double cx, double cy) {
        double t = Math.toRadians(orientationDeg);
        // Bar direction in pixel coordinates (y down): (cos t, -sin t); the grating varies along its normal.
        double bx = Math.cos(t), by = -Math.sin(t), nx = -by, ny = bx;
        float[] img = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double x = j + 0.5 - cx, y = i + 0.5 - cy;
                img[i * n + j] = (float) (127.5 + 127.5 * Math.cos(2 * Math.PI * sf * (x * nx + y * ny) + phaseRad));
            }
        return img;
    }

    static NeuronParams simple(double orientation, double sf, double phase) {
        return new NeuronParams("t", Mechanism.RECTIFIED_LINEAR, 32, 32, 0.4 / sf, orientation, sf, phase, 20, 0.5, 2, 0.2, 1.4, NAN, NAN);
    }

    static double bestOverPhase(SimulatedNeuron n, double orientation, double sf, double cx, double cy) {
        double best = 0;
        for (int k = 0; k < 16; k++) best = Math.max(best, n.expectedRate(grating(N, orientation, sf, 2 * Math.PI * k / 16, cx, cy)));
        return best;
    }

    @Test
    void orientationZeroPrefersHorizontalBarsAnd45BarsFromBottomLeftToTopRight() {
        // Gratings written out by hand: horizontal bars vary with y only; bars from bottom-left
        // to top-right on screen (y down) are lines x + y = const; vertical: x; the mirror: x - y.
        String[] names = {"horizontal", "bottom-left to top-right", "vertical", "top-left to bottom-right"};
        double[] expectedOrientation = {0, 45, 90, 135};
        for (Mechanism m : new Mechanism[]{Mechanism.RECTIFIED_LINEAR, Mechanism.ENERGY, Mechanism.CROSS_ORIENTATION_SUPPRESSION}) {
            for (int cell = 0; cell < 4; cell++) {
                NeuronParams p = withMechanism(simple(expectedOrientation[cell], 0.1, 0), m);
                SimulatedNeuron n = SimulatedNeuron.of(p, N);
                double[] resp = new double[4];
                for (int g = 0; g < 4; g++)
                    for (int k = 0; k < 16; k++) {
                        float[] img = new float[N * N];
                        for (int i = 0; i < N; i++)
                            for (int j = 0; j < N; j++) {
                                double x = j + 0.5, y = i + 0.5;
                                double v = switch (g) {
                                    case 0 -> y;
                                    case 1 -> (x + y) / Math.sqrt(2);
                                    case 2 -> x;
                                    default -> (x - y) / Math.sqrt(2);
                                };
                                img[i * N + j] = (float) (127.5 + 127.5 * Math.cos(2 * Math.PI * 0.1 * v + 2 * Math.PI * k / 16));
                            }
                        resp[g] = Math.max(resp[g], n.expectedRate(img));
                    }
                for (int g = 0; g < 4; g++)
                    if (g != cell) assertTrue(resp[cell] > 2 * resp[g], m + " cell at " + expectedOrientation[cell] + " deg: "
                            + names[cell] + " bars give " + resp[cell] + " Hz, " + names[g] + " bars " + resp[g] + " Hz");
            }
        }
    }

    @Test
    void aBarFromBottomLeftToTopRightDrivesThe45DegreeCell() {
        // One bright bar through the RF centre along (1, -1) in pixels, i.e. up and to the right on screen.
        SimulatedNeuron n45 = SimulatedNeuron.of(simple(45, 0.1, 0), N), n135 = SimulatedNeuron.of(simple(135, 0.1, 0), N);
        float[] bar = new float[N * N], mirror = new float[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double x = j + 0.5 - 32, y = i + 0.5 - 32;
                bar[i * N + j] = Math.abs(x + y) / Math.sqrt(2) < 2 ? 255 : 127.5f; // distance to the line y = -x
                mirror[i * N + j] = Math.abs(x - y) / Math.sqrt(2) < 2 ? 255 : 127.5f;
            }
        assertTrue(n45.expectedRate(bar) > 3 * n45.expectedRate(mirror), "45 deg cell: bar up-right " + n45.expectedRate(bar) + ", down-right " + n45.expectedRate(mirror));
        assertTrue(n135.expectedRate(mirror) > 3 * n135.expectedRate(bar));
    }

    @Test
    void preferredOrientationAndSpatialFrequencyMatchTheParametersAcrossAPopulation() {
        SimulatedPopulation pop = SimulatedPopulation.generate(SimulationSettings.defaults().withNeurons(30).withSeed(11));
        for (SimulatedNeuron n : pop.neurons()) {
            NeuronParams p = n.params();
            if (!p.mechanism().orientationTuned()) continue;
            double bestO = -1, best = -1;
            for (int o = 0; o < 36; o++) {
                double r = bestOverPhase(n, o * 5, p.spatialFreq(), p.rfX(), p.rfY());
                if (r > best) {
                    best = r;
                    bestO = o * 5;
                }
            }
            double diff = Math.abs(bestO - p.orientationDeg()) % 180;
            assertTrue(Math.min(diff, 180 - diff) <= 5, p.id() + " prefers " + bestO + " deg, parameter says " + p.orientationDeg());
            double bestF = 0;
            best = -1;
            for (int k = 0; k <= 40; k++) {
                double f = 0.02 * Math.pow(2, k / 8.0); // 0.02 to 0.64 cycles/pixel in eighth-octave steps
                if (f > 0.5) break;
                double r = bestOverPhase(n, p.orientationDeg(), f, p.rfX(), p.rfY());
                if (r > best + 1e-9) {
                    best = r;
                    bestF = f;
                }
            }
            double octaves = Math.abs(Math.log(bestF / p.spatialFreq()) / Math.log(2));
            assertTrue(octaves <= 0.5, p.id() + " (" + p.mechanism() + ") peaks at " + bestF + " c/px, parameter " + p.spatialFreq());
        }
    }

    @Test
    void simpleCellsHaveF1OverF0AboveOneAndComplexCellsBelow() {
        // Drifting grating at the preferred orientation and spatial frequency: 32 phases over one
        // temporal cycle; F0 = mean rate, F1 = amplitude of the first harmonic (DFT over phase).
        SimulatedPopulation pop = SimulatedPopulation.generate(SimulationSettings.defaults().withNeurons(40).withSeed(5));
        double minSimple = Double.POSITIVE_INFINITY, maxComplex = 0;
        int simple = 0, complex = 0;
        for (SimulatedNeuron n : pop.neurons()) {
            NeuronParams p = n.params();
            if (p.cellType() != CellType.SIMPLE && p.cellType() != CellType.COMPLEX) continue;
            double ratio = f1f0(n, p);
            if (p.cellType() == CellType.SIMPLE) {
                if (simple++ == 0) System.out.printf("simple %s: F1/F0 = %.3f%n", p.id(), ratio);
                minSimple = Math.min(minSimple, ratio);
                assertTrue(ratio > 1, p.id() + " simple, F1/F0 " + ratio);
            } else {
                if (complex++ == 0) System.out.printf("complex %s: F1/F0 = %.3f%n", p.id(), ratio);
                maxComplex = Math.max(maxComplex, ratio);
                assertTrue(ratio < 1, p.id() + " complex, F1/F0 " + ratio);
            }
        }
        System.out.printf("F1/F0 over %d simple cells >= %.3f, over %d complex cells <= %.3f%n", simple, minSimple, complex, maxComplex);
        assertTrue(simple >= 10 && complex >= 10);
    }

    static double f1f0(SimulatedNeuron n, NeuronParams p) {
        int k = 32;
        double f0 = 0, re = 0, im = 0;
        for (int t = 0; t < k; t++) {
            double r = n.expectedRate(grating(N, p.orientationDeg(), p.spatialFreq(), 2 * Math.PI * t / k, 32, 32));
            f0 += r / k;
            re += r * Math.cos(2 * Math.PI * t / k);
            im += r * Math.sin(2 * Math.PI * t / k);
        }
        return 2 * Math.hypot(re, im) / k / f0;
    }

    @Test
    void centreSurroundAndContrastNormalisedCellsAreUntuned() {
        SimulatedPopulation pop = SimulatedPopulation.generate(SimulationSettings.defaults().withNeurons(40).withSeed(8));
        int untuned = 0;
        for (int i = 0; i < pop.size(); i++) {
            NeuronParams p = pop.neuron(i).params();
            Neuron described = pop.describe("s").get(i);
            if (p.mechanism().orientationTuned()) {
                assertFalse(described.properties().get("orientation_deg").isEmpty());
                continue;
            }
            untuned++;
            assertEquals("", described.properties().get("orientation_deg"), p.id() + " has no orientation in neurons.csv");
            assertNull(described.property("orientation_deg"));
            double min = Double.POSITIVE_INFINITY, max = 0;
            for (int o = 0; o < 180; o += 15) {
                double r = bestOverPhase(pop.neuron(i), o, p.spatialFreq(), p.rfX(), p.rfY());
                min = Math.min(min, r);
                max = Math.max(max, r);
            }
            assertTrue(max / min < 1.02, p.id() + " (" + p.mechanism() + ") orientation modulation " + max / min);
            assertTrue(max > p.baselineHz() + 0.2 * (p.maxRateHz() - p.baselineHz()), p.id() + " is driven by a grating");
        }
        assertTrue(untuned >= 6, "the population has untuned cells");
        long cs = pop.neurons().stream().filter(n -> n.params().cellType() == CellType.CENTER_SURROUND).count();
        assertTrue(cs >= 3);
    }

    @Test
    void ratesStayWithinTheConfiguredRangeAndGreyGivesTheSpontaneousRate() {
        SimulationSettings s = SimulationSettings.defaults().withNeurons(25).withImages(40).withSize(48).withPeakRates(5, 20).withSeed(4);
        SimulatedPopulation pop = SimulatedPopulation.generate(s);
        float[] stimuli = Simulator.stimuli(s);
        float[] grey = new float[48 * 48];
        java.util.Arrays.fill(grey, 127.5f);
        for (SimulatedNeuron n : pop.neurons()) {
            NeuronParams p = n.params();
            assertTrue(p.maxRateHz() >= 5 && p.maxRateHz() <= 20, p.id() + " max rate " + p.maxRateHz());
            assertTrue(p.baselineHz() >= 0 && p.baselineHz() <= Math.min(2, 0.1 * p.maxRateHz()) + 1e-3);
            assertTrue(p.rfX() >= 0 && p.rfX() <= 48 && p.rfY() >= 0 && p.rfY() <= 48, p.id() + " RF centre inside the image");
            assertTrue(p.spatialFreq() > 0 && p.spatialFreq() <= 0.3);
            if (!Double.isNaN(p.orientationDeg())) assertTrue(p.orientationDeg() >= 0 && p.orientationDeg() < 180);
            assertEquals(p.baselineHz(), n.expectedRate(grey), 1e-9, p.id() + ": mean grey (zero contrast) gives the spontaneous rate");
            for (int i = 0; i < s.images(); i++) {
                double r = n.expectedRate(java.util.Arrays.copyOfRange(stimuli, i * 48 * 48, (i + 1) * 48 * 48));
                assertTrue(r >= p.baselineHz() - 1e-9 && r < p.maxRateHz(), p.id() + " rate " + r + " Hz");
            }
        }
    }

    @Test
    void receptiveFieldSitsAtRfXRfYInPixelsFromTheTopLeftCorner() {
        // Centre of mass of |filter| over the image: pixel (row i, column j) at (j + 0.5, i + 0.5).
        SimulatedNeuron n = SimulatedNeuron.of(new NeuronParams("t", Mechanism.DIFFERENCE_OF_GAUSSIANS, 20.25, 41.5, 2,
                NAN, SimulatedNeuron.dogPeakFrequency(2, 3, 0.8), 0, 20, 0, 2, 0.2, NAN, 3, 0.8), N);
        double[] k = n.spatialProfile();
        double sx = 0, sy = 0, sw = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double w = Math.abs(k[i * N + j]);
                sx += w * (j + 0.5);
                sy += w * (i + 0.5);
                sw += w;
            }
        assertEquals(20.25, sx / sw, 0.05);
        assertEquals(41.5, sy / sw, 0.05);
        // An ON centre: a bright spot on the centre excites, a dark one does not.
        float[] bright = new float[N * N], dark = new float[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double d = Math.hypot(j + 0.5 - 20.25, i + 0.5 - 41.5);
                bright[i * N + j] = d < 2 ? 255 : 127.5f;
                dark[i * N + j] = d < 2 ? 0 : 127.5f;
            }
        assertTrue(n.expectedRate(bright) > 5 && n.expectedRate(dark) == 0);
    }

    @Test
    void theModelRebuiltFromNeuronsCsvPropertiesIsIdentical() {
        SimulationSettings s = SimulationSettings.defaults().withNeurons(20).withImages(10).withSeed(21);
        SimulatedPopulation pop = SimulatedPopulation.generate(s);
        List<Neuron> described = new ArrayList<>();
        for (Neuron n : pop.describe("x")) {
            // Through text, as neurons.csv stores it.
            Map<String, String> props = new java.util.LinkedHashMap<>(n.properties());
            described.add(new Neuron(n.id(), n.session(), props));
        }
        SimulatedPopulation back = SimulatedPopulation.of(described, s.size());
        float[] stimuli = Simulator.stimuli(s);
        for (int i = 0; i < s.images(); i++) {
            float[] img = java.util.Arrays.copyOfRange(stimuli, i * 64 * 64, (i + 1) * 64 * 64);
            double[] a = pop.expectedRates(img), b = back.expectedRates(img);
            for (int n = 0; n < a.length; n++) assertEquals(a[n], b[n], 0.0, "neuron " + n + " image " + i);
        }
        assertEquals(NeuronParams.COLUMNS, List.copyOf(described.get(0).properties().keySet()));
    }

    @Test
    void theMixHasEveryCellTypeInTheStatedProportions() {
        List<Mechanism> mix = SimulatedPopulation.mechanisms(100, 3);
        assertEquals(35, mix.stream().filter(m -> m == Mechanism.RECTIFIED_LINEAR).count());
        assertEquals(35, mix.stream().filter(m -> m == Mechanism.ENERGY).count());
        assertEquals(10, mix.stream().filter(m -> m == Mechanism.DIFFERENCE_OF_GAUSSIANS).count());
        assertEquals(20, mix.stream().filter(m -> m.cellType() == CellType.OTHER).count());
        assertEquals(7, SimulatedPopulation.mechanisms(7, 3).size());
    }

    private static NeuronParams withMechanism(NeuronParams p, Mechanism m) {
        return new NeuronParams(p.id(), m, p.rfX(), p.rfY(), p.rfSize(), p.orientationDeg(), p.spatialFreq(),
                m == Mechanism.RECTIFIED_LINEAR ? p.phaseDeg() : NAN, p.maxRateHz(), p.baselineHz(), p.exponent(), p.c50(),
                p.aspectRatio(), NAN, m == Mechanism.CROSS_ORIENTATION_SUPPRESSION ? 1.0 : NAN);
    }
}
