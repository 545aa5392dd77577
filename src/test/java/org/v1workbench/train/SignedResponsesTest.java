package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.metrics.Metrics;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models follow the kind of responses: a signed signal (here z-scored counts) trains with squared
 * error and an output that goes negative, and the saved configuration names that loss; spike
 * counts train exactly as before (loss = auto is Poisson, bit for bit).
 */
class SignedResponsesTest {
    /** The responses of {@code d} z-scored per neuron over all images and repeats, declared as such. */
    static Dataset zScored(Dataset d) {
        float[] r = d.responsesArray();
        int nn = d.neuronCount();
        double[] sum = new double[nn], sq = new double[nn];
        long[] k = new long[nn];
        for (int i = 0; i < r.length; i++)
            if (!Float.isNaN(r[i])) { sum[i % nn] += r[i]; sq[i % nn] += (double) r[i] * r[i]; k[i % nn]++; }
        for (int i = 0; i < r.length; i++) {
            int n = i % nn;
            double mean = sum[n] / k[n], sd = Math.sqrt(sq[n] / k[n] - mean * mean);
            r[i] = (float) ((r[i] - mean) / sd);
        }
        return d.toBuilder().responses(r, d.repeats(), nn).responseKind(ResponseKind.ZSCORE).build();
    }

    static Experiment train(Dataset d, Map<String, String> settings) throws Exception {
        ModelConfig c = Presets.config("ln", settings, 3);
        return JobRunner.fresh(new TrainingRequest(d, c, List.of(), 1, null), new TrainingJob()).run();
    }

    @Test
    void aZScoredSignalTrainsWithSquaredErrorAndASignedOutput() throws Exception {
        Dataset counts = PlantedData.make(160, 12, 4, 4, 11).dataset();
        Dataset z = zScored(counts);
        Experiment e = train(z, Map.of("max_epochs", "40", "patience", "10", "batch_size", "20"));
        assertEquals("mse", e.config().text("loss"), "loss = auto resolved for a signed signal, as config.json records it");

        int[] test = z.tiers().indices(Tier.TEST);
        double[][] pred = e.predict(z, test);
        double[][] means = z.meanResponses();
        double min = Double.POSITIVE_INFINITY, r = 0;
        for (int n = 0; n < z.neuronCount(); n++) {
            double[] p = new double[test.length], y = new double[test.length];
            for (int k = 0; k < test.length; k++) {
                p[k] = pred[k][n];
                y[k] = means[test[k]][n];
                min = Math.min(min, p[k]);
            }
            r += Metrics.pearson(p, y) / z.neuronCount();
        }
        assertTrue(min < -0.3, "a linear output reaches the signal's negative values, lowest prediction " + min);
        assertTrue(r > 0.5, "the z-scored neurons are predicted (mean test r " + r + ")");

        // The validation loss reported is the squared error of the predictions, computed here.
        int[] val = z.tiers().indices(Tier.VALIDATION);
        HistoryRow last = e.history().get(e.history().size() - 1);
        assertTrue(Double.isFinite(last.validationLoss()));
        double[][] vp = e.predict(z, val);
        double mse = 0;
        int count = 0;
        for (int k = 0; k < val.length; k++)
            for (int n = 0; n < z.neuronCount(); n++) {
                double d = vp[k][n] - means[val[k]][n];
                mse += d * d;
                count++;
            }
        assertTrue(mse / count < 1.0, "squared error below the signal's variance (1): " + mse / count);
    }

    @Test
    void poissonOnASignedSignalIsRefusedWithTheReason() {
        Dataset z = zScored(PlantedData.make(40, 8, 2, 2, 1).dataset());
        BadInputException ex = assertThrows(BadInputException.class,
                () -> new TrainingRequest(z, Presets.config("kindel2019", Map.of("loss", "poisson"), 1), null));
        assertTrue(ex.getMessage().contains("loss=poisson") && ex.getMessage().contains("negative"), ex.getMessage());
        // squared error on counts stays allowed (an override)
        Dataset counts = PlantedData.make(40, 8, 2, 2, 1).dataset();
        assertEquals("mse", new TrainingRequest(counts, Presets.config("ln", Map.of("loss", "mse"), 1), null).config().text("loss"));
    }

    @Test
    void spikeCountsTrainAsBeforeWithAutoMeaningPoisson() throws Exception {
        Dataset counts = PlantedData.make(80, 10, 3, 2, 5).dataset();
        Map<String, String> s = Map.of("max_epochs", "3", "batch_size", "20");
        Experiment auto = train(counts, s);
        assertEquals("auto", Presets.config("ln", 3).text("loss"), "the default");
        assertEquals("poisson", auto.config().text("loss"));
        Map<String, String> explicit = new java.util.HashMap<>(s);
        explicit.put("loss", "poisson");
        Experiment poisson = train(counts, explicit);
        int[] test = counts.tiers().indices(Tier.TEST);
        double[][] a = auto.predict(counts, test), b = poisson.predict(counts, test);
        for (int k = 0; k < test.length; k++) assertArrayEquals(b[k], a[k], 0.0, "image " + test[k]);
        for (double[] row : a) for (double v : row) assertTrue(v > 0, "a positive output for counts: " + v);
    }
}
