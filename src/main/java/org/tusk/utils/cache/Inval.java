package org.tusk.utils.cache;

import org.tusk.storage.ipc.SharedInvalidationMessage;
import org.tusk.storage.ipc.SinvalQueue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Invalidation of the relcache for one backend (PostgreSQL's inval.c, the relcache part).
 *
 * <p>A transaction that changes catalog rows registers which relations' cache entries the
 * change makes stale ({@link #registerRelcacheInval}; {@link #registerRelcacheInvalAll} for all
 * of the database). The messages of the current command are applied to this backend's own cache
 * at {@link #commandEnded} (CommandCounterIncrement: the transaction then sees its own change)
 * and then kept with the transaction's earlier ones. At commit, {@link #atCommit} sends them all
 * to the shared queue; the caller does this after the commit record and before releasing the
 * transaction's locks, so that any backend that then locks the relation reads them first. At
 * abort, {@link #atAbort} applies them locally once more (the cache may hold entries built from
 * rows the abort has just made invisible) and sends nothing. A subtransaction's messages are
 * likewise applied locally when it aborts ({@link #atSubAbort}, AtEOSubXact_Inval(false)): a
 * relation created and opened in a rolled-back savepoint must not stay in the cache; when it
 * commits they pass to its parent ({@link #atSubCommit}).
 *
 * <p>{@link #accept} (AcceptInvalidationMessages) reads what other backends sent: the caller runs
 * it at transaction start and whenever it acquires a relation lock. A reset (this backend fell
 * too far behind) drops the whole relcache.
 */
public final class Inval {
    /** How many messages one read of the queue takes at most (MAXINVALMSGS in sinval.c). */
    static final int MAXINVALMSGS = 32;

    private final int dbOid;
    private final RelCache relcache;
    private final SinvalQueue queue;
    private final int slot;
    private final Set<Integer> currentCmd = new LinkedHashSet<>();
    private final Set<Integer> priorCmds = new LinkedHashSet<>();
    /** The transaction nesting level (1 at top level) at which each message was registered. */
    private final List<Registered> registered = new ArrayList<>();
    private final IntSupplier nestLevel;

    private record Registered(int relOid, int nestLevel) {}

    /**
     * For the backend in child slot {@code slot}, which must have joined the queue
     * (SinvalQueue.backendInit); {@code nestLevel} is the current transaction nesting level.
     */
    public Inval(int dbOid, RelCache relcache, SinvalQueue queue, int slot, IntSupplier nestLevel) {
        this.dbOid = dbOid;
        this.relcache = relcache;
        this.queue = queue;
        this.slot = slot;
        this.nestLevel = nestLevel;
    }

    /** CacheInvalidateRelcacheByRelid. */
    public void registerRelcacheInval(int relOid) {
        register(relOid);
    }

    /** CacheInvalidateRelcacheAll: every relation of the database. */
    public void registerRelcacheInvalAll() {
        register(0);
    }

    private void register(int relOid) {
        currentCmd.add(relOid);
        int level = nestLevel.getAsInt();
        if (level > 1) registered.add(new Registered(relOid, level));
    }

    /** AtEOSubXact_Inval(true): the committing subtransaction's messages now belong to its parent. */
    public void atSubCommit() {
        int level = nestLevel.getAsInt();
        registered.replaceAll(r -> r.nestLevel() >= level ? new Registered(r.relOid(), level - 1) : r);
        registered.removeIf(r -> r.nestLevel() <= 1);
    }

    /**
     * AtEOSubXact_Inval(false): applies the aborting subtransaction's messages locally, since the
     * cache may hold entries built from rows its abort has just made invisible. They stay in the
     * transaction's list (sent at commit, where they only make other backends reread an entry).
     */
    public void atSubAbort() {
        int level = nestLevel.getAsInt();
        for (Registered r : registered) if (r.nestLevel() >= level) apply(r.relOid());
        registered.removeIf(r -> r.nestLevel() >= level);
    }

    /** CommandEndInvalidationMessages: applies this command's messages locally and keeps them for commit. */
    public void commandEnded() {
        for (int rel : currentCmd) apply(rel);
        priorCmds.addAll(currentCmd);
        currentCmd.clear();
    }

    /** AtEOXact_Inval(true): sends every message of the transaction to the shared queue. */
    public void atCommit() {
        commandEnded();
        List<SharedInvalidationMessage> msgs = new ArrayList<>();
        for (int rel : priorCmds) msgs.add(SharedInvalidationMessage.relcache(dbOid, rel));
        priorCmds.clear();
        registered.clear();
        if (!msgs.isEmpty()) queue.insert(msgs);
    }

    /** AtEOXact_Inval(false): drops entries the aborted transaction may have built from its own rows. */
    public void atAbort() {
        for (int rel : priorCmds) apply(rel);
        for (int rel : currentCmd) apply(rel);
        priorCmds.clear();
        currentCmd.clear();
        registered.clear();
    }

    /** AcceptInvalidationMessages: applies what other backends committed since the last call. */
    public void accept() {
        while (true) {
            SinvalQueue.ReadResult r = queue.read(slot, MAXINVALMSGS);
            if (r.reset()) {
                relcache.invalidateAll();   // InvalidateSystemCaches
                continue;
            }
            if (r.messages().isEmpty()) return;
            for (SharedInvalidationMessage m : r.messages()) {
                if (m.id() == SharedInvalidationMessage.RELCACHE_ID && m.dbId() == dbOid) apply(m.relId());
            }
        }
    }

    private void apply(int relOid) {
        if (relOid == 0) relcache.invalidateAll();
        else relcache.invalidate(relOid);
    }
}
