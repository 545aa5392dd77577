package org.v1workbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-made experiment folders (no networks: one run that never started), complete and then
 * broken one field at a time: {@link Experiment#load} and {@link ExperimentSummary#read} read
 * the same values, and name the file and the field of a broken one.
 */
class ExperimentFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode config() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"format": "v1-workbench experiment 1", "preset": "ln", "hyperparameters": {"lr": "0.01"}, "seed": 4,
                 "ensemble": 1, "sessions": ["s1"], "neurons": ["n1", "n2"],
                 "dataset": {"name": "toy", "source": "hand", "images": 10, "height": 8, "width": 8, "repeats": 2,
                             "neurons": 2, "sha256": "abc"},
                 "validation_metric": "cc_norm", "versions": {"java": "17"}}""");
    }

    static ObjectNode training() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"outcome": "cancelled", "reason": "stopped by hand", "seconds": 1.5,
                 "runs": [{"id": "all-m0", "group": "all", "neurons": ["n1", "n2"], "member": 0, "seed": 4,
                           "candidate": 0, "overrides": {}, "status": "pending", "outcome": null, "reason": "",
                           "epochs": 0, "best_epoch": 0, "best_score": null, "since_best": 0, "since_lr_drop": 0,
                           "learning_rate": 0.01, "chosen": true, "seconds": 0.0}]}""");
    }

    static ObjectNode metrics() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"outcome": "cancelled", "reason": "stopped by hand", "resumable": true, "seconds": 1.5,
                 "validation_metric": "cc_norm", "test": {"neurons": 2, "mean_cc_abs": 0.25, "mean_cc_norm": null},
                 "runs": [{"id": "all-m0", "outcome": "pending", "epochs": 3, "best_epoch": 0}]}""");
    }

    static final String HISTORY = "run,epoch,train_loss,validation_loss,validation_cc,validation_metric,learning_rate,images_per_s,elapsed_s\n"
            + "all-m0,1,0.5,0.6,0.1,cc_norm,0.01,100,2\n";

    static Path folder(Path dir, Consumer<ObjectNode> config, Consumer<ObjectNode> training, Consumer<ObjectNode> metrics,
                       String history) throws Exception {
        Files.createDirectories(dir);
        ObjectNode c = config(), t = training(), m = metrics();
        config.accept(c);
        training.accept(t);
        metrics.accept(m);
        Files.writeString(dir.resolve(Experiment.CONFIG), JSON.writeValueAsString(c));
        Files.writeString(dir.resolve(Experiment.TRAINING), JSON.writeValueAsString(t));
        Files.writeString(dir.resolve(Experiment.METRICS), JSON.writeValueAsString(m));
        Files.writeString(dir.resolve(Experiment.HISTORY), history);
        return dir;
    }

    static final Consumer<ObjectNode> INTACT = o -> {};

    static void assertNames(BadInputException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }

    /** Both readers fail on a broken config.json, with a message naming the file and the field. */
    static void bothReject(Path dir, Consumer<ObjectNode> breakConfig, String... parts) throws Exception {
        folder(dir, breakConfig, INTACT, INTACT, HISTORY);
        assertNames(assertThrows(BadInputException.class, () -> Experiment.load(dir)), parts);
        assertNames(assertThrows(BadInputException.class, () -> ExperimentSummary.read(dir)), parts);
    }

    @Test
    void anIntactFolderReadsTheSameThroughBothReaders(@TempDir Path dir) throws Exception {
        Path f = folder(dir.resolve("ok"), INTACT, INTACT, INTACT, HISTORY);
        Experiment e = Experiment.load(f);
        ExperimentSummary s = ExperimentSummary.read(f);
        assertEquals(e.config().preset(), s.preset());
        assertEquals("0.01", s.hyperparameters().get("lr"));
        assertEquals("poisson", s.hyperparameters().get("loss"), "a file without loss is upgraded to the loss it was trained with");
        assertEquals(e.config().hyperparameters(), s.hyperparameters());
        assertEquals(4, s.seed());
        assertEquals(e.neurons().size(), s.neurons());
        assertEquals(e.dataset().sha256(), s.datasetSha256());
        assertEquals(Outcome.CANCELLED, e.outcome());
        assertEquals(e.history(), s.history());
        assertEquals(List.of(new HistoryRow("all-m0", 1, 0.5, 0.6, 0.1, "cc_norm", 0.01, 100, 2)), s.history());
        assertEquals(0.25, s.meanCcAbs());
        assertTrue(Double.isNaN(s.meanCcNorm()));
        assertEquals(3, s.epochs());
        assertTrue(e.resumable());
        assertEquals(Map.of("java", "17"), e.versions());
    }

    @Test
    void aMissingConfigFieldIsNamed(@TempDir Path dir) throws Exception {
        bothReject(dir.resolve("a"), c -> c.remove("preset"), "config.json", "'preset'", "missing");
        bothReject(dir.resolve("b"), c -> ((ObjectNode) c.get("dataset")).remove("sha256"), "config.json", "'dataset.sha256'", "missing");
        bothReject(dir.resolve("c"), c -> c.remove("neurons"), "config.json", "'neurons'", "missing");
        bothReject(dir.resolve("d"), c -> c.remove("hyperparameters"), "config.json", "'hyperparameters'", "missing");
    }

    @Test
    void aConfigFieldOfTheWrongTypeIsNamed(@TempDir Path dir) throws Exception {
        bothReject(dir.resolve("a"), c -> c.put("seed", "four"), "config.json", "'seed'", "must be an integer");
        bothReject(dir.resolve("b"), c -> c.put("neurons", "n1,n2"), "config.json", "'neurons'", "must be an array");
        bothReject(dir.resolve("c"), c -> ((ObjectNode) c.get("dataset")).put("height", "8"), "config.json", "'dataset.height'",
                "must be an integer");
        bothReject(dir.resolve("d"), c -> c.putArray("sessions").add(1), "config.json", "'sessions[0]'", "must be a string");
        bothReject(dir.resolve("e"), c -> c.putObject("hyperparameters").putArray("lr"), "config.json", "'hyperparameters.lr'",
                "must be a string, number or boolean");
    }

    @Test
    void aBrokenTrainingFileIsNamed(@TempDir Path dir) throws Exception {
        Function<Consumer<ObjectNode>, BadInputException> load = breakRun -> {
            try {
                Path f = folder(dir.resolve("t" + System.nanoTime()), INTACT, t -> breakRun.accept((ObjectNode) t.get("runs").get(0)),
                        INTACT, HISTORY);
                return assertThrows(BadInputException.class, () -> Experiment.load(f));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        assertNames(load.apply(r -> r.remove("epochs")), "training.json", "'runs[0].epochs'", "missing");
        assertNames(load.apply(r -> r.put("chosen", "yes")), "training.json", "'runs[0].chosen'", "true or false");
        assertNames(load.apply(r -> r.put("outcome", "exploded")), "training.json", "'runs[0].outcome'", "not an outcome");
        assertNames(load.apply(r -> r.put("learning_rate", "fast")), "training.json", "'runs[0].learning_rate'", "must be a number");
        Path f = folder(dir.resolve("top"), INTACT, t -> t.remove("outcome"), INTACT, HISTORY);
        assertNames(assertThrows(BadInputException.class, () -> Experiment.load(f)), "training.json", "'outcome'", "missing");
    }

    @Test
    void aBrokenMetricsFileIsNamed(@TempDir Path dir) throws Exception {
        Path a = folder(dir.resolve("a"), INTACT, INTACT, m -> m.remove("outcome"), HISTORY);
        assertNames(assertThrows(BadInputException.class, () -> ExperimentSummary.read(a)), "metrics.json", "'outcome'", "missing");
        Path b = folder(dir.resolve("b"), INTACT, INTACT, m -> ((ObjectNode) m.get("test")).put("mean_cc_abs", "high"), HISTORY);
        assertNames(assertThrows(BadInputException.class, () -> ExperimentSummary.read(b)), "metrics.json", "'test.mean_cc_abs'",
                "must be a number");
        Path c = folder(dir.resolve("c"), INTACT, INTACT, m -> ((ObjectNode) m.get("runs").get(0)).put("epochs", 2.5), HISTORY);
        assertNames(assertThrows(BadInputException.class, () -> ExperimentSummary.read(c)), "metrics.json", "'runs[0].epochs'",
                "must be an integer");
    }

    @Test
    void aBrokenHistoryIsNamed(@TempDir Path dir) throws Exception {
        Path a = folder(dir.resolve("a"), INTACT, INTACT, INTACT, HISTORY.replace("all-m0,1,", "all-m0,one,"));
        assertNames(assertThrows(BadInputException.class, () -> ExperimentSummary.read(a)), "history.csv", "'epoch'", "must be an integer");
        assertNames(assertThrows(BadInputException.class, () -> Experiment.load(a)), "history.csv", "'epoch'", "must be an integer");
        Path b = folder(dir.resolve("b"), INTACT, INTACT, INTACT, "run,train_loss\nall-m0,0.5\n");
        assertNames(assertThrows(BadInputException.class, () -> ExperimentSummary.read(b)), "history.csv", "'epoch'");
    }
}
