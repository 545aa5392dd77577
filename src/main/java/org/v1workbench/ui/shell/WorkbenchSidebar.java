package org.v1workbench.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.data.Tier;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.ui.common.LoadedDataset;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.RowWarmUp;
import org.v1workbench.ui.common.Texts;

import java.util.Locale;

/** The open datasets and experiments, and the facts of the current dataset. */
final class WorkbenchSidebar extends VBox {
    private final GridPane facts = new GridPane();

    WorkbenchSidebar(WorkbenchModel model) {
        getStyleClass().add("sidebar");
        setPadding(new Insets(8));
        setSpacing(6);

        ListView<LoadedDataset> datasets = new ListView<>(model.datasets());
        datasets.setId("dataset-list");
        datasets.setPlaceholder(placeholder("No dataset open.\nFile \u203A Open dataset..."));
        datasets.setPrefHeight(180);
        datasets.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LoadedDataset d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.source().label());
                setTooltip(empty || d == null ? null : new Tooltip(d.source().path().map(Object::toString).orElse(d.dataset().name() + " (in memory)")));
            }
        });
        datasets.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) model.currentProperty().set(b);
        });
        model.currentProperty().addListener((o, a, b) -> {
            datasets.getSelectionModel().select(b);
            showFacts(b == null ? null : b.dataset());
        });

        // The experiments that can be opened: a sweep's settings have no model, and are listed in
        // the training workspace's table instead.
        ListView<ExperimentSummary> experiments = new ListView<>(new FilteredList<>(model.experiments().listed(), ExperimentSummary::hasModel));
        experiments.setId("experiment-list");
        experiments.setPlaceholder(placeholder("No trained experiments yet.\nTrain one in the Training workspace, or File \u203A Open experiment..."));
        experiments.setPrefHeight(150);
        experiments.setCellFactory(v -> new ListCell<>() {
            /** One per cell, its text changed with the item (a new tool tip per update is a new popup control). */
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(ExperimentSummary s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
                if (!empty && s != null)
                    tip.setText(String.format(Locale.ROOT, "%s%n%s on %s, %s%ntest CC_norm %s, CC_abs %s", s.dir(), s.preset(), s.datasetName(),
                            s.outcome().label(), Texts.fmt(s.meanCcNorm()), Texts.fmt(s.meanCcAbs())));
                setTooltip(empty || s == null ? null : tip);
            }
        });
        RowWarmUp.prepare(experiments, RowWarmUp.experimentStandIn(), () -> {});
        experiments.setOnMouseClicked(e -> {
            ExperimentSummary s = experiments.getSelectionModel().getSelectedItem();
            OpenExperiment cur = model.experiments().currentProperty().get();
            if (s != null && (cur == null || !cur.summary().dir().equals(s.dir()))) model.experiments().open(s.dir());
        });
        model.experiments().currentProperty().addListener((o, a, b) -> {
            if (b == null) return;
            for (ExperimentSummary s : experiments.getItems())
                if (s.dir().equals(b.summary().dir())) experiments.getSelectionModel().select(s);
        });

        facts.setHgap(8);
        facts.setVgap(3);
        facts.getStyleClass().add("facts");
        Label factsHeader = header("Current dataset");
        factsHeader.visibleProperty().bind(Bindings.isNotNull(model.currentProperty()));
        datasets.setMinHeight(80);
        experiments.setMinHeight(70);
        getChildren().addAll(header("Datasets"), datasets, header("Experiments"), experiments, factsHeader, facts);
        setMinWidth(170);
    }

    private void showFacts(Dataset d) {
        facts.getChildren().clear();
        if (d == null) return;
        int row = 0;
        row = fact(row, "name", d.name());
        row = fact(row, "sessions", Integer.toString(d.sessions().size()));
        row = fact(row, "neurons", Integer.toString(d.neuronCount()));
        row = fact(row, "images", d.images() + " (" + d.height() + " x " + d.width() + " px)");
        row = fact(row, "repeats", d.repeats() == 1 ? "1 (trial means)" : Integer.toString(d.repeats()));
        row = fact(row, "window", String.format(Locale.ROOT, "%.0f ms", d.windowSeconds() * 1000));
        if (d.responseKind() != ResponseKind.SPIKE_COUNTS) // spike counts are what every dataset held before the kinds
            row = fact(row, "responses", responses(d));
        fact(row, "tiers", d.tiers().count(Tier.TRAIN) + " / " + d.tiers().count(Tier.VALIDATION) + " / " + d.tiers().count(Tier.TEST)
                + "  (train / val. / test)");
    }

    /** The kind of responses in words, with the unit where the words do not already name it: "two-photon dF/F", "z-scored signal (z)". */
    static String responses(Dataset d) {
        String words = d.responseKind().description();
        return words.contains(d.unit()) ? words : words + " (" + d.unit() + ")";
    }

    private int fact(int row, String key, String value) {
        Label k = new Label(key);
        k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        k.getStyleClass().add("fact-key");
        Label v = new Label(value);
        v.setWrapText(true);
        v.getStyleClass().add("fact-value");
        facts.addRow(row, k, v);
        return row + 1;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-header");
        return l;
    }

    private static Label placeholder(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        return l;
    }
}
