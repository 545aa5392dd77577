package org.v1workbench.sim;

/**
 * The ground-truth model of one simulated V1 neuron: image in, expected firing rate out. Built
 * from its {@link NeuronParams} and the image size alone, so it is the same function whether the
 * parameters come from the generator or from {@code neurons.csv}.
 *
 * <p>Two stages. First a drive z &gt;= 0 from linear filters applied to the image as contrast,
 * (grey - 127.5) / 127.5, every filter scaled so that the optimal full-contrast grating gives a
 * response of amplitude 1 (so z is about 1 for the optimal grating whatever the cell's size):
 * <ul>
 *   <li>simple: z = [G . c]+, one Gabor filter, half-wave rectified;</li>
 *   <li>complex: z = sqrt((G_even . c)^2 + (G_odd . c)^2), a quadrature pair (energy model);</li>
 *   <li>centre-surround: z = [D . c]+, D a difference of Gaussians, ON or OFF centre;</li>
 *   <li>other, cross-orientation suppression: z the energy at the preferred orientation, and a
 *       suppressive drive q, the energy of the same pair turned by 90 degrees;</li>
 *   <li>other, contrast normalisation: z the energy summed over 8 orientations (untuned; the
 *       filters' 2-octave bandwidth makes the sum isotropic), q the same for a pool surroundRatio
 *       times wider and tuned surroundRatio times lower in spatial frequency (the same bandwidth,
 *       so the pool is isotropic too).</li>
 * </ul>
 * Then a contrast-response function with an expansive exponent n (Albrecht and Hamilton 1982;
 * Heeger 1992): rate = baseline + (R_max - baseline) z^n / (z^n + c50^n + w q^n), which is
 * expansive for weak drive and saturates below R_max.
 *
 * <p>Images are flat {@code size x size} arrays of grey levels 0..255, row-major, y down.
 */
public final class SimulatedNeuron {
    /** Orientations of the untuned energy sum (every 22.5 degrees). */
    static final int UNTUNED_ORIENTATIONS = 8;

    private final NeuronParams p;
    private final int size;
    private final Filter[] drive;
    private final Filter[] pool;
    private final double driveRef, poolRef;

    private SimulatedNeuron(NeuronParams p, int size, Filter[] drive, Filter[] pool, double driveRef, double poolRef) {
        this.p = p;
        this.size = size;
        this.drive = drive;
        this.pool = pool;
        this.driveRef = driveRef;
        this.poolRef = poolRef;
    }

    /** The model of {@code p} for images of {@code size x size} pixels. */
    public static SimulatedNeuron of(NeuronParams p, int size) {
        double x = p.rfX(), y = p.rfY(), s = p.rfSize(), f = p.spatialFreq();
        double aspect = Double.isNaN(p.aspectRatio()) ? 1 : p.aspectRatio();
        switch (p.mechanism()) {
            case RECTIFIED_LINEAR:
                return new SimulatedNeuron(p, size, new Filter[]{gabor(size, x, y, s, aspect, p.orientationDeg(), f, p.phaseDeg())}, new Filter[0], 1, 1);
            case ENERGY:
                return new SimulatedNeuron(p, size, pair(size, x, y, s, aspect, p.orientationDeg(), f), new Filter[0], 1, 1);
            case DIFFERENCE_OF_GAUSSIANS:
                return new SimulatedNeuron(p, size, new Filter[]{dog(size, x, y, s, p.surroundRatio(), p.surroundWeight(), p.phaseDeg(), f)}, new Filter[0], 1, 1);
            case CROSS_ORIENTATION_SUPPRESSION:
                return new SimulatedNeuron(p, size, pair(size, x, y, s, aspect, p.orientationDeg(), f),
                        pair(size, x, y, s, aspect, p.orientationDeg() + 90, f), 1, 1);
            case CONTRAST_NORMALISATION: {
                Filter[] centre = untuned(size, x, y, s, f), surround = untuned(size, x, y, s * p.surroundRatio(), f / p.surroundRatio());
                return new SimulatedNeuron(p, size, centre, surround, untunedReference(centre, size, x, y, f), untunedReference(surround, size, x, y, f / p.surroundRatio()));
            }
            default:
                throw new IllegalStateException("no model for " + p.mechanism());
        }
    }

    public NeuronParams params() {
        return p;
    }

    public String id() {
        return p.id();
    }

    /** Image side in pixels. */
    public int size() {
        return size;
    }

    /** Expected firing rate in Hz to an image of grey levels, flat {@code size x size}. */
    public double expectedRate(float[] image) {
        if (image.length != size * size)
            throw new IllegalArgumentException("image has " + image.length + " pixels, not " + size + " x " + size);
        double z = drive(image);
        double q = pool.length == 0 ? 0 : energy(pool, image) / poolRef;
        double n = p.exponent();
        double zn = StrictMath.pow(z, n);
        double denominator = zn + StrictMath.pow(p.c50(), n) + (pool.length == 0 ? 0 : p.surroundWeight() * StrictMath.pow(q, n));
        return p.baselineHz() + (p.maxRateHz() - p.baselineHz()) * (zn == 0 ? 0 : zn / denominator);
    }

    /** The drive z before the contrast-response function (about 1 for the optimal full-contrast grating). */
    public double drive(float[] image) {
        return switch (p.mechanism()) {
            case RECTIFIED_LINEAR, DIFFERENCE_OF_GAUSSIANS -> Math.max(0, drive[0].apply(image));
            case ENERGY, CROSS_ORIENTATION_SUPPRESSION -> energy(drive, image);
            case CONTRAST_NORMALISATION -> energy(drive, image) / driveRef;
        };
    }

    /** sqrt of the mean over pairs of (even^2 + odd^2); for one pair, the usual energy. */
    private static double energy(Filter[] pairs, float[] image) {
        double e = 0;
        for (Filter f : pairs) {
            double v = f.apply(image);
            e += v * v;
        }
        return Math.sqrt(e / (pairs.length / 2));
    }

    /**
     * A picture of the receptive field for display, flat {@code size x size}: the linear filter
     * (the even one of a quadrature pair, the centre and surround of an untuned pool).
     */
    public double[] spatialProfile() {
        if (p.mechanism() == Mechanism.CONTRAST_NORMALISATION) {
            double[] k = new double[size * size];
            double s1 = p.rfSize(), s2 = p.rfSize() * p.surroundRatio();
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++) {
                    double dx = j + 0.5 - p.rfX(), dy = i + 0.5 - p.rfY(), r2 = dx * dx + dy * dy;
                    k[i * size + j] = StrictMath.exp(-r2 / (2 * s1 * s1)) - 0.3 * StrictMath.exp(-r2 / (2 * s2 * s2));
                }
            return k;
        }
        return drive[0].kernel();
    }

    /** A Gabor filter, zero mean, scaled to unit response amplitude for its optimal grating. */
    static Filter gabor(int size, double cx, double cy, double sigma, double aspect, double orientationDeg, double sf, double phaseDeg) {
        double t = Math.toRadians(orientationDeg), sin = StrictMath.sin(t), cos = StrictMath.cos(t), ph = Math.toRadians(phaseDeg);
        double[] k = new double[size * size], env = new double[size * size];
        double sumK = 0, sumEnv = 0;
        double su = sigma * aspect;
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) {
                double dx = j + 0.5 - cx, dy = i + 0.5 - cy;
                double u = dx * cos - dy * sin, v = dx * sin + dy * cos; // along, across the bars
                double e = StrictMath.exp(-v * v / (2 * sigma * sigma) - u * u / (2 * su * su));
                env[i * size + j] = e;
                k[i * size + j] = e * StrictMath.cos(2 * Math.PI * sf * v + ph);
                sumK += k[i * size + j];
                sumEnv += e;
            }
        double dc = sumEnv > 0 ? sumK / sumEnv : 0;
        for (int i = 0; i < k.length; i++) k[i] -= dc * env[i];
        return normalised(k, size, orientationDeg, sf, cx, cy);
    }

    /** An even and an odd Gabor (phases 0 and 90): a quadrature pair. */
    static Filter[] pair(int size, double cx, double cy, double sigma, double aspect, double orientationDeg, double sf) {
        return new Filter[]{gabor(size, cx, cy, sigma, aspect, orientationDeg, sf, 0), gabor(size, cx, cy, sigma, aspect, orientationDeg, sf, 90)};
    }

    /** Quadrature pairs at {@link #UNTUNED_ORIENTATIONS} orientations, round envelope. */
    static Filter[] untuned(int size, double cx, double cy, double sigma, double sf) {
        Filter[] out = new Filter[2 * UNTUNED_ORIENTATIONS];
        for (int k = 0; k < UNTUNED_ORIENTATIONS; k++) {
            Filter[] pr = pair(size, cx, cy, sigma, 1, 180.0 * k / UNTUNED_ORIENTATIONS, sf);
            out[2 * k] = pr[0];
            out[2 * k + 1] = pr[1];
        }
        return out;
    }

    /** Mean energy of an untuned filter bank over gratings of 8 orientations and 4 phases at sf. */
    private static double untunedReference(Filter[] bank, int size, double cx, double cy, double sf) {
        double sum = 0;
        int n = 0;
        for (int o = 0; o < 8; o++)
            for (int ph = 0; ph < 4; ph++) {
                sum += energy(bank, Gratings.grating(size, 180.0 * o / 8 + 11.25, sf, 90.0 * ph, 1, cx, cy));
                n++;
            }
        return sum / n;
    }

    /**
     * A difference of Gaussians, centre of unit integral minus a surround of integral
     * {@code weight}, sign + for phase 0 (ON) and - for 180 (OFF), scaled to unit response
     * amplitude for a grating at {@code sf}.
     */
    static Filter dog(int size, double cx, double cy, double sigma, double ratio, double weight, double phaseDeg, double sf) {
        double ss = sigma * ratio, sign = StrictMath.cos(Math.toRadians(phaseDeg)) >= 0 ? 1 : -1;
        double[] k = new double[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) {
                double dx = j + 0.5 - cx, dy = i + 0.5 - cy, r2 = dx * dx + dy * dy;
                k[i * size + j] = sign * (StrictMath.exp(-r2 / (2 * sigma * sigma)) / (2 * Math.PI * sigma * sigma)
                        - weight * StrictMath.exp(-r2 / (2 * ss * ss)) / (2 * Math.PI * ss * ss));
            }
        return normalised(k, size, 0, sf, cx, cy);
    }

    /** The spatial frequency (cycles per pixel) at which a difference of Gaussians' spectrum peaks. */
    static double dogPeakFrequency(double sigma, double ratio, double weight) {
        double best = 0, bestF = 0;
        for (int i = 0; i <= 5000; i++) {
            double f = 0.5 * i / 5000;
            double h = dogSpectrum(f, sigma, ratio, weight);
            if (h > best) {
                best = h;
                bestF = f;
            }
        }
        return bestF;
    }

    static double dogSpectrum(double f, double sigma, double ratio, double weight) {
        double a = 2 * Math.PI * Math.PI * f * f;
        return StrictMath.exp(-a * sigma * sigma) - weight * StrictMath.exp(-a * sigma * sigma * ratio * ratio);
    }

    /** Scales a kernel so that its response amplitude (best phase) to the full-contrast grating (theta, sf) about (cx, cy) is 1. */
    private static Filter normalised(double[] k, int size, double orientationDeg, double sf, double cx, double cy) {
        double t = Math.toRadians(orientationDeg), sin = StrictMath.sin(t), cos = StrictMath.cos(t);
        double lc = 0, ls = 0;
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) {
                double v = (j + 0.5 - cx) * sin + (i + 0.5 - cy) * cos;
                lc += k[i * size + j] * StrictMath.cos(2 * Math.PI * sf * v);
                ls += k[i * size + j] * StrictMath.sin(2 * Math.PI * sf * v);
            }
        double amp = Math.sqrt(lc * lc + ls * ls);
        double[] scaled = k.clone();
        if (amp > 0) for (int i = 0; i < scaled.length; i++) scaled[i] /= amp;
        return Filter.of(scaled, size);
    }
}
