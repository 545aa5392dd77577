package org.v1workbench.ui.chart;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.v1workbench.figure.FigureFormat;
import org.v1workbench.figure.FigureSize;

import java.util.Locale;

/** Asks for the format, the printed size (mm, as journals state column widths) and the PNG DPI. */
final class ExportDialog extends Dialog<ExportSettings> {
    private final ChoiceBox<FigureFormat> format = new ChoiceBox<>();
    private final TextField width = new TextField(), height = new TextField(), dpi = new TextField();
    private final Label pixels = new Label();

    ExportDialog(Window owner, String what, ExportSettings initial) {
        initOwner(owner);
        setTitle("Export figure");
        setHeaderText("Export " + what);
        format.getItems().setAll(FigureFormat.values());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(FigureFormat f) {
                return f == null ? "" : f.name() + " (" + f.description() + ")";
            }

            @Override
            public FigureFormat fromString(String s) {
                return null;
            }
        });
        format.setValue(initial.format());
        width.setText(num(initial.widthMm()));
        height.setText(num(initial.heightMm()));
        dpi.setText(Integer.toString(initial.dpi()));
        for (TextField f : new TextField[]{width, height, dpi}) {
            f.setPrefColumnCount(6);
            f.textProperty().addListener((o, a, b) -> update());
        }
        format.valueProperty().addListener((o, a, b) -> update());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Format"), format);
        grid.addRow(1, new Label("Width"), width, new Label("mm  (one journal column is about 85 mm, two about 170 mm)"));
        grid.addRow(2, new Label("Height"), height, new Label("mm"));
        grid.addRow(3, new Label("Resolution"), dpi, new Label("DPI (PNG only; 300 to 600 for print)"));
        grid.add(pixels, 1, 4, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b == ButtonType.OK ? settings() : null);
        update();
    }

    private ExportSettings settings() {
        try {
            ExportSettings s = new ExportSettings(format.getValue(), Double.parseDouble(width.getText().trim()),
                    Double.parseDouble(height.getText().trim()), Integer.parseInt(dpi.getText().trim()));
            s.size();
            return s;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void update() {
        dpi.setDisable(format.getValue() != FigureFormat.PNG);
        ExportSettings s = settings();
        if (s == null) {
            pixels.setText("Enter a positive size and a resolution of " + FigureSize.MIN_DPI + " to " + FigureSize.MAX_DPI + " DPI");
        } else if (s.format() == FigureFormat.PNG) {
            pixels.setText(String.format(Locale.ROOT, "%d x %d pixels, %.0f x %.0f pt", s.size().widthPx(), s.size().heightPx(),
                    s.size().widthPt(), s.size().heightPt()));
        } else {
            pixels.setText(String.format(Locale.ROOT, "%.0f x %.0f pt (vector)", s.size().widthPt(), s.size().heightPt()));
        }
        var ok = getDialogPane().lookupButton(ButtonType.OK);
        if (ok != null) ok.setDisable(s == null);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
