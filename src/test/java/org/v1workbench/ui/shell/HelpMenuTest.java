package org.v1workbench.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.Start;
import org.v1workbench.train.Provenance;
import org.v1workbench.ui.TestDatasets;
import org.v1workbench.ui.WindowTestBase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/**
 * Help: the user guide (the bundled docs as HTML pages whose links all resolve) and "Report a
 * problem" (the version line and the errors log's path, ready to copy).
 */
class HelpMenuTest extends WindowTestBase {
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        show(stage, TestDatasets.small(), 1000);
    }

    @Test
    void theGuideIsEveryBundledPageAsHtmlWithEveryLinkAndAnchorResolving() throws Exception {
        assertEquals(UserGuide.PAGES, UserGuide.bundledPages(), "every page of the guide is in the build");
        Path index = UserGuide.writeHtml(dir);
        assertEquals(dir.resolve("user-guide.html"), index);
        Pattern href = Pattern.compile("href=\"([^\"]+)\"");
        int checked = 0;
        for (String page : UserGuide.PAGES) {
            String html = Files.readString(dir.resolve(page + ".html"), StandardCharsets.UTF_8);
            assertTrue(html.contains("<meta charset=\"utf-8\">"), page);
            Matcher m = href.matcher(html);
            while (m.find()) {
                String link = m.group(1);
                if (link.contains("://") || link.contains("/")) continue; // the web, or files outside the guide (the README)
                String file = link.startsWith("#") ? page + ".html" : link.replaceAll("#.*", "");
                assertTrue(file.endsWith(".html"), page + ": a link between pages points at HTML: " + link);
                assertTrue(Files.isRegularFile(dir.resolve(file)), page + ": " + link + " resolves");
                if (link.contains("#")) {
                    String anchor = link.substring(link.indexOf('#') + 1);
                    assertTrue(Files.readString(dir.resolve(file), StandardCharsets.UTF_8).contains("id=\"" + anchor + "\""),
                            page + ": anchor " + link + " exists");
                }
                checked++;
            }
        }
        assertTrue(checked > 20, "links checked: " + checked);
        String figures = Files.readString(dir.resolve("figures.html"), StandardCharsets.UTF_8);
        assertTrue(figures.contains("<table>") && figures.contains("×10⁻³"), "tables and characters kept");
    }

    @Test
    void reportAProblemGivesTheVersionLineAndTheErrorsLog() throws Exception {
        onFx(() -> {
            item("Report a problem...").fire();
            return null;
        });
        waitFor(() -> area().isPresent(), 10, "the report dialog");
        String text = onFx(() -> area().get().getText());
        assertTrue(text.startsWith(Provenance.versionLines().get(0) + "\n"), text);
        assertTrue(text.contains("Errors log: " + ErrorReporter.defaultLog().toAbsolutePath()), text);
    }

    private MenuItem item(String text) {
        MenuBar bar = (MenuBar) window.root().lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    private static Optional<TextArea> area() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() == null) continue;
            Node n = w.getScene().getRoot().lookup("#problem-report");
            if (n instanceof TextArea a) return Optional.of(a);
        }
        return Optional.empty();
    }
}
