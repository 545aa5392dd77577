package org.v1workbench.ui.training;

import javafx.util.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.ui.FxTestSupport;
import org.v1workbench.ui.common.EventThrottle;
import org.v1workbench.ui.common.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/** The training form's checks and the throttle that carries training events to the JavaFX thread. */
class TrainingFormTest {
    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void throttleDeliversEveryEventInOrderInFewBatches() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        EventThrottle<Integer> t = onFx(() -> {
            EventThrottle<Integer> x = new EventThrottle<>(Duration.millis(100), b -> batches.add(List.copyOf(b)));
            x.start();
            return x;
        });
        long t0 = System.nanoTime();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                t.offer(i);
                if (i % 100 == 0) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        producer.start();
        producer.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        onFx(() -> {
            t.stop();
            return null;
        });
        List<Integer> all = new ArrayList<>();
        batches.forEach(all::addAll);
        assertEquals(1000, all.size());
        for (int i = 0; i < 1000; i++) assertEquals(i, all.get(i));
        assertTrue(batches.size() <= seconds / 0.1 + 2, batches.size() + " batches in " + seconds + " s: at most one per 100 ms");
        assertEquals(batches.size(), onFx(t::batches));
        assertFalse(onFx(t::running));
        onFx(() -> {
            t.flush();
            return null;
        });
        assertEquals(batches.size(), onFx(t::batches), "an empty queue delivers nothing");
        assertThrows(IllegalStateException.class, t::flush, "JavaFX thread only");
        TimeUnit.MILLISECONDS.sleep(1);
    }

    @Test
    void durationsAndLabels() {
        assertEquals("42 s", Texts.duration(42.4));
        assertEquals("2 min 5 s", Texts.duration(125));
        assertEquals("1 h 1 min", Texts.duration(3670));
        assertEquals("CC_norm", TrainingModel.label("cc_norm"));
        assertEquals("CC_abs", TrainingModel.label("cc_abs"));
        assertEquals("n/a", Texts.fmt(Double.NaN));
    }
}
