package org.v1workbench.figure;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DrawingTest {
    @Test
    void divergingPanelsUseTheColourScalesRdBuEnds() {
        BufferedImage img = Drawing.canvas(6, 2);
        Drawing.divergingPanel(img, new double[]{-2, 0, 2}, 1, 3, 0, 0, 2);
        assertEquals(0x2166AC, img.getRGB(0, 0) & 0xFFFFFF, "most negative: RdBu's blue end");
        assertEquals(0xFFFFFF, img.getRGB(2, 1) & 0xFFFFFF, "zero: white");
        assertEquals(0xB2182B, img.getRGB(5, 1) & 0xFFFFFF, "most positive: RdBu's red end");
        assertEquals(ColorScales.diverging(-1, true).getRGB() & 0xFFFFFF, img.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void greyPanelsMapLowToBlackAndHighToWhite() {
        BufferedImage img = Drawing.canvas(2, 1);
        Drawing.greyPanel(img, new double[]{10, 20}, 1, 2, 0, 0, 1, 10, 20);
        assertEquals(0x000000, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void panelsDrawnThroughGraphicsPaintTheSamePixelsAsPanelsWrittenDirectly() {
        double[] v = {-2, 0.5, 2, 1, -1, 0};
        BufferedImage direct = Drawing.canvas(20, 14), drawn = Drawing.canvas(20, 14);
        Drawing.divergingPanel(direct, v, 2, 3, 1, 2, 3);
        Drawing.greyPanel(direct, v, 2, 3, 10, 6, 2, -2, 2);
        Sheet sheet = new Sheet(20, 14, g -> {
            Drawing.divergingPanel(g, v, 2, 3, 1, 2, 3);
            Drawing.greyPanel(g, v, 2, 3, 10, 6, 2, -2, 2);
        });
        drawn = sheet.render();
        for (int y = 0; y < 14; y++)
            for (int x = 0; x < 20; x++)
                assertEquals(direct.getRGB(x, y), drawn.getRGB(x, y), "pixel (" + x + ", " + y + ")");
    }
}
