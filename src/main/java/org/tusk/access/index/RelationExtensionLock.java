package org.tusk.access.index;

import org.tusk.storage.smgr.RelFileLocator;

/**
 * LockRelationForExtension / UnlockRelationForExtension (lmgr.c), as the index access methods need it: the
 * one lock that serializes adding a block to a relation between processes, so that two
 * processes never claim the same new block number. Supplied by the lock manager's owner; an
 * access method holds it only while it extends the file and pins the new buffer, never while it waits
 * for a buffer content lock.
 */
public interface RelationExtensionLock {
    void lock(RelFileLocator rel);

    void unlock(RelFileLocator rel);
}
