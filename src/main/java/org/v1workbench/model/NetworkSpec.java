package org.v1workbench.model;

/**
 * What a network is built for, taken from the training data: the image size, the number of
 * neurons it predicts, the pixel mean and standard deviation of the training images (the graph
 * standardises its input with them, so a saved model takes raw pixels) and each neuron's mean
 * response on the training images (spike counts per window, or the signal; the output biases start
 * there), and whether the responses are a signed signal (dF/F, z-scored: the output is then linear,
 * free to go negative, where for counts it is positive).
 *
 * @param meanResponse length {@code neurons}
 */
public record NetworkSpec(int height, int width, int neurons, double pixelMean, double pixelSd, double[] meanResponse, boolean signed) {
    public NetworkSpec {
        if (height < 1 || width < 1 || neurons < 1)
            throw new IllegalArgumentException("network for " + height + " x " + width + " images and " + neurons + " neurons");
        if (!(pixelSd > 0) || !Double.isFinite(pixelMean) || !Double.isFinite(pixelSd))
            throw new IllegalArgumentException("pixel standard deviation must be positive and finite, not " + pixelSd);
        if (meanResponse.length != neurons)
            throw new IllegalArgumentException(meanResponse.length + " mean responses for " + neurons + " neurons");
        meanResponse = meanResponse.clone();
    }

    /** The spec of a network for non-negative responses (spike counts). */
    public NetworkSpec(int height, int width, int neurons, double pixelMean, double pixelSd, double[] meanResponse) {
        this(height, width, neurons, pixelMean, pixelSd, meanResponse, false);
    }

    /** As {@link #of(float[], int, int, int, float[], int, boolean)} for non-negative responses (spike counts). */
    public static NetworkSpec of(float[] images, int count, int height, int width, float[] responses, int neurons) {
        return of(images, count, height, width, responses, neurons, false);
    }

    @Override
    public double[] meanResponse() {
        return meanResponse.clone();
    }

    /**
     * The spec of training images {@code images x height x width} (flat) and their responses
     * {@code images x neurons} (flat, NaN where missing), {@code signed} where they are a signal
     * whose negative values are real.
     */
    public static NetworkSpec of(float[] images, int count, int height, int width, float[] responses, int neurons, boolean signed) {
        double sum = 0, sq = 0;
        long n = (long) count * height * width;
        for (long i = 0; i < n; i++) sum += images[(int) i];
        double mean = sum / n;
        for (long i = 0; i < n; i++) {
            double d = images[(int) i] - mean;
            sq += d * d;
        }
        double sd = Math.sqrt(sq / n);
        if (!(sd > 0)) sd = 1; // constant images: nothing to scale
        double[] m = new double[neurons];
        int[] k = new int[neurons];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < neurons; j++) {
                float v = responses[i * neurons + j];
                if (!Float.isNaN(v)) {
                    m[j] += v;
                    k[j]++;
                }
            }
        for (int j = 0; j < neurons; j++) m[j] = k[j] == 0 ? 0 : m[j] / k[j];
        return new NetworkSpec(height, width, neurons, mean, sd, m, signed);
    }
}
