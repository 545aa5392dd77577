package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.CliRunner;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.TestDatasets;
import org.v1workbench.experiment.ConfigFile;
import org.v1workbench.experiment.ExperimentSummary;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SweepTest {
    @TempDir Path dir;

    /** A core-readout small enough for 8 x 8 images and a test's time. */
    static final List<String> TINY = List.of("--set", "max_epochs=2", "--set", "first_size=3", "--set", "layers=1", "--set", "filters=4");

    @Test
    void aSweepChoosesOnValidationReportsTheChosenTestScoreOnceAndWritesAConfigThatTrainAccepts() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(60, 4, 4, 5), data);
        Path prefix = dir.resolve("sw");
        CliRunner.Result r = CliRunner.run(args(List.of("sweep", "--data", data.toString(), "--model", "core-readout", "--folds", "3",
                "--grid", "lr=0.003,0.03", "--grid", "l1_features=0.001,0.1", "--out", prefix.toString()), TINY));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("sweep: 4 settings of core-readout x 3 folds: 12 fits"), r.err());

        Csv.Table t = Csv.read(dir.resolve("sw.csv"));
        assertEquals(SweepReport.columns(List.of("lr", "l1_features")), t.columns());
        assertEquals(List.of("s1", "s2", "s3", "s4"), t.rows().stream().map(row -> row.get("setting")).toList());
        assertEquals(List.of("0.003", "0.003", "0.03", "0.03"), t.rows().stream().map(row -> row.get("lr")).toList(), "first key slowest");
        List<Map<String, String>> chosen = t.rows().stream().filter(row -> row.get("chosen").equals("true")).toList();
        assertEquals(1, chosen.size());
        double best = t.rows().stream().mapToDouble(row -> Double.parseDouble(row.get("validation_mean_cc_norm"))).max().orElseThrow();
        assertEquals(best, Double.parseDouble(chosen.get(0).get("validation_mean_cc_norm")), "chosen by its validation CC_norm");
        String label = chosen.get(0).get("setting");

        // The chosen setting's test scores, and no other setting's.
        Csv.Table neurons = Csv.read(dir.resolve("sw-test-neurons.csv"));
        assertEquals(SweepReport.TEST_NEURON_COLUMNS, neurons.columns());
        assertEquals(4, neurons.rows().size());
        assertTrue(neurons.rows().stream().allMatch(row -> row.get("setting").equals(label)));
        String md = Files.readString(dir.resolve("sw.md"));
        assertTrue(md.contains("| **" + label + "** (chosen) |"), md);
        assertTrue(md.contains("Its test score, reported once"), md);
        assertEquals(md, r.out(), "the report is also the summary on stdout");

        BufferedImage png = ImageIO.read(dir.resolve("sw.png").toFile());
        assertEquals(2 * 520, png.getWidth(), "one panel per swept key");

        // The chosen configuration: the preset, its defaults, the --set values and the chosen ones.
        ConfigFile.Loaded best1 = ConfigFile.read(dir.resolve("sw-best.json"));
        assertEquals("core-readout", best1.config().preset());
        assertEquals(chosen.get(0).get("lr"), best1.config().text("lr"));
        assertEquals(chosen.get(0).get("l1_features"), best1.config().text("l1_features"));
        assertEquals("2", best1.config().text("max_epochs"));
        assertEquals("0.01", best1.config().text("laplace"), "a default kept");
        CliRunner.Result train = CliRunner.run("train", "--data", data.toString(), "--config", dir.resolve("sw-best.json").toString(),
                "--out", dir.resolve("exp").toString());
        assertEquals(0, train.status(), train.err());
        ExperimentSummary trained = ExperimentSummary.read(dir.resolve("exp"));
        // the experiment names the loss that trained it: loss = auto is Poisson on these counts
        assertEquals("auto", best1.config().text("loss"));
        assertEquals(best1.config().with("loss", "poisson").hyperparameters(), trained.hyperparameters());
        assertEquals("core-readout", trained.preset());

        // Every setting reads as an experiment summary; only the chosen one has a test score.
        List<ExperimentSummary> listed = ExperimentSummary.scan(dir.resolve("sw-settings"));
        assertEquals(4, listed.size());
        for (ExperimentSummary s : listed) {
            assertEquals(s.name().equals(label), !Double.isNaN(s.meanCcNorm()), s.name());
            assertEquals(t.rows().stream().filter(row -> row.get("setting").equals(s.name())).findFirst().orElseThrow().get("lr"),
                    s.hyperparameters().get("lr"));
        }
        var provenance = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("sw.json").toFile());
        assertEquals(label, provenance.get("chosen").asText());
        assertEquals("0.1", provenance.get("swept").get("s4").get("l1_features").asText());
    }

    @Test
    void badSweepArgumentsAreOneLineAndExitTwo() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(30, 2, 2, 1), data);
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--grid", "lr"), "--grid: expected KEY=V1,V2,..., not 'lr'");
        cases.put(List.of("--grid", "nonsense=1,2"), "--grid: no hyperparameter 'nonsense'");
        cases.put(List.of("--grid", "dense=100,200"), "--grid: core-readout has no hyperparameter 'dense' (kindel2019, shared-cnn have it)");
        cases.put(List.of("--grid", "lr=0.01,-1"), "--grid lr=-1: lr must be above 0");
        cases.put(List.of("--grid", "lr=0.01,0.01"), "--grid lr: 0.01 is given twice");
        cases.put(List.of("--grid", "activation=elu,tanh"), "--grid activation=tanh: activation must be one of elu, relu");
        cases.put(List.of("--grid", "lr=0.1,0.2", "--grid", "lr=0.3"), "--grid: lr is swept twice");
        cases.put(List.of("--random", "3", "--range", "lr=0.1"), "--range: expected KEY=LO:HI or KEY=LO:HI:log, not 'lr=0.1'");
        cases.put(List.of("--random", "3", "--range", "lr=0.1:1:ln"), "--range: expected KEY=LO:HI or KEY=LO:HI:log, not 'lr=0.1:1:ln'");
        cases.put(List.of("--random", "3", "--range", "loss=0:1"), "--range loss: not a number (choice: auto, poisson, mse); sweep it with --grid");
        cases.put(List.of("--random", "3", "--range", "l1_mask=0.1:0.05"), "--range l1_mask: the low end 0.1 must be below the high end 0.05");
        cases.put(List.of("--random", "3", "--range", "l1_mask=0:0.1:log"), "--range l1_mask: a log range must start above 0, not at 0");
        cases.put(List.of("--random", "3", "--range", "lr=abc:1"), "--range lr=abc:1: lr must be a number, not 'abc'");
        cases.put(List.of("--range", "lr=0.001:0.1"), "--range needs --random N: how many settings to draw");
        cases.put(List.of("--random", "2"), "--random needs at least one --range KEY=LO:HI[:log]");
        cases.put(List.of("--set", "lr=0.1"), "sweep needs --grid KEY=V1,V2,... or --random N --range KEY=LO:HI");
        cases.put(List.of("--set", "lr=0.1", "--grid", "lr=0.01,0.1"), "--set lr: lr is swept; set it or sweep it, not both");
        cases.put(List.of("--set", "dense=3", "--grid", "lr=0.01,0.1"), "--set: core-readout has no hyperparameter 'dense'");
        cases.put(List.of("--set", "filters=0", "--grid", "lr=0.01,0.1"), "core-readout: filters must be a whole number of at least 1");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            CliRunner.Result r = CliRunner.run(args(List.of("sweep", "--data", data.toString(), "--model", "core-readout", "--folds", "3",
                    "--out", dir.resolve("bad").toString()), c.getKey()));
            assertEquals(2, r.status(), c.getKey() + ": " + r.err());
            assertEquals("error: " + c.getValue(), r.err().strip().lines().reduce((a, b) -> b).orElse(""), c.getKey().toString());
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error")).count());
        }
        CliRunner.Result unknown = CliRunner.run("sweep", "--model", "ridge", "--grid", "lr=1,2", "--out", dir.resolve("bad").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("error: unknown model preset 'ridge' (one of: kindel2019, core-readout"), unknown.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("ds"), files.map(p -> p.getFileName().toString()).toList(), "nothing written");
        }
    }

    @Test
    void theSpaceIsEveryGridCombinationWithReproducibleDrawsInRange() {
        SweepSpace s = new SweepSpace("core-readout", List.of(SweepSpace.grid("core-readout", "activation=elu,relu")),
                List.of(SweepSpace.range("core-readout", "lr=0.0001:0.1:log"), SweepSpace.range("core-readout", "filters=4:12")), 3, 9);
        List<Map<String, String>> settings = s.settings();
        assertEquals(6, settings.size(), "2 grid values x 3 draws");
        assertEquals(settings, new SweepSpace("core-readout", s.grid(), s.ranges(), 3, 9).settings(), "same seed, same draws");
        assertNotEquals(settings, new SweepSpace("core-readout", s.grid(), s.ranges(), 3, 10).settings());
        for (int i = 0; i < 6; i++) {
            Map<String, String> m = settings.get(i);
            assertEquals(i < 3 ? "elu" : "relu", m.get("activation"));
            assertEquals(settings.get(i % 3).get("lr"), m.get("lr"), "the same draws for each grid value");
            double lr = Double.parseDouble(m.get("lr"));
            assertTrue(lr >= 1e-4 && lr <= 0.1, m.toString());
            assertTrue(m.get("lr").replaceAll("E.*", "").replaceAll("[^0-9]", "").replaceFirst("^0+", "").length() <= 3, "3 significant digits: " + m);
            int f = Integer.parseInt(m.get("filters"));
            assertTrue(f >= 4 && f <= 12, m.toString());
        }
        assertEquals(List.of("activation", "lr", "filters"), s.keys());
        assertTrue(s.logScale("lr") && !s.logScale("filters"));
        // A value that rounds out of its range keeps its digits instead.
        assertEquals("0.99951", SweepSpace.draw(new SweepSpace.Range("weight_average", 0.99951, 0.99959, false), 0.0));
        assertThrows(BadInputException.class, () -> new SweepSpace("core-readout", List.of(), List.of(), 0, 0));
    }

    @Test
    void trainConfigRefusesABadFileWithItsName() throws Exception {
        Path data = dir.resolve("ds");
        DatasetFolder.write(TestDatasets.withRepeats(30, 2, 2, 1), data);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"preset\": \"core-readout\", \"hyperparameters\": {\"lr\": \"-1\"}, \"seed\": 3}");
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--config", bad.toString(), "--out", dir.resolve("e").toString());
        assertEquals(2, r.status());
        assertEquals("error: " + bad + ": core-readout: lr must be above 0", r.err().strip());
        Files.writeString(bad, "{\"preset\": \"core-readout\", \"hyperparameters\": {\"lr\": \"0.01\"}}");
        CliRunner.Result other = CliRunner.run("train", "--data", data.toString(), "--config", bad.toString(), "--model", "ln",
                "--out", dir.resolve("e").toString());
        assertEquals(2, other.status());
        assertEquals("error: --model ln differs from the preset of --config " + bad + " (core-readout): give one of them", other.err().strip());
        assertFalse(Files.exists(dir.resolve("e")));
    }

    static String[] args(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new String[0]);
    }
}
