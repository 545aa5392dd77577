/**
 * Experiments on disk: one trained model (per session, per ensemble member) with its
 * configuration, dataset identity and library versions, history, metrics, test-tier predictions
 * and scores, written atomically and read back to predict identically
 * ({@link org.v1workbench.experiment.Experiment} documents the folder).
 */
package org.v1workbench.experiment;
