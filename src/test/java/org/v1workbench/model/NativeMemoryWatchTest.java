package org.v1workbench.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NativeMemoryWatchTest {
    static final long MS = 1_000_000L;

    @Test
    void collectsWhenNativeGarbageGrowsAndNotAgainBeforeItsFreesShow() {
        NativeMemoryWatch w = new NativeMemoryWatch();
        long t = 0, rss = 1000;
        int collections = 0;
        // 30 MB of native garbage per batch, a batch every 100 ms; a collection frees it 300 ms later.
        long freedAt = -1;
        for (int batch = 0; batch < 100; batch++, t += 100 * MS) {
            if (freedAt >= 0 && t >= freedAt) {
                rss = 1000;
                freedAt = -1;
            }
            if (w.shouldCollect(rss, t)) {
                collections++;
                assertTrue(rss > 1200, "collected at " + rss + " MB, under the 200 MB threshold");
                freedAt = t + 300 * MS;
            }
            rss += 30;
        }
        // 3,000 MB of garbage in all, a collection per 7 to 8 batches (200 MB / 30 MB, plus the 300 ms delay).
        assertTrue(collections >= 9 && collections <= 14, collections + " collections");
        assertEquals(1000, w.baselineMb());
    }

    @Test
    void memoryACollectionCannotFreeRaisesTheBaselineInsteadOfCollectingAgainAndAgain() {
        NativeMemoryWatch w = new NativeMemoryWatch();
        assertFalse(w.shouldCollect(1000, 0));
        // The heap grows by 300 MB (not garbage): one collection, which frees nothing.
        assertTrue(w.shouldCollect(1300, 100 * MS));
        int more = 0;
        for (long t = 200; t < 10_000; t += 100) if (w.shouldCollect(1300 + (t % 200 == 0 ? 5 : 0), t * MS)) more++;
        assertEquals(0, more, "asked again for memory a collection could not free");
        assertEquals(1300, w.baselineMb());
        // Real growth above the new level is collected again.
        assertTrue(w.shouldCollect(1550, 10_100 * MS));
    }

    @Test
    void neverTwiceWithinASecondAndNothingWithoutAReading() {
        NativeMemoryWatch w = new NativeMemoryWatch();
        assertFalse(w.shouldCollect(-1, 0));
        assertFalse(w.shouldCollect(500, 0));
        assertTrue(w.shouldCollect(800, 10 * MS));
        assertFalse(w.shouldCollect(900, 500 * MS), "within a second of the last request");
        assertFalse(w.shouldCollect(1000, 999 * MS));
        // Never below 900 since the request: the collection freed nothing of that, so 900 is the new baseline.
        assertFalse(w.shouldCollect(1000, 1011 * MS));
        assertEquals(900, w.baselineMb());
        assertTrue(w.shouldCollect(1150, 2100 * MS), "200 MB above the new baseline");
        assertTrue(NativeMemoryWatch.residentMb() > 0 || !System.getProperty("os.name").startsWith("Linux"));
    }
}
