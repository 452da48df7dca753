package org.tusk.utils.misc;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * What the SQL engine needs from the backend it runs in: identity of the session, run-time
 * parameters (GUCs), clocks, and interaction with other backends. The backend (one per
 * connection, like PostgreSQL's postgres.c) implements this; the engine never keeps session
 * state in static fields, it always goes through the instance it was handed.
 */
public interface SessionServices {
    int backendPid();

    /** The session's cumulative statistics (pending counts and its view of the shared ones); null where there are none. */
    default org.tusk.utils.activity.PgStatPending pgstat() { return null; }

    /** AmAutoVacuumWorkerProcess: whether this session is an autovacuum worker's. */
    default boolean isAutovacuumWorker() { return false; }
    String currentUser();
    String sessionUser();
    String currentDatabase();

    /**
     * IsTransactionBlock: whether the statement runs inside BEGIN ... COMMIT or a simple Query
     * message of several statements, where PreventInTransactionBlock refuses some commands.
     */
    default boolean inTransactionBlock() { return false; }

    /**
     * standard_conforming_strings and escape_string_warning as the session's scanner reads them,
     * for text parsed on the session's behalf; PostgreSQL's defaults where there is no session.
     */
    default ScanSettings scanSettings() { return ScanSettings.DEFAULT; }

    /**
     * The session's random() generator (float.c's drandom_seed), which setseed() seeds. Where
     * there is no session to keep it, each call gets a fresh one, seeded at its first use.
     */
    default PgPrng randomState() { return new PgPrng(); }

    /** Sleeps interruptibly; the implementation throws PgException on cancel/terminate. */
    void sleep(double seconds);
    boolean terminateBackend(int pid, long timeoutMs);
    boolean cancelBackend(int pid);

    /** Current value of a setting in its display form; throws 42704 if the name is unknown. */
    String showSetting(String name);

    /**
     * A number that changes whenever the current value of any setting changes (see
     * {@code GucSettings.valueChanges}), so that values derived from settings can be kept while it
     * stays the same; -1 where no such number is kept, and nothing may be kept.
     */
    default long settingsVersion() { return -1; }

    /**
     * The value {@code derive} makes from the current settings, kept under {@code key} by the
     * session while {@link #settingsVersion} stays the same (the output settings every statement
     * needs, ExecContext), so that statements do not derive it again; derived every time where
     * the session keeps nothing.
     */
    default <T> T derivedFromSettings(Object key, java.util.function.Supplier<T> derive) {
        return derive.get();
    }

    /**
     * A boolean parameter's value, read as C code reads its GUC variable (the planner's
     * enable_* switches): no formatting to text and back, which cost the planner about a tenth
     * of a simple query's CPU when it went through {@link #showSetting}.
     */
    default boolean boolSetting(String name) {
        String v = showSetting(name);
        return v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true");
    }

    /** A real (floating-point) parameter's value, as {@link #boolSetting} reads a boolean one. */
    default double realSetting(String name) {
        return Double.parseDouble(showSetting(name));
    }
    /** Sets a parameter; {@code value == null} means DEFAULT. Throws 42704 if unknown. */
    void setSetting(String name, String valueOrNullForDefault, boolean isLocal);
    /** Resets a parameter to its default; name "all" resets everything (RESET ALL). */
    void resetSetting(String name);
    /** Every setting visible to SHOW ALL, in display order. */
    List<SettingRow> allSettings();

    /**
     * pg_show_all_settings() ({@code GetConfigOptionValues} for every parameter): the rows of
     * pg_settings the current user may see, sorted by name.
     */
    default List<GucSettingRow> settingRows() {
        throw org.tusk.utils.error.PgException.error("0A000", "settings are not available here");
    }

    /** The spelling PostgreSQL uses as SHOW's column title (e.g. "TimeZone" for "timezone"). */
    default String canonicalSettingName(String name) { return name.toLowerCase(java.util.Locale.ROOT); }

    Instant statementStart();
    Instant transactionStart();
    Instant postmasterStart();

    /** Client address, or null for a Unix-socket connection. */
    InetAddress clientAddr();
    /** Client port, or -1 for a Unix-socket connection. */
    int clientPort();

    /** Called by the executor between rows; throws PgException if a cancel/terminate is pending. */
    void checkForInterrupts();

    /** Which WAL position a pg_current_wal_*_lsn function reports. */
    enum WalPosition { INSERT, WRITE, FLUSH }

    /** txid_current(): the current transaction's id with its epoch, assigned now if it has none. */
    default long currentTransactionId() {
        throw org.tusk.utils.error.PgException.error("0A000", "transaction ids are not available here");
    }

    /** GetTopFullTransactionIdIfAny (pg_current_xact_id_if_assigned): the top-level full xid, 0 if none yet. */
    default long currentTransactionIdIfAssigned() {
        throw org.tusk.utils.error.PgException.error("0A000", "transaction ids are not available here");
    }

    /** ReadNextFullTransactionId: the full id the next transaction will get. */
    default long nextFullTransactionId() {
        throw org.tusk.utils.error.PgException.error("0A000", "transaction ids are not available here");
    }

    /** TransactionIdIsInProgress, as the backend's ProcArray (and pg_subtrans) answer it. */
    default boolean transactionIdIsInProgress(int xid) {
        throw org.tusk.utils.error.PgException.error("0A000", "transaction status is not available here");
    }

    /** TransactionIdDidCommit, as the CLOG (and pg_subtrans) answer it. */
    default boolean transactionIdDidCommit(int xid) {
        throw org.tusk.utils.error.PgException.error("0A000", "transaction status is not available here");
    }

    /** NOTIFY channel [, payload] and pg_notify() (async.c Async_Notify); {@code payload} may be null. */
    default void asyncNotify(String channel, String payload) {
        throw org.tusk.utils.error.PgException.error("0A000", "NOTIFY is not available here");
    }

    /** LISTEN channel (Async_Listen). */
    default void listen(String channel) {
        throw org.tusk.utils.error.PgException.error("0A000", "LISTEN is not available here");
    }

    /** UNLISTEN channel, or UNLISTEN * when {@code channel} is null (Async_Unlisten, Async_UnlistenAll). */
    default void unlisten(String channel) {
        throw org.tusk.utils.error.PgException.error("0A000", "UNLISTEN is not available here");
    }

    /**
     * An advisory lock (lockfuncs.c): one hold of {@code key} (an advisory lock tag's fields of
     * this database, {@link AdvisoryLockKey}) in ExclusiveLock or, if {@code shared}, ShareLock
     * mode, until the session ends or unlocks it ({@code sessionLevel}) or until the transaction
     * ends. Waits while another session holds a conflicting mode, unless {@code dontWait}: then
     * returns false instead. Counted: a lock taken twice is held until unlocked twice.
     */
    default boolean advisoryLock(AdvisoryLockKey key, boolean shared, boolean sessionLevel, boolean dontWait) {
        throw org.tusk.utils.error.PgException.error("0A000", "advisory locks are not available here");
    }

    /**
     * pg_advisory_unlock[_shared]: gives back one session-level hold; false, with PostgreSQL's
     * WARNING "you don't own a lock of type ...", if the session holds none in that mode.
     */
    default boolean advisoryUnlock(AdvisoryLockKey key, boolean shared) {
        throw org.tusk.utils.error.PgException.error("0A000", "advisory locks are not available here");
    }

    /** pg_advisory_unlock_all (LockReleaseSession of the user lock method): every session-level advisory lock. */
    default void advisoryUnlockAll() {
        throw org.tusk.utils.error.PgException.error("0A000", "advisory locks are not available here");
    }

    /** pg_listening_channels(): the channels this session listens to. */
    default List<String> listeningChannels() {
        return List.of();
    }

    /** pg_notification_queue_usage(): the fraction of the NOTIFY queue in use. */
    default double notificationQueueUsage() {
        return 0;
    }

    /** pg_current_wal_lsn() and friends. */
    default long walLsn(WalPosition which) {
        throw org.tusk.utils.error.PgException.error("0A000", "WAL positions are not available here");
    }

    /** pg_switch_wal(): ends the current WAL segment; returns the end of the switch record. */
    default long switchWal() {
        throw org.tusk.utils.error.PgException.error("0A000", "WAL switching is not available here");
    }

    /**
     * bt_index_check(index) (amcheck): checks the B-tree's structure and throws XX002
     * (index_corrupted) naming the first problem found.
     */
    default void btIndexCheck(String indexName) {
        throw org.tusk.utils.error.PgException.error("0A000", "index checks are not available here");
    }

    /** The name of the role with OID {@code oid}, if there is one (pg_get_userbyid). */
    default java.util.Optional<String> roleName(int oid) {
        throw org.tusk.utils.error.PgException.error("0A000", "roles are not available here");
    }

    /** nextval(sequence name): the sequence's next value (sequence.c nextval_internal). */
    default long nextval(String sequence) {
        throw org.tusk.utils.error.PgException.error("0A000", "sequences are not available here");
    }

    /** currval(sequence name). */
    default long currval(String sequence) {
        throw org.tusk.utils.error.PgException.error("0A000", "sequences are not available here");
    }

    /** pg_sequence_last_value(sequence name): its stored last_value, null if nextval never ran (not is_called). */
    default Long sequenceLastValue(String sequence) {
        throw org.tusk.utils.error.PgException.error("0A000", "sequences are not available here");
    }

    /** setval(sequence name, value, is_called). */
    default long setval(String sequence, long value, boolean isCalled) {
        throw org.tusk.utils.error.PgException.error("0A000", "sequences are not available here");
    }

    /** lastval(). */
    default long lastval() {
        throw org.tusk.utils.error.PgException.error("0A000", "sequences are not available here");
    }

    /** One row of SHOW ALL. */
    record SettingRow(String name, String setting, String description) {}
}
