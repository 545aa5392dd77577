package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a core hands its readout: feature maps {@code batch x channels x height x width}, or a
 * feature vector {@code batch x channels} (height and width 1, {@link #flat}).
 *
 * @param offset where grid pixel 0 sits in the image, in pixels (for read positions in image coordinates)
 */
record CoreFeatures(SDVariable value, int channels, int height, int width, boolean flat, int offset) {
    /** A feature vector per image. */
    static CoreFeatures vector(SDVariable value, int features) {
        return new CoreFeatures(value, features, 1, 1, true, 0);
    }
}
