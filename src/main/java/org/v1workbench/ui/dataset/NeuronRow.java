package org.v1workbench.ui.dataset;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * One row of the neuron table: what is known of the neuron when the dataset opens (id, session,
 * ground-truth cell type, mean rate), plus values that arrive later or change with the selection
 * (CC_max, computed in the background; the rate evoked by the image in focus). NaN = not known.
 */
public final class NeuronRow {
    private final int index;
    private final String id;
    private final String session;
    private final String cellType;
    private final double meanLevel;
    private final ReadOnlyDoubleWrapper ccMax = new ReadOnlyDoubleWrapper(this, "ccMax", Double.NaN);
    private final ReadOnlyDoubleWrapper imageLevel = new ReadOnlyDoubleWrapper(this, "imageLevel", Double.NaN);

    public NeuronRow(int index, String id, String session, String cellType, double meanLevel) {
        this.index = index;
        this.id = id;
        this.session = session;
        this.cellType = cellType;
        this.meanLevel = meanLevel;
    }

    /** The neuron's index in the dataset (column of the responses array). */
    public int index() {
        return index;
    }

    public String id() {
        return id;
    }

    public String session() {
        return session;
    }

    /** Ground truth cell type ({@code cell_type} in neurons.csv), or null when unknown. */
    public String cellType() {
        return cellType;
    }

    /** Mean response over all images and repeats, in the dataset's unit (the mean rate in Hz for spike counts). */
    public double meanLevel() {
        return meanLevel;
    }

    public ReadOnlyDoubleProperty ccMaxProperty() {
        return ccMax.getReadOnlyProperty();
    }

    public double ccMax() {
        return ccMax.get();
    }

    void setCcMax(double v) {
        ccMax.set(v);
    }

    /** Trial-mean response to the image in focus, in the dataset's unit. */
    public ReadOnlyDoubleProperty imageLevelProperty() {
        return imageLevel.getReadOnlyProperty();
    }

    public double imageLevel() {
        return imageLevel.get();
    }

    void setImageLevel(double v) {
        imageLevel.set(v);
    }

    @Override
    public String toString() {
        return id;
    }
}
