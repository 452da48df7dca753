package org.tusk.catalog;

/**
 * How catalog code takes heavyweight relation locks (PostgreSQL's lmgr.c LockRelationOid), with
 * PostgreSQL's lock mode numbers (lockdefs.h). The lock manager implements it; the lock is held
 * to the end of the transaction. After acquiring, the caller processes shared invalidation
 * messages (AcceptInvalidationMessages), so that what it then reads about the relation is current.
 */
public interface RelationLocks {
    int ACCESS_SHARE_LOCK = 1;
    int ROW_SHARE_LOCK = 2;
    int ROW_EXCLUSIVE_LOCK = 3;
    int SHARE_UPDATE_EXCLUSIVE_LOCK = 4;
    int SHARE_LOCK = 5;
    int SHARE_ROW_EXCLUSIVE_LOCK = 6;
    int EXCLUSIVE_LOCK = 7;
    int ACCESS_EXCLUSIVE_LOCK = 8;

    /** Acquires {@code mode} on relation {@code relOid} of the current database, waiting if needed. */
    void lockRelation(int relOid, int mode);

    /**
     * ConditionalLockRelationOid: takes {@code mode} on {@code relOid} only if it can be granted at
     * once (LOCK TABLE ... NOWAIT); false, holding nothing new, if another transaction's lock conflicts.
     */
    boolean conditionalLockRelation(int relOid, int mode);
}
