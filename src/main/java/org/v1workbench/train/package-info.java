/**
 * Training in the background: {@link org.v1workbench.train.TrainingService} runs jobs on its own
 * thread for the command line and the window alike, with events per epoch and at the end,
 * early stopping on the validation tier (best weights restored), learning-rate decay on plateau,
 * cancel within a batch, divergence caught, and resumable experiments; also the benchmarks
 * (k-fold cross-validation of models, training throughput).
 *
 * <p>Contract: a job with the same request and seed gives the same model (same thread count and
 * nd4j build); whatever ends a job, the experiment it saves is at an epoch boundary and consistent.
 */
package org.v1workbench.train;
