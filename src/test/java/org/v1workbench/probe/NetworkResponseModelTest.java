package org.v1workbench.probe;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.model.InputGradients;
import org.v1workbench.model.PlantedData;
import org.v1workbench.model.Presets;
import org.v1workbench.train.TrainingRequest;
import org.v1workbench.train.TrainingService;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The adapter from a trained experiment to the probes' {@link ResponseModel}, on kindel2019 trained
 * briefly as an ensemble of 2 seeds on a two-session dataset (so one network per session and
 * seed: 4 networks, each neuron in 2 of them). Checked against independent computations: the
 * experiment's own predictions divided by the window (Hz), each network's gradients averaged by
 * hand, and the probe package's finite-difference default.
 */
class NetworkResponseModelTest {
    static final double WINDOW = 0.1;
    static Dataset data;
    static Experiment experiment;
    static NetworkResponseModel model;

    @BeforeAll
    static void train() throws Exception {
        data = PlantedData.make(60, 16, 4, 2, 3).dataset();
        assertEquals(WINDOW, data.windowSeconds());
        var config = Presets.config("kindel2019", Map.of("conv1_filters", "4", "conv1_size", "3", "conv2_filters", "6",
                "conv2_size", "3", "dense", "16", "batch_size", "16", "max_epochs", "2", "lr", "0.003"), 4);
        try (TrainingService service = new TrainingService()) {
            experiment = service.start(new TrainingRequest(data, config, List.of(), 2, null)).await();
        }
        assertEquals(4, experiment.runs().stream().filter(RunRecord::chosen).count(), "2 sessions x 2 seeds");
        model = NetworkResponseModel.of(experiment, experiment.neurons(), WINDOW);
    }

    static float[] images(int... idx) {
        int p = data.height() * data.width();
        float[] out = new float[idx.length * p];
        for (int k = 0; k < idx.length; k++) System.arraycopy(data.stimulus(idx[k]), 0, out, k * p, p);
        return out;
    }

    @Test
    void ratesAreTheExperimentsPredictionsInHz() {
        int[] idx = {0, 5, 17, 33, 59};
        double[][] counts = experiment.predict(data, idx);
        double[][] hz = model.rates(images(idx), idx.length);
        assertEquals(4, model.members());
        for (int i = 0; i < idx.length; i++)
            for (int n = 0; n < 4; n++) assertEquals(counts[i][n] / WINDOW, hz[i][n], 1e-5 * Math.abs(counts[i][n] / WINDOW) + 1e-9);
    }

    /** Built from the dataset, the model is in its unit: Hz for spike counts (as above), the stored values for dF/F. */
    @Test
    void fromTheDatasetTheModelIsInTheDatasetsUnit() {
        int[] idx = {0, 17, 59};
        double[][] counts = experiment.predict(data, idx);
        double[][] hz = NetworkResponseModel.of(experiment, experiment.neurons(), data).rates(images(idx), idx.length);
        Dataset dff = data.toBuilder().responseKind(org.v1workbench.data.ResponseKind.DFF).build();
        double[][] asStored = NetworkResponseModel.of(experiment, experiment.neurons(), dff).rates(images(idx), idx.length);
        for (int i = 0; i < idx.length; i++)
            for (int n = 0; n < 4; n++) {
                assertEquals(counts[i][n] / WINDOW, hz[i][n], 1e-5 * Math.abs(counts[i][n] / WINDOW) + 1e-9);
                assertEquals(counts[i][n], asStored[i][n], 1e-5 * Math.abs(counts[i][n]) + 1e-9, "dF/F: not divided by the window");
            }
    }

    @Test
    void ratesOfSomeNeuronsAndPairedRatesAreTheFullRatesColumns() {
        int p = data.height() * data.width();
        float[] x = images(1, 2, 3);
        double[][] full = model.rates(x, 3);
        int[] some = {3, 1};
        double[][] part = model.rates(x, 3, some);
        for (int i = 0; i < 3; i++)
            for (int q = 0; q < 2; q++) assertEquals(full[i][some[q]], part[i][q], 1e-9 * Math.abs(full[i][some[q]]));
        int[] paired = {0, 3, 2};
        double[] pr = model.pairedRates(x, paired);
        for (int i = 0; i < 3; i++) assertEquals(full[i][paired[i]], pr[i], 1e-9 * Math.abs(full[i][paired[i]]));
        assertEquals(p * 3, x.length);
    }

    @Test
    void gradientsAreTheEnsembleMeanOfEachNetworksAutodiffGradientInHz() {
        int p = data.height() * data.width();
        float[] x = images(7, 21);
        int[] neurons = {3, 0, 2};
        float[][] got = model.inputGradients(x, 2, neurons);
        for (int q = 0; q < neurons.length; q++) {
            String id = experiment.neurons().get(neurons[q]);
            double[] expected = new double[2 * p];
            int members = 0;
            for (RunRecord r : experiment.runs()) {
                int local = r.neurons().indexOf(id);
                if (!r.chosen() || local < 0) continue;
                TrainedRun t = experiment.trained().get(r.id());
                float[] g = InputGradients.of(t.network(), t.best()).gradients(x, new int[] {local, local});
                for (int k = 0; k < g.length; k++) expected[k] += g[k] / WINDOW;
                members++;
            }
            assertEquals(2, members, id + " is in one session, so in its 2 seeds' networks");
            double scale = 0;
            for (double v : expected) scale = Math.max(scale, Math.abs(v / members));
            assertTrue(scale > 0);
            for (int k = 0; k < 2 * p; k++) assertEquals(expected[k] / members, got[q][k], 1e-5 * scale, id + " pixel " + k);
        }
    }

    @Test
    void autodiffAgreesWithTheFiniteDifferenceDefault() {
        float[] x = images(11);
        int[] all = {0, 1, 2, 3};
        float[][] ad = model.inputGradients(x, 1, all);
        float[][] fd = FiniteDifferences.gradients(model, x, 1, all);
        for (int q = 0; q < all.length; q++) {
            double num = 0, den = 0;
            for (int k = 0; k < x.length; k++) {
                num += (ad[q][k] - fd[q][k]) * (ad[q][k] - fd[q][k]);
                den += fd[q][k] * fd[q][k];
            }
            // float32 rates differenced over a step of 1e-3 of the pixel range: a few 1e-4 relative
            assertTrue(Math.sqrt(num / den) < 5e-3, "neuron " + q + ": relative error " + Math.sqrt(num / den));
        }
    }

    @Test
    void pairedGradientsAreTheMatchingRowsOfTheFullGradients() {
        int p = data.height() * data.width();
        float[] x = images(2, 40, 41);
        int[] neurons = {1, 3, 1};
        float[] paired = model.pairedGradients(x, neurons);
        for (int i = 0; i < 3; i++) {
            float[] one = model.inputGradients(Arrays.copyOfRange(x, i * p, (i + 1) * p), 1, new int[] {neurons[i]})[0];
            assertArrayEquals(one, Arrays.copyOfRange(paired, i * p, (i + 1) * p), 1e-5f * max(one));
        }
    }

    @Test
    void aSubsetOfNeuronsKeepsItsOrder() {
        String a = experiment.neurons().get(2), b = experiment.neurons().get(0);
        NetworkResponseModel sub = NetworkResponseModel.of(experiment, List.of(a, b), WINDOW);
        assertEquals(2, sub.neurons());
        float[] x = images(3, 9);
        double[][] full = model.rates(x, 2), part = sub.rates(x, 2);
        for (int i = 0; i < 2; i++) {
            assertEquals(full[i][2], part[i][0], 1e-9 * Math.abs(full[i][2]));
            assertEquals(full[i][0], part[i][1], 1e-9 * Math.abs(full[i][0]));
        }
        assertArrayEquals(model.inputGradients(x, 2, new int[] {2})[0], sub.inputGradients(x, 2, new int[] {0})[0]);
        BadInputException e = assertThrows(BadInputException.class, () -> NetworkResponseModel.of(experiment, List.of("nope"), WINDOW));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void filtersAreTheFirstNetworksFirstLayer() {
        Kernels k = model.firstLayerKernels().orElseThrow();
        assertEquals(4, k.filters());
        assertEquals(3, k.height());
        assertEquals(3, k.width());
        RunRecord first = experiment.runs().stream().filter(RunRecord::chosen).findFirst().orElseThrow();
        var w = experiment.trained().get(first.id()).network().graph().getVariable("conv1_w").getArr();  // YXIO
        assertEquals(w.getFloat(1, 2, 0, 3), k.kernel(3)[1 * 3 + 2]);
    }

    static float max(float[] v) {
        float m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }
}
