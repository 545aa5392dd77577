package org.v1workbench.train;

import org.v1workbench.data.BadInputException;
import org.v1workbench.model.PixelRidge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The models the benchmark can cross-validate, by name. */
public final class ModelFitters {
    private ModelFitters() {}

    private static Map<String, CrossValidation.Fitter> fitters(Map<String, String> settings) {
        Map<String, CrossValidation.Fitter> m = new LinkedHashMap<>();
        m.put("ridge", (session, fold, seed) -> PixelRidge.fit(session, fold.train(), fold.validation()).predict(session, fold.test()));
        int ensemble = ensemble(settings);
        for (org.v1workbench.model.Preset preset : org.v1workbench.model.Presets.all()) {
            Map<String, String> own = settingsOf(preset, settings);
            m.put(preset.name(), (session, fold, seed) -> PresetFitter.fitAndPredict(preset.name(), own, ensemble, session, fold, seed));
        }
        return m;
    }

    /** The benchmark's {@code --set} settings that {@code preset} has (the others are meant for other presets). */
    static Map<String, String> settingsOf(org.v1workbench.model.Preset preset, Map<String, String> settings) {
        Map<String, String> own = new LinkedHashMap<>(settings);
        own.keySet().retainAll(preset.defaults().keySet());
        return own;
    }

    /** The benchmark's own setting beside the presets' hyperparameters: the members of an ensemble of seeds. */
    public static final String ENSEMBLE = "ensemble";

    /** {@code ensemble=K} in {@code settings}: each preset fit as the mean of K networks of seeds s, s+1, ... (1 when absent). */
    static int ensemble(Map<String, String> settings) {
        String v = settings.get(ENSEMBLE);
        if (v == null) return 1;
        try {
            int k = Integer.parseInt(v.trim());
            if (k >= 1) return k;
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadInputException("--set ensemble must be a whole number of at least 1, not '" + v + "'");
    }

    private static Map<String, CrossValidation.Fitter> fitters() {
        return fitters(Map.of());
    }

    public static CrossValidation.Fitter forModel(String name) {
        return forModel(name, Map.of());
    }

    /**
     * As {@link #forModel(String)}, with hyperparameters set on the presets that have them (e.g.
     * {@code max_epochs} on all, {@code laplace} on core-readout); a key no preset has is a
     * BadInputException.
     */
    public static CrossValidation.Fitter forModel(String name, Map<String, String> settings) {
        for (String key : settings.keySet())
            if (!key.equals(ENSEMBLE) && org.v1workbench.model.Presets.all().stream().noneMatch(p -> p.defaults().containsKey(key)))
                throw new BadInputException("--set: no model preset has a hyperparameter '" + key + "'");
        CrossValidation.Fitter f = fitters(settings).get(name);
        if (f == null) throw new BadInputException("--models: unknown model '" + name + "' (available: " + String.join(", ", fitters().keySet()) + ")");
        return f;
    }

    /**
     * True for a model whose core is shared across sessions (core-readout): the benchmark fits it
     * once per fold to all sessions, as {@code train} does, instead of once per session.
     */
    public static boolean fitsAcrossSessions(String name) {
        return fitsAcrossSessions(name, Map.of());
    }

    /** As {@link #fitsAcrossSessions(String)}, with the benchmark's {@code --set} settings (kindel2019's {@code shared_core}). */
    public static boolean fitsAcrossSessions(String name, Map<String, String> settings) {
        if (!org.v1workbench.model.Presets.names().contains(name)) return false;
        org.v1workbench.model.Preset p = org.v1workbench.model.Presets.get(name);
        return p.sharesAcrossSessions(org.v1workbench.model.Presets.config(name, settingsOf(p, settings), 0));
    }

    /**
     * The fitter of model {@code name} that predicts each fold's validation images as well as its
     * test images: one fit of a benchmark's or a sweep's unit of work. {@code settings} as for
     * {@link #forModel(String, Map)}; an {@code ensemble} there is fitted inside this one fitter
     * (plans split it into one unit per member instead: {@link FitPlan}).
     */
    public static CrossValidation.FoldFitter foldFitter(String name, Map<String, String> settings) {
        forModel(name, settings); // the same checks and messages
        if (name.equals("ridge"))
            return (session, fold, seed) -> {
                PixelRidge.Fit fit = PixelRidge.fit(session, fold.train(), fold.validation());
                return new CrossValidation.FoldPredictions(fit.predict(session, fold.validation()), fit.predict(session, fold.test()));
            };
        Map<String, String> own = settingsOf(org.v1workbench.model.Presets.get(name), settings);
        int ensemble = ensemble(settings);
        return (session, fold, seed) -> PresetFitter.fit(name, own, ensemble, session, fold, seed, true);
    }

    /** Whether {@code name} is a preset (its fits take a seed and may be an ensemble of seeds) rather than ridge. */
    static boolean isPreset(String name) {
        return org.v1workbench.model.Presets.names().contains(name);
    }

    /** For picocli's completion candidates and help text. */
    public static final class Names extends ArrayList<String> {
        public Names() {
            super(fitters().keySet());
        }
    }
}
