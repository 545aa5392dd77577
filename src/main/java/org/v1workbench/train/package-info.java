/**
 * Training in the background: {@link org.v1workbench.train.TrainingService} runs jobs on its own
 * thread for the command line and the window alike, with events per epoch and at the end,
 * early stopping on the validation tier (best weights restored), learning-rate decay on plateau,
 * cancel within a batch, divergence caught, and resumable experiments; also the benchmarks
 * (k-fold cross-validation of models, training throughput) and hyperparameter sweeps
 * ({@link org.v1workbench.train.Sweep}), both planned as independent units of work
 * ({@link org.v1workbench.train.FitPlan}: model x setting x fold x seed x session) that a
 * {@link org.v1workbench.train.FitExecutor} runs here ({@link org.v1workbench.train.LocalFits}),
 * on Apache Spark ({@code org.v1workbench.distributed}) or one by one from a plan file
 * ({@link org.v1workbench.train.FitFiles}), and collects into the same report.
 *
 * <p>Contract: a job with the same request and seed gives the same model (same thread count and
 * nd4j build); a unit of work gives the same predictions wherever it runs; whatever ends a job, the experiment it saves is at an epoch boundary and consistent.
 */
package org.v1workbench.train;
