package org.tusk.utils.misc;

/** The data type of a parameter, with the name pg_settings shows in {@code vartype}. */
public enum GucType {
    BOOL("bool"), INT("integer"), REAL("real"), STRING("string"), ENUM("enum");

    private final String pgName;

    GucType(String pgName) {
        this.pgName = pgName;
    }

    public String pgName() {
        return pgName;
    }
}
