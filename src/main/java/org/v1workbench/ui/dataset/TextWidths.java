package org.v1workbench.ui.dataset;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The widest of many strings in a font, for sizing a table column to its values, without laying
 * out each string: laying out one string costs tens of microseconds on the JavaFX thread, so
 * measuring 8,000 neuron ids at every change was seconds. Each string's width is first estimated
 * as the sum of its characters' widths (each character measured once); only the
 * {@link #MEASURED} widest by that estimate are laid out, and the widest laid-out width is the
 * answer. Where characters simply add up (no kerning or ligatures: JavaFX's text layout applies
 * neither to Latin text) the estimate is the width, so the answer is exact.
 */
final class TextWidths {
    /** How many of the widest strings by estimate are laid out exactly. */
    static final int MEASURED = 16;

    /** How many strings have been laid out (the cost this class keeps low; read by tests). */
    static final java.util.concurrent.atomic.LongAdder LAID_OUT = new java.util.concurrent.atomic.LongAdder();

    private TextWidths() {}

    /** The laid-out width of {@code s} in {@code font}. */
    static double width(String s, Font font) {
        LAID_OUT.increment();
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    /** The width of the widest of {@code values} (nulls ignored) in {@code font}; 0 where there are none. */
    static double widest(Collection<String> values, Font font) {
        Map<Integer, Double> charWidth = new HashMap<>();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        distinct.removeIf(java.util.Objects::isNull);
        Map<String, Double> estimate = new HashMap<>(distinct.size() * 2);
        for (String s : distinct) {
            double sum = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                sum += charWidth.computeIfAbsent(cp, c -> width(new String(Character.toChars(c)), font));
                i += Character.charCount(cp);
            }
            estimate.put(s, sum);
        }
        distinct.sort(Comparator.comparingDouble((String s) -> estimate.get(s)).reversed());
        double w = 0;
        for (int i = 0; i < Math.min(MEASURED, distinct.size()); i++) w = Math.max(w, width(distinct.get(i), font));
        return w;
    }
}
