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
        return l.finish(l.output(readout(l.config).drive(l, features)));
    }

    /** The core's, for this preset's default configuration (the prefixes do not depend on the settings). */
    @Override public List<String> coreParameterPrefixes() {
        return core(Presets.config(name(), 0)).parameterPrefixes();
    }
}
