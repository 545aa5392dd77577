package org.v1workbench.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The population summary of score and evaluate says when an estimate passes 1, and which. */
class ScoringSummaryTest {
    static NeuronScore score(String id, double ccMax, double ccNorm, double feve) {
        return new NeuronScore(id, "s", 8, 0.5, ccMax, ccNorm, 0.4, feve);
    }

    @Test
    void estimatesAboveOneAreNamedAndCounted() {
        String s = Scoring.summary(List.of(score("a", 0.9, 0.7, 0.6), score("b", 1.028, 0.8, 1.137), score("c", 0.95, 0.6, 1.01)));
        assertTrue(s.contains("values above 1 (1 CC_max, 2 FEVE) are estimates"), s);
        assertTrue(s.contains("the files keep the raw values"), s);
    }

    @Test
    void noNoteWhereEveryEstimateIsAtMostOne() {
        String s = Scoring.summary(List.of(score("a", 0.9, 0.7, 0.6), score("b", 1.0, 0.8, 0.9)));
        assertFalse(s.contains("note:"), s);
        assertEquals("", Scoring.estimatesNote(List.of(score("a", 0.9, Double.NaN, Double.NaN))));
    }
}
