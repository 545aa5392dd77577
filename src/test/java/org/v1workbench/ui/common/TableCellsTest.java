package org.v1workbench.ui.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableCellsTest {
    @Test
    void aTinyNegativeNumberPrintsAsZeroWithoutItsSign() {
        assertEquals("0.00", TableCells.fixed(-0.0004, 2), "a z-scored mean of about zero");
        assertEquals("0.00", TableCells.fixed(-0.0, 2));
        assertEquals("-0.01", TableCells.fixed(-0.006, 2), "a real negative value keeps its sign");
        assertEquals("-1.50", TableCells.fixed(-1.5, 2));
        assertEquals("0", TableCells.fixed(-0.2, 0));
        assertEquals("3.142", TableCells.fixed(Math.PI, 3));
    }
}
