package org.v1workbench.ui.importer;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.figure.ColorScales;
import org.v1workbench.figure.GreyImages;

import java.util.ArrayList;
import java.util.List;

/**
 * The preview's pictures, made on a worker thread (JavaFX images may be written before they are
 * shown): the first images, and the response matrix, neurons (rows) x images (columns), each cell
 * the mean over the image's repeats in viridis, missing cells grey.
 */
final class PreviewImages {
    static final int THUMBNAILS = 8, THUMB_PX = 72, CELL_PX = 6;

    private PreviewImages() {}

    static ImportModel.Preview of(Dataset d) {
        List<Image> thumbs = new ArrayList<>();
        GreyImages.Range range = GreyImages.range(d.stimuliArray());
        for (int i = 0; i < Math.min(THUMBNAILS, d.images()); i++) {
            int[] size = GreyImages.displaySize(d.height(), d.width(), THUMB_PX);
            thumbs.add(image(GreyImages.argb(d.stimulus(i), d.height(), d.width(), range, size[0], size[1]), size[1], size[0]));
        }
        double[][] mean = d.meanResponses();
        int images = Math.min(d.images(), 200), neurons = Math.min(d.neuronCount(), 100);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < images; i++)
            for (int n = 0; n < neurons; n++)
                if (!Double.isNaN(mean[i][n])) {
                    lo = Math.min(lo, mean[i][n]);
                    hi = Math.max(hi, mean[i][n]);
                }
        int cell = Math.max(2, Math.min(CELL_PX * 4, 480 / Math.max(images, 1)));
        int w = images * cell, h = neurons * cell;
        int[] px = new int[w * h];
        for (int n = 0; n < neurons; n++)
            for (int i = 0; i < images; i++) {
                double v = mean[i][n];
                int argb = 0xFF000000 | ColorScales.viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5).getRGB();
                for (int y = n * cell; y < (n + 1) * cell; y++)
                    for (int x = i * cell; x < (i + 1) * cell; x++) px[y * w + x] = argb;
            }
        int minRep = Integer.MAX_VALUE, maxRep = 0, presentations = 0;
        for (int i = 0; i < d.images(); i++) {
            int k = 0;
            for (int r = 0; r < d.repeats(); r++) {
                boolean any = false;
                for (int n = 0; n < d.neuronCount() && !any; n++) any = !Float.isNaN(d.response(i, r, n));
                if (any) k++;
            }
            minRep = Math.min(minRep, k);
            maxRep = Math.max(maxRep, k);
            presentations += k;
        }
        // Spike counts are per window as stored; a signal's values are already in its unit (dF/F, z), averaged over the window.
        String levels = d.responseKind() == ResponseKind.SPIKE_COUNTS
                ? String.format(java.util.Locale.ROOT, "mean response %.3g to %.3g per %.3g s window", lo, hi, d.windowSeconds())
                : String.format(java.util.Locale.ROOT, "mean response %.3g to %.3g %s (%s, over a %.3g s window)", lo, hi, d.unit(),
                        d.responseKind().description(), d.windowSeconds());
        String summary = String.format(java.util.Locale.ROOT, "%d neurons x %d images of %d x %d; repeats per image %s (%d presentations); %s%s",
                d.neuronCount(), d.images(), d.height(), d.width(), minRep == maxRep ? Integer.toString(maxRep) : minRep + " to " + maxRep,
                presentations, levels,
                images < d.images() || neurons < d.neuronCount() ? " (matrix: first " + neurons + " neurons x " + images + " images)" : "")
                + "; split " + TierCheck.split(d);
        return new ImportModel.Preview(d, thumbs, image(px, w, h), summary, TierCheck.warning(d));
    }

    private static Image image(int[] argb, int w, int h) {
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }
}
