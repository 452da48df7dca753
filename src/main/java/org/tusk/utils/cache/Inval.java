package org.tusk.utils.cache;

import org.tusk.storage.ipc.SharedInvalidationMessage;
import org.tusk.storage.ipc.SinvalQueue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 * rows the abort has just made invisible) and sends nothing.
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

    /** For the backend in child slot {@code slot}, which must have joined the queue (SinvalQueue.backendInit). */
    public Inval(int dbOid, RelCache relcache, SinvalQueue queue, int slot) {
        this.dbOid = dbOid;
        this.relcache = relcache;
        this.queue = queue;
        this.slot = slot;
    }

    /** CacheInvalidateRelcacheByRelid. */
    public void registerRelcacheInval(int relOid) {
        currentCmd.add(relOid);
    }

    /** CacheInvalidateRelcacheAll: every relation of the database. */
    public void registerRelcacheInvalAll() {
        currentCmd.add(0);
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
        if (!msgs.isEmpty()) queue.insert(msgs);
    }

    /** AtEOXact_Inval(false): drops entries the aborted transaction may have built from its own rows. */
    public void atAbort() {
        for (int rel : priorCmds) apply(rel);
        for (int rel : currentCmd) apply(rel);
        priorCmds.clear();
        currentCmd.clear();
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
