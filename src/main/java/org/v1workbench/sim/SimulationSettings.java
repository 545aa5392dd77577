package org.v1workbench.sim;

import org.v1workbench.data.BadInputException;

import java.nio.file.Path;

/**
 * Everything that determines a simulated dataset: the same settings give the same files, byte for
 * byte, on every machine.
 *
 * @param images           number of stimuli
 * @param neurons          number of simulated neurons
 * @param repeats          repeats (trials) of every image
 * @param size             image side in pixels (images are size x size)
 * @param seed             master seed of stimuli, population and spike counts
 * @param windowSeconds    response window: spike counts are counted over it (0.1 = 100 ms)
 * @param overdispersion   0 for Poisson counts; phi &gt; 0 for gamma-Poisson counts whose variance is
 *                         mean + phi mean^2 (the trial gain is gamma with mean 1, variance phi)
 * @param noiseFraction    0..1: weight of 1/f noise mixed into the dead-leaves images
 * @param photos           a folder of photographs to crop patches from instead of dead leaves, or null
 * @param pixelsPerDegree  visual scale of the stimuli: sets receptive-field sizes and spatial
 *                         frequencies in pixels from values typical of parafoveal V1 in degrees
 * @param peakRateMinHz    lowest maximum rate of a neuron (Hz)
 * @param peakRateMaxHz    highest maximum rate of a neuron (Hz)
 */
public record SimulationSettings(int images, int neurons, int repeats, int size, long seed, double windowSeconds,
                                 double overdispersion, double noiseFraction, Path photos, double pixelsPerDegree,
                                 double peakRateMinHz, double peakRateMaxHz) {

    /** The defaults of {@code simulate}: 2,000 images of 64 x 64, 100 neurons, 10 repeats, seed 1. */
    public static SimulationSettings defaults() {
        return new SimulationSettings(2000, 100, 10, 64, 1, 0.1, 0, 0, null, 20, 3, 50);
    }

    /** Checks the values, naming the command-line option of any that is out of range. */
    public SimulationSettings {
        if (images < 1) throw new BadInputException("--images must be at least 1, not " + images);
        if (neurons < 1) throw new BadInputException("--neurons must be at least 1, not " + neurons);
        if (repeats < 1) throw new BadInputException("--repeats must be at least 1, not " + repeats);
        if (size < 8 || size > 1024) throw new BadInputException("--size must be 8 to 1024 pixels, not " + size);
        if ((long) images * size * size > Integer.MAX_VALUE || (long) images * repeats * neurons > Integer.MAX_VALUE)
            throw new BadInputException("--images x --size^2 and --images x --repeats x --neurons must stay below 2^31");
        if (!(windowSeconds > 0) || windowSeconds > 10) throw new BadInputException("--window-ms must be above 0 and at most 10000, not " + windowSeconds * 1000);
        if (!(overdispersion >= 0) || overdispersion > 100) throw new BadInputException("--overdispersion must be 0 (Poisson) to 100, not " + overdispersion);
        if (!(noiseFraction >= 0 && noiseFraction <= 1)) throw new BadInputException("--noise must be between 0 and 1, not " + noiseFraction);
        if (!(pixelsPerDegree > 0) || Double.isInfinite(pixelsPerDegree))
            throw new BadInputException("--pixels-per-degree must be a positive number, not " + pixelsPerDegree);
        if (!(peakRateMinHz > 0) || !(peakRateMaxHz >= peakRateMinHz) || Double.isInfinite(peakRateMaxHz))
            throw new BadInputException("peak rates must satisfy 0 < min <= max, not " + peakRateMinHz + " to " + peakRateMaxHz + " Hz");
    }

    public SimulationSettings withImages(int n) { return new SimulationSettings(n, neurons, repeats, size, seed, windowSeconds, overdispersion, noiseFraction, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withNeurons(int n) { return new SimulationSettings(images, n, repeats, size, seed, windowSeconds, overdispersion, noiseFraction, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withRepeats(int n) { return new SimulationSettings(images, neurons, n, size, seed, windowSeconds, overdispersion, noiseFraction, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withSize(int px) { return new SimulationSettings(images, neurons, repeats, px, seed, windowSeconds, overdispersion, noiseFraction, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withSeed(long s) { return new SimulationSettings(images, neurons, repeats, size, s, windowSeconds, overdispersion, noiseFraction, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withWindowSeconds(double s) { return new SimulationSettings(images, neurons, repeats, size, seed, s, overdispersion, noiseFraction, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withOverdispersion(double phi) { return new SimulationSettings(images, neurons, repeats, size, seed, windowSeconds, phi, noiseFraction, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withNoiseFraction(double w) { return new SimulationSettings(images, neurons, repeats, size, seed, windowSeconds, overdispersion, w, photos, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withPhotos(Path dir) { return new SimulationSettings(images, neurons, repeats, size, seed, windowSeconds, overdispersion, noiseFraction, dir, pixelsPerDegree, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withPixelsPerDegree(double p) { return new SimulationSettings(images, neurons, repeats, size, seed, windowSeconds, overdispersion, noiseFraction, photos, p, peakRateMinHz, peakRateMaxHz); }
    public SimulationSettings withPeakRates(double minHz, double maxHz) { return new SimulationSettings(images, neurons, repeats, size, seed, windowSeconds, overdispersion, noiseFraction, photos, pixelsPerDegree, minHz, maxHz); }

    /** One line for dataset.json and logs; it names every setting (the photo folder by its path). */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "images=%d neurons=%d repeats=%d size=%d seed=%d window_s=%s overdispersion=%s noise=%s photos=%s pixels_per_degree=%s peak_rate_hz=%s..%s",
                images, neurons, repeats, size, seed, windowSeconds, overdispersion, noiseFraction,
                photos == null ? "none" : photos.toString(), pixelsPerDegree, peakRateMinHz, peakRateMaxHz);
    }
}
