package org.v1workbench.probe;

/**
 * A neuron's responses to a grid of gratings and what they say about it. See {@link TuningProbe}
 * for how each number is defined.
 *
 * @param orientationsDeg          grating orientations, degrees [0, 180)
 * @param spatialFreqs             spatial frequencies, cycles/pixel, ascending
 * @param phasesDeg                phases, degrees, evenly over [0, 360)
 * @param responses                model rates, flat {@code orientations x spatialFreqs x phases}
 * @param blank                    rate for the blank (uniform mean-grey) image
 * @param peakOrientation          index of the orientation of the grid's largest response measure
 * @param peakSf                   index of its spatial frequency
 * @param preferredOrientationDeg  from the vector sum on the doubled angle at the peak SF; NaN if none
 * @param osi                      (R_pref - R_orth) / (R_pref + R_orth), see {@link TuningProbe}
 * @param circularVariance         1 - |sum R e^{2i theta}| / sum R at the peak SF, in [0, 1]
 * @param bandwidthDeg             half width at half height of the orientation tuning curve
 * @param preferredSf              peak of the SF tuning curve at the peak orientation (cycles/pixel)
 * @param f0                       mean over phase minus the blank response, at the peak
 * @param f1                       amplitude of the first harmonic over phase, at the peak
 * @param f1f0                     f1 / f0; NaN where f0 is not positive
 * @param cellClass                simple, complex or untuned
 */
public record Tuning(double[] orientationsDeg, double[] spatialFreqs, double[] phasesDeg, double[] responses,
                     double blank, int peakOrientation, int peakSf, double preferredOrientationDeg, double osi,
                     double circularVariance, double bandwidthDeg, double preferredSf, double f0, double f1,
                     double f1f0, CellClass cellClass) {

    public Tuning {
        orientationsDeg = orientationsDeg.clone();
        spatialFreqs = spatialFreqs.clone();
        phasesDeg = phasesDeg.clone();
        responses = responses.clone();
    }

    @Override public double[] orientationsDeg() { return orientationsDeg.clone(); }
    @Override public double[] spatialFreqs() { return spatialFreqs.clone(); }
    @Override public double[] phasesDeg() { return phasesDeg.clone(); }
    @Override public double[] responses() { return responses.clone(); }

    /** Number of phases (without copying the array). */
    int phaseCount() {
        return phasesDeg.length;
    }

    /** Phase p in degrees. */
    double phaseDeg(int p) {
        return phasesDeg[p];
    }

    /** The rate for orientation o, spatial frequency f, phase p. */
    public double response(int o, int f, int p) {
        return responses[(o * spatialFreqs.length + f) * phasesDeg.length + p];
    }

    /** The response measure (F0 above blank + F1) for every orientation at the peak SF. */
    public double[] orientationCurve() {
        double[] out = new double[orientationsDeg.length];
        for (int o = 0; o < out.length; o++) out[o] = TuningProbe.measure(this, o, peakSf);
        return out;
    }

    /** The response measure for every spatial frequency at the peak orientation. */
    public double[] sfCurve() {
        double[] out = new double[spatialFreqs.length];
        for (int f = 0; f < out.length; f++) out[f] = TuningProbe.measure(this, peakOrientation, f);
        return out;
    }

    /** Mean rate over phase for every orientation at the peak SF. */
    public double[] meanOverPhaseCurve() {
        double[] out = new double[orientationsDeg.length];
        for (int o = 0; o < out.length; o++) {
            double s = 0;
            for (int p = 0; p < phasesDeg.length; p++) s += response(o, peakSf, p);
            out[o] = s / phasesDeg.length;
        }
        return out;
    }
}
