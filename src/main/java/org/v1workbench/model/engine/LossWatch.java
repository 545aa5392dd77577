package org.v1workbench.model.engine;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Reads each training batch's loss as SameDiff computes it and hands it on. SameDiff
 * 1.0.0-M2.1 does not compute the loss's value while training (its gradient does not need it)
 * and reports 0; a "training evaluation" of the loss variable ({@link #probe}, which evaluates
 * nothing) makes the loss part of each iteration's outputs, where this listener reads it.
 */
final class LossWatch extends BaseListener {
    final LossProbe probe = new LossProbe();
    private final String lossName;
    private final DoubleConsumer batchDone;
    private double last = Double.NaN;
    /** The loss of the last batch done. */
    double lastLoss = Double.NaN;

    /** {@code batchDone}: called after each batch with its loss (data term and penalties, not weight decay). */
    LossWatch(String lossName, DoubleConsumer batchDone) {
        this.lossName = lossName;
        this.batchDone = batchDone;
    }

    @Override public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName, INDArray activation) {
        if (lossName.equals(varName)) last = activation.getDouble(0);
    }

    @Override public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        double l = last;
        last = Double.NaN;
        batchDone(l);
    }

    /** One batch done, with its loss. */
    void batchDone(double l) {
        lastLoss = l;
        batchDone.accept(l);
    }

    /** The no-op "evaluation" that makes SameDiff compute the loss during training. */
    @SuppressWarnings("rawtypes")
    static final class LossProbe implements org.nd4j.evaluation.IEvaluation {
        @Override public void eval(INDArray labels, INDArray predictions) {}
        @Override public void eval(INDArray labels, INDArray predictions, List recordMetaData) { eval(labels, predictions); }
        @Override public void eval(INDArray labels, INDArray predictions, INDArray mask, List recordMetaData) { eval(labels, predictions); }
        @Override public void eval(INDArray labels, INDArray predictions, INDArray mask) { eval(labels, predictions); }
        @Override public void evalTimeSeries(INDArray labels, INDArray predicted) { eval(labels, predicted); }
        @Override public void evalTimeSeries(INDArray labels, INDArray predicted, INDArray mask) { eval(labels, predicted); }
        @Override public void merge(org.nd4j.evaluation.IEvaluation other) {}
        @Override public void reset() {}
        @Override public String stats() { return ""; }
        @Override public String toJson() { return "{}"; }
        @Override public String toYaml() { return ""; }
        @Override public double getValue(org.nd4j.evaluation.IMetric metric) { return Double.NaN; }
        @Override public org.nd4j.evaluation.IEvaluation newInstance() { return this; }
    }
}
