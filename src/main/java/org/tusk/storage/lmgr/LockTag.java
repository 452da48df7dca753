package org.tusk.storage.lmgr;

/**
 * What is locked (PostgreSQL's LOCKTAG, lock.h): three 32-bit fields, one 16-bit field, the tag
 * type and the lock method, whose meaning depends on the type as the SET_LOCKTAG_* macros set
 * them. Fields hold unsigned values (OIDs, xids, block numbers) in Java ints.
 *
 * <p>Advisory locks belong to the user lock method ({@link #USER_LOCKMETHOD}), everything else to
 * the default one; the method is part of the tag's identity, as in PostgreSQL. Both methods share
 * one conflict table.
 */
public record LockTag(int field1, int field2, int field3, int field4, LockTagType type, int lockMethodId) {
    public static final int DEFAULT_LOCKMETHOD = 1, USER_LOCKMETHOD = 2;

    public LockTag {
        if ((field4 & ~0xFFFF) != 0) throw new IllegalArgumentException("field4 is 16 bits: " + field4);
        if (lockMethodId != DEFAULT_LOCKMETHOD && lockMethodId != USER_LOCKMETHOD) {
            throw new IllegalArgumentException("unrecognized lock method: " + lockMethodId);
        }
    }

    /** SET_LOCKTAG_RELATION: a whole relation; {@code dbOid} is 0 for a shared catalog. */
    public static LockTag relation(int dbOid, int relOid) {
        return new LockTag(dbOid, relOid, 0, 0, LockTagType.RELATION, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_RELATION_EXTEND: the right to extend a relation. */
    public static LockTag relationExtend(int dbOid, int relOid) {
        return new LockTag(dbOid, relOid, 0, 0, LockTagType.RELATION_EXTEND, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_DATABASE_FROZEN_IDS. */
    public static LockTag databaseFrozenIds(int dbOid) {
        return new LockTag(dbOid, 0, 0, 0, LockTagType.DATABASE_FROZEN_IDS, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_PAGE. */
    public static LockTag page(int dbOid, int relOid, int blockNumber) {
        return new LockTag(dbOid, relOid, blockNumber, 0, LockTagType.PAGE, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_TUPLE: one tuple, by block number and line pointer offset. */
    public static LockTag tuple(int dbOid, int relOid, int blockNumber, int offsetNumber) {
        return new LockTag(dbOid, relOid, blockNumber, offsetNumber, LockTagType.TUPLE, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_TRANSACTION: a transaction, by xid. */
    public static LockTag transaction(int xid) {
        return new LockTag(xid, 0, 0, 0, LockTagType.TRANSACTION, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_VIRTUALTRANSACTION: backend id and local transaction id. */
    public static LockTag virtualTransaction(int backendId, int localXid) {
        return new LockTag(backendId, localXid, 0, 0, LockTagType.VIRTUALTRANSACTION, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_SPECULATIVE_INSERTION. */
    public static LockTag speculativeToken(int xid, int token) {
        return new LockTag(xid, token, 0, 0, LockTagType.SPECULATIVE_TOKEN, DEFAULT_LOCKMETHOD);
    }

    /** SET_LOCKTAG_OBJECT: a non-relation database object; {@code dbOid} is 0 for shared objects. */
    public static LockTag object(int dbOid, int classOid, int objOid, int objSubId) {
        return new LockTag(dbOid, classOid, objOid, objSubId, LockTagType.OBJECT, DEFAULT_LOCKMETHOD);
    }

    /**
     * SET_LOCKTAG_ADVISORY: {@code field4} is 1 for a single bigint key (split into its high and
     * low halves in key1/key2) and 2 for two int4 keys (pg_advisory_lock's conventions).
     */
    public static LockTag advisory(int dbOid, int key1, int key2, int field4) {
        return new LockTag(dbOid, key1, key2, field4, LockTagType.ADVISORY, USER_LOCKMETHOD);
    }

    /** An advisory lock on one bigint key, as pg_advisory_lock(bigint) sets it. */
    public static LockTag advisory(int dbOid, long key) {
        return advisory(dbOid, (int) (key >>> 32), (int) key, 1);
    }

    /** An advisory lock on two int keys, as pg_advisory_lock(int, int) sets it. */
    public static LockTag advisory(int dbOid, int key1, int key2) {
        return advisory(dbOid, key1, key2, 2);
    }

    /**
     * DescribeLockTag (lmgr.c): the words that name the object in "deadlock detected" details,
     * e.g. "relation 16384 of database 5".
     */
    public String describe() {
        String f1 = Integer.toUnsignedString(field1), f2 = Integer.toUnsignedString(field2);
        String f3 = Integer.toUnsignedString(field3);
        return switch (type) {
            case RELATION -> "relation " + f2 + " of database " + f1;
            case DATABASE_FROZEN_IDS -> "pg_database.datfrozenxid of database " + f1;
            case RELATION_EXTEND -> "extension of relation " + f2 + " of database " + f1;
            case PAGE -> "page " + f3 + " of relation " + f2 + " of database " + f1;
            case TUPLE -> "tuple (" + f3 + "," + field4 + ") of relation " + f2 + " of database " + f1;
            case TRANSACTION -> "transaction " + f1;
            case VIRTUALTRANSACTION -> "virtual transaction " + field1 + "/" + f2;
            case SPECULATIVE_TOKEN -> "speculative token " + f2 + " of transaction " + f1;
            case OBJECT -> "object " + f3 + " of class " + f2 + " of database " + f1;
            case USERLOCK -> "user lock [" + f1 + "," + f2 + "," + f3 + "]";
            case ADVISORY -> "advisory lock [" + f1 + "," + f2 + "," + f3 + "," + field4 + "]";
        };
    }

    // equals and hashCode written out: the record's generated ones go through method handles,
    // which C1 does not inline, and every lock request hashes its tag into the LOCALLOCK table.
    @Override
    public boolean equals(Object o) {
        return o instanceof LockTag t && field1 == t.field1 && field2 == t.field2 && field3 == t.field3
                && field4 == t.field4 && type == t.type && lockMethodId == t.lockMethodId;
    }

    @Override
    public int hashCode() {
        int h = field1;
        h = 31 * h + field2;
        h = 31 * h + field3;
        h = 31 * h + field4;
        return 31 * h + (type.ordinal() << 8 | lockMethodId);
    }

    /**
     * LockTagHashCode: the hash that picks the tag's partition (low 4 bits) and its bucket within
     * the partition (the bits above). Any good mix will do; every process computes the same one.
     */
    public int hashCode32() {
        int h = 0x9747b28c;
        h = mix(h, field1);
        h = mix(h, field2);
        h = mix(h, field3);
        h = mix(h, field4 | type.code() << 16 | lockMethodId << 24);
        h ^= 16;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** One murmur3 round. */
    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }
}
