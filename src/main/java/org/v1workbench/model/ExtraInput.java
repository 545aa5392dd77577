package org.v1workbench.model;

import java.util.SplittableRandom;

/**
 * An input a component adds to its network besides the image: a placeholder drawn afresh for
 * every training batch and fixed at prediction, such as a dropout mask or the Gaussian readout's
 * jitter of its read positions. The network assembles it with every batch ({@code Network}) from
 * this declaration alone.
 *
 * @param name         the placeholder's name in the graph
 * @param rows         rows per batch: 0 for one per image ({@code batch x width}), else that many
 * @param width        values per row
 * @param salt         the batch draws of epoch e come from {@code new SplittableRandom(seed(e) ^ salt)}:
 *                     reproducible, and independent of the other inputs' draws
 * @param draw         fills one batch's values ({@code rows x width}, flat) from that generator
 * @param atPrediction the value of every entry when predicting (1 for a keep mask, 0 for jitter)
 * @param atPadding    for an input of one row per image: the value of the padding rows of a short
 *                     last batch (0 for a mask of real images); NaN: drawn as the real rows
 */
public record ExtraInput(String name, int rows, int width, long salt, Draw draw, float atPrediction, float atPadding) {
    /** An input whose padding rows (a short last batch filled up to the batch size) are drawn as the others. */
    public ExtraInput(String name, int rows, int width, long salt, Draw draw, float atPrediction) {
        this(name, rows, width, salt, draw, atPrediction, Float.NaN);
    }

    /** Fills one batch's values. */
    @FunctionalInterface
    public interface Draw {
        void fill(float[] values, SplittableRandom random);
    }

    /** Rows for a batch of {@code batch} images. */
    public int rowsFor(int batch) {
        return rows == 0 ? batch : rows;
    }

    /** The placeholder's shape in the graph ({@code -1} rows: the batch). */
    public long[] placeholderShape() {
        return new long[]{rows == 0 ? -1 : rows, width};
    }
}
