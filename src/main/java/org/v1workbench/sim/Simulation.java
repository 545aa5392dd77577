package org.v1workbench.sim;

import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.DatasetFolder;
import org.v1workbench.data.Npy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A simulated dataset with its ground truth: the dataset (stimuli, spike counts, neurons with
 * their parameters), the population that produced it, and the noise-free expected spike counts.
 *
 * @param trueCounts expected spike count per response window (rate in Hz x window), flat
 *                   {@code images x neurons}: what the responses would average to over infinitely
 *                   many repeats, in the units of {@code responses.npy}
 */
public record Simulation(SimulationSettings settings, Dataset dataset, SimulatedPopulation population, float[] trueCounts) {
    /** The file of the noise-free expected counts, written beside the dataset's own files. */
    public static final String TRUE_RATES = "true_rates.npy";

    /** Expected count of neuron n to image i, per response window. */
    public float trueCount(int image, int neuron) {
        return trueCounts[image * dataset.neuronCount() + neuron];
    }

    /**
     * Writes the on-disk format plus {@code true_rates.npy} (images x neurons, float32, expected
     * spike counts per window) to {@code dir}, atomically: the folder appears only when complete.
     */
    public void write(Path dir) throws IOException {
        AtomicFiles.writeDirectory(dir, tmp -> {
            DatasetFolder.write(dataset, tmp);
            Npy.writeFloat32(tmp.resolve(TRUE_RATES), new int[]{dataset.images(), dataset.neuronCount()}, trueCounts);
        });
    }
}
