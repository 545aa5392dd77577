/**
 * Benchmarks and sweeps on Apache Spark ({@code --spark MASTER}): each unit of work of a
 * {@link org.v1workbench.train.FitPlan} (model x setting x fold x seed x session) becomes one
 * Spark task, which reads the dataset by path (a shared filesystem) or from a broadcast copy, sets
 * its own nd4j thread count, fits the unit through {@link org.v1workbench.train.FitRunner} exactly
 * as a single machine would, and returns its predictions to the driver. {@code benchmark
 * --transfer} is two jobs ({@link org.v1workbench.train.TransferPlan}): the cores, returned to the
 * driver as bytes, then the fits on them, each task with its core.
 *
 * <p>Contract: the only package that imports Spark, and only the command line reaches it, by
 * name, when {@code --spark} is given ({@code cli.FitOptions}); Spark is a provided dependency,
 * so the application and its installer run without it on the class path.
 */
package org.v1workbench.distributed;
