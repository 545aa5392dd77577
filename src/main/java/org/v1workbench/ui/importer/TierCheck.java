package org.v1workbench.ui.importer;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the import dialog says about a dataset's split. A small recording imports without
 * complaint into a split with an empty tier (6 images make 4 / 0 / 2 train / validation / test),
 * and only training or {@code score} refuses it later; the dialog says so while the user can
 * still bring more images, and names the split it uses.
 */
final class TierCheck {
    /** Images from which the default split gives every tier at least one (images / 7 validation images). */
    static final int DEFAULT_SPLIT_MINIMUM = 7;

    private TierCheck() {}

    /** The split in a few words: "4 / 0 / 2 images train / validation / test (the default split)". */
    static String split(Dataset d) {
        Tiers t = d.tiers();
        return String.format(Locale.ROOT, "%d / %d / %d images train / validation / test (%s)", t.count(Tier.TRAIN),
                t.count(Tier.VALIDATION), t.count(Tier.TEST), isDefault(d) ? "the default split" : "the split the source declares");
    }

    /** Empty where every tier has an image; else which tiers are empty, what refuses them, and the split. */
    static String warning(Dataset d) {
        List<String> problems = new ArrayList<>();
        if (d.tiers().count(Tier.TRAIN) == 0) problems.add("with no training images there is nothing to train on");
        if (d.tiers().count(Tier.VALIDATION) == 0)
            problems.add("training stops early on the validation tier and refuses a dataset without validation images");
        if (d.tiers().count(Tier.TEST) == 0) problems.add("`score` and the inspector refuse a dataset without test images");
        if (problems.isEmpty()) return "";
        String how = isDefault(d)
                ? " The default split (2/3 train, 1/7 validation, the rest test, by a seeded shuffle) gives every tier an image from "
                  + DEFAULT_SPLIT_MINIMUM + " images on; this source has " + d.images() + "."
                : "";
        return "Empty tier: the import will use " + split(d) + "; " + String.join("; ", problems) + "." + how;
    }

    /** Whether the tiers are the default split a dataset gets when its source names none. */
    static boolean isDefault(Dataset d) {
        return d.tiers().equals(Tiers.defaultSplit(d.images(), 0));
    }
}
