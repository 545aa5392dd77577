package org.v1workbench.ui.common;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.experiment.Outcome;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Creates the rows of an empty table or list once, with a stand-in item, as soon as the control
 * is first laid out, so that its first real item does not stall the window.
 *
 * <p>A table or list shows rows down to its bottom edge, empty ones included, but creates none
 * while it has no items. So its first item makes it create every visible row at once, each with
 * its cells, skins and styles, a stall of tens of milliseconds or more (docs/benchmarks.md,
 * "The window's responsiveness"), and the workbench's first item arrives when a training run ends, with both cores
 * busy. Rows, once created, stay with the control when its items change: this lays it out once
 * with a one-item list in place of its own, between two frames (so the stand-in is never drawn),
 * and puts its own list back.
 */
public final class RowWarmUp {
    private RowWarmUp() {}

    /** A stand-in for the experiment tables and lists: never shown, only laid out. */
    public static ExperimentSummary experimentStandIn() {
        return new ExperimentSummary(Path.of("stand-in"), "preset", Map.of(), 0, 1, "dataset", "", 1, "cc_norm", Outcome.FINISHED,
                "", 1, 0.5, 0.5, 0.5, 1, List.of(), null);
    }

    /** @param afterwards run once the stand-in is gone (to forget what the cells made for it) */
    public static <T> void prepare(TableView<T> table, T standIn, Runnable afterwards) {
        prepare(table, table.itemsProperty(), standIn, afterwards);
    }

    public static <T> void prepare(ListView<T> list, T standIn, Runnable afterwards) {
        prepare(list, list.itemsProperty(), standIn, afterwards);
    }

    private static <T> void prepare(Control control, ObjectProperty<ObservableList<T>> items, T standIn, Runnable afterwards) {
        ChangeListener<Number> onHeight = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number before, Number now) {
                if (now.doubleValue() <= 0 || control.getScene() == null) return;
                control.heightProperty().removeListener(this);
                Platform.runLater(() -> layOutWith(control, items, standIn, afterwards));
            }
        };
        control.heightProperty().addListener(onHeight);
    }

    private static <T> void layOutWith(Control control, ObjectProperty<ObservableList<T>> items, T standIn, Runnable afterwards) {
        ObservableList<T> own = items.get();
        if (own == null || !own.isEmpty() || control.getScene() == null) return; // rows exist already, or nowhere to lay out
        items.set(FXCollections.observableArrayList(standIn));
        try {
            control.applyCss();
            control.layout();
        } finally {
            items.set(own);
            afterwards.run();
        }
        control.applyCss();
        control.layout();
    }
}
