package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A weighted sum of a feature vector per neuron, plus its bias: the output layer of a dense
 * network ({@code kindel2019}). Parameters {@code out_w, out_b}.
 */
final class DenseReadout implements Readout {
    @Override public SDVariable drive(Layers l, CoreFeatures core) {
        if (!core.flat()) throw new IllegalStateException("a dense readout reads a feature vector");
        return l.readoutDense("out", core.value(), core.channels());
    }
}
