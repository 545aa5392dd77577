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
}
