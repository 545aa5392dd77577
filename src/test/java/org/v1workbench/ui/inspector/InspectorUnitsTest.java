package org.v1workbench.ui.inspector;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.ui.TestDatasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector's text and numbers in the dataset's unit: a dF/F recording's facts and captions
 * say dF/F and its means are the stored values; spike counts keep "mean rate (Hz)" and count / window.
 */
class InspectorUnitsTest {
    @Test
    void dffFactsAndCaptionsSayDff() {
        Dataset d = TestDatasets.smallDff();
        assertEquals("mean response (dF/F)", InspectorFigures.meanKey(d.unit()));
        assertEquals("Responses in dF/F", InspectorFigures.captionOf(d.unit()));
        assertFalse((InspectorFigures.meanKey(d.unit()) + InspectorFigures.captionOf(d.unit())).contains("Hz"));
        assertFalse(InspectorFigures.truthCurvesShown(d.unit()), "the simulator's curves in Hz are not drawn on a dF/F axis");
        int[] test = d.tiers().indices(Tier.TEST);
        double sum = 0;
        int k = 0;
        for (int i : test)
            for (int r = 0; r < d.repeats(); r++) {
                float v = d.response(i, r, 2);
                if (!Float.isNaN(v)) {
                    sum += v;
                    k++;
                }
            }
        assertEquals(sum / k, d.meanLevel(test, 2), 1e-9, "not divided by the window");
        double trial = 0;
        for (int r = 0; r < d.repeats(); r++) trial += d.response(5, r, 2);
        assertEquals(trial / d.repeats(), d.meanLevel(5, 2), 1e-6);
    }

    @Test
    void spikeCountsKeepRatesInHz() {
        Dataset d = TestDatasets.small();
        assertEquals("mean rate (Hz)", InspectorFigures.meanKey(d.unit()));
        assertEquals("Rates in Hz", InspectorFigures.captionOf(d.unit()));
        assertTrue(InspectorFigures.truthCurvesShown(d.unit()));
        assertEquals(TestDatasets.meanHz(d, 5, 2), d.meanLevel(5, 2), 1e-9);
        int[] all = java.util.stream.IntStream.range(0, d.images()).toArray();
        assertEquals(TestDatasets.meanRateHz(d, 2), d.meanLevel(all, 2), 1e-9);
    }
}
