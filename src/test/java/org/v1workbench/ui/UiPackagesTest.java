package org.v1workbench.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependencies that the package-info files state, checked on the sources: JavaFX only in
 * {@code ui} and {@code bench}; within {@code ui}, rooms that use only what they share, so that
 * a change to one workspace stays in its package.
 */
class UiPackagesTest {
    static final Path MAIN = Path.of("src", "main", "java", "org", "v1workbench");
    static final Pattern UI_NAME = Pattern.compile("org\\.v1workbench\\.ui\\.([a-z]+)");

    /** The ui packages each ui package may name (its own always); the shell may name every one. */
    static final Map<String, Set<String>> MAY_USE = Map.of(
            "common", Set.of(),
            "chart", Set.of("common"),
            "dataset", Set.of("common", "chart"),
            "training", Set.of("common", "chart"),
            "inspector", Set.of("common", "chart"),
            "filters", Set.of("common", "chart"),
            "importer", Set.of("common"));

    @Test
    void onlyUiAndBenchImportJavaFx() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : sources(MAIN)) {
            String pkg = MAIN.relativize(f).getName(0).toString();
            if (!pkg.equals("ui") && !pkg.equals("bench") && Files.readString(f).contains("javafx.")) found.add(f.toString());
        }
        assertEquals(List.of(), found, "JavaFX outside ui and bench");
    }

    @Test
    void eachUiPackageUsesOnlyWhatItShares() throws IOException {
        Path ui = MAIN.resolve("ui");
        Set<String> packages = new TreeSet<>();
        List<String> found = new ArrayList<>();
        for (Path f : sources(ui)) {
            Path rel = ui.relativize(f);
            if (rel.getNameCount() < 2) continue; // ui's own package-info
            String pkg = rel.getName(0).toString();
            packages.add(pkg);
            if (pkg.equals("shell")) continue;
            assertTrue(MAY_USE.containsKey(pkg), "a ui package that says nothing of its dependencies: ui." + pkg);
            Matcher m = UI_NAME.matcher(Files.readString(f));
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !MAY_USE.get(pkg).contains(used)) found.add(rel + " uses ui." + used);
            }
        }
        assertEquals(List.of(), found, "ui packages that reach into a room they may not use");
        Set<String> expected = new TreeSet<>(MAY_USE.keySet());
        expected.add("shell");
        assertEquals(expected, packages, "the ui packages checked");
    }

    static List<Path> sources(Path root) throws IOException {
        assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " (run from the project folder)");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
