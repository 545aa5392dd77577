package org.v1workbench.cli;

import org.v1workbench.data.BadInputException;
import org.v1workbench.sim.SimulatedPopulation;
import org.v1workbench.sim.Simulation;
import org.v1workbench.sim.SimulationFigure;
import org.v1workbench.sim.SimulationSettings;
import org.v1workbench.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Simulates a V1 population with ground truth and writes it in the on-disk format. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate V1 neurons (simple, complex, centre-surround, normalised) responding to natural-statistics images, "
                + "and write the on-disk format with the ground truth: neurons.csv (cell_type, rf_x, rf_y, rf_size, orientation_deg, "
                + "spatial_freq, phase_deg, max_rate_hz, ...) and true_rates.npy (images x neurons, float32, noise-free expected "
                + "spike count per response window, the units of responses.npy).",
                "The sample dataset is: " + org.v1workbench.sim.SampleData.COMMAND})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "the dataset folder to write (replaced only once complete)")
    Path out;

    @Option(names = "--images", paramLabel = "N", description = "number of images (default: ${DEFAULT-VALUE})")
    int images = 2000;

    @Option(names = "--neurons", paramLabel = "N", description = "number of neurons (default: ${DEFAULT-VALUE})")
    int neurons = 100;

    @Option(names = "--repeats", paramLabel = "N", description = "repeats of every image (default: ${DEFAULT-VALUE})")
    int repeats = 10;

    @Option(names = "--size", paramLabel = "PX", description = "image side in pixels (default: ${DEFAULT-VALUE})")
    int size = 64;

    @Option(names = "--seed", paramLabel = "S", description = "seed: the same seed gives identical files (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--photos", paramLabel = "DIR", description = "crop the stimuli from the photographs in DIR (grey patches) instead of dead leaves")
    Path photos;

    @Option(names = "--overdispersion", paramLabel = "PHI", description = "0 for Poisson counts; PHI > 0 for gamma-Poisson, variance = mean + PHI mean^2 (default: ${DEFAULT-VALUE})")
    double overdispersion = 0;

    @Option(names = "--noise", paramLabel = "W", description = "weight 0..1 of 1/f noise mixed into the dead leaves (default: ${DEFAULT-VALUE})")
    double noise = 0;

    @Option(names = "--window-ms", paramLabel = "MS", description = "response window in ms (default: ${DEFAULT-VALUE})")
    double windowMs = 100;

    @Option(names = "--pixels-per-degree", paramLabel = "P", description = "visual scale of the images, which sets RF sizes and spatial frequencies (default: ${DEFAULT-VALUE})")
    double pixelsPerDegree = 20;

    @Option(names = "--figure", paramLabel = "FILE.png", hidden = true, description = "also draw example stimuli and receptive fields to FILE.png")
    Path figure;

    @Override
    public Integer call() throws Exception {
        if (out == null && figure == null) throw new BadInputException("--out DIR is required (the dataset folder to write)");
        SimulationSettings base = SimulationSettings.defaults();
        SimulationSettings s = new SimulationSettings(images, neurons, repeats, size, seed, windowMs / 1000, overdispersion, noise,
                photos, pixelsPerDegree, base.peakRateMinHz(), base.peakRateMaxHz());
        if (out == null) {
            float[] stimuli = Simulator.stimuli(s.withImages(Math.min(images, 10)));
            SimulationFigure.write(stimuli, Math.min(images, 10), SimulatedPopulation.generate(s), figure);
            System.out.println("figure -> " + figure);
            return Main.OK;
        }
        long t0 = System.nanoTime();
        Simulation sim = Simulator.run(s, msg -> System.err.println(msg));
        sim.write(out);
        if (figure != null) SimulationFigure.write(sim.dataset().stimuliArray(), images, sim.population(), figure);
        double[] rates = sim.dataset().meanRatesHz();
        System.out.printf(Locale.ROOT, "simulated %d neurons (%s), %d images of %d x %d, %d repeats, mean rate %.2f Hz (median %.2f), %.1f s -> %s%n",
                neurons, Simulator.typeSummary(sim.population().neurons()), images, size, size, repeats,
                Arrays.stream(rates).average().orElse(Double.NaN), median(rates), (System.nanoTime() - t0) / 1e9, out);
        return Main.OK;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
