package org.v1workbench.ui.common;

import org.v1workbench.metrics.NeuronScore;
import org.v1workbench.probe.PixelStats;
import org.v1workbench.probe.ProbeSettings;
import org.v1workbench.probe.ResponseModel;

import java.util.List;

/**
 * The test-tier predictions of an experiment and what is derived from them, all rates in Hz: the
 * inspector computes it, and the filter view shows the same experiment with it (scores, response
 * model, pixel statistics).
 */
public record Evaluation(OpenExperiment source, ResponseModel model, boolean exactGradients, int[] testImages, double[][] predictedHz,
                         double[][] recordedHz, List<NeuronScore> scores, int[] datasetIndex, double[][] allPredictedHz,
                         PixelStats stats) {
    public int neuronCount() {
        return scores.size();
    }

    /** The settings of the model views' probes: the probe command's, lighter where gradients are by finite differences. */
    public static ProbeSettings probeSettings(boolean exactGradients) {
        return ProbeSettings.defaults().toBuilder().noiseImages(0).gradientImages(exactGradients ? 200 : 2)
                .meiSteps(exactGradients ? 200 : 0).topImages(3).build();
    }
}
