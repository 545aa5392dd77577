package org.v1workbench.probe;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.sim.SimulatedPopulation;
import org.v1workbench.sim.Simulation;
import org.v1workbench.sim.SimulationSettings;
import org.v1workbench.sim.Simulator;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The probes on the simulator's own noise-free neurons (the ground truth as the model, input
 * gradients by finite differences): before any trained network is probed, the probes must
 * recover what the simulator wrote in its {@code neurons.csv} (same conventions for pixel
 * coordinates, orientation and cell class). The report stays in target/probe-sim-truth-report.
 */
class ProbesOnSimulatedTruthTest {
    static Simulation sim;
    static ProbeResult result;
    static GroundTruthComparison.Summary summary;

    /** The population's expected rates in Hz. */
    record Truth(SimulatedPopulation population) implements ResponseModel {
        @Override public int neurons() { return population.size(); }
        @Override public int height() { return population.imageSize(); }
        @Override public int width() { return population.imageSize(); }

        @Override
        public double[][] rates(float[] images, int count) {
            int p = height() * width();
            double[][] out = new double[count][];
            for (int i = 0; i < count; i++) out[i] = population.expectedRates(java.util.Arrays.copyOfRange(images, i * p, (i + 1) * p));
            return out;
        }
    }

    @BeforeAll
    static void simulateAndProbe() throws Exception {
        SimulationSettings s = SimulationSettings.defaults().withImages(200).withNeurons(30).withRepeats(2).withSize(32).withSeed(5);
        long t0 = System.nanoTime();
        sim = Simulator.run(s);
        ProbeSettings ps = ProbeSettings.defaults().toBuilder().gradientImages(12).noiseImages(3000).meiSteps(0).figureNeurons(30).build();
        long t1 = System.nanoTime();
        String[] last = {""};
        result = Probes.probe(new Truth(sim.population()), sim.dataset(), ps, (stage, done, total) -> {
            if (!stage.equals(last[0])) System.out.printf("%6.1f s  %s%n", (System.nanoTime() - t1) / 1e9, stage);
            last[0] = stage;
        });
        ProbeReport.write(result, sim.dataset(), Path.of("target", "probe-sim-truth-report"));
        summary = GroundTruthComparison.compare(sim.dataset().neurons(), ProbedNeuron.of(result), null, 0, 2);
        System.out.printf("simulated truth, %d neurons of 32 x 32: probed in %.1f s%n", s.neurons(), (System.nanoTime() - t0) / 1e9);
        System.out.printf("median orientation error %.2f deg over %d simple/complex; class accuracy %.3f; RF within 2 px %.3f%n",
                summary.medianOrientationErrorDeg(), summary.simpleOrComplex(), summary.classificationAccuracy(), summary.fractionRfWithin());
        for (GroundTruthComparison.Row r : summary.rows()) {
            var t = sim.dataset().neurons().stream().filter(n -> n.id().equals(r.id())).findFirst().orElseThrow();
            var p = result.neurons().stream().filter(n -> n.id().equals(r.id())).findFirst().orElseThrow();
            System.out.printf("%s %-16s %-10s -> %-8s ori err %5.1f  rf err %4.2f  (size %s vs %.2f)  CV %.2f  F1/F0 %.2f%n", r.id(),
                    t.property("mechanism"), r.trueType(), r.probed().label(), r.orientationErrorDeg(), r.rfErrorPx(),
                    t.property("rf_size"), p.rf().size(), p.tuning().circularVariance(), p.tuning().f1f0());
        }
    }

    @Test
    void preferredOrientationOfSimpleAndComplexCellsWithinFiveDegrees() {
        assertTrue(summary.simpleOrComplex() >= 15, summary.simpleOrComplex() + " simple or complex cells");
        assertTrue(summary.medianOrientationErrorDeg() < 5, "median error " + summary.medianOrientationErrorDeg());
    }

    @Test
    void simpleVersusComplexAtLeastNinetyPercentCorrect() {
        assertTrue(summary.classificationAccuracy() >= 0.9, "accuracy " + summary.classificationAccuracy());
    }

    @Test
    void receptiveFieldCentresWithinTwoPixelsForNinetyPercent() {
        assertTrue(summary.fractionRfWithin() >= 0.9, "fraction " + summary.fractionRfWithin());
    }

    @Test
    void centreSurroundCellsAreUntuned() {
        List<GroundTruthComparison.Row> cs = summary.rows().stream().filter(r -> r.trueType().equals("center_surround")).toList();
        assertFalse(cs.isEmpty());
        for (GroundTruthComparison.Row r : cs) assertEquals(CellClass.UNTUNED, r.probed(), r.id());
    }
}
