/**
 * Benchmarks of the workbench itself rather than of models: {@link org.v1workbench.bench.StallBenchmark}
 * measures how long the window's JavaFX thread stalls while a model trains ({@code benchmark --ui-stall}).
 *
 * <p>May use: every other package, {@code ui} (and through it JavaFX) included, as it drives the
 * real window headless; nothing but {@code cli} uses this package. The model benchmarks
 * (cross-validation, throughput) are in {@code train}.
 */
package org.v1workbench.bench;
