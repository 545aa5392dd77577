package org.v1workbench.probe;

/**
 * Everything probed for one neuron.
 *
 * @param id       the neuron's id (as in every file)
 * @param index    its column in the model's output
 * @param rf       receptive field (gradient, energy, STA, fitted centre and size)
 * @param tuning   grating tuning, measured at the RF
 * @param mei      most exciting input; null when not computed
 * @param extremes top and bottom natural images by predicted rate; null when not computed
 */
public record NeuronProbe(String id, int index, ReceptiveField rf, Tuning tuning, MostExcitingInput.Mei mei,
                          MostExcitingInput.Extremes extremes) {
}
