package org.v1workbench.data;

import java.util.Arrays;
import java.util.Random;

/**
 * The tier of every image, in the dataset's image order. Immutable.
 *
 * <p>The default split follows the code release of Kindel et al. (2019): two thirds of the images
 * to train, one seventh to early-stop (validation), the rest to test, drawn by a seeded shuffle.
 */
public final class Tiers {
    private final Tier[] tiers;

    private Tiers(Tier[] tiers) {
        this.tiers = tiers;
    }

    public static Tiers of(Tier[] tiers) {
        for (Tier t : tiers) if (t == null) throw new IllegalArgumentException("every image needs a tier");
        return new Tiers(tiers.clone());
    }

    /** The paper's split (2/3 train, 1/7 validation, rest test) of {@code images} images. */
    public static Tiers defaultSplit(int images, long seed) {
        int[] order = permutation(images, seed);
        int train = images * 2 / 3;
        int validation = images / 7;
        Tier[] t = new Tier[images];
        for (int k = 0; k < images; k++) {
            t[order[k]] = k < train ? Tier.TRAIN : k < train + validation ? Tier.VALIDATION : Tier.TEST;
        }
        return new Tiers(t);
    }

    /** A seeded Fisher-Yates permutation of 0..n-1 (the same on every machine and JVM). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    public int size() {
        return tiers.length;
    }

    public Tier of(int image) {
        return tiers[image];
    }

    /** The indices of the images in {@code tier}, ascending. */
    public int[] indices(Tier tier) {
        return java.util.stream.IntStream.range(0, tiers.length).filter(i -> tiers[i] == tier).toArray();
    }

    public int count(Tier tier) {
        return indices(tier).length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tiers other && Arrays.equals(tiers, other.tiers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tiers);
    }
}
