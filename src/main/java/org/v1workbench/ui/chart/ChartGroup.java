package org.v1workbench.ui.chart;

import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.v1workbench.figure.ChartStyle;
import org.v1workbench.figure.Figure;
import org.v1workbench.figure.Panels;

import java.util.ArrayList;
import java.util.List;

/**
 * Several charts side by side (or stacked) that export as one multi-panel figure: put it in a
 * {@link FigurePane#forNode} with {@link #printFigure} as its figure.
 */
public final class ChartGroup extends Pane {
    private final Orientation orientation;
    private final Pane box;
    private final List<ChartViewer> viewers = new ArrayList<>();
    private java.util.function.DoubleUnaryOperator heightForWidth;

    public ChartGroup(Orientation orientation) {
        this.orientation = orientation;
        box = orientation == Orientation.HORIZONTAL ? new HBox(4) : new VBox(4);
        getChildren().add(box);
    }

    /**
     * Keeps each chart (of a horizontal group) no taller than this function of its width, centred
     * vertically: maps stay square however the panel is shaped.
     */
    public void setHeightForWidth(java.util.function.DoubleUnaryOperator f) {
        heightForWidth = f;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        if (heightForWidth == null || orientation != Orientation.HORIZONTAL || box.getChildren().isEmpty()) {
            box.resizeRelocate(0, 0, getWidth(), getHeight());
            return;
        }
        int n = box.getChildren().size();
        double gap = 4, w = (getWidth() - gap * (n - 1)) / n, h = Math.min(getHeight(), heightForWidth.applyAsDouble(w));
        double cw = w;
        if (h < heightForWidth.applyAsDouble(w)) {
            // too wide for the height: narrow the charts instead, centred horizontally
            for (int k = 0; k < 30 && heightForWidth.applyAsDouble(cw) > getHeight(); k++) cw *= 0.95;
        }
        double total = n * cw + gap * (n - 1);
        box.resizeRelocate((getWidth() - total) / 2, (getHeight() - h) / 2, total, h);
    }

    /** Shows {@code charts} (screen style), one equal share each. */
    public void setCharts(List<JFreeChart> charts) {
        while (viewers.size() < charts.size()) {
            ChartViewer v = new ChartViewer(null, false);
            v.setMinSize(50, 50);
            v.setPrefSize(10, 10);
            if (orientation == Orientation.HORIZONTAL) HBox.setHgrow(v, Priority.ALWAYS);
            else VBox.setVgrow(v, Priority.ALWAYS);
            viewers.add(v);
        }
        box.getChildren().setAll(viewers.subList(0, charts.size()));
        for (int i = 0; i < charts.size(); i++) viewers.get(i).setChart(ChartStyle.SCREEN.apply(charts.get(i)));
    }

    public List<JFreeChart> charts() {
        List<JFreeChart> out = new ArrayList<>();
        for (javafx.scene.Node n : box.getChildren()) out.add(((ChartViewer) n).getChart());
        return out;
    }

    /** Copies of the charts in print style, as one figure (null when empty). */
    public Figure printFigure() {
        List<Figure> parts = new ArrayList<>();
        for (JFreeChart c : charts()) {
            if (c == null) continue;
            try {
                parts.add(Figure.of(ChartStyle.PRINT.apply((JFreeChart) c.clone())));
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("chart cannot be copied for export", e);
            }
        }
        if (parts.isEmpty()) return null;
        return orientation == Orientation.HORIZONTAL ? Panels.row(parts) : Panels.column(parts);
    }
}
