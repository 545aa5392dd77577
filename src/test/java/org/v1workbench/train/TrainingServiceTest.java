package org.v1workbench.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.Outcome;
import org.v1workbench.metrics.Metrics;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;
import org.v1workbench.model.NetworkSpec;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training service on a tiny dataset with a planted linear-nonlinear ground truth. */
class TrainingServiceTest {
    static PlantedData.Planted planted;
    static Dataset data;
    static TrainingService service;

    @BeforeAll
    static void setUp() {
        planted = PlantedData.make(200, 16, 6, 4, 42);
        data = planted.dataset();
        service = new TrainingService();
    }

    @AfterAll
    static void tearDown() {
        service.close();
    }

    /** A small core-readout that fits 16x16 images: conv 5x5x4, conv 3x3x4, readout on 10x10. */
    static ModelConfig smallCore(long seed, int maxEpochs) {
        return Presets.config("core-readout", Map.of("filters", "4", "first_size", "5", "layers", "2", "batch_size", "32",
                "max_epochs", Integer.toString(maxEpochs), "patience", "1000", "lr", "0.01", "laplace", "0.001"), seed);
    }

    static double[] meanTestCc(Experiment e, boolean shuffled) {
        int[] test = data.tiers().indices(Tier.TEST);
        double[][] p = e.predict(data, test);
        double[][] means = data.meanResponses();
        int[] cols = e.neuronIndices(data);
        List<Integer> perm = new ArrayList<>();
        for (int k = 0; k < test.length; k++) perm.add(k);
        Collections.shuffle(perm, new Random(5));
        double[] out = new double[cols.length];
        for (int c = 0; c < cols.length; c++) {
            double[] a = new double[test.length], b = new double[test.length];
            for (int k = 0; k < test.length; k++) {
                a[k] = p[k][c];
                b[k] = means[test[shuffled ? perm.get(k) : k]][cols[c]];
            }
            out[c] = Metrics.pearson(a, b);
        }
        return out;
    }

    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    @Test
    void learnsThePlantedTruth() throws Exception {
        ModelConfig ln = Presets.config("ln", Map.of("max_epochs", "50", "patience", "10", "lr", "0.03"), 1);
        Experiment e = service.start(new TrainingRequest(data, ln, List.of("A"), 1, null)).await();
        assertEquals(List.of("n1", "n2", "n3"), e.neurons());
        assertEquals(3, e.runs().size(), "three smoothness candidates");
        assertEquals(1, e.runs().stream().filter(RunRecord::chosen).count());
        // Early stopping restored the best weights: the final model's validation score is the best one recorded.
        RunRecord chosen = e.runs().stream().filter(RunRecord::chosen).findFirst().orElseThrow();
        assertEquals(Outcome.EARLY_STOPPED, chosen.outcome(), chosen.reason());
        assertTrue(chosen.bestEpoch() < chosen.epochs());
        int[] val = data.tiers().indices(Tier.VALIDATION);
        double[][] pv = e.predict(data, val);
        double sum = 0;
        boolean norm = e.validationMetric().equals("cc_norm");
        assertEquals(JobRunner.validationMetric(e.config(), data), e.validationMetric());
        for (int c = 0; c < 3; c++) {
            double[] p = new double[val.length], means = new double[val.length];
            double[][] reps = new double[val.length][];
            for (int k = 0; k < val.length; k++) {
                p[k] = pv[k][c];
                reps[k] = data.repeatsOf(c)[val[k]];
                means[k] = data.meanResponses()[val[k]][c];
            }
            sum += norm ? Metrics.ccNorm(p, reps) : Metrics.ccAbs(p, means);
        }
        assertEquals(chosen.bestScore(), sum / 3, 1e-6);

        double cc = mean(meanTestCc(e, false)), control = mean(meanTestCc(e, true));
        assertTrue(cc > 0.6, "test CC " + cc);
        assertTrue(Math.abs(control) < 0.25, "shuffled control " + control);

        Experiment core = service.start(new TrainingRequest(data, smallCore(1, 40), null)).await();
        assertEquals(1, core.runs().size(), "core-readout shares its core across both sessions");
        double coreCc = mean(meanTestCc(core, false));
        assertTrue(coreCc > 0.5 && coreCc > mean(meanTestCc(core, true)) + 0.4, "core-readout test CC " + coreCc);
    }

    @Test
    void restoreRoundsGoBackToTheBestWeightsAndTrainOnAsSensoriumsEarlyStoppingDoes() throws Exception {
        Map<String, String> fast = Map.of("filters", "4", "first_size", "5", "layers", "2", "batch_size", "32", "max_epochs", "300",
                "patience", "2", "lr", "0.05", "laplace", "0.001");
        Experiment once = service.start(new TrainingRequest(data, Presets.config("core-readout", fast, 3), null)).await();
        Map<String, String> rounds = new java.util.HashMap<>(fast);
        rounds.put("restore_rounds", "3");
        Experiment thrice = service.start(new TrainingRequest(data, Presets.config("core-readout", rounds, 3), null)).await();
        org.v1workbench.experiment.RunRecord a = once.runs().get(0), b = thrice.runs().get(0);
        assertEquals(org.v1workbench.experiment.Outcome.EARLY_STOPPED, a.outcome());
        assertEquals(0, a.restores());
        assertEquals(org.v1workbench.experiment.Outcome.EARLY_STOPPED, b.outcome());
        assertEquals(2, b.restores(), "patience ran out three times: two restores, then the stop");
        assertTrue(b.epochs() >= a.epochs() + 2 * 2, "each further round trains at least patience epochs: " + a.epochs() + " then " + b.epochs());
        // Up to the first time patience ran out the two runs are the same run.
        for (int k = 0; k < a.epochs(); k++)
            assertEquals(once.history().get(k).trainLoss(), thrice.history().get(k).trainLoss(), 0.0, "epoch " + (k + 1));
        // The epoch after the restore trains from the best weights, not from the last ones: its loss is not the one-round run's next.
        assertTrue(b.bestScore() >= a.bestScore());
        assertEquals(b.bestScore(), thrice.history().stream().mapToDouble(h -> h.validationCc()).max().orElseThrow(), 0.0);
    }

    @Test
    void eventsComeFromTheTrainingThreadAndListenersCanLeave() throws Exception {
        List<TrainingEvent> all = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<TrainingEvent> leaver = new CopyOnWriteArrayList<>();
        TrainingJob job = service.start(new TrainingRequest(data, smallCore(2, 6), null));
        TrainingListener[] self = new TrainingListener[1];
        self[0] = ev -> {
            leaver.add(ev);
            if (ev instanceof TrainingEvent.Epoch) job.removeListener(self[0]);
        };
        job.addListener(self[0]);
        job.addListener(ev -> {
            all.add(ev);
            threads.add(Thread.currentThread().getName());
        });
        job.await();
        long epochs = all.stream().filter(ev -> ev instanceof TrainingEvent.Epoch).count();
        assertEquals(6, epochs);
        assertInstanceOf(TrainingEvent.End.class, all.get(all.size() - 1));
        assertEquals(1, leaver.size(), "removed after its first event");
        assertFalse(threads.contains(Thread.currentThread().getName()));
        assertTrue(threads.stream().allMatch("v1-training"::equals), threads.toString());
        TrainingEvent.Epoch first = (TrainingEvent.Epoch) all.stream().filter(ev -> ev instanceof TrainingEvent.Epoch).findFirst().orElseThrow();
        assertEquals(org.v1workbench.model.Hyperparameters.find("stop_on").defaultValue(), first.validationMetric(),
                "the planted data have 4 repeats: the default early-stopping score");
        assertTrue(first.imagesPerSecond() > 0 && first.trainLoss() > 0 && first.learningRate() == 0.01);
    }

    /**
     * Cancel is checked before every batch: after {@link TrainingJob#cancel} returns at most one
     * more epoch ends (the one whose last batch was already running), and the run ends there as
     * cancelled. Asserted on the order of the events, not on times, which a loaded machine stretches.
     */
    @Test
    void cancelEndsTheRunWithinAnEpochAndLeavesAResumableExperiment(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("exp");
        TrainingJob job = service.start(new TrainingRequest(data, smallCore(3, 100_000), List.of(), 1, out));
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch epochs = new CountDownLatch(2);
        job.addListener(ev -> {
            events.add(ev);
            if (ev instanceof TrainingEvent.Epoch) epochs.countDown();
        });
        assertTrue(epochs.await(120, TimeUnit.SECONDS));
        job.cancel();
        int epochAtCancel = lastEpoch(events).epoch();
        Experiment e = job.await();
        List<TrainingEvent> all = List.copyOf(events);
        TrainingEvent.Epoch last = lastEpoch(all);
        assertTrue(last.epoch() <= epochAtCancel + 1, "epoch " + last.epoch() + " ended; epoch " + epochAtCancel + " before cancel returned");
        // The last epoch, then the run's end and the job's end, both cancelled; the run counts the epochs that ended.
        assertEquals(List.of(last), all.subList(all.size() - 3, all.size() - 2), all.toString());
        TrainingEvent.RunEnd runEnd = assertInstanceOf(TrainingEvent.RunEnd.class, all.get(all.size() - 2));
        assertEquals(Outcome.CANCELLED, runEnd.outcome());
        assertEquals(last.epoch(), runEnd.epochs());
        assertEquals(Outcome.CANCELLED, assertInstanceOf(TrainingEvent.End.class, all.get(all.size() - 1)).outcome());
        assertEquals(Outcome.CANCELLED, e.outcome());
        assertTrue(e.resumable());
        Experiment back = Experiment.load(out);
        assertEquals(Outcome.CANCELLED, back.outcome());
        RunRecord r = back.runs().get(0);
        assertEquals(RunRecord.Status.STOPPED, r.status());
        assertEquals(back.history().size(), r.epochs(), "history ends at the saved epoch");
        int[] test = data.tiers().indices(Tier.TEST);
        assertArrayEquals(flat(e.predict(data, test)), flat(back.predict(data, test)));
    }

    static TrainingEvent.Epoch lastEpoch(List<TrainingEvent> events) {
        return events.stream().filter(ev -> ev instanceof TrainingEvent.Epoch).map(ev -> (TrainingEvent.Epoch) ev)
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void resumingACancelledRunEqualsTrainingWithoutInterruption(@TempDir Path dir) throws Exception {
        Experiment straight = service.start(new TrainingRequest(data, smallCore(4, 6), null)).await();
        Path out = dir.resolve("exp");
        TrainingJob job = service.start(new TrainingRequest(data, smallCore(4, 6), List.of(), 1, out));
        job.addListener(ev -> {
            if (ev instanceof TrainingEvent.Epoch p && p.epoch() == 3) job.cancel();
        });
        Experiment cut = job.await();
        assertEquals(Outcome.CANCELLED, cut.outcome());
        assertEquals(3, cut.runs().get(0).epochs());
        Experiment resumed = service.resume(out, data).await();
        assertEquals(Outcome.FINISHED, resumed.outcome());
        assertEquals(6, resumed.runs().get(0).epochs());
        assertEquals(6, resumed.history().size());
        int[] test = data.tiers().indices(Tier.TEST);
        assertArrayEquals(flat(straight.predict(data, test)), flat(resumed.predict(data, test)));
        for (int i = 0; i < 6; i++)
            assertEquals(straight.history().get(i).trainLoss(), resumed.history().get(i).trainLoss(), "train loss of epoch " + (i + 1));
    }

    @Test
    void sameSeedSameModelOtherSeedOther() throws Exception {
        int[] test = data.tiers().indices(Tier.TEST);
        float[] a = flat(service.start(new TrainingRequest(data, smallCore(7, 4), null)).await().predict(data, test));
        float[] b = flat(service.start(new TrainingRequest(data, smallCore(7, 4), null)).await().predict(data, test));
        float[] c = flat(service.start(new TrainingRequest(data, smallCore(8, 4), null)).await().predict(data, test));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void learningRateDropsAfterEpochsWithoutImprovement() throws Exception {
        // Responses shuffled across images: nothing to learn, so the validation score rarely improves.
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < data.images(); i++) perm.add(i);
        Collections.shuffle(perm, new Random(1));
        float[] resp = data.responsesArray(), shuffled = new float[resp.length];
        int block = data.repeats() * data.neuronCount();
        for (int i = 0; i < data.images(); i++) System.arraycopy(resp, perm.get(i) * block, shuffled, i * block, block);
        Dataset noise = data.toBuilder().responses(shuffled, data.repeats(), data.neuronCount()).build();
        ModelConfig c = Presets.config("core-readout", Map.of("filters", "2", "first_size", "5", "layers", "2", "batch_size", "64",
                "max_epochs", "10", "patience", "1000", "lr_decay", "0.5", "lr_patience", "1", "lr", "0.01"), 3);
        Experiment e = service.start(new TrainingRequest(noise, c, null)).await();
        List<org.v1workbench.experiment.HistoryRow> h = e.history();
        assertEquals(10, h.size());
        double best = Double.NEGATIVE_INFINITY;
        int drops = 0;
        for (int i = 0; i + 1 < h.size(); i++) {
            boolean improved = h.get(i).validationCc() > best;
            if (improved) best = h.get(i).validationCc();
            double expected = improved ? h.get(i).learningRate() : Math.max(1e-5, h.get(i).learningRate() * 0.5);
            assertEquals(expected, h.get(i + 1).learningRate(), 1e-15, "epoch " + (i + 2));
            if (!improved) drops++;
        }
        assertTrue(drops >= 2, "learning rate dropped " + drops + " times");
    }

    @Test
    void anEnsembleAveragesItsMembers() throws Exception {
        Experiment e = service.start(new TrainingRequest(data, smallCore(20, 3), List.of(), 2, null)).await();
        assertEquals(2, e.runs().size());
        assertEquals(List.of(20L, 21L), e.runs().stream().map(RunRecord::seed).toList());
        int[] test = data.tiers().indices(Tier.TEST);
        float[] px = new float[test.length * 256];
        for (int k = 0; k < test.length; k++) System.arraycopy(data.stimulus(test[k]), 0, px, k * 256, 256);
        float[] a = e.trained().get(e.runs().get(0).id()).predict(px, test.length);
        float[] b = e.trained().get(e.runs().get(1).id()).predict(px, test.length);
        assertFalse(java.util.Arrays.equals(a, b));
        double[][] mean = e.predict(data, test);
        for (int k = 0; k < test.length; k++)
            for (int j = 0; j < 6; j++) assertEquals((a[k * 6 + j] + b[k * 6 + j]) / 2.0, mean[k][j], 1e-6);
    }

    @Test
    void divergenceIsCaughtAndTheLastGoodWeightsKept() throws Exception {
        ModelConfig wild = Presets.config("ln", Map.of("lr", "1e6", "output", "exp", "max_epochs", "5"), 9);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingJob job = service.start(new TrainingRequest(data, wild, List.of("B"), 1, null));
        job.addListener(events::add);
        Experiment e = job.await();
        assertEquals(Outcome.DIVERGED, e.outcome(), e.reason());
        assertTrue(e.reason().contains("diverged"), e.reason());
        int[] test = data.tiers().indices(Tier.TEST);
        for (double[] row : e.predict(data, test)) for (double v : row) assertTrue(Double.isFinite(v));
        // Diverged in its first epoch, each candidate kept its initial weights: the chosen run predicts as a fresh network.
        RunRecord chosen = e.runs().stream().filter(RunRecord::chosen).findFirst().orElseThrow();
        assertEquals(Outcome.DIVERGED, chosen.outcome());
        assertEquals(0, chosen.epochs());
        int[] train = data.tiers().indices(Tier.TRAIN);
        int[] neurons = e.neuronIndices(data);
        float[] px = new float[train.length * 256], resp = new float[train.length * neurons.length];
        double[][] means = data.meanResponses();
        for (int k = 0; k < train.length; k++) {
            System.arraycopy(data.stimulus(train[k]), 0, px, k * 256, 256);
            for (int j = 0; j < neurons.length; j++) resp[k * neurons.length + j] = (float) means[train[k]][neurons[j]];
        }
        Network fresh = Network.create(wild.with(chosen.overrides()).withSeed(chosen.seed()),
                NetworkSpec.of(px, train.length, 16, 16, resp, neurons.length));
        float[] tpx = new float[test.length * 256];
        for (int k = 0; k < test.length; k++) System.arraycopy(data.stimulus(test[k]), 0, tpx, k * 256, 256);
        float[] expected = fresh.predict(tpx, test.length);
        double[][] got = e.predict(data, test);
        for (int k = 0; k < test.length; k++)
            for (int j = 0; j < neurons.length; j++) assertEquals(expected[k * neurons.length + j], got[k][j], 1e-6);
        assertTrue(events.stream().anyMatch(ev -> ev instanceof TrainingEvent.RunEnd r && r.outcome() == Outcome.DIVERGED));
    }

    @Test
    void badRequestsFailOnTheCallersThread() {
        assertThrows(BadInputException.class, () -> service.start(new TrainingRequest(data, smallCore(1, 1), List.of("C"), 1, null)));
        assertThrows(BadInputException.class, () -> service.start(new TrainingRequest(data, smallCore(1, 1), List.of(), 0, null)));
        Dataset noTrain = data.toBuilder().tiers(org.v1workbench.data.Tiers.of(
                java.util.stream.IntStream.range(0, 200).mapToObj(i -> i % 2 == 0 ? Tier.VALIDATION : Tier.TEST).toArray(Tier[]::new))).build();
        BadInputException e = assertThrows(BadInputException.class, () -> service.start(new TrainingRequest(noTrain, smallCore(1, 1), null)));
        assertTrue(e.getMessage().contains("train tier"), e.getMessage());
        assertNotEquals(null, e.getMessage());
    }

    static float[] flat(double[][] m) {
        float[] f = new float[m.length * (m.length == 0 ? 0 : m[0].length)];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[i].length; j++) f[i * m[i].length + j] = (float) m[i][j];
        return f;
    }
}
