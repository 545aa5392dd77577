/**
 * Experiments on disk: one trained model (per session, per ensemble member) with its
 * configuration, dataset identity and library versions, history, metrics, test-tier predictions
 * and scores, written atomically and read back to predict identically
 * ({@link org.v1workbench.experiment.Experiment} documents the folder); a model configuration in a
 * file of its own ({@link org.v1workbench.experiment.ConfigFile}, for {@code train --config}); a
 * sweep's settings as experiment folders without a model
 * ({@link org.v1workbench.experiment.SettingFolder}: scores, the folds' learning curves, and which
 * sweep and setting, {@link org.v1workbench.experiment.SweepSetting}), which the lists of
 * experiments read.
 */
package org.v1workbench.experiment;
