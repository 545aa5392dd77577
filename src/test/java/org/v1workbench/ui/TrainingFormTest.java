package org.v1workbench.ui;

import javafx.util.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    void valuesAreCheckedByKind() {
        assertNull(Hyperparameters.problem("lr", "0.001"));
        assertEquals("lr must be above 0", Hyperparameters.problem("lr", "0"));
        assertEquals("lr must be a number, not 'fast'", Hyperparameters.problem("lr", "fast"));
        assertNull(Hyperparameters.problem("batch_size", "64"));
        assertEquals("batch_size must be a whole number, not '6.5'", Hyperparameters.problem("batch_size", "6.5"));
        assertEquals("batch_size must be a whole number of at least 1", Hyperparameters.problem("batch_size", "0"));
        assertNull(Hyperparameters.problem("weight_decay", "0"));
        assertEquals("weight_decay must be 0 or more", Hyperparameters.problem("weight_decay", "-1e-4"));
        assertNull(Hyperparameters.problem("dropout", "0"));
        assertEquals("dropout must be at least 0 and below 1", Hyperparameters.problem("dropout", "1"));
        assertNull(Hyperparameters.problem("lr_decay", "1"));
        assertEquals("lr_decay must be above 0 and at most 1 (1 = off)", Hyperparameters.problem("lr_decay", "1.5"));
        assertNull(Hyperparameters.problem("activation", "relu"));
        assertEquals("activation must be one of elu, relu", Hyperparameters.problem("activation", "tanh"));
        assertNull(Hyperparameters.problem("sfs", "0.04, 0.08,0.5"));
        assertEquals("sfs: 0.6 is not in (0, 0.5] cycles per pixel", Hyperparameters.problem("sfs", "0.04,0.6"));
        assertEquals("lr needs a value", Hyperparameters.problem("lr", " "));
        assertEquals("lr must be a finite number", Hyperparameters.problem("lr", "Infinity"));
        assertNull(Hyperparameters.problem("some_new_key", "anything"), "unknown keys are left to the training service");
    }

    @Test
    void everyPresetsDefaultsPassTheirOwnChecks() {
        for (var p : org.v1workbench.model.Presets.all())
            p.defaults().forEach((k, v) -> assertNull(Hyperparameters.problem(k, v), p.name() + " " + k + " = " + v));
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
        assertEquals("42 s", TrainingModel.duration(42.4));
        assertEquals("2 min 5 s", TrainingModel.duration(125));
        assertEquals("1 h 1 min", TrainingModel.duration(3670));
        assertEquals("CC_norm", TrainingModel.label("cc_norm"));
        assertEquals("CC_abs", TrainingModel.label("cc_abs"));
        assertEquals("n/a", TrainingModel.fmt(Double.NaN));
    }
}
