package org.v1workbench.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * When to ask for a garbage collection while training. SameDiff allocates native arrays that are
 * freed only when the garbage collector finds their small Java wrappers, which with a small heap
 * can take long: resident memory grew by tens of MB per batch for core-readout at 64 x 64 (2.6 GB
 * after 10 short epochs). So a collection is asked for whenever resident memory is
 * {@link #ABOVE_MB} above the lowest level seen (native arrays are freed a little after a
 * collection, so the level right after one would be too high a baseline).
 *
 * <p>Two guards keep this from asking again and again (each request is a concurrent cycle, with
 * two or three short pauses of every thread, the window's included): at most one request per
 * {@link #MIN_INTERVAL_MS}, the time the last one's native frees take to show; and memory that
 * a collection could not bring down is not garbage (the Java heap grown, compiled code, a
 * window's images), so where the lowest level since the last request is still above the
 * threshold, that level becomes the baseline.
 */
final class NativeMemoryWatch {
    static final long ABOVE_MB = 200;
    static final long MIN_INTERVAL_MS = 1000;

    private long baseline = -1, lowestSinceRequest = Long.MAX_VALUE, lastRequestNanos;
    private boolean requested;

    /** Whether to collect now, given resident memory {@code rssMb} (negative: unknown) at {@code nowNanos}. */
    boolean shouldCollect(long rssMb, long nowNanos) {
        if (rssMb < 0) return false;
        if (baseline < 0 || rssMb < baseline) baseline = rssMb;
        lowestSinceRequest = Math.min(lowestSinceRequest, rssMb);
        if (rssMb <= baseline + ABOVE_MB) return false;
        if (requested) {
            if (nowNanos - lastRequestNanos < TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS)) return false;
            if (lowestSinceRequest > baseline + ABOVE_MB) { // the last collection could not bring it down
                baseline = lowestSinceRequest;
                if (rssMb <= baseline + ABOVE_MB) return false;
            }
        }
        requested = true;
        lastRequestNanos = nowNanos;
        lowestSinceRequest = Long.MAX_VALUE;
        return true;
    }

    /** The level growth is measured from, in MB (-1 before the first reading). */
    long baselineMb() {
        return baseline;
    }

    /** This process's resident memory in MB (Linux), -1 where unknown. */
    static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to watch
        }
        return -1;
    }
}
