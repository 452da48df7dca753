package org.tusk.tcop;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.libpq.BackendMessages;
import org.tusk.libpq.Port;
import org.tusk.storage.ipc.Latch;
import org.tusk.storage.lmgr.Proc;
import org.tusk.utils.activity.BackendStatusArray;
import org.tusk.utils.init.ChildEnvironment;

/**
 * Everything that is "this backend" (PostgreSQL's per-process globals: MyProc, MyProcPort,
 * MyDatabaseId, MyCancelKey, MyLatch, MyBEEntry...), in one object handed to whoever needs it.
 * Filled in as the backend starts: {@link BackendMain} sets the identity fields once, before the
 * command loop runs, and they do not change afterwards.
 */
public final class BackendContext {
    final ChildEnvironment env;
    final Interrupts interrupts;
    final Port port;
    final BackendMessages messages;
    final int pid = (int) ProcessHandle.current().pid();
    final long backendStartMicros = PostgresMain.nowMicros();
    int slot;
    Proc proc;
    Latch latch;
    int cancelKey;
    BackendStatusArray.Writer status;
    /** Authenticated, session and current user (made at InitPostgres). */
    SessionIdentity identity;
    BootstrapCatalog.Database database;
    final TransactionState xact = new TransactionState();
    /** The transaction's id and its commit/abort records (made at InitPostgres). */
    org.tusk.access.transam.Xact transaction;
    /** This backend's heavyweight locks (made at InitProcess; released at exit, or by releaseAll at transaction end). */
    org.tusk.storage.lmgr.LockManager locks;
    /** The session's storage, access methods and catalogs (made at InitPostgres). */
    SessionStorage storage;
    /**
     * Run when a wait for the client's next command is interrupted (ProcessClientReadInterrupt's
     * DoingCommandRead part): set by the session loop only while it waits idle outside a
     * transaction, to deliver notifications at once. Null otherwise.
     */
    Runnable clientReadInterrupt;
    /** This backend's handle on the shared WAL. */
    org.tusk.access.transam.XLogHandle xlog;
    /** The spare machinery can take this process back after the session (see BackendReuse). */
    boolean reuseAllowed;
    /** What this process keeps between the sessions it serves (null for a process that serves one). */
    SessionCarryOver carryOver;
    /**
     * The session's handlers of LANGUAGE sql and plpgsql (made with the session's QueryRunner),
     * which every statement's ExecEnvironment carries to the executor.
     */
    org.tusk.executor.SqlFunctionRunner sqlFunctions;
    /** The session's trigger nesting depth (pg_trigger_depth), which every statement's ExecEnvironment carries. */
    final org.tusk.executor.TriggerFunctions.Depth triggerDepth = new org.tusk.executor.TriggerFunctions.Depth();
    /** The session's cursors (QueryRunner's), which WHERE CURRENT OF finds through the ExecEnvironment. */
    org.tusk.executor.ExecCurrent.PortalLookup portals;
    /**
     * The session's standard_conforming_strings and escape_string_warning as the scanner reads
     * them (made at InitPostgres); every parse of the session's text scans with them.
     */
    org.tusk.utils.misc.ScanSettings scanSettings = org.tusk.utils.misc.ScanSettings.DEFAULT;
    /** The role and database catalogs as read for authentication (until catalogs live in shared storage). */
    BootstrapCatalog catalogAtStart;

    BackendContext(ChildEnvironment env, Interrupts interrupts, Port port, BackendMessages messages) {
        this.env = env;
        this.interrupts = interrupts;
        this.port = port;
        this.messages = messages;
    }

    public ChildEnvironment env() { return env; }
    public int pid() { return pid; }
    public Port port() { return port; }
    public org.tusk.storage.lmgr.LockManager locks() { return locks; }
    /** GetUserId's role: the current user (SET ROLE's, else the session user). */
    public BootstrapCatalog.Role role() { return identity.currentUser(); }
    public BootstrapCatalog.Database database() { return database; }
    public Interrupts interrupts() { return interrupts; }
}
