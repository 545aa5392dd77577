package org.v1workbench.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Csv;
import org.v1workbench.data.Neuron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Ground-truth comparison, the accuracy split and reading a probe folder back. */
class ValidationTablesTest {
    @TempDir Path dir;

    static Neuron truth(String id, String type, double x, double y, double ori) {
        Map<String, String> p = new HashMap<>();
        p.put("cell_type", type);
        p.put("rf_x", Double.toString(x));
        p.put("rf_y", Double.toString(y));
        p.put("orientation_deg", Double.isNaN(ori) ? "" : Double.toString(ori));
        return new Neuron(id, "s", p);
    }

    @Test
    void comparesOrientationAcrossTheWrapClassAndRfCentre() {
        List<Neuron> truth = List.of(
                truth("a", "simple", 10, 10, 179),
                truth("b", "complex", 20, 5, 40),
                truth("c", "simple", 5, 5, 90),
                truth("d", "center_surround", 15, 15, Double.NaN),
                truth("e", "complex", 8, 8, 10));
        List<ProbedNeuron> probed = List.of(
                new ProbedNeuron("a", 10.5, 10.5, 1, 0.3, 1.6, CellClass.SIMPLE),    // 2 degrees off across 0/180
                new ProbedNeuron("b", 23, 5, 52, 0.4, 0.2, CellClass.COMPLEX),        // 12 off, RF 3 px off
                new ProbedNeuron("c", 5, 6.5, 80, 0.95, 1.5, CellClass.UNTUNED),      // called untuned: wrong class
                new ProbedNeuron("d", 15, 15, 33, 0.99, 1.5, CellClass.UNTUNED),
                new ProbedNeuron("e", 8, 8, 10, 0.2, 0.1, CellClass.COMPLEX));
        GroundTruthComparison.Summary all = GroundTruthComparison.compare(truth, probed, null, 0.5, 2);
        assertEquals(5, all.included());
        assertEquals(4, all.simpleOrComplex());
        // errors 2, 12, 10, 0: median (2 + 10) / 2
        assertEquals(6, all.medianOrientationErrorDeg(), 1e-9);
        assertEquals(0.75, all.classificationAccuracy(), 1e-12);
        assertEquals(4 / 5.0, all.fractionRfWithin(), 1e-12);

        Map<String, Double> cc = Map.of("a", 0.9, "b", 0.4, "c", 0.7, "d", 0.8);
        GroundTruthComparison.Summary good = GroundTruthComparison.compare(truth, probed, cc, 0.5, 2);
        assertEquals(3, good.included(), "b is below 0.5 and e has no score");
        assertEquals(0.5, good.classificationAccuracy(), 1e-12);
        assertEquals(6, good.medianOrientationErrorDeg(), 1e-9);
        assertEquals(1.0, good.fractionRfWithin(), 1e-12);
    }

    @Test
    void accuracySplitMeansAndStandardErrors() throws Exception {
        List<ProbedNeuron> probed = List.of(
                new ProbedNeuron("a", 0, 0, 0, 0.3, 1.6, CellClass.SIMPLE),
                new ProbedNeuron("b", 0, 0, 0, 0.3, 1.4, CellClass.SIMPLE),
                new ProbedNeuron("c", 0, 0, 0, 0.3, 0.4, CellClass.COMPLEX),
                new ProbedNeuron("d", 0, 0, 0, 0.95, 1, CellClass.UNTUNED),
                new ProbedNeuron("e", 0, 0, 0, 0.97, 1, CellClass.UNTUNED));
        Path scores = dir.resolve("scores.csv");
        Files.writeString(scores, """
                neuron,session,mean_rate_hz,cc_abs,cc_max,cc_norm,fev,feve
                a,s,5,0.5,0.8,0.625,,
                b,s,5,0.3,0.6,0.5,,
                c,s,5,0.4,,,,
                d,s,5,0.2,0.5,0.4,,
                e,s,5,0.6,0.75,0.8,,
                """);
        List<AccuracySplit.Group> g = AccuracySplit.split(probed, AccuracySplit.readScores(scores));
        AccuracySplit.Group sel = g.get(1), non = g.get(2), simple = g.get(3), complex = g.get(4);
        assertEquals("orientation-selective", sel.name());
        assertEquals(3, sel.neurons());
        assertEquals(0.4, sel.meanCcAbs(), 1e-12);
        assertEquals(0.1 / Math.sqrt(3), sel.semCcAbs(), 1e-12); // sd of 0.5, 0.3, 0.4 is 0.1
        assertEquals(2, sel.neuronsCcNorm());
        assertEquals(0.5625, sel.meanCcNorm(), 1e-12);
        assertEquals(2, non.neurons());
        assertEquals(0.4, non.meanCcAbs(), 1e-12);
        assertEquals(0.6, non.meanCcNorm(), 1e-12);
        assertEquals(2, simple.neurons());
        assertEquals(1, complex.neurons());
        assertTrue(Double.isNaN(complex.semCcAbs()));
        assertEquals(0, complex.neuronsCcNorm());
        assertEquals(5, g.get(0).neurons());
        Path out = dir.resolve("accuracy-by-class.csv");
        AccuracySplit.write(g, out);
        assertEquals(AccuracySplit.COLUMNS, Csv.read(out).columns());
        assertEquals("", Csv.read(out).rows().get(4).get("mean_cc_norm"));
    }

    @Test
    void scoresOfOneModelFromABenchmarkFile() throws Exception {
        Path f = dir.resolve("bench-neurons.csv");
        Files.writeString(f, """
                model,neuron,session,mean_rate_hz,cc_abs,cc_norm
                ln,a,s,5,0.2,
                kindel2019,a,s,5,0.6,
                kindel2019,b,s,5,0.4,
                """);
        Map<String, double[]> k = AccuracySplit.readScores(f, "kindel2019");
        assertEquals(2, k.size());
        assertEquals(0.6, k.get("a")[0]);
        assertTrue(Double.isNaN(k.get("a")[1]));
        BadInputException twice = assertThrows(BadInputException.class, () -> AccuracySplit.readScores(f));
        assertTrue(twice.getMessage().contains("--scores-model"), twice.getMessage());
        assertThrows(BadInputException.class, () -> AccuracySplit.readScores(f, "gabor"));
    }

    @Test
    void missingScoreIsBadInput() {
        List<ProbedNeuron> probed = List.of(new ProbedNeuron("z", 0, 0, 0, 0.3, 1.6, CellClass.SIMPLE));
        assertThrows(BadInputException.class, () -> AccuracySplit.split(probed, Map.of()));
    }

    @Test
    void probeFolderReadsBackWithTheVectorSumOrientationOfUntunedNeurons() throws Exception {
        AnalyticCells cells = new AnalyticCells(16, 16, 128, 40, List.of(
                new AnalyticCells.Cell(AnalyticCells.Type.SIMPLE, 7.2, 8.7, 2.2, 60, 0.2, 0, 0.5, 2, 1),
                new AnalyticCells.Cell(AnalyticCells.Type.DOG, 8.0, 8.0, 1.5, 0, 0, 0, 0.5, 1.5, 1)));
        ProbeSettings s = ProbeSettings.defaults().toBuilder().gradientImages(10).noiseImages(0).meiSteps(5).build();
        ProbeResult r = Probes.run(cells, ProbesPlumbingTest.dataset(cells, 20), s, dir.resolve("p"), ProbeProgress.NONE);
        List<ProbedNeuron> back = ProbedNeuron.read(dir.resolve("p"));
        assertEquals(ProbedNeuron.of(r), back);
        assertEquals(CellClass.UNTUNED, back.get(1).cellClass());
        assertFalse(Double.isNaN(back.get(1).orientationDeg()));
        Files.writeString(dir.resolve("p/neurons.csv"), Files.readString(dir.resolve("p/neurons.csv")).replace(",untuned", ",tuned"));
        BadInputException e = assertThrows(BadInputException.class, () -> ProbedNeuron.read(dir.resolve("p")));
        assertTrue(e.getMessage().contains("neurons.csv") && e.getMessage().contains("tuned"), e.getMessage());
    }

    @Test
    void tuningSummaryCountsClassesAndQuartilesOfF1F0() throws Exception {
        List<ProbedNeuron> probed = List.of(
                new ProbedNeuron("a", 0, 0, 0, 0.3, 1.6, CellClass.SIMPLE),
                new ProbedNeuron("b", 0, 0, 0, 0.3, 1.2, CellClass.SIMPLE),
                new ProbedNeuron("c", 0, 0, 0, 0.3, 0.4, CellClass.COMPLEX),
                new ProbedNeuron("d", 0, 0, 0, 0.3, 0.2, CellClass.COMPLEX),
                new ProbedNeuron("e", 0, 0, 0, 0.95, 2.0, CellClass.UNTUNED),
                new ProbedNeuron("f", 0, 0, 0, 0.99, Double.NaN, CellClass.UNTUNED));
        TuningSummary t = TuningSummary.of(probed);
        assertEquals(6, t.neurons());
        assertEquals(2, t.simple());
        assertEquals(2, t.complex());
        assertEquals(2, t.untuned());
        assertEquals(4 / 6.0, t.fractionSelective(), 1e-12);
        assertEquals(5, t.f1f0Count());
        // sorted 0.2 0.4 1.2 1.6 2.0: quartiles at positions 1, 2, 3 (NumPy's linear rule)
        assertArrayEquals(new double[] {0.4, 1.2, 1.6}, t.f1f0Quartiles(), 1e-12);
        assertEquals(3 / 5.0, t.f1f0AboveOne(), 1e-12);
        assertEquals(0.8, t.selectiveF1f0Median(), 1e-12, "median of 0.2 0.4 1.2 1.6");
        assertEquals(0.54, TuningSummary.quantile(new double[] {0.1, 0.5, 0.7, 0.9}, 0.4), 1e-12, "position 1.2: 0.5 + 0.2 x (0.7 - 0.5)");
        t.write(dir.resolve("population.csv"));
        Map<String, String> rows = new HashMap<>();
        for (Map<String, String> r : Csv.read(dir.resolve("population.csv")).rows()) rows.put(r.get("measure"), r.get("value"));
        assertEquals("0.6666666666666666", rows.get("fraction_orientation_selective"));
        assertEquals("1.2", rows.get("f1_f0_median"));
        assertTrue(t.markdown().contains("66.7%"), t.markdown());
    }

    @Test
    void groundTruthTablesNameTheCriteria() throws Exception {
        List<Neuron> truth = List.of(truth("a", "simple", 10, 10, 30), truth("b", "complex", 20, 5, 40),
                truth("c", "center_surround", 15, 15, Double.NaN));
        List<ProbedNeuron> probed = List.of(
                new ProbedNeuron("a", 10.5, 10.5, 35, 0.3, 1.6, CellClass.SIMPLE),
                new ProbedNeuron("b", 20, 9, 40, 0.4, 0.2, CellClass.SIMPLE),
                new ProbedNeuron("c", 15, 15, 0, 0.99, 1.5, CellClass.UNTUNED));
        GroundTruthComparison.Summary s = GroundTruthComparison.compare(truth, probed, null, Double.NaN, 2);
        assertFalse(GroundTruthComparison.meetsCriteria(s), "b classed wrong: 50%");
        GroundTruthComparison.write(s, dir.resolve("gt.csv"), dir.resolve("gtn.csv"));
        Csv.Table t = Csv.read(dir.resolve("gt.csv"));
        assertEquals(GroundTruthComparison.SUMMARY_COLUMNS, t.columns());
        assertEquals(List.of("median_orientation_error_deg", "simple_complex_correct", "rf_centre_within_2_px"),
                t.rows().stream().map(r -> r.get("measure")).toList());
        assertEquals("2.5", t.rows().get(0).get("value"), "errors 5 and 0");
        assertEquals("yes", t.rows().get(0).get("met"));
        assertEquals("0.5", t.rows().get(1).get("value"));
        assertEquals("no", t.rows().get(1).get("met"));
        assertEquals(2 / 3.0, Double.parseDouble(t.rows().get(2).get("value")), 1e-12, "b is 4 px off");
        assertEquals(3, Csv.read(dir.resolve("gtn.csv")).rows().size());
        assertTrue(GroundTruthComparison.markdown(s).startsWith("All 3 probed neurons"), GroundTruthComparison.markdown(s));
    }

    @Test
    void accuracySplitMarkdownLeavesOutCcNormWithoutRepeats() {
        List<AccuracySplit.Group> noRepeats = List.of(new AccuracySplit.Group("all", 3, 0.5, 0.1, 0, Double.NaN, Double.NaN));
        assertFalse(AccuracySplit.markdown(noRepeats).contains("CC_norm"));
        assertTrue(AccuracySplit.markdown(noRepeats).contains("| all | 3 | 0.500 +- 0.100 |"));
        List<AccuracySplit.Group> repeats = List.of(new AccuracySplit.Group("all", 3, 0.5, 0.1, 2, 0.7, Double.NaN));
        assertTrue(AccuracySplit.markdown(repeats).contains("| 2 | 0.700 |"), AccuracySplit.markdown(repeats));
    }
}
