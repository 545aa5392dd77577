package org.v1workbench.ui.dataset;

import org.v1workbench.data.Tier;

import java.util.List;

/** Value types the dataset browser's model hands to its view. Shapes in the comments. */
public final class BrowserData {
    private BrowserData() {}

    /** A stimulus rendered for display: {@code height x width} opaque ARGB pixels, row-major. */
    public record Thumbnail(int image, Tier tier, int width, int height, int[] argb) {}

    /**
     * The response of the shown neurons (table order) to one image: {@code means[N]} trial
     * means and {@code perRepeat[N][R]} single repeats (NaN where missing), in the dataset's
     * unit (Hz for spike counts, dF/F for a dF/F recording).
     */
    public record ImageResponse(int image, Tier tier, List<NeuronRow> neurons, double[] means, double[][] perRepeat, int repeats) {
        public List<String> ids() {
            return neurons.stream().map(NeuronRow::id).toList();
        }
    }

    /** One neuron's responses to the selected images: {@code perRepeat[images][R]}, in the dataset's unit. */
    public record Raster(NeuronRow neuron, int[] images, double[][] perRepeat) {}
}
