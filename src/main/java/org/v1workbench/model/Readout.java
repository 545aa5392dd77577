package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Each neuron's own weights on the core's features (neuralpredictors' {@code Readout}): the drive
 * of every neuron, {@code batch x neurons}, before the output nonlinearity and with the output
 * bias ({@link Layers#outputBias}). As a core, a readout reads its typed options when it is made
 * and adds its parameters, penalties and extra inputs as it builds.
 */
interface Readout {
    SDVariable drive(Layers l, CoreFeatures core);
}
