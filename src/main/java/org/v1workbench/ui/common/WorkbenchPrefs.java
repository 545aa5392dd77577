package org.v1workbench.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the workbench remembers between sessions: recently opened datasets, the window's place and
 * size, divider positions and the chosen workspace, and the last figure-export settings.
 */
public final class WorkbenchPrefs {
    public static final int MAX_RECENT = 8;
    private final SettingsStore store;

    public WorkbenchPrefs(SettingsStore store) {
        this.store = store;
    }

    /** Recently opened dataset folders, most recent first. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = store.get("recent." + i, null);
            if (p != null && !p.isBlank()) out.add(Path.of(p));
        }
        return out;
    }

    /** Puts {@code file} first in the recent list (once), keeping at most {@link #MAX_RECENT}. */
    public List<Path> addRecent(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recentFiles());
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX_RECENT) list.remove(list.size() - 1);
        writeRecent(list);
        return list;
    }

    public void clearRecent() {
        writeRecent(List.of());
    }

    private void writeRecent(List<Path> list) {
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) store.put("recent." + i, list.get(i).toString());
            else store.remove("recent." + i);
        }
    }

    /** The window's bounds and state; NaN where never saved. */
    public record WindowLayout(double x, double y, double width, double height, boolean maximized) {}

    public WindowLayout windowLayout() {
        return new WindowLayout(number("window.x"), number("window.y"), number("window.width"), number("window.height"),
                Boolean.parseBoolean(store.get("window.maximized", "false")));
    }

    public void saveWindowLayout(WindowLayout w) {
        store.put("window.x", Double.toString(w.x()));
        store.put("window.y", Double.toString(w.y()));
        store.put("window.width", Double.toString(w.width()));
        store.put("window.height", Double.toString(w.height()));
        store.put("window.maximized", Boolean.toString(w.maximized()));
    }

    /** Divider positions of a named split pane (empty if never saved). */
    public double[] dividers(String name) {
        String s = store.get("dividers." + name, "");
        if (s.isBlank()) return new double[0];
        try {
            return java.util.Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            return new double[0];
        }
    }

    public void saveDividers(String name, double[] positions) {
        StringBuilder sb = new StringBuilder();
        for (double p : positions) sb.append(sb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", p));
        store.put("dividers." + name, sb.toString());
    }

    public String get(String key, String fallback) {
        return store.get(key, fallback);
    }

    public void put(String key, String value) {
        store.put(key, value);
    }

    private double number(String key) {
        try {
            return Double.parseDouble(store.get(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
