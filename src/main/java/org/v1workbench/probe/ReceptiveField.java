package org.v1workbench.probe;

/**
 * A neuron's linear receptive field as seen through a model, and where it lies.
 *
 * @param gradient mean over natural images of d rate / d pixel, flat {@code height x width}
 * @param energy   mean over natural images of (d rate / d pixel)^2, flat {@code height x width}:
 *                 non-zero for complex cells too, whose mean gradient nearly cancels
 * @param sta      white-noise spike-triggered average in the same units as {@code gradient}
 *                 (see {@link ReceptiveFieldProbe}); null when no noise was presented
 * @param fit      the Gaussian fitted to {@code energy}
 */
public record ReceptiveField(float[] gradient, float[] energy, float[] sta, GaussianFit fit) {

    public ReceptiveField {
        gradient = gradient.clone();
        energy = energy.clone();
        sta = sta == null ? null : sta.clone();
    }

    @Override public float[] gradient() { return gradient.clone(); }
    @Override public float[] energy() { return energy.clone(); }
    @Override public float[] sta() { return sta == null ? null : sta.clone(); }

    /** RF centre x, pixels from the left edge. */
    public double x() {
        return fit.cx();
    }

    /** RF centre y, pixels from the top edge. */
    public double y() {
        return fit.cy();
    }

    /**
     * RF size: the standard deviation (pixels) of the RF's Gaussian envelope. The energy is the
     * squared RF, so for a Gaussian envelope its sigma is 1/sqrt(2) of the envelope's.
     */
    public double size() {
        return Math.sqrt(2) * fit.sigma();
    }
}
