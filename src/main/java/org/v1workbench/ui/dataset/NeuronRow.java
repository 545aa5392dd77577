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
    private final double meanRateHz;
    private final ReadOnlyDoubleWrapper ccMax = new ReadOnlyDoubleWrapper(this, "ccMax", Double.NaN);
    private final ReadOnlyDoubleWrapper imageRateHz = new ReadOnlyDoubleWrapper(this, "imageRateHz", Double.NaN);

    public NeuronRow(int index, String id, String session, String cellType, double meanRateHz) {
        this.index = index;
        this.id = id;
        this.session = session;
        this.cellType = cellType;
        this.meanRateHz = meanRateHz;
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

    /** Mean rate over all images and repeats, in Hz. */
    public double meanRateHz() {
        return meanRateHz;
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

    /** Trial-mean rate evoked by the image in focus, in Hz. */
    public ReadOnlyDoubleProperty imageRateHzProperty() {
        return imageRateHz.getReadOnlyProperty();
    }

    public double imageRateHz() {
        return imageRateHz.get();
    }

    void setImageRateHz(double v) {
        imageRateHz.set(v);
    }

    @Override
    public String toString() {
        return id;
    }
}
