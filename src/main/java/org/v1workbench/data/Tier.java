package org.v1workbench.data;

/** The role of an image in model fitting: fit on train, early-stop on validation, report on test. */
public enum Tier {
    TRAIN, VALIDATION, TEST;

    public String label() {
        return name().toLowerCase();
    }

    public static Tier parse(String s) {
        for (Tier t : values()) if (t.label().equalsIgnoreCase(s.trim())) return t;
        throw new IllegalArgumentException("unknown tier '" + s + "' (train, validation or test)");
    }
}
