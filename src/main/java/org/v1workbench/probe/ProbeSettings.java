package org.v1workbench.probe;

import java.util.Arrays;

/**
 * Everything that decides what the probes compute, recorded beside their output so a result can
 * be reproduced. Immutable; {@link #defaults()} then {@link #toBuilder()} to change a value.
 *
 * @param orientations           number of grating orientations, evenly over [0, 180)
 * @param spatialFreqs           grating spatial frequencies (cycles/pixel); null = 8 log-spaced
 *                               from 1/min(height, width) to Nyquist (0.5)
 * @param phases                 number of phases, evenly over [0, 360)
 * @param contrast               grating contrast (1 = the dataset's RMS contrast, see {@link Gratings})
 * @param apertureSigmas         aperture radius in units of the neuron's fitted RF size (sigma);
 *                               0 or less = full-field gratings
 * @param apertureMinRadius      smallest aperture radius, pixels
 * @param apertureTaper          width of the aperture's raised-cosine edge, pixels
 * @param untunedCircularVariance a neuron is untuned when its circular variance exceeds this
 * @param gradientImages         natural images (a seeded sample of the dataset) over which input
 *                               gradients are averaged for the linear RF
 * @param noiseImages            white-noise images for the spike-triggered average
 * @param noiseSd                white-noise standard deviation in units of the dataset's pixel sd
 * @param meiSteps               gradient-ascent steps for the most exciting input
 * @param meiBlurSigma           Gaussian blur (pixels) applied to the gradient at every step
 * @param meiStepSize            first step length as a fraction of the norm (decays linearly to a tenth)
 * @param meiClamp               keep the most exciting input within the dataset's pixel range
 * @param meiStarts              seeded starts tried until one has a non-zero gradient
 * @param meiNeurons             most exciting inputs for the first this many neurons only (the
 *                               ascent is the probe's most costly part); 0 = every neuron
 * @param topImages              natural images kept at each end of the predicted-rate ranking
 * @param figureNeurons          neurons shown in each figure (the first ones; the CSV has all)
 * @param batchSize              images per model call
 * @param seed                   seed of every random choice (image sample, noise, starts)
 * @param rateScale              factor from model output to the unit of {@code rateLabel}
 * @param rateLabel              axis label of rates in figures, with its unit
 */
public record ProbeSettings(int orientations, double[] spatialFreqs, int phases, double contrast,
                            double apertureSigmas, double apertureMinRadius, double apertureTaper,
                            double untunedCircularVariance, int gradientImages, int noiseImages, double noiseSd,
                            int meiSteps, double meiBlurSigma, double meiStepSize, boolean meiClamp, int meiStarts,
                            int meiNeurons, int topImages, int figureNeurons, int batchSize, long seed,
                            double rateScale, String rateLabel) {

    public ProbeSettings {
        if (orientations < 4) throw new IllegalArgumentException("at least 4 orientations, not " + orientations);
        if (phases < 4) throw new IllegalArgumentException("at least 4 phases for F1/F0, not " + phases);
        if (spatialFreqs != null) {
            if (spatialFreqs.length == 0) throw new IllegalArgumentException("no spatial frequencies");
            for (double f : spatialFreqs)
                if (!(f > 0 && f <= 0.5)) throw new IllegalArgumentException("spatial frequency " + f + " is not in (0, 0.5] cycles/pixel");
            spatialFreqs = spatialFreqs.clone();
        }
        if (gradientImages < 1 || noiseImages < 0 || meiSteps < 0 || topImages < 0 || batchSize < 1 || meiStarts < 1 || meiNeurons < 0)
            throw new IllegalArgumentException("counts must be positive");
    }

    public static ProbeSettings defaults() {
        return new ProbeSettings(16, null, 8, 1.0, 3.0, 3.0, 2.0, 0.9, 200, 20000, 1.0,
                200, 1.0, 0.1, true, 8, 0, 3, 24, 256, 1L, 1.0, "rate (Hz)");
    }

    /** The spatial frequencies for images of this size (the given ones, or the default set). */
    public double[] spatialFreqsFor(int height, int width) {
        if (spatialFreqs != null) return spatialFreqs.clone();
        int n = 8;
        double lo = 1.0 / Math.min(height, width), hi = 0.5;
        double[] f = new double[n];
        for (int k = 0; k < n; k++) f[k] = lo * Math.pow(hi / lo, k / (double) (n - 1));
        return f;
    }

    @Override
    public double[] spatialFreqs() {
        return spatialFreqs == null ? null : spatialFreqs.clone();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "ProbeSettings[orientations=" + orientations + ", spatialFreqs=" + Arrays.toString(spatialFreqs)
                + ", phases=" + phases + ", contrast=" + contrast + ", apertureSigmas=" + apertureSigmas
                + ", seed=" + seed + ", ...]";
    }

    /** Changes some settings of a copy. */
    public static final class Builder {
        private int orientations, phases, gradientImages, noiseImages, meiSteps, meiStarts, meiNeurons, topImages, figureNeurons, batchSize;
        private double[] spatialFreqs;
        private double contrast, apertureSigmas, apertureMinRadius, apertureTaper, untunedCircularVariance, noiseSd,
                meiBlurSigma, meiStepSize, rateScale;
        private boolean meiClamp;
        private long seed;
        private String rateLabel;

        private Builder(ProbeSettings s) {
            orientations = s.orientations; spatialFreqs = s.spatialFreqs; phases = s.phases; contrast = s.contrast;
            apertureSigmas = s.apertureSigmas; apertureMinRadius = s.apertureMinRadius; apertureTaper = s.apertureTaper;
            untunedCircularVariance = s.untunedCircularVariance; gradientImages = s.gradientImages;
            noiseImages = s.noiseImages; noiseSd = s.noiseSd; meiSteps = s.meiSteps; meiBlurSigma = s.meiBlurSigma;
            meiStepSize = s.meiStepSize; meiClamp = s.meiClamp; meiStarts = s.meiStarts; meiNeurons = s.meiNeurons; topImages = s.topImages;
            figureNeurons = s.figureNeurons; batchSize = s.batchSize; seed = s.seed; rateScale = s.rateScale;
            rateLabel = s.rateLabel;
        }

        public Builder orientations(int v) { orientations = v; return this; }
        public Builder spatialFreqs(double... v) { spatialFreqs = v; return this; }
        public Builder phases(int v) { phases = v; return this; }
        public Builder contrast(double v) { contrast = v; return this; }
        public Builder apertureSigmas(double v) { apertureSigmas = v; return this; }
        public Builder apertureMinRadius(double v) { apertureMinRadius = v; return this; }
        public Builder apertureTaper(double v) { apertureTaper = v; return this; }
        public Builder untunedCircularVariance(double v) { untunedCircularVariance = v; return this; }
        public Builder gradientImages(int v) { gradientImages = v; return this; }
        public Builder noiseImages(int v) { noiseImages = v; return this; }
        public Builder noiseSd(double v) { noiseSd = v; return this; }
        public Builder meiSteps(int v) { meiSteps = v; return this; }
        public Builder meiBlurSigma(double v) { meiBlurSigma = v; return this; }
        public Builder meiStepSize(double v) { meiStepSize = v; return this; }
        public Builder meiClamp(boolean v) { meiClamp = v; return this; }
        public Builder meiStarts(int v) { meiStarts = v; return this; }
        public Builder meiNeurons(int v) { meiNeurons = v; return this; }
        public Builder topImages(int v) { topImages = v; return this; }
        public Builder figureNeurons(int v) { figureNeurons = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder rateScale(double v) { rateScale = v; return this; }
        public Builder rateLabel(String v) { rateLabel = v; return this; }

        public ProbeSettings build() {
            return new ProbeSettings(orientations, spatialFreqs, phases, contrast, apertureSigmas, apertureMinRadius,
                    apertureTaper, untunedCircularVariance, gradientImages, noiseImages, noiseSd, meiSteps, meiBlurSigma,
                    meiStepSize, meiClamp, meiStarts, meiNeurons, topImages, figureNeurons, batchSize, seed, rateScale, rateLabel);
        }
    }
}
