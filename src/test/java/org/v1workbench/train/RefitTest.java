package org.v1workbench.train;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.HistoryRow;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;
import org.v1workbench.model.NetworkSpec;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code refit=true}: after early stopping, the network kept is a fresh one of the same seed
 * trained on the training and validation images together for the best epoch count, with the
 * learning rate each of those epochs had; the run's validation score stays the first fit's.
 */
class RefitTest {
    static final Map<String, String> SMALL = Map.of("max_epochs", "6", "conv1_size", "5", "conv2_size", "3", "dense", "16",
            "dropout", "0.2", "shared_core", "true", "lr_decay", "0.5", "lr_patience", "1", "lr", "0.003");

    static Experiment train(Dataset data, boolean refit) throws Exception {
        Map<String, String> s = new java.util.HashMap<>(SMALL);
        s.put("refit", Boolean.toString(refit));
        ModelConfig c = Presets.config("kindel2019", s, 5);
        return JobRunner.fresh(new TrainingRequest(data, c, List.of(), 1, null), new TrainingJob()).run();
    }

    @Test
    void theKeptNetworkIsTrainedAfreshOnTrainingAndValidationImagesForTheBestEpochCount() throws Exception {
        Dataset data = PlantedData.make(150, 16, 4, 4, 9).dataset();
        Experiment refit = train(data, true), plain = train(data, false);
        RunRecord run = refit.runs().get(0), first = plain.runs().get(0);
        int best = run.bestEpoch();
        assertTrue(best >= 1, "best epoch " + best);
        assertEquals(first.bestEpoch(), best, "the first fit is the same with and without refit");
        assertEquals(first.bestScore(), run.bestScore(), 0, "the validation score is the first fit's");
        assertTrue(run.reason().contains("refit on the") && run.reason().contains(best + " epochs"), run.reason());

        // The same refit, written out here: train + validation images in tier order, the run's seed and rates.
        int[] train = data.tiers().indices(Tier.TRAIN), val = data.tiers().indices(Tier.VALIDATION), test = data.tiers().indices(Tier.TEST);
        int[] both = java.util.stream.IntStream.concat(java.util.Arrays.stream(train), java.util.Arrays.stream(val)).toArray();
        int hw = data.height() * data.width(), nn = data.neuronCount();
        double[][] means = data.meanResponses();
        float[] px = new float[both.length * hw], y = new float[both.length * nn];
        for (int k = 0; k < both.length; k++) {
            System.arraycopy(data.stimulus(both[k]), 0, px, k * hw, hw);
            for (int j = 0; j < nn; j++) y[k * nn + j] = (float) means[both[k]][j];
        }
        ModelConfig c = refit.config().withSeed(run.seed());
        Network net = Network.create(c, NetworkSpec.of(px, both.length, data.height(), data.width(), y, nn));
        Network.TrainingSet set = Network.TrainingSet.of(px, y, both.length);
        List<HistoryRow> h = refit.history();
        for (int k = 0; k < best; k++) {
            net.setLearningRate(h.get(k).learningRate());
            net.trainEpoch(set, JobRunner.epochSeed(run.seed(), k), () -> false, false);
        }
        assertTrue(h.get(best - 1).learningRate() < h.get(0).learningRate() || best < 3, "the rates replayed include a decay");
        float[] tpx = new float[test.length * hw];
        for (int k = 0; k < test.length; k++) System.arraycopy(data.stimulus(test[k]), 0, tpx, k * hw, hw);
        float[] expected = net.predict(tpx, test.length);
        double[][] got = refit.predict(data, test), firstFit = plain.predict(data, test);
        double differs = 0;
        for (int i = 0; i < test.length; i++)
            for (int j = 0; j < nn; j++) {
                assertEquals(expected[i * nn + j], got[i][j], 1e-5 * (1 + Math.abs(expected[i * nn + j])), "image " + i + ", neuron " + j);
                differs = Math.max(differs, Math.abs(got[i][j] - firstFit[i][j]));
            }
        assertTrue(differs > 1e-3, "the refit network predicts differently from the first fit: " + differs);

        // The refit run keeps its first fit in memory, which predicts as the plain run does; a plain run is its own first fit.
        var keptRun = refit.trained().get(run.id());
        assertTrue(keptRun.holdsFirstFit());
        assertNotSame(keptRun.network(), keptRun.firstFit().network());
        assertFalse(plain.trained().get(first.id()).holdsFirstFit());
        double[][] byFirstFit = refit.predictWithFirstFits(data, test);
        for (int i = 0; i < test.length; i++) assertArrayEquals(firstFit[i], byFirstFit[i], 0, "test image " + i);
        for (int i = 0; i < test.length; i++) assertArrayEquals(firstFit[i], plain.predictWithFirstFits(data, test)[i], 0);
    }

    /** A sweep chooses on validation images: with refit they are scored by the first fit, which never trained on them. */
    @Test
    void aSweepScoresValidationImagesWithTheFirstFit() throws Exception {
        Dataset data = PlantedData.make(105, 16, 3, 4, 11).dataset();
        CrossValidation.Fold fold = CrossValidation.folds(data.images(), 7, 0)[2];
        Map<String, String> s = new java.util.HashMap<>(SMALL);
        s.put("refit", "true");
        CrossValidation.FoldPredictions refit = PresetFitter.fit("kindel2019", s, 1, data, fold, 4, true);
        s.put("refit", "false");
        CrossValidation.FoldPredictions first = PresetFitter.fit("kindel2019", s, 1, data, fold, 4, true);
        double testDiffers = 0;
        for (int i = 0; i < fold.validation().length; i++) assertArrayEquals(first.validation()[i], refit.validation()[i], 0, "validation image " + i);
        for (int i = 0; i < fold.test().length; i++)
            for (int j = 0; j < 3; j++) testDiffers = Math.max(testDiffers, Math.abs(first.test()[i][j] - refit.test()[i][j]));
        assertTrue(testDiffers > 1e-3, "the test images are predicted by the refit network: " + testDiffers);
    }
}
