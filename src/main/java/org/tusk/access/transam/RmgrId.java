package org.tusk.access.transam;

/**
 * Resource managers, with PostgreSQL 15's numbers (rmgrlist.h): the id is stored in every WAL
 * record's {@code xl_rmid} and selects the redo routine, so the numbering is part of the on-disk
 * format and entries may only be added at the end.
 */
public enum RmgrId {
    XLOG("XLOG"),
    XACT("Transaction"),
    SMGR("Storage"),
    CLOG("CLOG"),
    DBASE("Database"),
    TBLSPC("Tablespace"),
    MULTIXACT("MultiXact"),
    RELMAP("RelMap"),
    STANDBY("Standby"),
    HEAP2("Heap2"),
    HEAP("Heap"),
    BTREE("Btree"),
    HASH("Hash"),
    GIN("Gin"),
    GIST("Gist"),
    SEQ("Sequence"),
    SPGIST("SPGist"),
    BRIN("BRIN"),
    COMMIT_TS("CommitTs"),
    REPLORIGIN("ReplicationOrigin"),
    GENERIC("Generic"),
    LOGICALMSG("LogicalMessage");

    /** {@code RM_MAX_BUILTIN_ID}. */
    public static final int MAX_BUILTIN_ID = LOGICALMSG.ordinal();

    private static final RmgrId[] BY_ID = values();

    private final String pgName;

    RmgrId(String pgName) {
        this.pgName = pgName;
    }

    /** The number stored in {@code xl_rmid}: the declaration order, as in rmgrlist.h. */
    public int id() {
        return ordinal();
    }

    /** The name pg_waldump prints. */
    public String pgName() {
        return pgName;
    }

    /** {@code RmgrIdIsValid} for built-in managers: the manager for {@code id}, or null. */
    public static RmgrId of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
