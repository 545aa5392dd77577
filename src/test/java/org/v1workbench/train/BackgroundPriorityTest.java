package org.v1workbench.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BackgroundPriorityTest {
    @Test
    void trainingYieldsToTheWindowItsThreadTheThreadsItStartsAndTheJitButNotTheOthers() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "not Linux: priorities are left alone there");
        Long caller = BackgroundPriority.currentThreadId();
        assertNotNull(caller);
        int callerNice = BackgroundPriority.niceOf(caller);

        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread training = new Thread(() -> {
            boolean ok = BackgroundPriority.yieldToWindow();
            Long self = BackgroundPriority.currentThreadId();
            // A thread started afterwards (as nd4j's OpenMP workers are) inherits the priority.
            AtomicReference<Integer> child = new AtomicReference<>();
            Thread worker = new Thread(() -> child.set(BackgroundPriority.niceOf(BackgroundPriority.currentThreadId())));
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.set(new Object[]{ok, BackgroundPriority.niceOf(self), child.get()});
        });
        training.start();
        training.join();
        Object[] r = seen.get();
        assumeTrue((Boolean) r[0], "renice is not available here");
        assertEquals(BackgroundPriority.TRAINING_NICE, r[1], "the training thread");
        assertEquals(BackgroundPriority.TRAINING_NICE, r[2], "a thread the training thread started");
        assertEquals(callerNice, BackgroundPriority.niceOf(caller), "other threads keep their priority");

        // The JIT's compiler threads (the JVM may start or end some since: at least one was lowered).
        int lowered = 0;
        for (Path t : BackgroundPriority.threads()) {
            String comm = BackgroundPriority.threadName(t); // null: the thread ended since the listing
            Integer nice = BackgroundPriority.niceOf(Long.parseLong(t.getFileName().toString()));
            if (comm != null && nice != null && (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre"))
                    && nice == BackgroundPriority.TRAINING_NICE) lowered++;
        }
        assertTrue(lowered > 0, "a JIT compiler thread was lowered");
    }

    @Test
    void aWindowThreadCanLowerItselfAloneToADrawingPriority() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "not Linux: priorities are left alone there");
        int callerNice = BackgroundPriority.niceOf(BackgroundPriority.currentThreadId());
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread drawer = new Thread(() -> {
            boolean ok = BackgroundPriority.lowerCurrentThread(5);
            seen.set(new Object[]{ok, BackgroundPriority.niceOf(BackgroundPriority.currentThreadId())});
        });
        drawer.start();
        drawer.join();
        assumeTrue((Boolean) seen.get()[0], "renice is not available here");
        assertEquals(5, seen.get()[1]);
        assertEquals(callerNice, BackgroundPriority.niceOf(BackgroundPriority.currentThreadId()), "the caller keeps its priority");
    }
}
