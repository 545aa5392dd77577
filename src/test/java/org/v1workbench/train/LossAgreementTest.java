package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The validation loss a run reports is the loss it trains on: for each choice of {@code loss},
 * the history's validation loss equals the graph's own loss on the validation images and an
 * independent computation of that loss from the predictions.
 */
class LossAgreementTest {
    @Test
    void mseAndPoissonValidationLossesAreTheTrainingLoss() throws Exception {
        Dataset data = PlantedData.make(120, 16, 5, 4, 7).dataset();
        int[] val = data.tiers().indices(Tier.VALIDATION);
        double[][] means = data.meanResponses();
        double[] reported = new double[2];
        String[] kinds = {"mse", "poisson"};
        for (int k = 0; k < 2; k++) {
            // kindel2019 has no penalty terms in its loss (weight decay acts on the gradient), so the graph's loss is its data term
            ModelConfig c = Presets.config("kindel2019", Map.of("loss", kinds[k], "max_epochs", "1", "conv1_size", "5",
                    "conv2_size", "3", "dense", "16", "dropout", "0"), 3);
            Experiment e = JobRunner.fresh(new TrainingRequest(data, c, List.of(), 1, null), new TrainingJob()).run();
            List<HistoryRow> h = e.history().stream().filter(r -> r.epoch() == 1).toList();
            assertEquals(2, h.size(), "one run per session");
            for (HistoryRow row : h) {
                TrainedRun run = e.trained().get(row.run());
                Network net = run.network();
                int[] neurons = e.runs().stream().filter(r -> r.id().equals(row.run())).findFirst().orElseThrow()
                        .neurons().stream().mapToInt(id -> indexOf(data, id)).toArray();
                int hw = data.height() * data.width(), nn = neurons.length;
                float[] px = new float[val.length * hw], lab = new float[val.length * nn], w = new float[val.length * nn];
                for (int i = 0; i < val.length; i++) {
                    System.arraycopy(data.stimulus(val[i]), 0, px, i * hw, hw);
                    for (int j = 0; j < nn; j++) {
                        double m = means[val[i]][neurons[j]];
                        lab[i * nn + j] = Double.isNaN(m) ? 0 : (float) m;
                        w[i * nn + j] = Double.isNaN(m) ? 0 : 1;
                    }
                }
                float[] pred = net.predict(px, val.length);
                double independent = 0, count = 0;
                for (int i = 0; i < pred.length; i++) {
                    if (w[i] == 0) continue;
                    double r = pred[i], y = lab[i];
                    independent += kinds[k].equals("mse") ? (r - y) * (r - y) : r - y * Math.log(r + 1e-8);
                    count++;
                }
                independent /= count;
                double graph = net.loss(px, val.length, lab, w);
                assertEquals(independent, row.validationLoss(), 1e-5 * Math.max(1, Math.abs(independent)), kinds[k] + " history");
                assertEquals(independent, graph, 1e-4 * Math.max(1, Math.abs(independent)), kinds[k] + " graph");
                reported[k] += row.validationLoss();
            }
        }
        assertNotEquals(reported[0], reported[1], 1e-3, "mse and Poisson report different numbers");
    }

    @Test
    void earlyStoppingScoresTheValidationImagesWithTheChosenMetric() throws Exception {
        Dataset data = PlantedData.make(120, 16, 4, 4, 8).dataset();
        int[] val = data.tiers().indices(Tier.VALIDATION);
        for (String metric : new String[]{"cc_abs", "cc_norm"}) {
            ModelConfig c = Presets.config("kindel2019", Map.of("stop_on", metric, "max_epochs", "1", "conv1_size", "5",
                    "conv2_size", "3", "dense", "16", "dropout", "0", "shared_core", "true"), 3);
            Experiment e = JobRunner.fresh(new TrainingRequest(data, c, List.of(), 1, null), new TrainingJob()).run();
            HistoryRow row = e.history().get(0);
            assertEquals(metric, row.validationMetric());
            assertEquals(metric, e.validationMetric());
            double[][] p = e.predict(data, val);
            double sum = 0;
            for (int n = 0; n < data.neuronCount(); n++) {
                double[] a = new double[val.length];
                double[][] reps = new double[val.length][];
                double[] means = new double[val.length];
                for (int k = 0; k < val.length; k++) {
                    a[k] = p[k][n];
                    reps[k] = data.repeatsOf(n)[val[k]];
                    means[k] = data.meanResponses()[val[k]][n];
                }
                sum += metric.equals("cc_abs") ? org.v1workbench.metrics.Metrics.ccAbs(a, means) : org.v1workbench.metrics.Metrics.ccNorm(a, reps);
            }
            assertEquals(sum / data.neuronCount(), row.validationCc(), 1e-5, metric);
        }
        // saved before the choice existed (and upgraded when read): CC_norm where there are repeats, as those runs were trained
        assertEquals("cc_norm", JobRunner.validationMetric(new ModelConfig("kindel2019", new java.util.TreeMap<>(), 0).upgraded(), data));
    }

    private static int indexOf(Dataset d, String id) {
        for (int i = 0; i < d.neuronCount(); i++) if (d.neuron(i).id().equals(id)) return i;
        throw new AssertionError(id);
    }
}
