package org.v1workbench.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Npy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The same settings give the same files byte for byte; another seed gives other files. */
class ReproducibilityTest {
    private static final List<String> FILES = List.of("dataset.json", "stimuli.npy", "responses.npy", "neurons.csv", Simulation.TRUE_RATES);

    private static SimulationSettings small(long seed) {
        return SimulationSettings.defaults().withImages(40).withNeurons(10).withRepeats(3).withSize(32).withSeed(seed);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherFiles(@TempDir Path tmp) throws Exception {
        Simulator.run(small(5)).write(tmp.resolve("a"));
        Simulator.run(small(5)).write(tmp.resolve("b"));
        Simulator.run(small(6)).write(tmp.resolve("c"));
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f + " differs for the same seed");
            if (!f.equals("dataset.json"))
                assertFalse(Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("c").resolve(f))), f + " same for another seed");
        }
    }

    @Test
    void theWrittenFolderReadsBackWithItsGroundTruth(@TempDir Path tmp) throws Exception {
        Simulation sim = Simulator.run(small(7));
        sim.write(tmp.resolve("d"));
        Dataset d = DatasetFolder.read(tmp.resolve("d"));
        assertEquals(40, d.images());
        assertEquals(10, d.neuronCount());
        assertEquals(3, d.repeats());
        assertEquals(0.1, d.windowSeconds());
        assertArrayEquals(sim.dataset().stimuliArray(), d.stimuliArray());
        assertArrayEquals(sim.dataset().responsesArray(), d.responsesArray());
        assertEquals("|u1", Npy.read(tmp.resolve("d").resolve("stimuli.npy")).dtype(), "integer grey levels are stored as uint8");
        // true_rates.npy = the rebuilt population's expected rate x window, for every image.
        Npy.Array truth = Npy.read(tmp.resolve("d").resolve(Simulation.TRUE_RATES));
        assertArrayEquals(new int[]{40, 10}, truth.shape());
        SimulatedPopulation rebuilt = SimulatedPopulation.of(d.neurons(), d.width());
        for (int i = 0; i < d.images(); i++) {
            double[] rates = rebuilt.expectedRates(d.stimulus(i));
            for (int n = 0; n < 10; n++) assertEquals((float) (rates[n] * 0.1), truth.data()[i * 10 + n], 0f);
        }
        List<String> header = List.of(Files.readAllLines(tmp.resolve("d").resolve("neurons.csv")).get(0).split(","));
        assertEquals(List.of("id", "session", "cell_type", "rf_x", "rf_y", "rf_size", "orientation_deg", "spatial_freq", "phase_deg", "max_rate_hz"),
                header.subList(0, 10), "DESIGN.md's ground-truth columns, in order");
    }

    @Test
    void imagesAndNeuronsDoNotDependOnHowManyAreSimulated() {
        float[] few = Simulator.stimuli(small(5).withImages(10)), many = Simulator.stimuli(small(5));
        assertArrayEquals(few, Arrays.copyOf(many, few.length));
        SimulatedPopulation a = SimulatedPopulation.generate(small(5)), b = SimulatedPopulation.generate(small(5).withImages(3).withRepeats(9));
        for (int n = 0; n < a.size(); n++) assertEquals(a.neuron(n).params(), b.neuron(n).params());
    }
}
