package org.v1workbench.model;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.BadInputException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed options: the declarations come from the records, and a configuration reads back into them. */
class OptionsTest {
    @Test
    void everyDeclarationComesFromARecordAndEveryPresetsKeysFromItsRecords() {
        Set<String> fromRecords = new LinkedHashSet<>();
        for (Class<? extends Record> r : Hyperparameters.RECORDS) fromRecords.addAll(Options.names(r));
        assertEquals(List.copyOf(fromRecords), Hyperparameters.all().stream().map(Hyperparameter::name).toList(), "in the records' order");
        for (Preset p : Presets.all()) {
            for (Class<? extends Record> r : p.options()) assertTrue(Hyperparameters.RECORDS.contains(r), p.name() + ": " + r);
            Set<String> keys = new LinkedHashSet<>(Hyperparameters.TRAINING_KEYS);
            for (Class<? extends Record> r : p.options()) keys.addAll(Options.names(r));
            assertEquals(keys, p.defaults().keySet(), p.name());
        }
    }

    @Test
    void aConfigurationReadsIntoTheRecordByType() {
        ModelConfig c = Presets.config("core-readout", Map.of("filters", "12", "activation", "relu", "laplace", "0.5"), 3);
        StackedConvCore.Options o = Options.read(StackedConvCore.Options.class, c);
        assertEquals(new StackedConvCore.Options(12, 13, 3, 3, "relu", 0.5), o);
        TrainingOptions t = Options.read(TrainingOptions.class, c);
        assertEquals(64, t.batchSize());
        assertEquals(0.3, t.lrDecay());
        assertEquals(false, t.refit());
        BadInputException e = assertThrows(BadInputException.class,
                () -> Options.read(StackedConvCore.Options.class, c.with("filters", "many")));
        assertTrue(e.getMessage().contains("filters") && e.getMessage().contains("many"), e.getMessage());
    }

    @Test
    void anOldConfigurationIsUpgradedWithTheValuesItWasTrainedWith() {
        ModelConfig full = Presets.config("core-readout", 1);
        java.util.TreeMap<String, String> old = new java.util.TreeMap<>(full.hyperparameters());
        for (String k : List.of("loss", "readout", "refit", "pool_steps")) old.remove(k);
        ModelConfig up = new ModelConfig("core-readout", old, 1).upgraded();
        assertEquals("poisson", up.text("loss"), "before loss existed every preset fitted Poisson");
        assertEquals("factorized", up.text("readout"));
        assertEquals("false", up.text("refit"));
        assertEquals("2", up.text("pool_steps"), "a later key: the preset's default");
        assertEquals(full.hyperparameters().keySet(), up.hyperparameters().keySet());
        assertEquals(full, full.upgraded(), "a complete configuration is unchanged");
    }
}
