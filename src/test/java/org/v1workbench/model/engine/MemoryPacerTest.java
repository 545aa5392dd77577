package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPacerTest {
    /** Forced collections: only 200 MB above the lowest level, and at most a tenth of the time. */
    @Test
    void garbageIsCollectedAboveTheBaselineAndWithinItsShareOfTime() {
        long ms = 1_000_000;
        assertTrue(MemoryPacer.collectionDue(701, 500, 0, 0, 0), "first collection: only the memory counts");
        assertFalse(MemoryPacer.collectionDue(700, 500, 0, 0, 0), "200 MB above the baseline is not yet too much");
        // The last collection took 14 ms and ended at t = 1000 ms: the next may come 9 x 14 = 126 ms later.
        assertFalse(MemoryPacer.collectionDue(900, 500, 1125 * ms, 1000 * ms, 14 * ms), "too soon after a 14 ms collection");
        assertTrue(MemoryPacer.collectionDue(900, 500, 1126 * ms, 1000 * ms, 14 * ms));
        assertFalse(MemoryPacer.collectionDue(650, 500, 5000 * ms, 1000 * ms, 14 * ms), "long after, but memory is low");
    }
}
