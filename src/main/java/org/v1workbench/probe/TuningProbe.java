package org.v1workbench.probe;

/**
 * Orientation and spatial-frequency tuning and the modulation ratio from static gratings presented
 * to a model at a neuron's receptive field: orientation x spatial frequency x phase.
 *
 * <p>Definitions (all on the model's rates R; the blank is a uniform mean-grey image):
 * <ul>
 * <li>Over the phases phi_m (m = 1..M, evenly over a cycle) of one orientation and SF, the static
 * gratings stand in for one cycle of a drifting grating: F0 = mean_m R_m - R_blank (the mean rate
 * above spontaneous, as drifting-grating F0 is usually taken after subtracting the spontaneous
 * rate, Skottun et al. 1991), F1 = (2/M) |sum_m R_m e^{-i phi_m}| (the amplitude of the first
 * harmonic; a half-wave rectified sinusoid gives F1/F0 = pi/2).</li>
 * <li>Response measure T = F0 + F1: for a complex cell it is its mean rate above blank, for a
 * simple cell close to its peak rate above blank, for a linear cell around a baseline its
 * modulation. Continuous across the simple/complex boundary, unlike "F1 for simple, F0 for
 * complex".</li>
 * <li>Peak: the orientation and SF of the largest T on the grid.</li>
 * <li>Orientation tuning curve: C_k = max(T(theta_k, peak SF), 0). Preferred orientation:
 * arg(sum C_k e^{2 i theta_k}) / 2; circular variance CV = 1 - |sum C_k e^{2 i theta_k}| /
 * sum C_k (Ringach et al. 2002).</li>
 * <li>OSI = (R_pref - R_orth) / (R_pref + R_orth) with R_pref the curve's largest sample and
 * R_orth the curve 90 degrees away from it (linearly interpolated). Not 1 - CV: both are
 * reported, and they differ for broad or bimodal curves.</li>
 * <li>Bandwidth: half width at half height of the orientation curve above its minimum, linearly
 * interpolated between samples, the mean of both flanks; 90 where a flank never falls to half.</li>
 * <li>Preferred SF: the peak of T over SF at the peak orientation, refined by a parabola through
 * the three samples around it in log SF.</li>
 * <li>F1/F0 at the peak orientation and SF; NaN where F0 is not positive (below {@link #ROUNDING}
 * of the response scale, rounding of float pixels).</li>
 * <li>Class: untuned where CV exceeds the threshold ({@link ProbeSettings#untunedCircularVariance},
 * default 0.9), or where no grating moves the rate by more than 1% of the blank rate
 * ({@link #WEAK_RESPONSE}); otherwise simple where F1/F0 > 1 (or where F0 is zero or negative
 * and F1 is not: modulation without a mean increase, a linear cell), complex otherwise. "Zero"
 * means below {@link #ROUNDING} of the response scale.</li>
 * </ul>
 */
public final class TuningProbe {
    private TuningProbe() {}

    /** A neuron is untuned when its largest T is at most this fraction of its blank rate. */
    public static final double WEAK_RESPONSE = 0.01;

    /**
     * F0 (and F1) below this fraction of the response scale (the larger of the blank rate and the
     * largest T) count as zero: gratings are float pixels, so a linear model's F0, exactly zero in
     * theory, comes out near 1e-9 of its rates, and F1/F0 would read 10^8.
     */
    public static final double ROUNDING = 1e-6;

    /** Gratings per neuron of the measurement. */
    public static int stimuliPerNeuron(ProbeSettings s, int height, int width) {
        return s.orientations() * s.spatialFreqsFor(height, width).length * s.phases();
    }

    /**
     * Presents the grating grid to the model and analyses the responses of each listed neuron.
     * With an aperture (the default), each neuron gets gratings centred on its RF (cx, cy), phase
     * given at that point, aperture radius {@code apertureSigmas x rfSize} (at least
     * {@code apertureMinRadius}); full-field gratings (apertureSigmas <= 0) are shared by all
     * neurons, phase given at the image centre (F0, F1 and orientation do not depend on where
     * phase is given).
     *
     * @param rfX    RF centre x per listed neuron (pixels); NaN = image centre
     * @param rfY    RF centre y per listed neuron
     * @param rfSize RF size (sigma, pixels) per listed neuron; NaN = full field for that neuron
     */
    public static Tuning[] measure(ResponseModel model, int[] neurons, double[] rfX, double[] rfY, double[] rfSize,
                                   PixelStats stats, ProbeSettings s, ProbeProgress progress) {
        int h = model.height(), w = model.width(), p = h * w;
        double[] ori = orientations(s.orientations());
        double[] sfs = s.spatialFreqsFor(h, w);
        double[] ph = phases(s.phases());
        int per = ori.length * sfs.length * ph.length;
        double amplitude = Gratings.amplitudeFor(stats);
        double[] blank = model.rates(Gratings.blank(h, w, stats.mean()), 1, neurons)[0];
        Tuning[] out = new Tuning[neurons.length];
        double[][] shared = null;
        for (int q = 0; q < neurons.length; q++) {
            double cx = Double.isNaN(rfX[q]) ? w / 2.0 : rfX[q], cy = Double.isNaN(rfY[q]) ? h / 2.0 : rfY[q];
            Gratings.Aperture ap = null;
            if (s.apertureSigmas() > 0 && !Double.isNaN(rfSize[q]))
                ap = new Gratings.Aperture(cx, cy, Math.max(s.apertureMinRadius(), s.apertureSigmas() * rfSize[q]), s.apertureTaper());
            double[] r = new double[per];
            if (ap == null) {
                // full-field gratings: one set for every neuron, rates of all listed neurons at once
                if (shared == null) shared = present(model, w / 2.0, h / 2.0, null, ori, sfs, ph, stats.mean(), amplitude, s, neurons);
                for (int k = 0; k < per; k++) r[k] = shared[k][q];
            } else {
                double[][] own = present(model, cx, cy, ap, ori, sfs, ph, stats.mean(), amplitude, s, new int[] {neurons[q]});
                for (int k = 0; k < per; k++) r[k] = own[k][0];
            }
            out[q] = analyse(ori, sfs, ph, r, blank[q], s.untunedCircularVariance());
            progress.update("tuning", q + 1, neurons.length);
        }
        return out;
    }

    /** Rates of the listed neurons for the grid, {@code (orientations x sfs x phases) x which.length}. */
    static double[][] present(ResponseModel model, double cx, double cy, Gratings.Aperture ap, double[] ori, double[] sfs,
                              double[] ph, double mean, double amplitude, ProbeSettings s, int[] which) {
        int h = model.height(), w = model.width(), p = h * w;
        int total = ori.length * sfs.length * ph.length;
        double[][] out = new double[total][];
        for (int start = 0; start < total; start += s.batchSize()) {
            int m = Math.min(s.batchSize(), total - start);
            float[] batch = new float[m * p];
            for (int j = 0; j < m; j++) {
                int k = start + j, pi = k % ph.length, fi = (k / ph.length) % sfs.length, oi = k / (ph.length * sfs.length);
                Gratings.fill(batch, j * p, h, w, cx, cy, ori[oi], sfs[fi], ph[pi], mean, amplitude, s.contrast(), ap);
            }
            double[][] r = model.rates(batch, m, which);
            System.arraycopy(r, 0, out, start, m);
        }
        return out;
    }

    static double[] orientations(int n) {
        double[] o = new double[n];
        for (int k = 0; k < n; k++) o[k] = 180.0 * k / n;
        return o;
    }

    static double[] phases(int n) {
        double[] o = new double[n];
        for (int k = 0; k < n; k++) o[k] = 360.0 * k / n;
        return o;
    }

    /** F0 above blank at (o, f). */
    static double f0(Tuning t, int o, int f) {
        double s = 0;
        int m = t.phaseCount();
        for (int p = 0; p < m; p++) s += t.response(o, f, p);
        return s / m - t.blank();
    }

    /** Amplitude of the first harmonic over phase at (o, f). */
    static double f1(Tuning t, int o, int f) {
        double re = 0, im = 0;
        int m = t.phaseCount();
        for (int p = 0; p < m; p++) {
            double a = Math.toRadians(t.phaseDeg(p)), r = t.response(o, f, p);
            re += r * Math.cos(a);
            im -= r * Math.sin(a);
        }
        return 2.0 / m * Math.hypot(re, im);
    }

    /** The response measure T = F0 + F1 at (o, f). */
    static double measure(Tuning t, int o, int f) {
        return f0(t, o, f) + f1(t, o, f);
    }

    /**
     * Analyses responses to a grating grid (the definitions in the class comment).
     *
     * @param responses flat {@code orientations x spatialFreqs x phases}
     */
    public static Tuning analyse(double[] orientationsDeg, double[] spatialFreqs, double[] phasesDeg, double[] responses,
                                 double blank, double untunedCircularVariance) {
        int no = orientationsDeg.length, nf = spatialFreqs.length;
        if (responses.length != no * nf * phasesDeg.length)
            throw new IllegalArgumentException("responses hold " + responses.length + " values, not " + no + " x " + nf + " x " + phasesDeg.length);
        // A provisional record to reuse the accessors; peak filled in below.
        Tuning raw = new Tuning(orientationsDeg, spatialFreqs, phasesDeg, responses, blank,
                0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, CellClass.UNTUNED);
        int po = 0, pf = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < no; o++)
            for (int f = 0; f < nf; f++) {
                double t = measure(raw, o, f);
                if (t > best) {
                    best = t;
                    po = o;
                    pf = f;
                }
            }
        double[] curve = new double[no];
        double sum = 0, re = 0, im = 0;
        for (int o = 0; o < no; o++) {
            curve[o] = Math.max(0, measure(raw, o, pf));
            double a = 2 * Math.toRadians(orientationsDeg[o]);
            sum += curve[o];
            re += curve[o] * Math.cos(a);
            im += curve[o] * Math.sin(a);
        }
        double cv = sum > 0 ? 1 - Math.hypot(re, im) / sum : 1;
        double pref = sum > 0 ? ((Math.toDegrees(Math.atan2(im, re)) / 2) % 180 + 180) % 180 : Double.NaN;
        double rPref = curve[po];
        double rOrth = interpolateCircular(orientationsDeg, curve, orientationsDeg[po] + 90);
        double osi = rPref + rOrth > 0 ? (rPref - rOrth) / (rPref + rOrth) : 0;
        double bandwidth = sum > 0 ? halfWidthHalfHeight(orientationsDeg, curve, po) : Double.NaN;

        double[] sf = new double[nf];
        for (int f = 0; f < nf; f++) sf[f] = measure(raw, po, f);
        double prefSf = refinePeak(spatialFreqs, sf, pf);

        double f0 = f0(raw, po, pf), f1 = f1(raw, po, pf);
        double scale = Math.max(Math.abs(blank), Math.abs(best));
        boolean meanRises = f0 > ROUNDING * scale;
        double ratio = meanRises ? f1 / f0 : Double.NaN;
        boolean weak = !(best > WEAK_RESPONSE * Math.abs(blank)) || !(best > ROUNDING * scale);
        CellClass cls;
        if (weak || cv > untunedCircularVariance) cls = CellClass.UNTUNED;
        else if (meanRises ? ratio > 1 : f1 > ROUNDING * scale) cls = CellClass.SIMPLE;
        else cls = CellClass.COMPLEX;
        return new Tuning(raw.orientationsDeg(), raw.spatialFreqs(), raw.phasesDeg(), raw.responses(), blank, po, pf,
                pref, osi, cv, bandwidth, prefSf, f0, f1, ratio, cls);
    }

    /** Linear interpolation of a 180-periodic curve sampled at {@code angles} (ascending in [0, 180)). */
    static double interpolateCircular(double[] angles, double[] curve, double at) {
        int n = angles.length;
        double a = ((at % 180) + 180) % 180;
        for (int k = 0; k < n; k++) {
            double lo = angles[k], hi = k + 1 < n ? angles[k + 1] : angles[0] + 180;
            double aa = a < lo ? a + 180 : a;
            if (aa >= lo && aa <= hi) {
                double t = hi == lo ? 0 : (aa - lo) / (hi - lo);
                return curve[k] * (1 - t) + curve[(k + 1) % n] * t;
            }
        }
        return curve[0];
    }

    /** Half width at half height above the minimum, around the sample {@code peak}; degrees. */
    static double halfWidthHalfHeight(double[] angles, double[] curve, int peak) {
        int n = angles.length;
        double min = Double.POSITIVE_INFINITY;
        for (double v : curve) min = Math.min(min, v);
        double level = min + (curve[peak] - min) / 2;
        if (!(curve[peak] > min)) return 90;
        double total = 0;
        for (int dir = -1; dir <= 1; dir += 2) {
            double dist = 90;
            double prevAngle = 0, prevVal = curve[peak];
            for (int step = 1; step <= n; step++) {
                int k = Math.floorMod(peak + dir * step, n);
                double d = dir * (angles[k] - angles[peak]);
                d = ((d % 180) + 180) % 180;
                if (d == 0) d = 180;
                double v = curve[k];
                if (v <= level) {
                    double t = (prevVal - level) / (prevVal - v);
                    dist = Math.min(90, prevAngle + t * (d - prevAngle));
                    break;
                }
                if (d >= 90) break;
                prevAngle = d;
                prevVal = v;
            }
            total += dist;
        }
        return total / 2;
    }

    /** The peak of y over x near sample k, by a parabola in log x through k-1, k, k+1. */
    static double refinePeak(double[] x, double[] y, int k) {
        if (k == 0 || k == x.length - 1) return x[k];
        double x0 = Math.log(x[k - 1]), x1 = Math.log(x[k]), x2 = Math.log(x[k + 1]);
        double y0 = y[k - 1], y1 = y[k], y2 = y[k + 1];
        double den = (x0 - x1) * (x0 - x2) * (x1 - x2);
        double a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / den;
        double b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / den;
        if (!(a < 0)) return x[k];
        double v = -b / (2 * a);
        v = Math.max(x0, Math.min(x2, v));
        return Math.exp(v);
    }
}
