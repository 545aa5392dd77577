package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The one declaration of every hyperparameter, and the checks everything else relies on. */
class HyperparametersTest {
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
        assertNull(Hyperparameters.problem("loss", "mse"));
        assertEquals("loss must be one of auto, poisson, mse", Hyperparameters.problem("loss", "l1"));
        assertNull(Hyperparameters.problem("sfs", "0.04, 0.08,0.5"));
        assertEquals("sfs: 0.6 is not in (0, 0.5] cycles per pixel", Hyperparameters.problem("sfs", "0.04,0.6"));
        assertEquals("lr needs a value", Hyperparameters.problem("lr", " "));
        assertEquals("lr must be a finite number", Hyperparameters.problem("lr", "Infinity"));
        assertEquals("no hyperparameter 'some_new_key'", Hyperparameters.problem("some_new_key", "anything"));
    }

    @Test
    void everyPresetsDefaultsAreDeclaredAndPassTheirOwnChecks() {
        for (Preset p : Presets.all()) {
            Map<String, String> d = p.defaults();
            assertTrue(d.keySet().containsAll(Hyperparameters.TRAINING_KEYS), p.name());
            d.forEach((k, v) -> assertNull(Hyperparameters.problem(k, v), p.name() + " " + k + " = " + v));
            for (Map<String, String> candidate : p.validationSearch())
                candidate.forEach((k, v) -> {
                    assertTrue(d.containsKey(k), p.name() + " searches " + k + ", which it does not have");
                    assertNull(Hyperparameters.problem(k, v));
                });
        }
    }

    @Test
    void defaultsComeInTheDeclarationsOrderEveryTime() {
        List<String> declared = Hyperparameters.all().stream().map(Hyperparameter::name).toList();
        for (Preset p : Presets.all()) {
            List<String> keys = new ArrayList<>(p.defaults().keySet());
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(java.util.Comparator.comparingInt(declared::indexOf));
            assertEquals(sorted, keys, p.name());
            assertEquals("lr", keys.get(0));
        }
    }

    @Test
    void presetDefaultsOverrideTheDeclaredOnes() {
        assertEquals("0.001", Presets.get("kindel2019").defaults().get("lr"));
        assertEquals("0.003", Presets.get("ln").defaults().get("lr"));
        assertEquals("0.0003", Presets.get("gabor-energy").defaults().get("lr"));
        assertEquals("1e-4", Presets.get("kindel2019").defaults().get("weight_decay"));
        // kindel2019 early-stops on mean Pearson r, as the paper's code and pvc8_reference.py; the others on CC_norm
        assertEquals("cc_abs", Presets.get("kindel2019").defaults().get("stop_on"));
        assertEquals("cc_abs", Presets.get("shared-cnn").defaults().get("stop_on"));
        assertEquals("cc_norm", Presets.get("core-readout").defaults().get("stop_on"));
        assertEquals("0", Presets.get("core-readout").defaults().get("weight_decay"));
        assertEquals(List.of("ln", "gabor-energy"), Hyperparameters.presetsWith("ridge"));
        // shared-cnn is kindel2019 with one network for all sessions, a smaller learning rate, twice the
        // filters and a refit on training + validation images, nothing else
        Map<String, String> k = new java.util.TreeMap<>(Presets.get("kindel2019").defaults()), s = new java.util.TreeMap<>(Presets.get("shared-cnn").defaults());
        Map<String, String> changed = Map.of("lr", "0.0003", "shared_core", "true", "conv1_filters", "32", "conv2_filters", "64", "refit", "true");
        for (Map.Entry<String, String> e : changed.entrySet()) {
            assertEquals(e.getValue(), s.remove(e.getKey()), e.getKey());
            assertNotEquals(e.getValue(), k.remove(e.getKey()), e.getKey());
        }
        assertEquals(k, s);
        assertTrue(Presets.get("shared-cnn").sharesAcrossSessions(Presets.config("shared-cnn", 0)));
        assertFalse(Presets.get("kindel2019").sharesAcrossSessions(Presets.config("kindel2019", 0)));
        assertEquals(Presets.names(), Hyperparameters.presetsWith("loss"));
    }

    @Test
    void settingsAreCheckedWhereTheyEnter() {
        BadInputException e = assertThrows(BadInputException.class, () -> Presets.config("kindel2019", Map.of("dropout", "1"), 0));
        assertEquals("kindel2019: dropout must be at least 0 and below 1", e.getMessage());
        e = assertThrows(BadInputException.class, () -> Presets.config("core-readout", Map.of("lr", "-1"), 0));
        assertEquals("core-readout: lr must be above 0", e.getMessage());
        e = assertThrows(BadInputException.class, () -> Presets.config("ln", Map.of("filters", "8"), 0));
        assertTrue(e.getMessage().startsWith("preset ln has no hyperparameter 'filters'"), e.getMessage());
        assertEquals("mse", Presets.config("ln", Map.of("loss", "mse"), 0).text("loss"));
    }
}
