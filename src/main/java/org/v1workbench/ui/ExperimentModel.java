package org.v1workbench.ui;

import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.model.Network;
import org.v1workbench.probe.ResponseModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained experiment as the probes see it, rates in Hz: each neuron's rate is the mean over the
 * chosen runs that model it (as {@link Experiment#predict} averages), divided by the response
 * window; its input gradient is the mean of those runs' gradients (the gradient of that mean),
 * by automatic differentiation through each run's network ({@link Network#inputGradients}) with
 * its best parameters. Gradients are in Hz per grey level.
 */
final class ExperimentModel implements ResponseModel {
    private record Member(TrainedRun run, int[] column) {}

    private final List<Member> members = new ArrayList<>();
    private final int neurons, height, width;
    private final double scale;
    private final int[] count;

    /** The experiment's neurons in its own order; responses counted over {@code windowSeconds}. */
    ExperimentModel(Experiment e, double windowSeconds) {
        List<String> ids = e.neurons();
        Map<String, Integer> index = new HashMap<>();
        for (int n = 0; n < ids.size(); n++) index.put(ids.get(n), n);
        neurons = ids.size();
        count = new int[neurons];
        for (RunRecord r : e.runs()) {
            TrainedRun t = e.trained().get(r.id());
            if (!r.chosen() || t == null) continue;
            int[] column = new int[r.neurons().size()];
            for (int j = 0; j < column.length; j++) {
                column[j] = index.get(r.neurons().get(j));
                count[column[j]]++;
            }
            members.add(new Member(t, column));
        }
        height = e.dataset().height();
        width = e.dataset().width();
        scale = 1 / windowSeconds;
    }

    /** Images per backward pass: every pass has this shape (the last padded), so SameDiff reuses its arrays. */
    static final int CHUNK = 32;

    /** True: gradients by automatic differentiation (fast enough for receptive fields on many images and ascents). */
    boolean exactGradients() {
        return true;
    }

    @Override
    public float[][] inputGradients(float[] images, int count, int[] neurons) {
        int p = height * width;
        float[][] out = new float[neurons.length][count * p];
        for (int q = 0; q < neurons.length; q++) {
            int n = neurons[q];
            for (Member m : members) {
                int j = columnOf(m, n);
                if (j < 0) continue;
                int[] cols = new int[count];
                java.util.Arrays.fill(cols, j);
                float[] g = gradients(m, images, count, cols);
                double f = scale / this.count[n];
                for (int k = 0; k < g.length; k++) out[q][k] += (float) (g[k] * f);
            }
        }
        return out;
    }

    @Override
    public float[] pairedGradients(float[] images, int[] neurons) {
        int p = height * width, k = neurons.length;
        float[] out = new float[k * p];
        for (Member m : members) {
            int[] cols = new int[k];
            boolean any = false;
            for (int i = 0; i < k; i++) {
                cols[i] = columnOf(m, neurons[i]);
                any |= cols[i] >= 0;
            }
            if (!any) continue;
            float[] g = gradients(m, images, k, cols);
            for (int i = 0; i < k; i++) {
                if (cols[i] < 0) continue;
                double f = scale / this.count[neurons[i]];
                for (int x = 0; x < p; x++) out[i * p + x] += (float) (g[i * p + x] * f);
            }
        }
        return out;
    }

    private static int columnOf(Member m, int neuron) {
        for (int j = 0; j < m.column().length; j++) if (m.column()[j] == neuron) return j;
        return -1;
    }

    /**
     * Row i: the gradient of the run's predicted count for output {@code cols[i]} (none where -1)
     * at image i, in chunks of {@link #CHUNK} with the best parameters.
     */
    private float[] gradients(Member m, float[] images, int count, int[] cols) {
        int p = height * width, nn = m.column().length;
        float[] out = new float[count * p];
        Network net = m.run().network();
        synchronized (net) {
            Network.State current = m.run().resumable() ? net.snapshot() : null;
            try {
                if (current != null) net.restore(m.run().best());
                float[] in = new float[CHUNK * p], w = new float[CHUNK * nn];
                for (int start = 0; start < count; start += CHUNK) {
                    int c = Math.min(CHUNK, count - start);
                    java.util.Arrays.fill(in, 0);
                    java.util.Arrays.fill(w, 0);
                    System.arraycopy(images, start * p, in, 0, c * p);
                    for (int i = c; i < CHUNK; i++) System.arraycopy(images, start * p, in, i * p, p);   // padding rows, weight 0
                    for (int i = 0; i < c; i++) if (cols[start + i] >= 0) w[i * nn + cols[start + i]] = 1;
                    float[] g = net.inputGradients(in, CHUNK, w);
                    System.arraycopy(g, 0, out, start * p, c * p);
                }
            } finally {
                if (current != null) net.restore(current);
            }
        }
        return out;
    }

    @Override public int neurons() { return neurons; }
    @Override public int height() { return height; }
    @Override public int width() { return width; }

    @Override
    public double[][] rates(float[] images, int count) {
        double[][] out = new double[count][neurons];
        for (Member m : members) {
            float[] p = m.run().predict(images, count);
            int nn = m.column().length;
            for (int k = 0; k < count; k++)
                for (int j = 0; j < nn; j++) out[k][m.column()[j]] += p[k * nn + j];
        }
        for (int k = 0; k < count; k++)
            for (int n = 0; n < neurons; n++) out[k][n] = this.count[n] == 0 ? Double.NaN : out[k][n] * scale / this.count[n];
        return out;
    }
}
