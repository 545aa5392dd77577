package org.v1workbench.ui.common;

import org.v1workbench.figure.Units;
import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.probe.PixelStats;
import org.v1workbench.probe.ProbeSettings;
import org.v1workbench.probe.ResponseModel;

import java.util.List;

/**
 * The test-tier predictions of an experiment and what is derived from them, all in the dataset's
 * {@link #unit()} (stored values times its display scale: Hz for spike counts, dF/F for a dF/F
 * recording): the inspector computes it, and the filter view shows the same experiment with it
 * (scores, response model, pixel statistics).
 *
 * @param meanLevels each neuron's mean response over the test images and their repeats, in the unit
 */
public record Evaluation(OpenExperiment source, ResponseModel model, boolean exactGradients, int[] testImages, double[][] predicted,
                         double[][] recorded, List<NeuronScore> scores, int[] datasetIndex, double[][] allPredicted,
                         double[] meanLevels, PixelStats stats) {
    public int neuronCount() {
        return scores.size();
    }

    /** The dataset image the model predicts highest for neuron n (where a most exciting input starts if noise cannot). */
    public float[] bestNaturalImage(int n) {
        return source.dataset().stimulus(org.v1workbench.probe.MostExcitingInput.bestNatural(allPredicted, n));
    }

    /** The unit of every response here: the dataset's. */
    public String unit() {
        return source.dataset().unit();
    }

    /**
     * The settings of the model views' probes: the probe command's, lighter where gradients are by
     * finite differences, with figures labelled in {@code unit} (the response model is already in it).
     */
    public static ProbeSettings probeSettings(boolean exactGradients, String unit) {
        return ProbeSettings.defaults().toBuilder().noiseImages(0).gradientImages(exactGradients ? 200 : 2)
                .meiSteps(exactGradients ? 200 : 0).topImages(3).rateLabel(Units.axis(unit)).build();
    }
}
