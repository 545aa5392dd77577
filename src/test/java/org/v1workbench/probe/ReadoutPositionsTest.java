package org.v1workbench.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Csv;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A Gaussian readout's learned positions, per neuron id, beside the probe's RF centres. */
class ReadoutPositionsTest {
    @TempDir Path dir;

    @Test
    void positionsComeFromEachNeuronsRunAndSitBesideTheRfCentres() throws Exception {
        var d = PlantedData.make(80, 12, 4, 2, 3).dataset();
        Experiment e;
        try (TrainingService s = new TrainingService()) {
            e = s.start(new TrainingRequest(d, Presets.config("core-readout", Map.of("filters", "2", "first_size", "5", "layers", "2",
                    "max_epochs", "1", "readout", "gaussian"), 1), List.of(), 1, null)).result().get();
        }
        Map<String, double[]> at = ReadoutPositions.of(e);
        assertEquals(List.of("n1", "n2", "n3", "n4"), List.copyOf(at.keySet()));
        double[][] direct = e.trained().values().iterator().next().network().readoutPositions();
        for (int n = 0; n < 4; n++) assertArrayEquals(direct[n], at.get("n" + (n + 1)), 1e-9);
        for (double[] p : at.values()) assertTrue(p[0] >= 3 && p[0] <= 8 && p[1] >= 3 && p[1] <= 8, "inside the core's grid: " + p[0] + ", " + p[1]);

        List<ProbedNeuron> probed = List.of(new ProbedNeuron("n1", at.get("n1")[0] + 3, at.get("n1")[1] + 4, 0, 0.5, 0.5, CellClass.COMPLEX),
                new ProbedNeuron("n2", at.get("n2")[0], at.get("n2")[1], 0, 0.5, 0.5, CellClass.COMPLEX),
                new ProbedNeuron("n3", at.get("n3")[0] + 1, at.get("n3")[1], 0, 0.5, 0.5, CellClass.COMPLEX));
        double median = ReadoutPositions.write(at, probed, dir.resolve("r.csv"));
        assertEquals(1.0, median, 1e-9, "distances 5, 0 and 1 pixels");
        Csv.Table t = Csv.read(dir.resolve("r.csv"));
        assertEquals(ReadoutPositions.COLUMNS, t.columns());
        assertEquals(5.0, Double.parseDouble(t.rows().get(0).get("distance_px")), 1e-6);

    }
}
