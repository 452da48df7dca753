package org.tusk.commands;

import java.nio.file.Path;
import java.time.ZoneId;

import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.catalog.SharedCatalog;
import org.tusk.storage.lmgr.LockMode;

/**
 * What the commands on cluster-wide objects (databases and roles) need of the backend that runs
 * them, beyond a statement's {@code ExecEnvironment}: the shared catalogs, the session's identity,
 * other sessions, checkpoints, WAL and locks on shared objects. The traffic cop implements it.
 */
public interface SharedObjectEnv {
    /** The session's transactional view of pg_authid and pg_database. */
    SharedCatalog sharedCatalog();

    Path dataDir();

    /** GetUserId: the role whose privileges apply (SET ROLE's role, else the session user). */
    int currentUserId();

    /** GetSessionUserId. */
    int sessionUserId();

    /** MyDatabaseId. */
    int currentDatabaseId();

    /** The session's TimeZone, for VALID UNTIL. */
    ZoneId timeZone();

    /** The session's settings for input functions (VALID UNTIL's timestamptz_in): its TimeZone, with PostgreSQL's defaults by default. */
    default org.tusk.utils.adt.InputSettings inputSettings() {
        return org.tusk.utils.adt.InputSettings.of(timeZone());
    }

    /** IsTransactionBlock: inside BEGIN ... COMMIT, or one of several statements of one Query message. */
    boolean inTransactionBlock();

    /** RequestCheckpoint(CHECKPOINT_IMMEDIATE | CHECKPOINT_FORCE | CHECKPOINT_WAIT), interruptible. */
    void requestCheckpoint();

    /** GetNewObjectId. */
    int newObjectId();

    /**
     * CountOtherDBBackends: how many other sessions are connected to {@code dbOid}, after waiting
     * up to 5 seconds (interruptibly) for them to go away.
     */
    int countOtherBackends(int dbOid);

    /** TerminateOtherDBBackends (DROP DATABASE ... WITH (FORCE)); 42501 if one belongs to a superuser and we are not one. */
    void terminateOtherBackends(int dbOid);

    /** LockSharedObject(DatabaseRelationId, dbOid, 0, mode), held until the end of the transaction. */
    void lockDatabaseObject(int dbOid, LockMode mode);

    /** XLogInsert for the current transaction (its xid is assigned). */
    void walInsert(XLogRecordBuilder record, RmgrId rmgr, int info);

    /** ForceSyncCommit: this transaction's commit record is flushed even if synchronous_commit is off. */
    void forceSyncCommit();

    /** DropDatabaseBuffers. */
    void dropDatabaseBuffers(int dbOid);

    /** Closes this process's open files of the database (smgrrelease). */
    void closeDatabaseFiles(int dbOid);

    /** Objects of the current database that depend on role {@code roleOid} (Catalog.roleDependencies). */
    java.util.List<String> roleDependenciesHere(int roleOid);

    /**
     * validate_option_array_item: checks that {@code name} may be set to {@code value} (null: only
     * that the parameter exists) by the current user, and returns the parameter's own spelling.
     */
    String checkSetting(String name, String value);

    /** password_encryption. */
    String passwordEncryption();

    /** Sends a NOTICE to the client. */
    void notice(String message);

    /** Sends a WARNING with {@code sqlState} to the client. */
    void warning(String sqlState, String message);
}
