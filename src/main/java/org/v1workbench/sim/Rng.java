package org.v1workbench.sim;

import java.util.Random;

/**
 * Seeded random numbers that give the same values on every machine and JVM: {@link Random}'s
 * algorithm is fixed by its specification, seeds for independent streams are derived with
 * SplitMix64, and the samplers use only {@link StrictMath}. Each image, neuron and spike train
 * draws from its own stream, so that changing how many images are simulated leaves every other
 * image (and every neuron) unchanged.
 */
final class Rng {
    private Rng() {}

    /** Stream labels, so that streams of different purposes never share a seed. */
    static final long STIMULUS = 0x5354494dL, NEURON = 0x4e455552L, TYPES = 0x54595045L, SPIKES = 0x5350494bL, PHOTO = 0x50484f54L;

    /** A generator for stream {@code label}, item {@code index}, of master seed {@code seed}. */
    static Random stream(long seed, long label, long index) {
        return new Random(mix(mix(mix(seed) ^ label) + index));
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Log-uniform between {@code lo} and {@code hi} (both positive). */
    static double logUniform(Random r, double lo, double hi) {
        return lo * StrictMath.exp(r.nextDouble() * StrictMath.log(hi / lo));
    }

    /**
     * A Poisson count of mean {@code lambda}: inversion by sequential search, with means above 20
     * split into independent parts (the sum of Poisson counts is Poisson), so it stays exact and
     * avoids underflow of exp(-lambda).
     */
    static int poisson(Random r, double lambda) {
        if (!(lambda > 0)) return 0;
        int total = 0;
        double rest = lambda;
        while (rest > 0) {
            double part = Math.min(rest, 20.0);
            rest -= part;
            double p = StrictMath.exp(-part), cdf = p, u = r.nextDouble();
            int k = 0;
            while (u > cdf && k < 1000) {
                k++;
                p *= part / k;
                cdf += p;
            }
            total += k;
        }
        return total;
    }

    /** A gamma variate of the given shape and scale 1 (Marsaglia and Tsang, 2000). */
    static double gamma(Random r, double shape) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(r, shape + 1) * StrictMath.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0, c = 1.0 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = r.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) return d * v;
        }
    }
}
