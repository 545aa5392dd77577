package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Presets;

import java.util.List;

/**
 * Fits a preset on one cross-validation fold for the benchmark: the fold's images become the
 * train, validation (early stopping, validation search) and test tiers, training runs exactly as
 * {@code train} would (on the calling thread, no experiment folder), and the test images are
 * predicted by the best weights.
 */
final class PresetFitter {
    private PresetFitter() {}

    static double[][] fitAndPredict(String preset, java.util.Map<String, String> settings, int ensemble, Dataset session,
                                    CrossValidation.Fold fold, long seed) throws Exception {
        return fit(preset, settings, ensemble, session, fold, seed, false).test();
    }

    /** As {@link #fitAndPredict}, with the fold's validation images predicted too where {@code validation} (else null). */
    static CrossValidation.FoldPredictions fit(String preset, java.util.Map<String, String> settings, int ensemble, Dataset session,
                                               CrossValidation.Fold fold, long seed, boolean validation) throws Exception {
        int used = fold.train().length + fold.validation().length + fold.test().length;
        if (used < session.images()) {
            // A fold of some of the images (a nested benchmark's inner fold): the fit is given those
            // images alone, the others (the outer test images) never reach it.
            int[] keep = java.util.stream.IntStream.concat(java.util.stream.IntStream.concat(java.util.Arrays.stream(fold.train()),
                    java.util.Arrays.stream(fold.validation())), java.util.Arrays.stream(fold.test())).sorted().distinct().toArray();
            CrossValidation.Fold within = new CrossValidation.Fold(fold.index(), positions(keep, fold.train()), positions(keep, fold.validation()),
                    positions(keep, fold.test()));
            return fit(preset, settings, ensemble, session.selectImages(keep), within, seed, validation);
        }
        Tier[] t = new Tier[session.images()];
        for (int i : fold.train()) t[i] = Tier.TRAIN;
        for (int i : fold.validation()) t[i] = Tier.VALIDATION;
        for (int i : fold.test()) t[i] = Tier.TEST;
        Dataset d = session.toBuilder().tiers(Tiers.of(t)).build();
        ModelConfig c = Presets.config(preset, settings, seed);
        TrainingRequest request = new TrainingRequest(d, c, List.of(), ensemble, null);
        TrainingService.check(request);
        Experiment e = JobRunner.fresh(request, new TrainingJob()).run();
        // A refit network was trained on the validation images too: they are scored with the first
        // fit, so that a sweep chooses on images its scored network has not seen.
        double[][] val = validation ? e.predictWithFirstFits(d, fold.validation()) : null;
        return new CrossValidation.FoldPredictions(val, e.predict(d, fold.test()), chosenHistory(e));
    }

    /** The positions in {@code keep} (ascending) of {@code images}, in their order. */
    private static int[] positions(int[] keep, int[] images) {
        int[] out = new int[images.length];
        for (int k = 0; k < images.length; k++) out[k] = java.util.Arrays.binarySearch(keep, images[k]);
        return out;
    }

    /** The learning curves of the runs that predict (a validation search's chosen candidates; every run where none was chosen). */
    static List<HistoryRow> chosenHistory(Experiment e) {
        java.util.Set<String> chosen = new java.util.HashSet<>();
        for (RunRecord r : e.runs()) if (r.chosen()) chosen.add(r.id());
        if (chosen.isEmpty()) return e.history();
        return e.history().stream().filter(h -> chosen.contains(h.run())).toList();
    }
}
