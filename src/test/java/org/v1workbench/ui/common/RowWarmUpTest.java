package org.v1workbench.ui.common;

import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.ui.FxTestSupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

class RowWarmUpTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void anEmptyTableAndListGetTheirRowsBeforeTheirFirstItemWithoutShowingTheStandIn() throws Exception {
        ObservableList<String> items = FXCollections.observableArrayList();
        AtomicInteger cleanups = new AtomicInteger();
        TableView<String> table = new TableView<>(items);
        ListView<String> list = new ListView<>(items);
        Stage stage = onFx(() -> {
            for (int c = 0; c < 4; c++) {
                TableColumn<String, String> col = new TableColumn<>("column " + c);
                col.setCellValueFactory(f -> new SimpleStringProperty(f.getValue()));
                table.getColumns().add(col);
            }
            RowWarmUp.prepare(table, "stand-in", cleanups::incrementAndGet);
            RowWarmUp.prepare(list, "stand-in", cleanups::incrementAndGet);
            assertEquals(0, table.lookupAll(".table-row-cell").size());
            Stage s = new Stage();
            s.setScene(new Scene(new VBox(table, list), 600, 500));
            s.show();
            return s;
        });
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (onFx(cleanups::get) < 2 && System.nanoTime() < end) Thread.sleep(20);
            assertEquals(2, onFx(cleanups::get), "both prepared once");
            // Rows enough to fill each control, made while it is still empty and showing its own list.
            assertTrue(onFx(() -> table.lookupAll(".table-row-cell").size()) >= 5, "table rows created");
            assertTrue(onFx(() -> list.lookupAll(".list-cell").size()) >= 5, "list cells created");
            assertSame(items, onFx(table::getItems));
            assertSame(items, onFx(list::getItems));
            assertTrue(onFx(() -> table.lookupAll(".table-cell").stream()
                    .noneMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && "stand-in".equals(c.getText()))), "no cell shows the stand-in");
            // The first real item uses those rows.
            onFx(() -> {
                items.add("first");
                table.applyCss();
                table.layout();
                return null;
            });
            assertTrue(onFx(() -> table.lookupAll(".table-cell").stream()
                    .anyMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && "first".equals(c.getText()))));
        } finally {
            onFx(() -> {
                stage.close();
                return null;
            });
        }
    }
}
