package org.tusk.storage.lmgr;

/**
 * What a lock tag identifies (PostgreSQL's LockTagType in lock.h), with the codes stored in the
 * tag and the names pg_locks shows in its {@code locktype} column (LockTagTypeNames).
 */
public enum LockTagType {
    RELATION(0, "relation"),
    RELATION_EXTEND(1, "extend"),
    DATABASE_FROZEN_IDS(2, "frozenid"),
    PAGE(3, "page"),
    TUPLE(4, "tuple"),
    TRANSACTION(5, "transactionid"),
    VIRTUALTRANSACTION(6, "virtualxid"),
    SPECULATIVE_TOKEN(7, "spectoken"),
    OBJECT(8, "object"),
    USERLOCK(9, "userlock"),
    ADVISORY(10, "advisory");

    private static final LockTagType[] BY_CODE = values();

    private final int code;
    private final String pgName;

    LockTagType(int code, String pgName) {
        this.code = code;
        this.pgName = pgName;
    }

    /** The value of locktag_type. */
    public int code() { return code; }

    /** pg_locks.locktype. */
    public String pgName() { return pgName; }

    public static LockTagType of(int code) {
        if (code < 0 || code >= BY_CODE.length) throw new IllegalArgumentException("unrecognized locktag type " + code);
        return BY_CODE[code];
    }
}
