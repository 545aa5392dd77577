package org.v1workbench.model;

import java.util.List;

/**
 * A preset made of a {@link Core} and a {@link Readout}: the core's features read by each neuron's
 * readout, then the output nonlinearity and the loss ({@link Layers#finish}). The network is
 * built from what the two declare (parameters, penalties, extra inputs), in that order.
 */
abstract class ComponentPreset extends Preset {
    abstract Core core(ModelConfig config);

    abstract Readout readout(ModelConfig config);

    @Override final Network define(Layers l) {
        CoreFeatures features = core(l.config).build(l, l.input());
        return finish(l, readout(l.config).drive(l, features));
    }

    /** The output nonlinearity and the loss on the readout's drive: softplus (linear for a signed signal) and {@link Layers#finish}. */
    Network finish(Layers l, org.nd4j.autodiff.samediff.SDVariable drive) {
        return l.finish(l.output(drive));
    }

    /** The core's, for this preset's default configuration (the prefixes do not depend on the settings). */
    @Override public List<String> coreParameterPrefixes() {
        return core(Presets.config(name(), 0)).parameterPrefixes();
    }
}
