package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * The Sensorium 2022 baseline (Willeke et al. 2022), built as neuralpredictors 0.3.0 builds and
 * sensorium's {@code standard_trainer} trains it (docs/sensorium-spec.md gives every detail and
 * its source line): a {@link SensoriumCore} (9x9 input convolution, three depth-separable 7x7
 * layers, batch norm and ELU after each, 64 channels) read by a {@link FullGaussianReadout};
 * output {@code ELU(drive) + 1}. Responses are divided by each neuron's standard deviation
 * ({@link Network#scaleResponses}, neuralpredictors' NeuroNormalizer) for the loss, and
 * predictions multiplied back; the loss is the Poisson negative log-likelihood summed over the
 * batch and neurons and scaled by {@code sqrt(images of the dataset / images of the batch)}, the
 * penalties added unscaled. Adam at 0.009, batches of 128; the learning rate falls by 0.3 after
 * the 6th epoch without a better validation correlation (PyTorch's ReduceLROnPlateau, patience 5);
 * early stopping after 5 such epochs restores the best weights and goes on, four rounds in all.
 *
 * <p>One deliberate departure: the notebook's cortex-coordinate position predictor needs cortical
 * coordinates our data do not have; each neuron learns its own position, the readout's default.
 * The core shares across sessions, as core-readout's.
 */
final class Sensorium extends ComponentPreset {
    @Override public String name() { return "sensorium"; }

    @Override public String description() {
        return "Sensorium 2022 baseline: 4-layer depth-separable conv core with batch norm (9x9, 7x7, 64 channels) + full Gaussian readout, Poisson";
    }

    @Override List<Class<? extends Record>> options() {
        return List.of(SensoriumCore.Options.class, FullGaussianReadout.Options.class);
    }

    @Override Map<String, String> changedDefaults() {
        return Map.ofEntries(Map.entry("lr", "0.009"), Map.entry("batch_size", "128"), Map.entry("max_epochs", "200"),
                Map.entry("patience", "5"), Map.entry("lr_decay", "0.3"), Map.entry("lr_patience", "6"), Map.entry("min_lr", "0.0001"),
                Map.entry("stop_on", "cc_abs"), Map.entry("restore_rounds", "4"),
                Map.entry("filters", "64"), Map.entry("first_size", "9"), Map.entry("size", "7"), Map.entry("layers", "4"));
    }

    @Override public boolean sharesAcrossSessions(ModelConfig config) {
        return true;
    }

    @Override SensoriumCore core(ModelConfig config) {
        return new SensoriumCore(config);
    }

    @Override Readout readout(ModelConfig config) {
        return new FullGaussianReadout(config);
    }

    /** No core transfer: its batch-norm statistics are graph state that {@code --core-from} does not carry. */
    @Override public List<String> coreParameterPrefixes() {
        return List.of();
    }

    @Override int[] readoutGrid(ModelConfig config, NetworkSpec spec) {
        return new SensoriumCore(config).grid(spec);
    }

    /**
     * {@code ELU(drive) + 1} in the scaled units (linear for a signed signal), times each
     * neuron's scale for the output; the data term on the scaled responses, summed and scaled as
     * sensorium's trainer does ({@code scale_loss=True, avg_loss=False}), with the Poisson
     * epsilon 1e-12 of neuralpredictors' PoissonLoss.
     */
    @Override Network finish(Layers l, SDVariable drive) {
        int n = l.spec.neurons();
        SDVariable scale = l.sd.constant(Network.RESPONSE_SCALE, Nd4j.ones(l.dtype, 1, n));
        SDVariable images = l.sd.constant(Network.DATASET_IMAGES, Nd4j.scalar(l.dtype, 1.0));
        SDVariable scaled = l.spec.signed() ? drive.mul(1.0) : l.activation(drive, "elu").add(1);
        Loss kind = Loss.of(l.config, l.spec.signed());
        return l.finish(scaled.mul(scale), (label, weight) -> {
            SDVariable y = label.div(scale);
            SDVariable term = kind == Loss.POISSON ? scaled.sub(y.mul(l.sd.math.log(scaled.add(1e-12)))) : l.sd.math.square(scaled.sub(y));
            SDVariable batch = l.sd.getVariable(Layers.REAL_ROWS).sum();
            return term.mul(weight).sum().mul(l.sd.math.sqrt(images.div(batch)));
        });
    }
}
