package org.v1workbench.probe;

import java.util.Optional;

/**
 * A model of a population's responses to images, as the probes see it: all they need is the
 * predicted rate of every neuron for a batch of images, and (for receptive fields and most
 * exciting inputs) the gradient of one neuron's rate with respect to the pixels.
 *
 * <p>Images are flat {@code count x height x width} float arrays in the dataset's pixel units
 * (the same units the model was trained on). Rates are in the model's own output units (spikes,
 * or a two-photon signal); the probes never assume more than "larger is a stronger response".
 *
 * <p>The gradient has a default by central finite differences, slow but correct, so that every
 * probe works on any model; models with automatic differentiation override
 * {@link #inputGradients(float[], int, int[])}.
 */
public interface ResponseModel {

    /** Number of neurons the model predicts. */
    int neurons();

    /** Image height in pixels. */
    int height();

    /** Image width in pixels. */
    int width();

    /**
     * Predicted rates.
     *
     * @param images flat {@code count x height x width}, dataset pixel units
     * @return {@code count x neurons}
     */
    double[][] rates(float[] images, int count);

    /**
     * Predicted rates of some neurons only: {@code count x neurons.length}. A model made of
     * several networks (one per session) overrides it to run only the networks that predict
     * them, which matters where every neuron gets its own stimuli (gratings at its RF).
     */
    default double[][] rates(float[] images, int count, int[] neurons) {
        double[][] all = rates(images, count);
        double[][] out = new double[count][neurons.length];
        for (int i = 0; i < count; i++)
            for (int q = 0; q < neurons.length; q++) out[i][q] = all[i][neurons[q]];
        return out;
    }

    /**
     * The rate of neuron {@code neurons[i]} at image i, for every i (as a most exciting input
     * search of many neurons at once needs).
     *
     * @param images flat {@code neurons.length x height x width}
     */
    default double[] pairedRates(float[] images, int[] neurons) {
        double[][] all = rates(images, neurons.length);
        double[] out = new double[neurons.length];
        for (int i = 0; i < neurons.length; i++) out[i] = all[i][neurons[i]];
        return out;
    }

    /**
     * Gradients of the rates of the listed neurons with respect to the pixels of each image.
     *
     * @param images  flat {@code count x height x width}
     * @param neurons indices of the neurons wanted
     * @return {@code neurons.length} arrays, each flat {@code count x height x width}: d rate / d
     *         pixel, in rate units per pixel unit
     */
    default float[][] inputGradients(float[] images, int count, int[] neurons) {
        return FiniteDifferences.gradients(this, images, count, neurons);
    }

    /**
     * Gradients for pairs: image i's gradient of neuron {@code neurons[i]}'s rate (as a most
     * exciting input search of many neurons at once needs). With automatic differentiation this is
     * one backward pass of sum_i rate_{neurons[i]}(image_i); the default asks for each pair alone.
     *
     * @param images flat {@code neurons.length x height x width}
     * @return flat {@code neurons.length x height x width}
     */
    default float[] pairedGradients(float[] images, int[] neurons) {
        int p = height() * width();
        float[] out = new float[neurons.length * p];
        for (int i = 0; i < neurons.length; i++) {
            float[] one = java.util.Arrays.copyOfRange(images, i * p, (i + 1) * p);
            System.arraycopy(inputGradients(one, 1, new int[] {neurons[i]})[0], 0, out, i * p, p);
        }
        return out;
    }

    /** d rate / d pixel of one neuron at one image, flat {@code height x width}. */
    default float[] inputGradient(float[] image, int neuron) {
        return inputGradients(image, 1, new int[] {neuron})[0];
    }

    /** The first layer's convolution kernels, where the model has them (for the filters figure). */
    default Optional<Kernels> firstLayerKernels() {
        return Optional.empty();
    }
}
