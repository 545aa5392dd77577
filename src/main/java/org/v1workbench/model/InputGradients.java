package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A trained network's predictions and their gradients with respect to the input image, by
 * SameDiff's reverse-mode differentiation ({@link Network#inputGradients}), batched for the
 * probes: receptive fields and most exciting inputs.
 *
 * <p>Why a network of its own: a run's best parameters are not always the ones its network holds
 * (a cancelled, resumable run keeps its last epoch), and probing must not disturb a network that
 * may be trained or saved meanwhile. So the preset builds the graph afresh (same configuration and
 * spec, so the same architecture and parameter names) and the chosen parameters are copied in.
 * Gradients are asked for with one-hot weight rows: row r differentiates neuron
 * {@code neuronOfRow[r]} at image r, many images and neurons per backward pass (images in a
 * batch do not interact: no batch normalisation, dropout's keep mask is ones).
 *
 * <p>Units: rates are the network's, spike counts per response window; gradients are counts per
 * window per pixel unit (raw grey levels, as the dataset's stimuli). Not thread-safe; methods are
 * synchronized.
 */
public final class InputGradients {
    /** Rows per forward or backward pass: bounds memory (activations of every layer are kept). */
    static final int CHUNK = 128;

    private final Network network;
    private final SameDiff sd;
    private final NetworkSpec spec;
    private final DataType dtype;

    private InputGradients(Network network, DataType dtype) {
        this.network = network;
        this.sd = network.graph();
        this.spec = network.spec();
        this.dtype = dtype;
    }

    /** The network's current parameters, in float32 (as trained). */
    public static InputGradients of(Network network) {
        return of(network, network.parameters(), DataType.FLOAT);
    }

    /** {@code network}'s architecture with {@code parameters} (e.g. a run's best epoch), in float32. */
    public static InputGradients of(Network network, Network.State parameters) {
        return of(network, parameters, DataType.FLOAT);
    }

    /**
     * {@code network}'s architecture with {@code parameters} (e.g. a run's best epoch), computed
     * in {@code dtype} (float64 for reference computations in tests; parameters are cast).
     */
    public static InputGradients of(Network network, Network.State parameters, DataType dtype) {
        Network fresh = Network.create(network.config(), network.spec(), dtype);
        // A frozen (transferred) core is part of the graph's constants, not of the parameters.
        if (network.coreFrozen()) fresh.transferCore(network.coreParameters(), true, "the probed network");
        SameDiff g = fresh.graph();
        for (Map.Entry<String, INDArray> e : parameters.parameters().entrySet()) {
            SDVariable v = g.getVariable(e.getKey());
            if (v == null) throw new IllegalArgumentException("the rebuilt graph has no parameter '" + e.getKey() + "'");
            v.getArr().assign(e.getValue().castTo(dtype));
        }
        return new InputGradients(fresh, dtype);
    }

    public int neurons() { return spec.neurons(); }
    public int height() { return spec.height(); }
    public int width() { return spec.width(); }

    /**
     * Predicted spike counts per window, flat {@code count x neurons}, for raw images flat
     * {@code count x height x width}; in double so that a float64 graph keeps its precision.
     */
    public synchronized double[] predict(float[] images, int count) {
        int hw = spec.height() * spec.width(), nn = spec.neurons();
        if ((long) count * hw != images.length)
            throw new IllegalArgumentException(images.length + " pixels are not " + count + " images of " + spec.height() + " x " + spec.width());
        double[] out = new double[count * nn];
        for (int start = 0; start < count; start += CHUNK) {
            int c = Math.min(CHUNK, count - start);
            float[] part = new float[c * hw];
            System.arraycopy(images, start * hw, part, 0, part.length);
            INDArray r = sd.output(placeholders(part, c), Layers.OUTPUT).get(Layers.OUTPUT);
            double[] v = r.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(v, 0, out, start * nn, v.length);
        }
        return out;
    }

    private Map<String, INDArray> placeholders(float[] images, int count) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(Layers.INPUT, Nd4j.create(images, new long[]{count, 1, spec.height(), spec.width()}, 'c').castTo(dtype));
        network.putPredictionInputs(ph, count, dtype);
        return ph;
    }

    /**
     * Row r's gradient of neuron {@code neuronOfRow[r]}'s rate with respect to image r's pixels.
     *
     * @param images      flat {@code rows x height x width}, raw grey levels
     * @param neuronOfRow length {@code rows}: the neuron whose rate row r differentiates
     * @return flat {@code rows x height x width}, counts per window per grey level
     */
    public synchronized float[] gradients(float[] images, int[] neuronOfRow) {
        int hw = spec.height() * spec.width(), nn = spec.neurons(), rows = neuronOfRow.length;
        if ((long) rows * hw != images.length)
            throw new IllegalArgumentException(images.length + " pixels are not " + rows + " images of " + spec.height() + " x " + spec.width());
        float[] out = new float[rows * hw];
        for (int start = 0; start < rows; start += CHUNK) {
            int c = Math.min(CHUNK, rows - start);
            float[] part = new float[c * hw];
            System.arraycopy(images, start * hw, part, 0, part.length);
            float[] oneHot = new float[c * nn];
            for (int r = 0; r < c; r++) {
                int n = neuronOfRow[start + r];
                if (n < 0 || n >= nn) throw new IllegalArgumentException("neuron " + n + " is not one of the network's " + nn);
                oneHot[r * nn + n] = 1;
            }
            System.arraycopy(network.inputGradients(part, c, oneHot), 0, out, start * hw, c * hw);
        }
        return out;
    }

    /**
     * The first convolution's kernels where the network has one on the grey image (presets with
     * a {@code conv1} layer), as {@code filters x height x width}.
     */
    public Optional<FirstLayerKernels> firstLayerKernels() {
        return FirstLayerKernels.of(network);
    }
}
