package org.tusk.access.transam;

/** XactIsoLevel's values (xact.h), with the names {@code transaction_isolation} uses. */
public enum IsolationLevel {
    READ_UNCOMMITTED("read uncommitted"),
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String setting;

    IsolationLevel(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** IsolationUsesXactSnapshot: one snapshot for the whole transaction (REPEATABLE READ and SERIALIZABLE). */
    public boolean usesXactSnapshot() {
        return this == REPEATABLE_READ || this == SERIALIZABLE;
    }

    /** The level for a {@code transaction_isolation} / {@code default_transaction_isolation} value. */
    public static IsolationLevel fromSetting(String s) {
        for (IsolationLevel l : values()) if (l.setting.equals(s)) return l;
        throw new IllegalArgumentException("unknown isolation level \"" + s + "\"");
    }
}
