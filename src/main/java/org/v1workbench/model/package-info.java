/**
 * Models of a population's responses: named presets ({@link org.v1workbench.model.Presets}:
 * kindel2019, core-readout, ln, lnln, gabor-energy) built as SameDiff graphs on the nd4j-native
 * build that {@link org.v1workbench.model.engine.Backend} picks for the CPU, and the
 * {@link org.v1workbench.model.Network} that wraps one (predict, train an epoch, save, load).
 *
 * <p>Contract: a {@link org.v1workbench.model.ModelConfig} (preset, every hyperparameter, seed)
 * and the training data rebuild a model exactly; a network takes raw images
 * {@code count x height x width} in the dataset's grey levels (it standardises them itself with
 * the training images' mean and sd) and predicts spike counts per response window,
 * {@code count x neurons}. Graphs are float32, NCHW; the loss is the Poisson negative
 * log-likelihood (mean over recorded responses) plus each preset's penalties.
 */
package org.v1workbench.model;
