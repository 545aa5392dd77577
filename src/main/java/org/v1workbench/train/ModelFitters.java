package org.v1workbench.train;

import org.v1workbench.data.BadInputException;
import org.v1workbench.model.PixelRidge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The models the benchmark can cross-validate, by name. */
public final class ModelFitters {
    private ModelFitters() {}

    private static Map<String, CrossValidation.Fitter> fitters() {
        Map<String, CrossValidation.Fitter> m = new LinkedHashMap<>();
        m.put("ridge", (session, fold, seed) -> PixelRidge.fit(session, fold.train(), fold.validation()).predict(session, fold.test()));
        for (String preset : org.v1workbench.model.Presets.names())
            m.put(preset, (session, fold, seed) -> PresetFitter.fitAndPredict(preset, session, fold, seed));
        return m;
    }

    public static CrossValidation.Fitter forModel(String name) {
        CrossValidation.Fitter f = fitters().get(name);
        if (f == null) throw new BadInputException("--models: unknown model '" + name + "' (available: " + String.join(", ", fitters().keySet()) + ")");
        return f;
    }

    /** For picocli's completion candidates and help text. */
    public static final class Names extends ArrayList<String> {
        public Names() {
            super(fitters().keySet());
        }
    }
}
