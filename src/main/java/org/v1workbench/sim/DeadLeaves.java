package org.v1workbench.sim;

import java.util.Random;

/**
 * Natural-statistics images from the dead-leaves model (Matheron; Lee, Mumford and Huang 2001):
 * opaque shapes (discs, ellipses, rectangles) fall one after another, each hiding what lies under
 * it. Their sizes follow a power law, density proportional to r^-3 between one pixel and twice
 * the image, which makes the images statistically scale invariant: the amplitude spectrum falls as
 * about 1/f, as in photographs of natural scenes. Every leaf has a random grey level; about a
 * fifth carry a faint grating texture and some a shading gradient, since real surfaces are rarely flat.
 *
 * <p>Leaves are rendered on a grid twice as fine as the image and averaged 2 x 2, so that edges
 * are anti-aliased. Optionally 1/f noise ({@link PinkNoise}) is mixed in. Output: one image,
 * {@code size x size}, row-major (y down), integer grey levels 0..255.
 */
public final class DeadLeaves {
    private static final int SUPERSAMPLE = 2;
    private static final double R_MIN = 1.0;
    private static final int MAX_LEAVES = 1_000_000;
    private static final int BLOCK = 8;
    /** cos over one turn, for textures: a table is exact on every machine and far faster than StrictMath. */
    private static final double[] COS = new double[4097];

    static {
        for (int i = 0; i < COS.length; i++) COS[i] = StrictMath.cos(2 * Math.PI * i / 4096);
    }

    private final int size;
    private final double noiseFraction;
    private final PinkNoise noise;

    /** @param noiseFraction 0..1, the weight of 1/f noise mixed into each image */
    public DeadLeaves(int size, double noiseFraction) {
        this.size = size;
        this.noiseFraction = noiseFraction;
        this.noise = noiseFraction > 0 ? new PinkNoise(size) : null;
    }

    /** Image {@code index} of the sequence of {@code seed}: flat {@code size x size}, grey levels 0..255. */
    public float[] image(long seed, int index) {
        Random r = Rng.stream(seed, Rng.STIMULUS, index);
        double[] leaves = render(r);
        if (noise != null) {
            double[] n = noise.sample(r);
            double mean = 0, var = 0;
            for (double v : leaves) mean += v;
            mean /= leaves.length;
            for (double v : leaves) var += (v - mean) * (v - mean);
            double sd = Math.sqrt(var / leaves.length);
            for (int i = 0; i < leaves.length; i++)
                leaves[i] = mean + (1 - noiseFraction) * (leaves[i] - mean) + noiseFraction * sd * n[i];
        }
        float[] out = new float[leaves.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) Math.rint(255 * Math.max(0, Math.min(1, leaves[i])));
        return out;
    }

    /** The leaves, {@code size x size}, grey levels in [0, 1] (textures may stray a little outside). */
    private double[] render(Random r) {
        int m = size * SUPERSAMPLE;
        double[] fine = new double[m * m];
        boolean[] covered = new boolean[m * m];
        int left = m * m;
        double rMax = 2.0 * size;
        double a = 1 / (R_MIN * R_MIN), b = a - 1 / (rMax * rMax);
        // Uncovered samples per block of BLOCK x BLOCK fine samples, to skip hidden leaves quickly.
        int blocks = (m + BLOCK - 1) / BLOCK;
        int[] open = new int[blocks * blocks];
        for (int by = 0; by < blocks; by++)
            for (int bx = 0; bx < blocks; bx++)
                open[by * blocks + bx] = (Math.min(m, (by + 1) * BLOCK) - by * BLOCK) * (Math.min(m, (bx + 1) * BLOCK) - bx * BLOCK);
        for (int leaf = 0; leaf < MAX_LEAVES && left > 0; leaf++) {
            // Size by inverting the CDF of the r^-3 density on [R_MIN, rMax]; centres spread so
            // that every leaf overlapping the image is equally likely anywhere.
            double radius = 1 / Math.sqrt(a - r.nextDouble() * b);
            double cx = Rng.uniform(r, -radius, size + radius), cy = Rng.uniform(r, -radius, size + radius);
            // Bounding box on the fine grid (fine sample k has its centre at (k + 0.5) / SUPERSAMPLE).
            int x0 = Math.max(0, (int) Math.floor((cx - radius) * SUPERSAMPLE));
            int x1 = Math.min(m - 1, (int) Math.ceil((cx + radius) * SUPERSAMPLE));
            int y0 = Math.max(0, (int) Math.floor((cy - radius) * SUPERSAMPLE));
            int y1 = Math.min(m - 1, (int) Math.ceil((cy + radius) * SUPERSAMPLE));
            if (x0 > x1 || y0 > y1 || !anyOpen(open, blocks, x0, x1, y0, y1)) continue; // wholly hidden: its other properties never show
            int shape = r.nextInt(3); // 0 disc, 1 ellipse, 2 rectangle
            double aspect = shape == 0 ? 1 : Rng.uniform(r, 0.3, 1.0);
            double angle = Math.PI * r.nextDouble();
            double cos = StrictMath.cos(angle), sin = StrictMath.sin(angle);
            double grey = r.nextDouble();
            double tex = r.nextDouble();
            double texAmp = 0, texKx = 0, texKy = 0, texPhase = 0, gradX = 0, gradY = 0;
            if (tex < 0.20) {
                texAmp = Rng.uniform(r, 0.05, 0.15);
                double period = Rng.logUniform(r, 2, Math.max(2.5, Math.min(radius, size / 2.0)));
                double ta = Math.PI * r.nextDouble();
                texKx = 2 * Math.PI * StrictMath.cos(ta) / period;
                texKy = 2 * Math.PI * StrictMath.sin(ta) / period;
                texPhase = 2 * Math.PI * r.nextDouble();
            } else if (tex < 0.35) {
                double g = Rng.uniform(r, 0.05, 0.3) / radius, ga = 2 * Math.PI * r.nextDouble();
                gradX = g * StrictMath.cos(ga);
                gradY = g * StrictMath.sin(ga);
            }
            double ra = radius, rb = radius * aspect;
            // Visit only blocks that still have uncovered samples.
            for (int by = y0 / BLOCK; by <= y1 / BLOCK; by++)
                for (int bx = x0 / BLOCK; bx <= x1 / BLOCK; bx++) {
                    int block = by * blocks + bx;
                    if (open[block] == 0) continue;
                    int fyEnd = Math.min(y1, by * BLOCK + BLOCK - 1), fxEnd = Math.min(x1, bx * BLOCK + BLOCK - 1);
                    for (int fy = Math.max(y0, by * BLOCK); fy <= fyEnd; fy++) {
                        double y = (fy + 0.5) / SUPERSAMPLE - cy;
                        int row = fy * m;
                        for (int fx = Math.max(x0, bx * BLOCK); fx <= fxEnd; fx++) {
                            if (covered[row + fx]) continue;
                            double x = (fx + 0.5) / SUPERSAMPLE - cx;
                            double u = x * cos + y * sin, v = -x * sin + y * cos;
                            boolean inside = shape == 2 ? Math.abs(u) <= ra && Math.abs(v) <= rb
                                    : (u * u) / (ra * ra) + (v * v) / (rb * rb) <= 1;
                            if (!inside) continue;
                            double value = grey;
                            if (texAmp != 0) value += texAmp * cos(texKx * x + texKy * y + texPhase);
                            else if (gradX != 0 || gradY != 0) value += gradX * x + gradY * y;
                            fine[row + fx] = value;
                            covered[row + fx] = true;
                            open[block]--;
                            left--;
                        }
                    }
                }
        }
        if (left > 0) for (int i = 0; i < fine.length; i++) if (!covered[i]) fine[i] = 0.5;
        double[] out = new double[size * size];
        double w = 1.0 / (SUPERSAMPLE * SUPERSAMPLE);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) {
                double s = 0;
                for (int dy = 0; dy < SUPERSAMPLE; dy++)
                    for (int dx = 0; dx < SUPERSAMPLE; dx++) s += fine[(y * SUPERSAMPLE + dy) * m + x * SUPERSAMPLE + dx];
                out[y * size + x] = s * w;
            }
        return out;
    }

    private static boolean anyOpen(int[] open, int blocks, int x0, int x1, int y0, int y1) {
        for (int by = y0 / BLOCK; by <= y1 / BLOCK; by++)
            for (int bx = x0 / BLOCK; bx <= x1 / BLOCK; bx++)
                if (open[by * blocks + bx] > 0) return true;
        return false;
    }

    /** cos(t) by linear interpolation in a table of 4096 steps per turn (error below 3e-7). */
    static double cos(double t) {
        double turns = t / (2 * Math.PI);
        double f = (turns - Math.floor(turns)) * 4096;
        int i = (int) f;
        if (i >= 4096) i = 4095;
        double w = f - i;
        return COS[i] + w * (COS[i + 1] - COS[i]);
    }
}
