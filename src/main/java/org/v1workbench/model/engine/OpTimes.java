package org.v1workbench.model.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a replayed training step spends its time, op by op: with
 * {@code -Dv1workbench.train.opTimes=true} every op a {@link RecordedStep} runs is timed, summed
 * by op name, kernel (nd4j's or Java's) and input shapes, and the table is printed to standard
 * error when the JVM exits. A developer's tool for finding the op to speed up next
 * (docs/developer-guide.md); off, it costs one test of a constant per step.
 */
final class OpTimes {
    static final boolean ON = Boolean.getBoolean("v1workbench.train.opTimes");

    private static OpTimes instance;

    /** Summed nanoseconds and calls by op. */
    private final Map<String, long[]> byOp = new TreeMap<>();

    private OpTimes() {}

    static synchronized OpTimes get() {
        if (instance == null) {
            instance = new OpTimes();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::print, "op-times"));
        }
        return instance;
    }

    synchronized void add(String op, boolean java, List<INDArray> inputs, long nanos) {
        StringBuilder key = new StringBuilder(op).append(java ? " [java]" : "");
        for (INDArray a : inputs) key.append(' ').append(Arrays.toString(a.shape()));
        long[] t = byOp.computeIfAbsent(key.toString(), k -> new long[2]);
        t[0] += nanos;
        t[1]++;
    }

    private synchronized void print() {
        long total = 0;
        for (long[] t : byOp.values()) total += t[0];
        if (total == 0) return;
        System.err.printf("op times of the replayed steps: %.1f s in all%n", total / 1e9);
        final long all = total;
        byOp.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(40).forEach(e ->
                System.err.printf("%6.1f%% %9.2f ms/call %7d calls  %s%n", 100.0 * e.getValue()[0] / all,
                        e.getValue()[0] / 1e6 / e.getValue()[1], e.getValue()[1], e.getKey()));
    }
}
