package org.v1workbench.sim;

import org.v1workbench.data.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A figure of example stimuli and example receptive fields (PNG, drawn with java.awt, no display
 * needed). Receptive fields are drawn in the image frame, so their positions and sizes read
 * against the stimuli: light = the filter's positive (ON) weights, dark = negative (OFF), mid grey
 * = zero. Under each, the cell type and a short line at its preferred orientation drawn as on
 * screen (0 = horizontal, counter-clockwise), which must lie along the filter's bars.
 */
public final class SimulationFigure {
    private static final int COLUMNS = 5, SCALE = 2, GAP = 14, MARGIN = 16;

    private SimulationFigure() {}

    /**
     * @param stimuli flat {@code images x size x size} grey levels 0..255 (the first 10 are shown)
     */
    public static void write(float[] stimuli, int images, SimulatedPopulation pop, Path file) throws IOException {
        BufferedImage img = draw(stimuli, images, pop);
        AtomicFiles.writeFile(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer");
        });
    }

    static BufferedImage draw(float[] stimuli, int images, SimulatedPopulation pop) {
        int size = pop.imageSize(), tile = size * SCALE;
        List<SimulatedNeuron> examples = examples(pop);
        int stimRows = (Math.min(images, 2 * COLUMNS) + COLUMNS - 1) / COLUMNS;
        int rfRows = (examples.size() + COLUMNS - 1) / COLUMNS;
        int labelH = 34, headH = 30;
        int width = 2 * MARGIN + COLUMNS * tile + (COLUMNS - 1) * GAP;
        int height = MARGIN + 26 + headH + stimRows * (tile + GAP) + headH + rfRows * (tile + labelH + GAP) + MARGIN;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        int y = MARGIN + 16;
        g.drawString("Simulated V1 sample data (ground truth known)", MARGIN, y);
        y += 10;

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "Stimuli: dead leaves, %d x %d px, amplitude spectrum ~ 1/f", size, size), MARGIN, y + 20);
        y += headH;
        for (int k = 0; k < Math.min(images, 2 * COLUMNS); k++) {
            int x0 = MARGIN + (k % COLUMNS) * (tile + GAP), y0 = y + (k / COLUMNS) * (tile + GAP);
            for (int py = 0; py < size; py++)
                for (int px = 0; px < size; px++) {
                    int v = Math.max(0, Math.min(255, Math.round(stimuli[(k * size + py) * size + px])));
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + px * SCALE, y0 + py * SCALE, SCALE, SCALE);
                }
        }
        y += stimRows * (tile + GAP);

        g.setColor(Color.BLACK);
        g.drawString("Receptive fields in the image frame (light = ON weights, dark = OFF); line = preferred orientation", MARGIN, y + 18);
        y += headH;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < examples.size(); k++) {
            SimulatedNeuron n = examples.get(k);
            int x0 = MARGIN + (k % COLUMNS) * (tile + GAP), y0 = y + (k / COLUMNS) * (tile + labelH + GAP);
            double[] rf = n.spatialProfile();
            double max = 0;
            for (double v : rf) max = Math.max(max, Math.abs(v));
            for (int py = 0; py < size; py++)
                for (int px = 0; px < size; px++) {
                    int v = (int) Math.round(128 + 127 * (max > 0 ? rf[py * size + px] / max : 0));
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + px * SCALE, y0 + py * SCALE, SCALE, SCALE);
                }
            g.setColor(Color.GRAY);
            g.drawRect(x0, y0, tile - 1, tile - 1);
            NeuronParams p = n.params();
            g.setColor(Color.BLACK);
            g.drawString(label(p), x0, y0 + tile + 14);
            String second = Double.isNaN(p.orientationDeg()) ? "untuned" : String.format(Locale.ROOT, "%.0f\u00b0", p.orientationDeg());
            g.drawString(p.id() + "  " + second, x0, y0 + tile + 28);
            if (!Double.isNaN(p.orientationDeg())) {
                // Orientation glyph: on screen counter-clockwise from horizontal, so y goes up by sin.
                double t = Math.toRadians(p.orientationDeg()), cx = x0 + tile - 14, cy = y0 + tile + 21, h = 10;
                g.setStroke(new BasicStroke(2f));
                g.drawLine((int) Math.round(cx - h * Math.cos(t)), (int) Math.round(cy + h * Math.sin(t)),
                        (int) Math.round(cx + h * Math.cos(t)), (int) Math.round(cy - h * Math.sin(t)));
                g.setStroke(new BasicStroke(1f));
            }
        }
        g.dispose();
        return out;
    }

    private static String label(NeuronParams p) {
        return switch (p.mechanism()) {
            case RECTIFIED_LINEAR -> "simple";
            case ENERGY -> "complex (energy)";
            case DIFFERENCE_OF_GAUSSIANS -> "centre-surround " + (p.phaseDeg() == 0 ? "ON" : "OFF");
            case CROSS_ORIENTATION_SUPPRESSION -> "other: cross-orient.";
            case CONTRAST_NORMALISATION -> "other: contrast norm.";
        };
    }

    /** Up to 3 simple, 2 complex, 2 centre-surround (ON and OFF if present), 2 cross-orientation and 1 untuned cell. */
    static List<SimulatedNeuron> examples(SimulatedPopulation pop) {
        int[] want = {3, 2, 2, 2, 1};
        Mechanism[] order = {Mechanism.RECTIFIED_LINEAR, Mechanism.ENERGY, Mechanism.DIFFERENCE_OF_GAUSSIANS,
                Mechanism.CROSS_ORIENTATION_SUPPRESSION, Mechanism.CONTRAST_NORMALISATION};
        List<SimulatedNeuron> out = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            List<SimulatedNeuron> of = new ArrayList<>();
            for (SimulatedNeuron n : pop.neurons()) if (n.params().mechanism() == order[k]) of.add(n);
            if (order[k] == Mechanism.DIFFERENCE_OF_GAUSSIANS) {
                // Prefer one ON and one OFF cell.
                of.sort((a, b) -> Double.compare(a.params().phaseDeg(), b.params().phaseDeg()));
                if (of.size() > 2) of = List.of(of.get(0), of.get(of.size() - 1));
            }
            out.addAll(of.subList(0, Math.min(want[k], of.size())));
        }
        return out;
    }
}
