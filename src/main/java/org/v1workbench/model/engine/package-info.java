/**
 * How models are trained on SameDiff 1.0.0-M2.1, fast and with clean output: every workaround
 * of the project in one package, behind one door, {@link org.v1workbench.model.engine.TrainingEngine}.
 * The model package builds graphs with SameDiff's public API and hands them to an engine; no
 * type of the model package names a SameDiff internal.
 *
 * <ul>
 * <li>{@link org.v1workbench.model.engine.Backend}: the nd4j-native build for this CPU, chosen before nd4j loads.</li>
 * <li>Step runners: {@code SameDiffSteps} (SameDiff's session) and {@code ReplayedSteps} (the first batch of a
 *     batch size recorded, {@code RecordedStep}, then replayed without SameDiff's per-op bookkeeping), with
 *     Java Vector API kernels ({@code JavaKernels}) in place of nd4j's slow ELU.</li>
 * <li>Replaced ops: {@code OneChannelConv2D} and {@link org.v1workbench.model.engine.EluFromOutput}, registered in
 *     nd4j's op registry; {@code OpImplementations}: nd4j's own max pooling where oneDNN's is slow.</li>
 * <li>{@code JitDirectives}, {@code MemoryPacer} (paced collections), {@link org.v1workbench.model.engine.Gradients}
 *     (the gradient function without SameDiff's console lines), {@code LossWatch} (the loss read while training).</li>
 * <li>{@code Internals}: the only class that reaches private members by reflection. The self-check
 *     ({@link org.v1workbench.model.engine.TrainingEngine#patches()}, printed by {@code --version --verbose} and
 *     recorded as {@code engine_patches} in every provenance) says which patches are on; where a member has moved,
 *     its patch is off with one line on standard error and training is SameDiff's own there.</li>
 * </ul>
 *
 * <p>Upgrading DL4J/nd4j: (1) run {@code --version --verbose}: every patch should say "on" (or off for the
 * reason it gives, e.g. max pooling on AVX-512); a missing member is named on standard error; (2) run
 * {@code RecordedStepTest} (every preset replayed bit for bit as SameDiff trains it), {@code TrainingEngineTest},
 * {@code EluFromOutputTest}, {@code OneChannelConv2DTest}, {@code JavaKernelsTest}, {@code OpImplementationsTest}
 * and the presets' {@code GradientCheckTest}; (3) check whether SameDiff now computes the loss while training
 * ({@code LossWatch}) and whether {@code conv2d_bp} still pads one channel to 16 (DNNL_VERBOSE): a workaround that
 * is no longer needed should go; (4) rerun {@code benchmark --throughput} beside the last figures in docs/benchmarks.md.
 */
package org.v1workbench.model.engine;
