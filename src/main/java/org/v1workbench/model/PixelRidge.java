package org.v1workbench.model;

import org.v1workbench.data.Dataset;
import org.v1workbench.metrics.Metrics;

import java.util.Arrays;

/**
 * The simplest classical baseline: a linear map from pixels to every neuron's trial-mean
 * response, fitted by ridge regression with the penalty chosen on the validation images (the
 * "pixel ridge" model of the project's PyTorch accuracy reference). Plain Java, no ND4J.
 *
 * <p>Fitted in its dual form, {@code W = X^T (X X^T + lambda I)^-1 Y}, because there are fewer
 * training images than pixels; images are standardised with the training images' pixel mean and
 * standard deviation, responses centred on their training mean.
 */
public final class PixelRidge {
    /** The penalties tried, as in the reference: 1e0 .. 1e6. */
    public static final double[] PENALTIES = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};

    private PixelRidge() {}

    /** A fitted map: predictions {@code images x neurons}. */
    public record Fit(double lambda, double pixelMean, double pixelSd, double[][] trainX, double[][] dual, double[] responseMean) {
        public double[][] predict(Dataset d, int[] images) {
            double[][] x = design(d, images, pixelMean, pixelSd);
            int neurons = responseMean.length;
            double[][] out = new double[images.length][neurons];
            for (int i = 0; i < images.length; i++) {
                double[] k = new double[trainX.length];
                for (int t = 0; t < trainX.length; t++) k[t] = dot(x[i], trainX[t]);
                for (int n = 0; n < neurons; n++) {
                    double s = responseMean[n];
                    for (int t = 0; t < trainX.length; t++) s += k[t] * dual[t][n];
                    out[i][n] = s;
                }
            }
            return out;
        }
    }

    /**
     * Fits on {@code train} and keeps the penalty whose validation predictions have the highest
     * mean Pearson r over neurons.
     */
    public static Fit fit(Dataset d, int[] train, int[] validation) {
        double[] pixels = new double[train.length * d.height() * d.width()];
        int p = 0;
        for (int i : train) for (float v : d.stimulus(i)) pixels[p++] = v;
        double mean = Arrays.stream(pixels).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(pixels).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, pixels.length - 1));
        if (sd == 0) sd = 1;
        double[][] x = design(d, train, mean, sd);
        double[][] means = d.meanResponses();
        int neurons = d.neuronCount();
        double[] yMean = new double[neurons];
        double[][] y = new double[train.length][neurons];
        for (int n = 0; n < neurons; n++) {
            double s = 0;
            int c = 0;
            for (int i : train) if (!Double.isNaN(means[i][n])) { s += means[i][n]; c++; }
            yMean[n] = c == 0 ? 0 : s / c;
            for (int t = 0; t < train.length; t++) {
                double v = means[train[t]][n];
                y[t][n] = Double.isNaN(v) ? 0 : v - yMean[n];
            }
        }
        double[][] gram = new double[train.length][train.length];
        for (int a = 0; a < train.length; a++)
            for (int b = a; b < train.length; b++) gram[a][b] = gram[b][a] = dot(x[a], x[b]);

        Fit best = null;
        double bestR = Double.NEGATIVE_INFINITY;
        for (double lambda : PENALTIES) {
            double[][] k = new double[train.length][];
            for (int a = 0; a < train.length; a++) {
                k[a] = gram[a].clone();
                k[a][a] += lambda;
            }
            Fit fit = new Fit(lambda, mean, sd, x, solveSpd(k, y), yMean);
            double r = meanCorrelation(fit.predict(d, validation), means, validation);
            if (best == null || r > bestR) {
                best = fit;
                bestR = r;
            }
        }
        return best;
    }

    static double meanCorrelation(double[][] pred, double[][] means, int[] images) {
        int neurons = means[0].length;
        double sum = 0;
        int c = 0;
        for (int n = 0; n < neurons; n++) {
            double[] a = new double[images.length], b = new double[images.length];
            for (int k = 0; k < images.length; k++) {
                a[k] = pred[k][n];
                b[k] = means[images[k]][n];
            }
            double r = Metrics.pearson(a, b);
            if (!Double.isNaN(r)) { sum += r; c++; }
        }
        return c == 0 ? Double.NEGATIVE_INFINITY : sum / c;
    }

    static double[][] design(Dataset d, int[] images, double mean, double sd) {
        double[][] x = new double[images.length][];
        for (int k = 0; k < images.length; k++) {
            float[] s = d.stimulus(images[k]);
            x[k] = new double[s.length];
            for (int j = 0; j < s.length; j++) x[k][j] = (s[j] - mean) / sd;
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Solves {@code A X = B} for symmetric positive-definite A by Cholesky decomposition. */
    static double[][] solveSpd(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (s <= 0) throw new ArithmeticException("matrix is not positive definite");
                    l[i][i] = Math.sqrt(s);
                } else l[i][j] = s / l[j][j];
            }
        }
        double[][] x = new double[n][m];
        for (int c = 0; c < m; c++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b[i][c];
                for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
                z[i] = s / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = z[i];
                for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k][c];
                x[i][c] = s / l[i][i];
            }
        }
        return x;
    }
}
