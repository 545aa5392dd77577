package org.v1workbench.ui.common;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

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
                setText(empty || v == null || Double.isNaN(v.doubleValue()) ? "" : fixed(v.doubleValue(), decimals));
            }
        };
    }

    /** Numeric order with NaN (unknown) after every number. */
    public static int compareNaNLast(double a, double b) {
        if (Double.isNaN(a)) return Double.isNaN(b) ? 0 : 1;
        if (Double.isNaN(b)) return -1;
        return Double.compare(a, b);
    }

    /**
     * Sorts {@code column} numerically with NaN (unknown) last whichever way it is sorted: the
     * table reverses a column's comparator for a descending sort, which would put them first.
     */
    public static <S> void sortNumbersUnknownLast(TableColumn<S, Number> column) {
        column.setComparator((a, b) -> {
            double x = a == null ? Double.NaN : a.doubleValue(), y = b == null ? Double.NaN : b.doubleValue();
            int c = compareNaNLast(x, y);
            boolean unknown = Double.isNaN(x) != Double.isNaN(y);
            return unknown && column.getSortType() == TableColumn.SortType.DESCENDING ? -c : c;
        });
    }

    /**
     * Sorts {@code column} of values as text that may be numbers (hyperparameters): numbers
     * numerically, then words alphabetically, blanks (none) last whichever way it is sorted.
     */
    public static <S> void sortValuesBlankLast(TableColumn<S, String> column) {
        column.setComparator((a, b) -> {
            boolean blankA = a == null || a.isBlank(), blankB = b == null || b.isBlank();
            if (blankA || blankB) {
                int c = Boolean.compare(blankA, blankB);
                return column.getSortType() == TableColumn.SortType.DESCENDING ? -c : c;
            }
            Double x = number(a), y = number(b);
            if (x != null && y != null) return Double.compare(x, y);
            if (x != null) return -1;
            if (y != null) return 1;
            return a.compareTo(b);
        });
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code v} with {@code decimals} decimals, without the "-0.00" a tiny negative value (a z-scored mean) would print. */
    static String fixed(double v, int decimals) {
        String t = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return t.matches("-0\\.?0*") ? t.substring(1) : t;
    }
}
