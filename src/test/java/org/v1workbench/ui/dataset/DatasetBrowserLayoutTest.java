package org.v1workbench.ui.dataset;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;
import org.v1workbench.ui.FxTestSupport;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * The neuron table on a shown stage: its cell-type column wide enough for "center_surround" in a
 * narrow window, a CC_max above 1 marked as an estimate (with the footnote saying why), and the
 * heat map panel named for what it shows.
 */
class DatasetBrowserLayoutTest {
    TaskRunner tasks;
    DatasetBrowserModel model;
    DatasetBrowserView view;
    Stage stage;
    Dataset d;

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @BeforeEach
    void build() throws Exception {
        tasks = new TaskRunner();
        Dataset small = TestDatasets.small();
        // cell types as the simulated sample data has them: "center_surround" is the longest
        String[] types = {"simple", "complex", "center_surround"};
        List<Neuron> neurons = new ArrayList<>();
        for (int n = 0; n < small.neuronCount(); n++) {
            Neuron x = small.neurons().get(n);
            neurons.add(new Neuron(x.id(), x.session(), Map.of("cell_type", types[n % types.length])));
        }
        d = small.toBuilder().neurons(neurons).build();
        // Every other neuron's noise ceiling above 1 (as a small file gives: 1.028), the others below.
        AtomicInteger calls = new AtomicInteger();
        model = onFx(() -> new DatasetBrowserModel(tasks, rep -> calls.getAndIncrement() % 2 == 0 ? 1.028 : 0.9, 40));
        view = onFx(() -> {
            DatasetBrowserView v = new DatasetBrowserView(model, tasks, new WorkbenchPrefs(SettingsStore.inMemory()));
            stage = new Stage();
            // styled as in the window (DejaVu Sans, 13 px)
            v.getStyleClass().add("workbench");
            Scene scene = new Scene(v, 1000, 700);
            scene.getStylesheets().add(org.v1workbench.ui.shell.MainWindow.STYLESHEET);
            stage.setScene(scene);
            stage.show();
            return v;
        });
        onFx(() -> {
            model.show(d);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        onFx(() -> {
            model.selectedNeuronProperty().set(model.rows().get(0));
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        settle();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            stage.close();
            return null;
        });
        tasks.close();
    }

    /** At every window width (the table between about 300 and 700 px), the cell-type column keeps room for "center_surround". */
    @Test
    void cellTypeColumnFitsCenterSurround() throws Exception {
        TableColumn<NeuronRow, ?> type = column("column-cell-type");
        assertTrue(onFx(type::isVisible));
        for (double width : new double[]{800, 900, 950, 1000, 1050, 1100, 1200, 1400}) {
            onFx(() -> {
                stage.setWidth(width);
                return null;
            });
            settle();
            String at = "window " + width + ", table " + onFx(() -> view.table().getWidth()) + " px: ";
            List<TableCell<?, ?>> cells = cells(type);
            assertFalse(cells.isEmpty(), "cell-type cells laid out");
            boolean found = false;
            for (TableCell<?, ?> cell : cells) {
                double text = onFx(() -> TextWidths.width("center_surround", cell.getFont()));
                double room = onFx(() -> type.getWidth() - cell.snappedLeftInset() - cell.snappedRightInset());
                assertTrue(room >= text, at + "column " + onFx(type::getWidth) + " px leaves " + room + " px for \"center_surround\" (" + text + " px)");
                String item = onFx(() -> cell.isEmpty() || cell.getItem() == null ? null : cell.getItem().toString());
                if (item == null) continue;
                found |= item.equals("center_surround");
                assertEquals(item, drawn(cell), at + "the cell draws its whole text");
            }
            assertTrue(found, "a center_surround row is shown");
        }
    }

    /**
     * A click on an image changes every row's "this image" value, one list change per row: the
     * text columns are not measured again for those (they were, once per row, which kept the
     * JavaFX thread busy for minutes on 8,000 neurons), and are measured again when the rows are replaced.
     */
    @Test
    void clickingAnImageDoesNotMeasureTheTableAgain() throws Exception {
        Dataset many = TestDatasets.build(20, 8, 2, 1500, 3);
        onFx(() -> {
            model.show(many);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        settle();
        assertEquals(1500, onFx(() -> model.rows().size()));
        TableColumn<NeuronRow, ?> id = column("column-neuron");
        double widestId = onFx(() -> {
            javafx.scene.text.Font font = ((javafx.scene.control.Labeled) view.table().lookup(".table-cell")).getFont();
            return many.neurons().stream().mapToDouble(n -> TextWidths.width(n.id(), font)).max().orElseThrow();
        });
        assertTrue(onFx(id::getMinWidth) >= widestId + DatasetBrowserView.CELL_PADDING - 1e-9,
                "the id column (" + onFx(id::getMinWidth) + " px) fits the widest of 1500 ids (" + widestId + " px)");
        long before = TextWidths.LAID_OUT.sum();
        onFx(() -> {
            model.select(7, false);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        settle();
        assertEquals(7, onFx(() -> model.focusImageProperty().get()));
        assertEquals(many.meanLevel(7, 1499), onFx(() -> model.rows().get(1499).imageLevel()), 1e-12, "every row got the image's value");
        assertEquals(before, TextWidths.LAID_OUT.sum(), "strings laid out again after a click on an image");
    }

    @Test
    void ccMaxAboveOneIsMarkedAsAnEstimate() throws Exception {
        assertTrue(onFx(() -> model.rows().stream().anyMatch(r -> r.ccMax() > 1)));
        assertTrue(onFx(() -> model.rows().stream().anyMatch(r -> r.ccMax() <= 1)));
        TableColumn<NeuronRow, ?> cc = column("column-CC_max");
        int above = 0, below = 0;
        for (TableCell<?, ?> cell : cells(cc)) {
            Object item = onFx(() -> cell.isEmpty() ? null : cell.getItem());
            if (!(item instanceof Number v)) continue;
            String text = onFx(cell::getText);
            boolean estimate = onFx(() -> cell.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("estimate")));
            if (v.doubleValue() > 1) {
                above++;
                assertEquals("1.028" + DatasetBrowserView.ESTIMATE_MARK, text);
                assertTrue(estimate);
                assertNotNull(onFx(cell::getTooltip), "the cell says why");
                assertTrue(onFx(() -> cell.getTooltip().getText()).contains("estimate"));
            } else {
                below++;
                assertEquals("0.900", text);
                assertFalse(estimate);
                assertNull(onFx(cell::getTooltip));
            }
        }
        assertTrue(above > 0 && below > 0, above + " cells above 1, " + below + " below");
        Label footnote = (Label) onFx(() -> view.lookup("#ccmax-footnote"));
        assertTrue(onFx(footnote::isVisible), "the footnote shows while a CC_max is above 1");
        assertTrue(onFx(footnote::getText).contains("can pass 1"));
        shot("dataset-ccmax-estimate");
        // the value itself stays as computed
        assertEquals(1.028, onFx(() -> model.rows().stream().mapToDouble(NeuronRow::ccMax).max().orElseThrow()), 0);
    }

    @Test
    void footnoteHiddenWhenNoCcMaxPassesOne() throws Exception {
        onFx(() -> {
            for (NeuronRow r : model.rows()) r.setCcMax(0.5);
            return null;
        });
        assertFalse(onFx(() -> view.lookup("#ccmax-footnote").isVisible()));
        onFx(() -> {
            model.rows().get(3).setCcMax(1.137);
            return null;
        });
        assertTrue(onFx(() -> view.lookup("#ccmax-footnote").isVisible()));
    }

    @Test
    void heatMapPanelIsNamedForWhatItShows() throws Exception {
        String title = onFx(() -> view.rasterPane().chart().getTitle().getText());
        assertFalse(title.toLowerCase().contains("raster"), title);
        assertTrue(title.endsWith(" per repeat"), title);
        List<String> labels = onFx(() -> DatasetBrowserUnitsTest.chartLabels(view.rasterPane().chart()));
        assertTrue(labels.stream().anyMatch(s -> s.startsWith("heat map")), labels.toString());
        onFx(() -> {
            model.selectedNeuronProperty().set(null);
            return null;
        });
        tasks.awaitIdle(60, TimeUnit.SECONDS);
        String empty = onFx(() -> view.rasterPane().chart().getTitle().getText());
        assertEquals(DatasetBrowserView.REPEATS_TITLE, empty);
    }

    @SuppressWarnings("unchecked")
    private TableColumn<NeuronRow, ?> column(String id) throws Exception {
        return onFx(() -> view.table().getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow());
    }

    private List<TableCell<?, ?>> cells(TableColumn<NeuronRow, ?> column) throws Exception {
        return onFx(() -> {
            List<TableCell<?, ?>> out = new ArrayList<>();
            for (Node n : view.table().lookupAll(".table-cell"))
                if (n instanceof TableCell<?, ?> c && c.getTableColumn() == column && c.isVisible() && !c.isEmpty()) out.add(c);
            return out;
        });
    }

    private static String drawn(TableCell<?, ?> cell) throws Exception {
        return onFx(() -> {
            StringBuilder sb = new StringBuilder();
            for (Node n : cell.lookupAll(".text")) if (n instanceof Text t) sb.append(t.getText());
            return sb.toString();
        });
    }

    /** With -Dui.shots=DIR, the stage as it is now, to DIR/NAME.png (to look at); nothing otherwise. */
    private void shot(String name) throws Exception {
        String dir = System.getProperty("ui.shots");
        if (dir == null) return;
        javafx.scene.image.WritableImage img = onFx(() -> stage.getScene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png", Path.of(dir, name + ".png").toFile());
    }

    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(50);
        }
    }
}
