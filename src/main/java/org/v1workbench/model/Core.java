package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;

/**
 * The layers shared by every neuron a network predicts (neuralpredictors' {@code Core}). A core
 * reads its typed options from the configuration when it is made, adds its parameters, its
 * penalties ({@link Layers#penalise}) and any extra training input ({@link Layers#extraInput}) as
 * it builds, and names its parameters' prefixes, which {@code train --core-from} carries from one
 * experiment to another.
 */
interface Core {
    /** Builds the core on the standardised image {@code batch x 1 x height x width}. */
    CoreFeatures build(Layers l, SDVariable image);

    /** Name prefixes of the core's parameters. */
    List<String> parameterPrefixes();
}
