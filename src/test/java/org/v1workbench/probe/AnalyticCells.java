package org.v1workbench.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * A population of analytic model cells with known ground truth, for validating the probes:
 * Gabor simple cells (linear filter, half-wave rectification, exponent), energy-model complex
 * cells (quadrature pair, squared sum) and difference-of-Gaussians centre-surround cells
 * (rectified). Input is contrast z = (pixel - mean) / sd. Gradients are exact (analytic), so
 * probes run fast; {@link #withoutGradients()} hides them to exercise finite differences.
 *
 * <p>The Gabor is built from the geometry of the screen, independently of {@code Gratings}: the
 * bars of orientation theta (counter-clockwise on screen, y down) run along (cos theta,
 * -sin theta) in pixel coordinates, so the carrier varies along the normal (sin theta, cos theta).
 */
final class AnalyticCells implements ResponseModel {
    enum Type { SIMPLE, COMPLEX, DOG }

    record Cell(Type type, double cx, double cy, double sigma, double orientationDeg, double sf, double phaseDeg,
                double gain, double exponent, double baseline) {}

    final int h, w;
    final double mean, sd;
    final List<Cell> cells;
    /** Per cell: filters (1 or 2), each flat h x w. */
    private final List<double[][]> filters = new ArrayList<>();

    AnalyticCells(int h, int w, double mean, double sd, List<Cell> cells) {
        this.h = h;
        this.w = w;
        this.mean = mean;
        this.sd = sd;
        this.cells = List.copyOf(cells);
        for (Cell c : cells) {
            switch (c.type()) {
                case SIMPLE -> filters.add(new double[][] {gabor(c, c.phaseDeg())});
                case COMPLEX -> filters.add(new double[][] {gabor(c, c.phaseDeg()), gabor(c, c.phaseDeg() + 90)});
                case DOG -> filters.add(new double[][] {dog(c)});
            }
        }
    }

    /** Gabor filter, unit L2 norm. */
    double[] gabor(Cell c, double phaseDeg) {
        double t = Math.toRadians(c.orientationDeg());
        double nx = Math.sin(t), ny = Math.cos(t);
        double[] g = new double[h * w];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                double dx = j + 0.5 - c.cx(), dy = i + 0.5 - c.cy();
                double v = dx * nx + dy * ny;
                g[i * w + j] = Math.exp(-(dx * dx + dy * dy) / (2 * c.sigma() * c.sigma()))
                        * Math.cos(2 * Math.PI * c.sf() * v + Math.toRadians(phaseDeg));
            }
        return unit(g);
    }

    /** ON-centre difference of Gaussians (surround sigma 2x, equal integrals), unit L2 norm. */
    double[] dog(Cell c) {
        double s1 = c.sigma(), s2 = 2 * c.sigma();
        double[] g = new double[h * w];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                double dx = j + 0.5 - c.cx(), dy = i + 0.5 - c.cy(), r2 = dx * dx + dy * dy;
                g[i * w + j] = Math.exp(-r2 / (2 * s1 * s1)) / (s1 * s1) - Math.exp(-r2 / (2 * s2 * s2)) / (s2 * s2);
            }
        return unit(g);
    }

    private static double[] unit(double[] g) {
        double n = 0;
        for (double v : g) n += v * v;
        n = Math.sqrt(n);
        for (int k = 0; k < g.length; k++) g[k] /= n;
        return g;
    }

    /** The filters of cell n (the Gabor, the quadrature pair or the DoG). */
    double[][] filtersOf(int n) {
        return filters.get(n);
    }

    @Override public int neurons() { return cells.size(); }
    @Override public int height() { return h; }
    @Override public int width() { return w; }

    private double[] drives(int n, float[] images, int image) {
        double[][] f = filters.get(n);
        double[] u = new double[f.length];
        int base = image * h * w;
        for (int k = 0; k < f.length; k++) {
            double s = 0;
            for (int q = 0; q < h * w; q++) s += f[k][q] * (images[base + q] - mean) / sd;
            u[k] = s;
        }
        return u;
    }

    @Override
    public double[][] rates(float[] images, int count) {
        double[][] out = new double[count][cells.size()];
        for (int i = 0; i < count; i++)
            for (int n = 0; n < cells.size(); n++) {
                Cell c = cells.get(n);
                double[] u = drives(n, images, i);
                out[i][n] = c.baseline() + c.gain() * (c.type() == Type.COMPLEX ? u[0] * u[0] + u[1] * u[1]
                        : Math.pow(Math.max(0, u[0]), c.exponent()));
            }
        return out;
    }

    @Override
    public float[][] inputGradients(float[] images, int count, int[] neurons) {
        int p = h * w;
        float[][] out = new float[neurons.length][count * p];
        for (int q = 0; q < neurons.length; q++) {
            int n = neurons[q];
            Cell c = cells.get(n);
            double[][] f = filters.get(n);
            for (int i = 0; i < count; i++) {
                double[] u = drives(n, images, i);
                double[] coef = c.type() == Type.COMPLEX ? new double[] {2 * u[0], 2 * u[1]}
                        : new double[] {u[0] > 0 ? c.exponent() * Math.pow(u[0], c.exponent() - 1) : 0};
                for (int k = 0; k < p; k++) {
                    double g = 0;
                    for (int m = 0; m < f.length; m++) g += coef[m] * f[m][k];
                    out[q][i * p + k] = (float) (c.gain() * g / sd);
                }
            }
        }
        return out;
    }

    /** The same cells with the analytic gradients hidden: gradients by finite differences. */
    ResponseModel withoutGradients() {
        AnalyticCells self = this;
        return new ResponseModel() {
            @Override public int neurons() { return self.neurons(); }
            @Override public int height() { return h; }
            @Override public int width() { return w; }
            @Override public double[][] rates(float[] images, int count) { return self.rates(images, count); }
        };
    }

    /** Seeded natural-like images: white noise summed over octave blurs (about 1/f amplitude), mean and sd given. */
    static float[] pinkImages(int count, int h, int w, double mean, double sd, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] out = new float[count * h * w];
        for (int i = 0; i < count; i++) {
            double[] img = new double[h * w];
            for (double s = 0.5; s <= 8; s *= 2) {
                double[] noise = new double[h * w];
                for (int k = 0; k < noise.length; k++) noise[k] = rnd.nextGaussian();
                double[] b = ImageOps.blur(noise, h, w, s);
                for (int k = 0; k < img.length; k++) img[k] += s * b[k];
            }
            double m = 0, v = 0;
            for (double x : img) m += x;
            m /= img.length;
            for (double x : img) v += (x - m) * (x - m);
            double scale = sd / Math.sqrt(v / img.length);
            for (int k = 0; k < img.length; k++) out[i * h * w + k] = (float) Math.max(0, Math.min(255, mean + (img[k] - m) * scale));
        }
        return out;
    }
}
