package org.v1workbench.model;

import java.util.List;
import java.util.Map;

/**
 * The CNN of Kindel, Christensen and Zylberberg (2019) as its code release and
 * {@code bench/pvc8_reference.py} define it: {@link KindelCore} (conv 7x7x16 ReLU (valid), max-pool
 * 3/2, conv 7x7x32 ReLU, max-pool 3/2, dropout 0.35 (training only), dense 300 ReLU) and a
 * {@link DenseReadout} (one softplus unit per neuron); Poisson loss; Adam, learning rate 1e-3,
 * weight decay 1e-4, batch 50; early stopping on the validation images' mean Pearson r (as their
 * code and the reference: CC_norm, the default of the other presets, divides each neuron's r by a
 * noise ceiling that is itself noisy on a few dozen validation images) with patience 30, at most
 * 400 epochs. All neurons of one session are fit jointly; a multi-session dataset gets one model
 * per session.
 */
class Kindel2019 extends ComponentPreset {
    @Override public String name() { return "kindel2019"; }

    @Override public String description() {
        return "Kindel et al. (2019) CNN: conv 7x7x16, pool, conv 7x7x32, pool, dense 300, softplus; one model per session";
    }

    @Override List<Class<? extends Record>> options() {
        return List.of(KindelCore.Options.class, SharedCoreOption.class, CoreFromOptions.class);
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("weight_decay", "1e-4", "stop_on", "cc_abs");
    }

    /** With {@code shared_core}: one network (convolutions, dense layer) for the neurons of all sessions, an output unit each. */
    @Override public boolean sharesAcrossSessions(ModelConfig config) {
        return Options.read(SharedCoreOption.class, config).sharedCore();
    }

    @Override Core core(ModelConfig config) {
        return new KindelCore(config);
    }

    @Override Readout readout(ModelConfig config) {
        return new DenseReadout();
    }
}
