package org.v1workbench.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** What a workspace that needs a trained model shows until one exists: a plain statement, no fake data. */
final class PlaceholderView extends VBox {
    PlaceholderView(Workspace w) {
        setId("placeholder-" + w.cliName());
        getStyleClass().add("placeholder");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        setPadding(new Insets(40));
        Label title = new Label(w.title() + " needs a trained model");
        title.getStyleClass().add("placeholder-title");
        Label what = new Label(w.needsModel());
        what.setWrapText(true);
        what.setMaxWidth(560);
        Label how = new Label("No experiment is open, and this version of the workbench cannot train models yet.");
        how.setWrapText(true);
        how.setMaxWidth(560);
        how.getStyleClass().add("muted");
        getChildren().addAll(title, what, how);
    }
}
