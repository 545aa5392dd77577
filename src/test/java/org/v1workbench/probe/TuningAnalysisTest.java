package org.v1workbench.probe;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/** {@link TuningProbe#analyse} on responses whose answers are known in closed form. */
class TuningAnalysisTest {
    static final double[] SF = {0.05, 0.1, 0.2, 0.4};

    /** Responses blank + orientation(theta) * phase(phi) at SF index 1, half of it elsewhere. */
    static Tuning tuning(int no, int np, double blank, java.util.function.DoubleUnaryOperator ori, java.util.function.DoubleUnaryOperator phase) {
        double[] o = TuningProbe.orientations(no), p = TuningProbe.phases(np);
        double[] r = new double[no * SF.length * np];
        for (int a = 0; a < no; a++)
            for (int f = 0; f < SF.length; f++)
                for (int b = 0; b < np; b++)
                    r[(a * SF.length + f) * np + b] = blank + (f == 1 ? 1 : 0.5) * ori.applyAsDouble(o[a]) * phase.applyAsDouble(p[b]);
        return TuningProbe.analyse(o, SF, p, r, blank, 0.9);
    }

    @Test
    void halfWaveRectifiedSinusoidHasF1OverF0OfPiOverTwo() {
        // The continuous value is pi/2; 64 samples of the phase bring the sampled DFT within 0.1%.
        Tuning t = tuning(16, 64, 3.0, th -> 1 + Math.cos(Math.toRadians(2 * (th - 45))), ph -> Math.max(0, Math.cos(Math.toRadians(ph - 100))));
        assertEquals(Math.PI / 2, t.f1f0(), 2e-3);
        assertEquals(CellClass.SIMPLE, t.cellClass());
    }

    @Test
    void phaseInvariantResponseIsComplex() {
        Tuning t = tuning(16, 8, 3.0, th -> 1 + Math.cos(Math.toRadians(2 * (th - 45))), ph -> 2.0);
        assertEquals(0, t.f1(), 1e-12);
        assertEquals(0, t.f1f0(), 1e-12);
        assertEquals(CellClass.COMPLEX, t.cellClass());
    }

    @Test
    void cosineOrientationCurveGivesItsClosedFormCircularVarianceOsiAndBandwidth() {
        // C(theta) = 1 + a cos(2 (theta - theta0)): vector sum N a / 2 e^{2 i theta0}, sum N, so
        // CV = 1 - a / 2; OSI = ((1 + a) - (1 - a)) / 2 = a; half height (level 1) at 45 degrees.
        double a = 0.8, theta0 = 33.75; // on the 16-orientation grid
        Tuning t = tuning(16, 8, 0, th -> 1 + a * Math.cos(Math.toRadians(2 * (th - theta0))), ph -> 1.0);
        assertEquals(theta0, t.preferredOrientationDeg(), 1e-9);
        assertEquals(1 - a / 2, t.circularVariance(), 1e-12);
        assertEquals(a, t.osi(), 1e-12);
        assertEquals(45, t.bandwidthDeg(), 1e-9);
        assertEquals(1, t.peakSf());
    }

    @Test
    void preferredOrientationOffTheGridFromTheVectorSum() {
        double theta0 = 171.3;
        Tuning t = tuning(12, 8, 0, th -> 1 + 0.5 * Math.cos(Math.toRadians(2 * (th - theta0))), ph -> 1.0);
        assertEquals(theta0, t.preferredOrientationDeg(), 1e-9);
    }

    @Test
    void blankBaselineDoesNotChangeAnyMeasure() {
        java.util.function.DoubleUnaryOperator ori = th -> Math.exp(2 * (Math.cos(Math.toRadians(2 * (th - 100))) - 1));
        java.util.function.DoubleUnaryOperator ph = p -> Math.pow(Math.max(0, Math.cos(Math.toRadians(p))), 2);
        Tuning a = tuning(16, 8, 0, ori, ph), b = tuning(16, 8, 25, ori, ph);
        assertEquals(a.preferredOrientationDeg(), b.preferredOrientationDeg(), 1e-9);
        assertEquals(a.circularVariance(), b.circularVariance(), 1e-9);
        assertEquals(a.osi(), b.osi(), 1e-9);
        assertEquals(a.f1f0(), b.f1f0(), 1e-9);
        assertEquals(a.bandwidthDeg(), b.bandwidthDeg(), 1e-9);
        assertEquals(a.cellClass(), b.cellClass());
    }

    @Test
    void flatOrientationCurveIsUntunedAndSoIsANeuronGratingsDoNotMove() {
        Tuning flat = tuning(16, 8, 1, th -> 1.0, ph -> 1 + Math.cos(Math.toRadians(ph)));
        assertEquals(1, flat.circularVariance(), 1e-12);
        assertEquals(CellClass.UNTUNED, flat.cellClass());
        Tuning dead = tuning(16, 8, 10, th -> 1 + Math.cos(Math.toRadians(2 * th)), ph -> 1e-4);
        assertTrue(dead.circularVariance() < 0.9);
        assertEquals(CellClass.UNTUNED, dead.cellClass(), "a response of 1e-4 over a blank of 10 is no response");
    }

    @Test
    void linearCellModulatingAroundItsBaselineIsSimple() {
        // Mean equals the blank, so F0 = 0: F1/F0 is undefined, and modulation alone says simple.
        Tuning t = tuning(16, 8, 5, th -> Math.exp(3 * (Math.cos(Math.toRadians(2 * (th - 60))) - 1)), ph -> Math.cos(Math.toRadians(ph)));
        assertTrue(Double.isNaN(t.f1f0()));
        assertEquals(CellClass.SIMPLE, t.cellClass());
        assertEquals(60, t.preferredOrientationDeg(), 1e-6);
    }

    @Test
    void preferredSfFromALogParabola() {
        double[] sf = {0.03, 0.06, 0.12, 0.24, 0.48};
        double peak = 0.09;
        DoubleBinaryOperator resp = (th, f) -> Math.max(0, 10 - Math.pow(Math.log(f / peak), 2));
        double[] o = TuningProbe.orientations(16), p = TuningProbe.phases(8);
        double[] r = new double[o.length * sf.length * p.length];
        for (int a = 0; a < o.length; a++)
            for (int f = 0; f < sf.length; f++)
                for (int b = 0; b < p.length; b++)
                    r[(a * sf.length + f) * p.length + b] = (a == 4 ? 1 : 0.2) * resp.applyAsDouble(o[a], sf[f]);
        Tuning t = TuningProbe.analyse(o, sf, p, r, 0, 0.9);
        assertEquals(peak, t.preferredSf(), 1e-9);
    }

    @Test
    void circularInterpolationWrapsAround() {
        double[] ang = {0, 45, 90, 135};
        double[] c = {4, 2, 0, 2};
        assertEquals(3, TuningProbe.interpolateCircular(ang, c, 157.5), 1e-12);
        assertEquals(0, TuningProbe.interpolateCircular(ang, c, 270), 1e-12);
    }
}
