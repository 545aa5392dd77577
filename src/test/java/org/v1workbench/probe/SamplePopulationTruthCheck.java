package org.v1workbench.probe;

import org.junit.jupiter.api.Test;
import org.v1workbench.sim.SampleData;
import org.v1workbench.sim.Simulation;
import org.v1workbench.sim.Simulator;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The full-size version of {@link ProbesOnSimulatedTruthTest}: the probes on the sample data's
 * whole population (100 neurons, 64 x 64, the neurons of {@code SampleData.SETTINGS}; 200 of its
 * images suffice for the gradient sample), the simulator's expected rates as the model. Minutes on
 * two cores, so it runs only when asked:
 * {@code mvn -B -q -o test -Dtest=SamplePopulationTruthCheck -Dprobe.full=true}.
 * Prints the comparison; the report goes to target/probe-sample-truth-report.
 */
class SamplePopulationTruthCheck {
    @Test
    void probesRecoverTheSamplePopulationsGroundTruth() throws Exception {
        assumeTrue(Boolean.getBoolean("probe.full"), "full ground-truth check runs with -Dprobe.full=true");
        long t0 = System.nanoTime();
        Simulation sim = Simulator.run(SampleData.SETTINGS.withImages(200).withRepeats(1));
        ProbeSettings ps = ProbeSettings.defaults().toBuilder().gradientImages(10).noiseImages(2000).meiSteps(0).figureNeurons(24).build();
        String[] last = {""};
        ProbeResult r = Probes.run(new ProbesOnSimulatedTruthTest.Truth(sim.population()), sim.dataset(), ps,
                Path.of("target", "probe-sample-truth-report"), (stage, done, total) -> {
                    if (!stage.equals(last[0])) System.out.printf("%7.1f s  %s%n", (System.nanoTime() - t0) / 1e9, stage);
                    last[0] = stage;
                });
        GroundTruthComparison.Summary s = GroundTruthComparison.compare(sim.dataset().neurons(), ProbedNeuron.of(r), null, 0, 2);
        System.out.printf("%7.1f s  done: %d neurons; median orientation error %.2f deg over %d simple/complex; "
                        + "simple/complex correct %.3f; RF centre within 2 px %.3f%n", (System.nanoTime() - t0) / 1e9,
                s.included(), s.medianOrientationErrorDeg(), s.simpleOrComplex(), s.classificationAccuracy(), s.fractionRfWithin());
        for (GroundTruthComparison.Row row : s.rows())
            if ((row.trueType().equals("simple") || row.trueType().equals("complex")) && !row.probed().label().equals(row.trueType())
                    || row.rfErrorPx() > 2 || row.orientationErrorDeg() > 10)
                System.out.println("  off: " + row);
        assertTrue(s.medianOrientationErrorDeg() < 10);
        assertTrue(s.classificationAccuracy() >= 0.9);
        assertTrue(s.fractionRfWithin() >= 0.9);
    }
}
