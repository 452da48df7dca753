package org.tusk.catalog;

/**
 * pg_depend.deptype (dependency.h DependencyType): how the depender depends on the referenced
 * object.
 */
public enum DependencyType {
    /** DEPENDENCY_NORMAL: dropping the referenced object needs CASCADE, which drops the depender too. */
    NORMAL('n'),
    /** DEPENDENCY_AUTO: the depender goes silently with the referenced object, and may be dropped alone. */
    AUTO('a'),
    /** DEPENDENCY_INTERNAL: the depender is part of the referenced object (a view's rule), dropped only with it. */
    INTERNAL('i'),
    /**
     * DEPENDENCY_PARTITION_PRI: an index attached to a partitioned index goes with it (and with
     * its table, through the secondary one), but is never dropped alone while attached.
     */
    PARTITION_PRI('P'),
    /** DEPENDENCY_PARTITION_SEC: the attached index's dependency on its own table. */
    PARTITION_SEC('S');

    private final char code;

    DependencyType(char code) {
        this.code = code;
    }

    public char code() { return code; }

    public static DependencyType of(char code) {
        for (DependencyType t : values()) if (t.code == code) return t;
        throw new IllegalArgumentException("unknown deptype " + code);
    }
}
