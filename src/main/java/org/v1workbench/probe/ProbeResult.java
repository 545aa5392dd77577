package org.v1workbench.probe;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Probes#run}: per-neuron results and what they were computed with.
 *
 * @param neurons  one entry per neuron of the model, in the model's order
 * @param stats    the dataset's pixel statistics that gratings, noise and MEIs matched
 * @param settings the settings used
 * @param height   image height of the model
 * @param width    image width of the model
 * @param kernels  the model's first-layer kernels, if it has them
 */
public record ProbeResult(List<NeuronProbe> neurons, PixelStats stats, ProbeSettings settings, int height, int width,
                          Optional<Kernels> kernels) {
    public ProbeResult {
        neurons = List.copyOf(neurons);
    }
}
