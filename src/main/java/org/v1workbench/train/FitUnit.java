package org.v1workbench.train;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One fit of a cross-validated comparison, the unit of work that a thread, a Spark task or a
 * Slurm array job runs: entry {@code entry} of its {@link FitPlan} (called {@code label} in
 * reports and progress: model {@code model} with
 * {@code settings}) fitted to the neurons of {@code group} (a session, or
 * {@link CrossValidation#ALL_SESSIONS}) on fold {@code fold} of the {@code folds} folds drawn with
 * {@code foldSeed}, as ensemble member {@code member}. Self-contained, so that it runs anywhere
 * the dataset can be read, and serializable for Spark.
 *
 * @param settings the model's hyperparameters as given to {@link ModelFitters#foldFitter} (no
 *                 {@code ensemble}: the members are units of their own)
 */
public record FitUnit(int index, int entry, String label, String model, SortedMap<String, String> settings, String group, int folds, int fold,
                      long foldSeed, int member) implements Serializable {
    private static final long serialVersionUID = 1L;

    public FitUnit {
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }

    public FitUnit(int index, int entry, String label, String model, Map<String, String> settings, String group, int folds, int fold,
                   long foldSeed, int member) {
        this(index, entry, label, model, new TreeMap<>(settings), group, folds, fold, foldSeed, member);
    }

    /**
     * The model's seed: the plan's seed plus the fold's index, as the benchmark has always
     * seeded a fold, plus the member's index, as {@code train} seeds an ensemble's members.
     */
    public long seed() {
        return foldSeed + fold + member;
    }
}
