package org.v1workbench.ui.dataset;

import javafx.scene.text.Font;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v1workbench.ui.FxTestSupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.v1workbench.ui.FxTestSupport.onFx;

/** The widest of many strings, found by laying out only a few of them, is the widest laid out one by one. */
class TextWidthsTest {
    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void widestEqualsTheWidestOfEveryStringLaidOut() throws Exception {
        // Ids whose widths do not follow their lengths: narrow letters, wide letters, digits, non-ASCII.
        Random rnd = new Random(5);
        String alphabet = "iljtf1WMmw0_-.:ΔαβµÅé";
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 2000; k++) {
            StringBuilder sb = new StringBuilder();
            int len = 3 + rnd.nextInt(12);
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            ids.add(sb.toString());
        }
        ids.add("iiiiiiiiiiiiiiiiiiii");   // the longest string, not the widest
        ids.add("WMWMWMWMWMWM");
        ids.add(null);
        for (Font font : new Font[]{Font.font("DejaVu Sans", 13), Font.font("DejaVu Sans", javafx.scene.text.FontWeight.BOLD, 17)}) {
            double exact = onFx(() -> ids.stream().filter(java.util.Objects::nonNull).mapToDouble(s -> TextWidths.width(s, font)).max().orElseThrow());
            long before = TextWidths.LAID_OUT.sum();
            double widest = onFx(() -> TextWidths.widest(ids, font));
            long laidOut = TextWidths.LAID_OUT.sum() - before;
            assertEquals(exact, widest, 1e-9, font.toString());
            assertTrue(exact > onFx(() -> TextWidths.width("iiiiiiiiiiiiiiiiiiii", font)), "the widest is not the longest");
            // one layout per distinct character and TextWidths.MEASURED strings, not one per string
            assertTrue(laidOut <= alphabet.length() + TextWidths.MEASURED, laidOut + " strings laid out");
        }
        assertEquals(0, onFx(() -> TextWidths.widest(Arrays.asList((String) null), Font.getDefault())));
    }
}
