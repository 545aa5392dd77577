package org.v1workbench.ui.training;

import org.jfree.data.xy.XYSeries;

/**
 * The learning curves of one training run, per epoch: training and validation loss, and the
 * validation score ({@code metric}: cc_norm, or cc_abs where the data have no repeats). Several
 * runs of one experiment (sessions, ensemble members) share its {@code key} and colour.
 *
 * <p>The series are JFreeChart data; change and read them on the JavaFX thread only (the training
 * panel copies them for its charts, which are drawn on threads of their own).
 */
public final class RunCurves {
    private final String key, label, run;
    private final int colour;
    private final XYSeries trainLoss, validationLoss, validationCc;
    private String metric;

    RunCurves(String key, String label, String run, int colour, String metric) {
        this.key = key;
        this.label = label;
        this.run = run;
        this.colour = colour;
        this.metric = metric;
        trainLoss = new XYSeries(label + " (training)", false, true);
        validationLoss = new XYSeries(label, false, true);
        validationCc = new XYSeries(label, false, true);
    }

    /** Which experiment (or live job) the run belongs to. */
    public String key() { return key; }
    /** The legend label. */
    public String label() { return label; }
    /** The run's id within its experiment. */
    public String run() { return run; }
    public int colour() { return colour; }
    public String metric() { return metric; }
    public XYSeries trainLoss() { return trainLoss; }
    public XYSeries validationLoss() { return validationLoss; }
    public XYSeries validationCc() { return validationCc; }

    void add(int epoch, double train, double validation, double cc, String metric) {
        if (metric != null) this.metric = metric;
        if (Double.isFinite(train)) trainLoss.addOrUpdate(epoch, train);
        if (Double.isFinite(validation)) validationLoss.addOrUpdate(epoch, validation);
        if (Double.isFinite(cc)) validationCc.addOrUpdate(epoch, cc);
    }

    /** Number of epochs with a validation score. */
    public int epochs() {
        return validationCc.getItemCount();
    }
}
