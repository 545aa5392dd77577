/**
 * In-silico experiments on any model of a population's responses to images: gratings and tuning,
 * receptive fields (input gradients and white-noise spike-triggered averages), most exciting
 * inputs, learned filters, and the report ({@code neurons.csv} and figures) that {@code probe}
 * writes.
 *
 * <p>Contract: every probe sees a model only through {@link org.v1workbench.probe.ResponseModel}
 * (rates for a batch of images, optionally input gradients), so the same code probes a trained
 * network, a classical model or an analytic cell with known ground truth.
 * {@link org.v1workbench.probe.NetworkResponseModel} adapts a trained experiment (responses in the
 * dataset's unit: Hz for spike counts, dF/F or z for two-photon signals; autodiff input
 * gradients, ensembles averaged, first-layer kernels).
 *
 * <p>Conventions (DESIGN.md): images are flat {@code height x width} arrays in the dataset's pixel
 * units; pixel (row i, column j) has its centre at (x, y) = (j + 0.5, i + 0.5), origin at the
 * image's top-left corner, x right, y down; orientations in degrees [0, 180), the orientation of
 * a grating's bars, 0 = horizontal bars, increasing counter-clockwise on screen.
 */
package org.v1workbench.probe;
