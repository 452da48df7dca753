package org.tusk.access.transam;

/** {@code wal_level} (xlog.h's WalLevel); the ordinal is the value stored in pg_control. */
public enum WalLevel {
    MINIMAL, REPLICA, LOGICAL;

    private static final WalLevel[] BY_VALUE = values();

    public static WalLevel of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
