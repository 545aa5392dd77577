package org.v1workbench.ui.common;

import javafx.scene.control.TableCell;

import java.util.Locale;

/** Number cells of the workbench's tables (the neuron table, the experiments table). */
public final class TableCells {
    private TableCells() {}

    /** A table cell showing a number with {@code decimals} decimals, blank where it is NaN (unknown). */
    public static <S> TableCell<S, Number> decimalCell(int decimals) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || Double.isNaN(v.doubleValue()) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v.doubleValue()));
            }
        };
    }

    /** Numeric order with NaN (unknown) after every number. */
    public static int compareNaNLast(double a, double b) {
        if (Double.isNaN(a)) return Double.isNaN(b) ? 0 : 1;
        if (Double.isNaN(b)) return -1;
        return Double.compare(a, b);
    }
}
