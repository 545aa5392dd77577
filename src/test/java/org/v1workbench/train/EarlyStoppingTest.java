package org.v1workbench.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The early-stopping tracker and the plateau schedule that the trainer composes. */
class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceEpochsWithoutABetterScore() {
        EarlyStopping s = new EarlyStopping(2, Double.NaN, 0, 0);
        assertFalse(s.record(1, Double.NaN), "an undefined score is never the best");
        assertTrue(s.record(2, 0.3));
        assertTrue(s.record(3, 0.5));
        assertFalse(s.record(4, 0.5), "equal is not better");
        assertFalse(s.exhausted());
        assertFalse(s.record(5, 0.4));
        assertTrue(s.exhausted());
        assertEquals(3, s.bestEpoch());
        assertEquals(0.5, s.bestScore());
        assertEquals(2, s.sinceBest());
    }

    @Test
    void aResumedTrackerContinuesWhereTheRecordLeftIt() {
        EarlyStopping uninterrupted = new EarlyStopping(3, Double.NaN, 0, 0);
        double[] scores = {0.1, 0.4, 0.35, 0.3, 0.2};
        for (int e = 0; e < 3; e++) uninterrupted.record(e + 1, scores[e]);
        EarlyStopping resumed = new EarlyStopping(3, uninterrupted.bestScore(), uninterrupted.bestEpoch(), uninterrupted.sinceBest());
        for (int e = 3; e < 5; e++) {
            uninterrupted.record(e + 1, scores[e]);
            resumed.record(e + 1, scores[e]);
        }
        assertTrue(resumed.exhausted());
        assertEquals(uninterrupted.sinceBest(), resumed.sinceBest());
        assertEquals(2, resumed.bestEpoch());
    }

    @Test
    void theRateDecaysOnAPlateauDownToItsFloor() {
        PlateauSchedule p = new PlateauSchedule(1e-3, 0.1, 2, 2e-5, 0);
        p.observe(false);
        assertFalse(p.decayIfDue());
        p.observe(false);
        assertTrue(p.decayIfDue());
        assertEquals(1e-4, p.rate(), 1e-15);
        assertEquals(0, p.sinceDrop());
        p.observe(true);
        p.observe(false);
        assertFalse(p.decayIfDue(), "an improvement starts the count again");
        p.observe(false);
        assertTrue(p.decayIfDue());
        assertEquals(2e-5, p.rate(), 1e-15, "never below min_lr");
        p.observe(false);
        p.observe(false);
        assertFalse(p.decayIfDue(), "at the floor: no further decay");
        PlateauSchedule off = new PlateauSchedule(1e-3, 1, 1, 0, 0);
        off.observe(false);
        assertFalse(off.decayIfDue(), "lr_decay = 1 is off");
    }
}
