package org.v1workbench.sim;

import org.v1workbench.data.Neuron;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A simulated population of V1 neurons: the ground truth that the sample dataset is drawn from and
 * that probes are checked against. Deterministic: {@link #generate} gives the same neurons for the
 * same settings on every machine.
 *
 * <p>Mix of cells: 35% simple, 35% complex, 10% centre-surround, 10% cross-orientation
 * suppression and 10% untuned contrast normalisation (the last two are {@code other}), assigned by
 * largest remainder and shuffled. Ranges, in degrees converted with the settings' pixels per
 * degree, typical of parafoveal V1 (De Valois et al. 1982; Ringach 2002; Albrecht and Hamilton
 * 1982): preferred spatial frequency log-uniform 1 to 5 cycles/degree (at most 0.3 cycles/pixel),
 * spatial-frequency bandwidth 1 to 2 octaves (which sets the envelope; 2 octaves for the untuned
 * cells), envelope aspect ratio 1 to 1.8, centre-surround centres 0.05 to 0.15 degrees with surrounds 2 to 4 times wider,
 * expansive exponent 1.5 to 3, half-saturation drive log-uniform 0.05 to 0.3, maximum rate log-uniform over the
 * settings' peak range, spontaneous rate up to 10% of it (at most 2 Hz). Receptive-field centres are
 * spread uniformly over the image, kept two envelope widths inside its edges where the image allows.
 */
public final class SimulatedPopulation {
    private static final Mechanism[] MIX = {Mechanism.RECTIFIED_LINEAR, Mechanism.ENERGY, Mechanism.DIFFERENCE_OF_GAUSSIANS,
            Mechanism.CROSS_ORIENTATION_SUPPRESSION, Mechanism.CONTRAST_NORMALISATION};
    private static final double[] FRACTIONS = {0.35, 0.35, 0.10, 0.10, 0.10};

    private final List<SimulatedNeuron> neurons;
    private final int size;

    public SimulatedPopulation(List<SimulatedNeuron> neurons) {
        if (neurons.isEmpty()) throw new IllegalArgumentException("a population needs at least one neuron");
        this.neurons = List.copyOf(neurons);
        this.size = neurons.get(0).size();
        for (SimulatedNeuron n : neurons)
            if (n.size() != size) throw new IllegalArgumentException("neurons for different image sizes");
    }

    /** The population of {@code settings} (its neurons, size, seed, scale and peak rates). */
    public static SimulatedPopulation generate(SimulationSettings s) {
        List<Mechanism> mechanisms = mechanisms(s.neurons(), s.seed());
        int digits = Math.max(3, String.valueOf(s.neurons()).length());
        List<SimulatedNeuron> out = new ArrayList<>();
        for (int j = 0; j < s.neurons(); j++) {
            String id = String.format("n%0" + digits + "d", j + 1);
            out.add(SimulatedNeuron.of(draw(id, mechanisms.get(j), Rng.stream(s.seed(), Rng.NEURON, j), s), s.size()));
        }
        return new SimulatedPopulation(out);
    }

    /** The ground truth of a simulated dataset, rebuilt from its {@code neurons.csv} properties. */
    public static SimulatedPopulation of(List<Neuron> neurons, int size) {
        return new SimulatedPopulation(neurons.stream().map(n -> SimulatedNeuron.of(NeuronParams.of(n), size)).toList());
    }

    /** Each neuron's mechanism: fractions of {@link #FRACTIONS} by largest remainder, shuffled. */
    static List<Mechanism> mechanisms(int n, long seed) {
        int[] count = new int[MIX.length];
        int assigned = 0;
        double[] remainder = new double[MIX.length];
        for (int k = 0; k < MIX.length; k++) {
            count[k] = (int) Math.floor(FRACTIONS[k] * n);
            remainder[k] = FRACTIONS[k] * n - count[k];
            assigned += count[k];
        }
        while (assigned < n) {
            int best = 0;
            for (int k = 1; k < MIX.length; k++) if (remainder[k] > remainder[best] + 1e-12) best = k;
            count[best]++;
            remainder[best] = -1;
            assigned++;
        }
        List<Mechanism> list = new ArrayList<>();
        for (int k = 0; k < MIX.length; k++) for (int i = 0; i < count[k]; i++) list.add(MIX[k]);
        Collections.shuffle(list, Rng.stream(seed, Rng.TYPES, 0));
        return list;
    }

    /** Draws one neuron's parameters, rounded to the precision written to neurons.csv. */
    static NeuronParams draw(String id, Mechanism m, Random r, SimulationSettings s) {
        double ppd = s.pixelsPerDegree();
        int size = s.size();
        double sf = Math.min(0.3, Rng.logUniform(r, 1, 5) / ppd);
        double bandwidth = Rng.uniform(r, 1, 2);
        double sigma = gaborSigma(sf, bandwidth);
        double aspect = Rng.uniform(r, 1, 1.8);
        double orientation = 180 * r.nextDouble();
        double phase = 360 * r.nextDouble();
        double exponent = Rng.uniform(r, 1.5, 3);
        double c50 = Rng.logUniform(r, 0.05, 0.3);
        double maxRate = Rng.logUniform(r, s.peakRateMinHz(), s.peakRateMaxHz());
        double baseline = Math.min(2, 0.1 * maxRate) * r.nextDouble();
        double dogSigma = Rng.logUniform(r, 0.05, 0.15) * ppd;
        double ratio = Rng.uniform(r, 2, 4);
        double weight = Rng.uniform(r, 0.6, 1.0);
        double poolRatio = Rng.uniform(r, 2, 3);
        double poolWeight = Rng.uniform(r, 0.5, 2);
        boolean on = r.nextBoolean();
        double ux = r.nextDouble(), uy = r.nextDouble();

        double nan = Double.NaN;
        double rfSize, extent, orient = nan, ph = nan, asp = nan, sr = nan, sw = nan;
        switch (m) {
            case RECTIFIED_LINEAR -> {
                rfSize = sigma;
                orient = orientation;
                ph = phase;
                asp = aspect;
                extent = 2 * sigma * aspect;
            }
            case ENERGY -> {
                rfSize = sigma;
                orient = orientation;
                asp = aspect;
                extent = 2 * sigma * aspect;
            }
            case DIFFERENCE_OF_GAUSSIANS -> {
                rfSize = dogSigma;
                ph = on ? 0 : 180;
                sr = ratio;
                sw = weight;
                extent = 2 * dogSigma;
            }
            case CROSS_ORIENTATION_SUPPRESSION -> {
                rfSize = sigma;
                orient = orientation;
                asp = aspect;
                sw = poolWeight;
                extent = 2 * sigma * aspect;
            }
            case CONTRAST_NORMALISATION -> {
                rfSize = gaborSigma(sf, 2); // broad bandwidth, so that 8 orientations cover all evenly
                sr = poolRatio;
                sw = poolWeight;
                extent = 2 * sigma;
            }
            default -> throw new IllegalStateException("no parameters for " + m);
        }
        rfSize = round(rfSize, 3);
        sr = round(sr, 3);
        sw = round(sw, 3);
        if (m == Mechanism.DIFFERENCE_OF_GAUSSIANS) sf = dogPeak(rfSize, sr, sw);
        double margin = Math.min(size / 2.0, Math.max(size / 8.0, extent));
        double x = margin + ux * (size - 2 * margin), y = margin + uy * (size - 2 * margin);
        if (!Double.isNaN(orient)) orient = round(orient, 1) % 180;
        return new NeuronParams(id, m, round(x, 2), round(y, 2), rfSize, orient, round(sf, 5), round(ph, 1),
                round(maxRate, 2), round(baseline, 3), round(exponent, 3), round(c50, 3), round(asp, 3), sr, sw);
    }

    /**
     * Envelope sigma (across the bars) of a Gabor of spatial frequency {@code sf} and full-width
     * half-maximum bandwidth {@code octaves}: sigma f = sqrt(ln 2 / 2) / pi (2^b + 1) / (2^b - 1).
     */
    static double gaborSigma(double sf, double octaves) {
        double b = StrictMath.pow(2, octaves);
        return Math.sqrt(StrictMath.log(2) / 2) / Math.PI * (b + 1) / (b - 1) / sf;
    }

    private static double dogPeak(double sigma, double ratio, double weight) {
        return SimulatedNeuron.dogPeakFrequency(sigma, ratio, weight);
    }

    private static double round(double v, int decimals) {
        if (Double.isNaN(v)) return v;
        double scale = StrictMath.pow(10, decimals);
        return Math.rint(v * scale) / scale;
    }

    public List<SimulatedNeuron> neurons() {
        return neurons;
    }

    public SimulatedNeuron neuron(int i) {
        return neurons.get(i);
    }

    public int size() {
        return neurons.size();
    }

    /** Image side in pixels that the population's receptive fields are laid out on. */
    public int imageSize() {
        return size;
    }

    /** Expected rates in Hz of every neuron to one image (grey levels, flat {@code imageSize x imageSize}). */
    public double[] expectedRates(float[] image) {
        double[] out = new double[neurons.size()];
        for (int n = 0; n < out.length; n++) out[n] = neurons.get(n).expectedRate(image);
        return out;
    }

    /** The neurons as {@link Neuron}s of session {@code session}, with their ground truth as properties. */
    public List<Neuron> describe(String session) {
        return neurons.stream().map(n -> new Neuron(n.id(), session, n.params().toProperties())).toList();
    }
}
