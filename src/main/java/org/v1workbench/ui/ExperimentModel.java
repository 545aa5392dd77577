package org.v1workbench.ui;

import org.v1workbench.experiment.Experiment;
import org.v1workbench.experiment.RunRecord;
import org.v1workbench.experiment.TrainedRun;
import org.v1workbench.probe.ResponseModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained experiment as the probes see it, rates in Hz: each neuron's rate is the mean over the
 * chosen runs that model it (as {@link Experiment#predict} averages), divided by the response
 * window. Input gradients come from {@link ResponseModel}'s finite-difference default: correct
 * but slow (two model evaluations per pixel), so the views ask for few of them
 * ({@link #exactGradients()} is false).
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

    /** False: gradients are by central differences here (the autodiff adapter is not in this build yet). */
    boolean exactGradients() {
        return false;
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
