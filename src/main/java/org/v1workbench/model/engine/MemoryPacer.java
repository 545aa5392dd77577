package org.v1workbench.model.engine;

/**
 * Forces garbage collections during training, paced. SameDiff allocates native arrays that are
 * freed only when the Java garbage collector finds their small Java wrappers, which with a small
 * heap can take long: without help, resident memory grows by tens of MB per batch for a network
 * with large activations (core-readout at 64x64) until it reaches gigabytes. So, after every
 * batch and epoch: a collection whenever resident memory is 200 MB above the lowest level seen
 * (native arrays are freed a little after the collection, so the level right after it would be
 * too high a baseline), but at most {@link #MAX_COLLECTION_SHARE} of the time. Why the limit: a
 * full collection can take longer than a whole batch of a small network such as kindel2019, whose
 * memory settles above the 200 MB margin for reasons no collection changes (a grown heap,
 * oneDNN's kernels), so without the limit it would collect after every batch and spend much of
 * its training time there (docs/benchmarks.md). Networks with long batches still collect after
 * every batch, which keeps their memory lowest.
 */
final class MemoryPacer {
    /** At most this share of training time goes to the collections forced here. */
    static final double MAX_COLLECTION_SHARE = 0.10;

    /** The lowest resident memory seen (MB); -1 before the first check. */
    private long rssBaseline = -1;
    /** When the last forced collection ended and how long it took (System.nanoTime); 0 before the first. */
    private long lastCollectionEnd, lastCollectionNanos;

    /**
     * Before a training step is recorded: one collection. Recording runs the step through
     * SameDiff's session, which holds every array of the step at once: the highest memory of a
     * run (sensorium at 8,000 neurons: about 6 GB of native arrays for a step whose replay plans
     * 3.7 GB). Loading the data and building the network leave garbage on the heap by then (at that
     * scale 1.2 GB used, 0.4 GB of it live); collected first, the heap shrinks to what is live
     * (with {@code -XX:MaxHeapFreeRatio}, see {@code WorkbenchLauncher.TRAINING_JVM_OPTIONS}) and the
     * native arrays that garbage held are freed before the peak, not after it. Only where the heap
     * holds more than {@link #RECORDING_COLLECTION_BYTES}: a collection costs a few tenths of a
     * second, once per batch shape and network, and the many small fits of a benchmark on the
     * pvc-8 sessions (whose heap stays below that) took 14% longer with one before every fit.
     */
    static void beforeRecording() {
        if (java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() > RECORDING_COLLECTION_BYTES) System.gc();
    }

    /** Heap in use above which a collection runs before a step is recorded. */
    static final long RECORDING_COLLECTION_BYTES = 512L << 20;

    /** After a batch or an epoch: collects when due. */
    void afterBatch() {
        long rss = ProcessMemory.residentMb();
        if (rss < 0) return;
        if (rssBaseline < 0 || rss < rssBaseline) rssBaseline = rss;
        long now = System.nanoTime();
        if (collectionDue(rss, rssBaseline, now, lastCollectionEnd, lastCollectionNanos)) {
            System.gc();
            lastCollectionEnd = System.nanoTime();
            lastCollectionNanos = Math.max(1, lastCollectionEnd - now);
        }
    }

    /**
     * Whether to collect now: resident memory {@code rssMb} more than 200 MB above {@code baselineMb}
     * and, after a collection that ended at {@code lastEnd} and took {@code lastNanos} (0: none
     * yet), enough time since for collections to stay within {@link #MAX_COLLECTION_SHARE}.
     */
    static boolean collectionDue(long rssMb, long baselineMb, long now, long lastEnd, long lastNanos) {
        boolean due = lastNanos == 0 || now - lastEnd >= lastNanos * (1 / MAX_COLLECTION_SHARE - 1);
        return rssMb > baselineMb + 200 && due;
    }
}
