package org.v1workbench.probe;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.model.FirstLayerKernels;
import org.v1workbench.model.InputGradients;
import org.v1workbench.model.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained experiment (or one network) as the probes see it: responses in the dataset's unit and
 * input gradients by automatic differentiation.
 *
 * <p>Units: the networks predict what the dataset stores (spike counts per response window, or a
 * two-photon signal). {@link #of(Experiment, List, Dataset)} multiplies by the dataset's
 * {@link Dataset#displayScale()}, so every response the probes report (tuning curves, F0, F1,
 * blank, MEI and natural-image responses) is in {@link Dataset#unit()}: Hz for spike counts, as
 * {@link ProbeSettings#defaults()}' label says (rateScale 1), dF/F for a dF/F recording.
 * The window-seconds factories divide by the window (counts to Hz). Gradients are that unit per
 * grey level. OSI, circular variance and F1/F0 do not depend on the unit.
 *
 * <p>Ensembles: a neuron's rate is the mean over the chosen runs that model it (an ensemble of
 * seeds; one run per session for presets without a shared core), exactly as
 * {@link Experiment#predict} averages; its gradient is the mean of the runs' gradients, the
 * gradient of that mean. Each run is differentiated with its best parameters.
 *
 * <p>Batching: {@link #inputGradients} asks each run for all (image, neuron) pairs it covers in
 * one call, {@link #pairedGradients} for all its pairs; {@link InputGradients} does them in
 * backward passes of up to 128 rows.
 */
public final class NetworkResponseModel implements ResponseModel {
    /**
     * One network of the ensemble: for each of its outputs this model's neuron index ({@code column},
     * -1: not probed), and for each of this model's neurons its output index ({@code local}, -1: not in it).
     */
    private record Member(InputGradients net, int[] column, int[] local) {
        static Member of(InputGradients net, int[] column, int neurons) {
            int[] local = new int[neurons];
            java.util.Arrays.fill(local, -1);
            for (int j = 0; j < column.length; j++) if (column[j] >= 0) local[column[j]] = j;
            return new Member(net, column, local);
        }
    }

    private final List<Member> members;
    private final int neurons, height, width;
    private final double scale;
    /** 1 / (number of members that model neuron n). */
    private final double[] share;

    private NetworkResponseModel(List<Member> members, int neurons, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) throw new BadInputException("response scale must be a positive number, not " + scale);
        this.members = List.copyOf(members);
        this.neurons = neurons;
        this.height = members.get(0).net().height();
        this.width = members.get(0).net().width();
        this.scale = scale;
        this.share = new double[neurons];
        int[] count = new int[neurons];
        for (Member m : members)
            for (int c : m.column()) if (c >= 0) count[c]++;
        for (int n = 0; n < neurons; n++) share[n] = 1.0 / count[n];
    }

    /**
     * The experiment's neurons {@code ids} (in that order: this model's neuron n is {@code ids[n]}),
     * rates in Hz for responses counted over {@code windowSeconds}.
     */
    public static NetworkResponseModel of(Experiment e, List<String> ids, double windowSeconds) {
        return scaled(e, ids, 1 / window(windowSeconds));
    }

    /**
     * The experiment's neurons {@code ids} with responses in {@code d}'s unit (its stored values
     * times {@link Dataset#displayScale()}: Hz for spike counts, dF/F for a dF/F recording).
     */
    public static NetworkResponseModel of(Experiment e, List<String> ids, Dataset d) {
        return scaled(e, ids, d.displayScale());
    }

    private static double window(double windowSeconds) {
        if (!(windowSeconds > 0)) throw new BadInputException("response window must be positive, not " + windowSeconds + " s");
        return windowSeconds;
    }

    private static NetworkResponseModel scaled(Experiment e, List<String> ids, double scale) {
        Map<String, Integer> index = new HashMap<>();
        for (int n = 0; n < ids.size(); n++)
            if (index.put(ids.get(n), n) != null) throw new IllegalArgumentException("neuron '" + ids.get(n) + "' listed twice");
        List<Member> members = new ArrayList<>();
        int[] covered = new int[ids.size()];
        for (RunRecord r : e.runs()) {
            TrainedRun t = e.trained().get(r.id());
            if (!r.chosen() || t == null) continue;
            int[] column = new int[r.neurons().size()];
            boolean any = false;
            for (int j = 0; j < column.length; j++) {
                Integer c = index.get(r.neurons().get(j));
                column[j] = c == null ? -1 : c;
                if (c != null) {
                    covered[c]++;
                    any = true;
                }
            }
            if (any) members.add(Member.of(InputGradients.of(t.network(), t.best()), column, ids.size()));
        }
        for (int n = 0; n < ids.size(); n++)
            if (covered[n] == 0)
                throw new BadInputException(e.neurons().contains(ids.get(n))
                        ? "neuron '" + ids.get(n) + "' has no trained network in the experiment (training stopped before its first epoch)"
                        : "neuron '" + ids.get(n) + "' is not one the experiment predicts");
        return new NetworkResponseModel(members, ids.size(), scale);
    }

    /** One network with its current parameters, all its neurons. */
    public static NetworkResponseModel of(Network network, double windowSeconds) {
        int[] column = new int[network.neurons()];
        for (int n = 0; n < column.length; n++) column[n] = n;
        return new NetworkResponseModel(List.of(Member.of(InputGradients.of(network), column, column.length)), column.length,
                1 / window(windowSeconds));
    }

    /** Networks in the ensemble (for reports). */
    public int members() {
        return members.size();
    }

    @Override public int neurons() { return neurons; }
    @Override public int height() { return height; }
    @Override public int width() { return width; }

    @Override
    public double[][] rates(float[] images, int count) {
        double[][] out = new double[count][neurons];
        for (Member m : members) {
            double[] r = m.net().predict(images, count);
            int nn = m.column().length;
            for (int j = 0; j < nn; j++) {
                int c = m.column()[j];
                if (c < 0) continue;
                double f = scale * share[c];
                for (int i = 0; i < count; i++) out[i][c] += f * r[i * nn + j];
            }
        }
        return out;
    }

    /** Runs only the networks that predict the wanted neurons. */
    @Override
    public double[][] rates(float[] images, int count, int[] wanted) {
        double[][] out = new double[count][wanted.length];
        for (Member m : members) {
            double[] r = null;
            int nn = m.column().length;
            for (int q = 0; q < wanted.length; q++) {
                int j = localIndex(m, wanted[q]);
                if (j < 0) continue;
                if (r == null) r = m.net().predict(images, count);
                double f = scale * share[wanted[q]];
                for (int i = 0; i < count; i++) out[i][q] += f * r[i * nn + j];
            }
        }
        return out;
    }

    /** Each network sees only the images whose neuron it predicts. */
    @Override
    public double[] pairedRates(float[] images, int[] wanted) {
        int p = height * width;
        if (images.length != wanted.length * p)
            throw new IllegalArgumentException("images hold " + images.length + " values, not " + wanted.length + " x " + p);
        double[] out = new double[wanted.length];
        for (Member m : members) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < wanted.length; i++) if (localIndex(m, wanted[i]) >= 0) rows.add(i);
            if (rows.isEmpty()) continue;
            float[] batch = new float[rows.size() * p];
            for (int j = 0; j < rows.size(); j++) System.arraycopy(images, rows.get(j) * p, batch, j * p, p);
            double[] r = m.net().predict(batch, rows.size());
            int nn = m.column().length;
            for (int j = 0; j < rows.size(); j++) {
                int i = rows.get(j);
                out[i] += scale * share[wanted[i]] * r[j * nn + localIndex(m, wanted[i])];
            }
        }
        return out;
    }

    @Override
    public float[][] inputGradients(float[] images, int count, int[] wanted) {
        int p = height * width;
        if (images.length != count * p) throw new IllegalArgumentException("images hold " + images.length + " values, not " + count + " x " + p);
        float[][] out = new float[wanted.length][count * p];
        for (Member m : members) {
            List<Integer> qs = new ArrayList<>(), locals = new ArrayList<>();
            for (int q = 0; q < wanted.length; q++) {
                int local = localIndex(m, wanted[q]);
                if (local >= 0) {
                    qs.add(q);
                    locals.add(local);
                }
            }
            if (qs.isEmpty()) continue;
            int k = qs.size(), rows = count * k;
            float[] batch = new float[rows * p];
            int[] neuronOfRow = new int[rows];
            for (int i = 0; i < count; i++)
                for (int j = 0; j < k; j++) {
                    System.arraycopy(images, i * p, batch, (i * k + j) * p, p);
                    neuronOfRow[i * k + j] = locals.get(j);
                }
            float[] g = m.net().gradients(batch, neuronOfRow);
            for (int j = 0; j < k; j++) {
                int q = qs.get(j);
                float f = (float) (scale * share[wanted[q]]);
                float[] dst = out[q];
                for (int i = 0; i < count; i++) {
                    int src = (i * k + j) * p, at = i * p;
                    for (int x = 0; x < p; x++) dst[at + x] += f * g[src + x];
                }
            }
        }
        return out;
    }

    @Override
    public float[] pairedGradients(float[] images, int[] wanted) {
        int p = height * width;
        if (images.length != wanted.length * p)
            throw new IllegalArgumentException("images hold " + images.length + " values, not " + wanted.length + " x " + p);
        float[] out = new float[wanted.length * p];
        for (Member m : members) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < wanted.length; i++) if (localIndex(m, wanted[i]) >= 0) rows.add(i);
            if (rows.isEmpty()) continue;
            float[] batch = new float[rows.size() * p];
            int[] neuronOfRow = new int[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                int i = rows.get(j);
                System.arraycopy(images, i * p, batch, j * p, p);
                neuronOfRow[j] = localIndex(m, wanted[i]);
            }
            float[] g = m.net().gradients(batch, neuronOfRow);
            for (int j = 0; j < rows.size(); j++) {
                int i = rows.get(j);
                float f = (float) (scale * share[wanted[i]]);
                for (int x = 0; x < p; x++) out[i * p + x] += f * g[j * p + x];
            }
        }
        return out;
    }

    /** The first network's first-layer kernels (an ensemble's members learn different filters; one is shown). */
    @Override
    public Optional<Kernels> firstLayerKernels() {
        Optional<FirstLayerKernels> k = members.get(0).net().firstLayerKernels();
        return k.map(f -> new Kernels(f.weights(), f.filters(), f.height(), f.width()));
    }

    private static int localIndex(Member m, int neuron) {
        return m.local()[neuron];
    }
}
