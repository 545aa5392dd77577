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
 * {@code foldSeed}, as ensemble member {@code member}; or, where {@code innerFolds > 0} (a nested
 * benchmark's inner cross-validation), on inner fold {@code inner} of that outer fold
 * ({@link CrossValidation#innerFolds}). Self-contained, so that it runs anywhere the dataset can
 * be read, and serializable for Spark.
 *
 * @param settings the model's hyperparameters as given to {@link ModelFitters#foldFitter} (no
 *                 {@code ensemble}: the members are units of their own)
 */
public record FitUnit(int index, int entry, String label, String model, SortedMap<String, String> settings, String group, int folds, int fold,
                      long foldSeed, int member, int innerFolds, int inner) implements Serializable {
    private static final long serialVersionUID = 2L;

    public FitUnit {
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        if (innerFolds < 0 || (innerFolds > 0 && (inner < 0 || inner >= innerFolds)) || (innerFolds == 0 && inner != 0))
            throw new IllegalArgumentException("inner fold " + inner + " of " + innerFolds);
    }

    /** A fit on an outer fold (no inner cross-validation). */
    public FitUnit(int index, int entry, String label, String model, SortedMap<String, String> settings, String group, int folds, int fold,
                   long foldSeed, int member) {
        this(index, entry, label, model, settings, group, folds, fold, foldSeed, member, 0, 0);
    }

    public FitUnit(int index, int entry, String label, String model, Map<String, String> settings, String group, int folds, int fold,
                   long foldSeed, int member) {
        this(index, entry, label, model, new TreeMap<>(settings), group, folds, fold, foldSeed, member, 0, 0);
    }

    /** Whether this is a fit of a nested benchmark's inner cross-validation. */
    public boolean isInner() {
        return innerFolds > 0;
    }

    /**
     * The images this unit trains, stops early on and predicts, of a dataset of {@code images}
     * images: its outer fold, or its inner fold of that outer fold.
     */
    public CrossValidation.Fold foldOf(int images) {
        return isInner() ? CrossValidation.innerFolds(images, folds, foldSeed, fold, innerFolds)[inner]
                : CrossValidation.folds(images, folds, foldSeed)[fold];
    }

    /**
     * The model's seed: the plan's seed plus the fold's index, as the benchmark has always
     * seeded a fold, plus the member's index, as {@code train} seeds an ensemble's members. An
     * inner fit is seeded as its outer fold's fit (only its images differ).
     */
    public long seed() {
        return foldSeed + fold + member;
    }
}
