package org.v1workbench.train;

import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.metrics.Metrics;

/** Scores of an experiment's neurons, computed here from its predictions (not through Scoring). */
final class TrainingServiceTestSupport {
    private TrainingServiceTestSupport() {}

    /** Pearson r of each of the experiment's neurons on {@code images}, against the trial means. */
    static double[] ccPerNeuron(Experiment e, Dataset d, int[] images) {
        double[][] p = e.predict(d, images);
        int[] idx = e.neuronIndices(d);
        double[][] means = d.meanResponses();
        double[] out = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            double[] a = new double[images.length], b = new double[images.length];
            for (int k = 0; k < images.length; k++) {
                a[k] = p[k][j];
                b[k] = means[images[k]][idx[j]];
            }
            out[j] = Metrics.ccAbs(a, b);
        }
        return out;
    }
}
