package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.DatasetIdentity;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** train --core-from: a core carried from one experiment to another, frozen or fine-tuned, and where it came from. */
class CoreTransferTest {
    @TempDir Path dir;

    static Map<String, String> small(int epochs) {
        return new HashMap<>(Map.of("filters", "4", "first_size", "5", "layers", "2", "batch_size", "32", "max_epochs",
                Integer.toString(epochs), "patience", "1000", "lr", "0.01", "laplace", "0.001"));
    }

    static Experiment train(Dataset d, List<String> sessions, Map<String, String> hp, Path out) throws Exception {
        ModelConfig c = Presets.config("core-readout", hp, 1);
        TrainingRequest r = new TrainingRequest(d, c, sessions, 1, out);
        TrainingService.check(r);
        return JobRunner.fresh(r, new TrainingJob()).run();
    }

    static Map<String, INDArray> core(Experiment e) {
        return e.trained().values().iterator().next().network().coreParameters();
    }

    @Test
    void aFrozenCoreStaysAsTrainedAndOnlyTheReadoutsLearn() throws Exception {
        Dataset d = PlantedData.make(200, 16, 6, 4, 42).dataset();
        Path source = dir.resolve("source");
        Experiment a = train(d, List.of("A"), small(8), source);
        Map<String, INDArray> trained = core(a);
        assertEquals(List.of("conv1_b", "conv1_w", "conv2_b", "conv2_w"), List.copyOf(trained.keySet()));

        Map<String, String> hp = small(8);
        hp.put("core_from", source.toString());
        hp.put("freeze_core", "true");
        Path target = dir.resolve("target");
        Experiment b = train(d, List.of("B"), hp, target);
        assertTrue(b.trained().values().iterator().next().network().coreFrozen());
        Map<String, INDArray> after = core(b);
        for (String k : trained.keySet()) assertEquals(trained.get(k), after.get(k), k + " unchanged by training");
        String provenance = b.versions().get("core_from");
        assertNotNull(provenance, "the experiment records where its core came from");
        assertTrue(provenance.contains(DatasetIdentity.checksum(d)) && provenance.contains("frozen") && provenance.contains("source"), provenance);

        // the readouts learned: better than chance on the test tier
        int[] test = d.tiers().indices(Tier.TEST);
        double[] cc = TrainingServiceTestSupport.ccPerNeuron(b, d, test);
        for (double v : cc) assertTrue(v > 0.3, "test r " + v);

        // the probes' copy of the network (receptive fields, tuning) carries the frozen core too
        org.v1workbench.experiment.TrainedRun run = b.trained().values().iterator().next();
        int hw = d.height() * d.width();
        float[] px = new float[test.length * hw];
        for (int i = 0; i < test.length; i++) System.arraycopy(d.stimulus(test[i]), 0, px, i * hw, hw);
        double[] probed = org.v1workbench.model.InputGradients.of(run.network(), run.best()).predict(px, test.length);
        float[] direct = run.predict(px, test.length);
        for (int i = 0; i < direct.length; i++) assertEquals(direct[i], probed[i], 1e-4 * Math.max(1, Math.abs(direct[i])));

        // saved and loaded again: the same frozen core, the same predictions
        Experiment reloaded = Experiment.load(target);
        assertEquals(after.get("conv1_w"), core(reloaded).get("conv1_w"));
        assertArrayEquals(flat(b.predict(d, test)), flat(reloaded.predict(d, test)), 1e-6f);
    }

    @Test
    void aFineTunedCoreStartsFromTheSourceAndMoves() throws Exception {
        Dataset d = PlantedData.make(200, 16, 6, 4, 42).dataset();
        Path source = dir.resolve("source");
        Experiment a = train(d, List.of("A"), small(3), source);
        Map<String, String> hp = small(2);
        hp.put("core_from", source.toString());
        hp.put("lr", "1e-5"); // small steps: the core stays near where it started
        Experiment b = train(d, List.of("B"), hp, null);
        assertFalse(b.trained().values().iterator().next().network().coreFrozen());
        INDArray start = core(a).get("conv1_w"), end = core(b).get("conv1_w");
        assertNotEquals(start, end, "fine-tuning moves the core");
        // it started at the source: after two epochs of small steps it is far nearer to it than any fresh core
        Map<String, String> freshHp = small(2);
        freshHp.put("lr", "1e-5");
        Experiment fresh = train(d, List.of("B"), freshHp, null);
        double moved = end.distance2(start), other = core(fresh).get("conv1_w").distance2(start);
        assertTrue(moved > 0 && moved < other / 20, "moved " + moved + " vs a fresh core " + other);
    }

    @Test
    void aCoreOfAnotherShapeOrPresetOrSeveralCoresIsBadInput() throws Exception {
        Dataset d = PlantedData.make(120, 16, 4, 4, 5).dataset();
        Path source = dir.resolve("source");
        train(d, List.of("A"), small(1), source);
        Map<String, String> wider = small(1);
        wider.put("filters", "6");
        wider.put("core_from", source.toString());
        BadInputException e = assertThrows(BadInputException.class, () -> train(d, List.of("B"), wider, null));
        assertTrue(e.getMessage().contains("core parameter conv1_") && e.getMessage().contains("same architecture"), e.getMessage());

        Path perSession = dir.resolve("kindel");
        ModelConfig k = Presets.config("kindel2019", Map.of("max_epochs", "1", "conv1_size", "5", "conv2_size", "3", "dense", "8"), 1);
        JobRunner.fresh(new TrainingRequest(d, k, List.of(), 1, perSession), new TrainingJob()).run();
        ModelConfig k2 = Presets.config("kindel2019", Map.of("max_epochs", "1", "conv1_size", "5", "conv2_size", "3", "dense", "8",
                "core_from", perSession.toString()), 1);
        e = assertThrows(BadInputException.class, () -> JobRunner.fresh(new TrainingRequest(d, k2, List.of("A"), 1, null), new TrainingJob()).run());
        assertTrue(e.getMessage().contains("holds 2 networks"), e.getMessage());

        Map<String, String> fromKindel = small(1);
        fromKindel.put("core_from", perSession.toString());
        e = assertThrows(BadInputException.class, () -> train(d, List.of("B"), fromKindel, null));
        assertTrue(e.getMessage().contains("a kindel2019 experiment"), e.getMessage());
    }

    @Test
    void theCommandLineTakesCoreFromAndFreezeCore() throws Exception {
        Dataset d = PlantedData.make(120, 16, 4, 4, 5).dataset();
        Path data = dir.resolve("ds");
        DatasetFolder.write(d, data);
        Path source = dir.resolve("src-exp");
        List<String> common = List.of("--set", "filters=4", "--set", "first_size=5", "--set", "layers=2", "--max-epochs", "1");
        List<String> a = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--model", "core-readout", "--out", source.toString(), "--session", "A"));
        a.addAll(common);
        assertEquals(0, CliRunner.run(a.toArray(new String[0])).status());
        List<String> b = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--model", "core-readout", "--out",
                dir.resolve("t").toString(), "--session", "B", "--core-from", source.toString(), "--freeze-core"));
        b.addAll(common);
        CliRunner.Result r = CliRunner.run(b.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        Experiment t = Experiment.load(dir.resolve("t"));
        assertEquals("true", t.config().text("freeze_core"));
        assertEquals(source.toAbsolutePath().normalize().toString(), t.config().text("core_from"));
        CliRunner.Result bad = CliRunner.run("train", "--data", data.toString(), "--model", "core-readout", "--out", dir.resolve("u").toString(), "--freeze-core");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--freeze-core needs --core-from"), bad.err());
    }

    static float[] flat(double[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[i].length; j++) out[i * m[i].length + j] = (float) m[i][j];
        return out;
    }
}
