package org.v1workbench.sim;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tiers;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs the simulation: stimuli (dead leaves, or patches of the user's photographs), the
 * population's expected rates to each, and spike counts drawn for every repeat.
 *
 * <p>Spike counts: Poisson with mean rate x window, or with over-dispersion phi a gamma-Poisson
 * mixture (the mean is multiplied on each repeat by an independent gamma gain of mean 1 and
 * variance phi; Goris et al. 2014), whose variance is mean + phi mean^2. Images are computed in
 * parallel, each from its own seeded streams, so the result does not depend on the thread count.
 */
public final class Simulator {
    /**
     * Bumped whenever a change to the generator changes its output for the same settings (it
     * names the sample data's cache folder and is recorded in dataset.json).
     */
    public static final int GENERATOR_VERSION = 1;
    public static final String SESSION = "sim";

    private Simulator() {}

    public static Simulation run(SimulationSettings s) {
        return run(s, msg -> {});
    }

    /** Runs {@code s}, reporting progress lines to {@code progress}. */
    public static Simulation run(SimulationSettings s, Consumer<String> progress) {
        progress.accept("generating " + s.images() + " stimuli of " + s.size() + " x " + s.size()
                + (s.photos() == null ? " (dead leaves)" : " from photographs in " + s.photos()));
        float[] stimuli = stimuli(s);
        progress.accept("generating " + s.neurons() + " neurons");
        SimulatedPopulation pop = SimulatedPopulation.generate(s);
        int images = s.images(), neurons = s.neurons(), repeats = s.repeats(), px = s.size() * s.size();
        float[] expected = new float[images * neurons];
        float[] responses = new float[images * repeats * neurons];
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, images / 10);
        IntStream.range(0, images).parallel().forEach(i -> {
            float[] image = new float[px];
            System.arraycopy(stimuli, i * px, image, 0, px);
            double[] rates = pop.expectedRates(image);
            double[] counts = new double[neurons];
            for (int n = 0; n < neurons; n++) {
                counts[n] = rates[n] * s.windowSeconds();
                expected[i * neurons + n] = (float) counts[n];
            }
            Random r = Rng.stream(s.seed(), Rng.SPIKES, i);
            for (int rep = 0; rep < repeats; rep++)
                for (int n = 0; n < neurons; n++) {
                    double mean = counts[n];
                    if (s.overdispersion() > 0 && mean > 0) {
                        double shape = 1 / s.overdispersion();
                        mean *= Rng.gamma(r, shape) / shape;
                    }
                    responses[(i * repeats + rep) * neurons + n] = Rng.poisson(r, mean);
                }
            int d = done.incrementAndGet();
            if (d % step == 0) progress.accept(String.format(Locale.ROOT, "responses: %d of %d images", d, images));
        });
        Dataset dataset = Dataset.builder()
                .name(s.photos() == null ? "simulated V1 (seed " + s.seed() + ")" : "simulated V1 on photographs (seed " + s.seed() + ")")
                .source("V1 Workbench simulator, generator version " + GENERATOR_VERSION)
                .stimuli(stimuli, images, s.size(), s.size())
                .responses(responses, repeats, neurons)
                .neurons(pop.describe(SESSION))
                .windowSeconds(s.windowSeconds())
                .tiers(Tiers.defaultSplit(images, s.seed()))
                .notes(notes(s))
                .build();
        return new Simulation(s, dataset, pop, expected);
    }

    /** The stimuli of {@code s}: flat {@code images x size x size}, integer grey levels 0..255. */
    public static float[] stimuli(SimulationSettings s) {
        if (s.photos() != null) return new PhotoPatches(s.photos(), s.size()).generate(s.seed(), s.images());
        DeadLeaves leaves = new DeadLeaves(s.size(), s.noiseFraction());
        int px = s.size() * s.size();
        float[] out = new float[s.images() * px];
        IntStream.range(0, s.images()).parallel().forEach(i -> System.arraycopy(leaves.image(s.seed(), i), 0, out, i * px, px));
        return out;
    }

    private static java.util.Map<String, String> notes(SimulationSettings s) {
        java.util.Map<String, String> n = new java.util.LinkedHashMap<>();
        n.put("simulator_settings", s.describe());
        n.put("generator_version", String.valueOf(GENERATOR_VERSION));
        n.put("stimuli", s.photos() == null
                ? "dead leaves (power-law sizes, ~1/f amplitude spectrum)" + (s.noiseFraction() > 0 ? " mixed with 1/f noise, weight " + s.noiseFraction() : "")
                : "patches of the photographs in " + s.photos() + ", grey (Rec. 601 luma), 0..255");
        n.put("spike_counts", s.overdispersion() > 0 ? "gamma-Poisson, variance = mean + " + s.overdispersion() + " mean^2" : "Poisson");
        n.put("true_rates", "true_rates.npy: images x neurons, float32, noise-free expected spike count per response window (rate in Hz x window_s), the units of responses.npy");
        n.put("conventions", "rf_x, rf_y in pixels from the top-left corner, x right, y down (pixel column j has its centre at j + 0.5); rf_size = envelope sigma in pixels; "
                + "orientation_deg = orientation of the preferred grating's bars, 0 = horizontal, counter-clockwise on screen; spatial_freq in cycles per pixel; "
                + "stimuli are grey levels, contrast = (grey - 127.5) / 127.5");
        n.put("pixels_per_degree", String.valueOf(s.pixelsPerDegree()));
        return n;
    }

    /** Neuron ids and their cell types, counted, for summaries: "35 simple, 35 complex, ...". */
    public static String typeSummary(List<SimulatedNeuron> neurons) {
        StringBuilder sb = new StringBuilder();
        for (CellType t : CellType.values()) {
            long k = neurons.stream().filter(n -> n.params().cellType() == t).count();
            if (k > 0) sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(t.label());
        }
        return sb.toString();
    }
}
