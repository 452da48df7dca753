package org.tusk.storage.buffer;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemorySegment;

import static org.tusk.storage.buffer.BufferState.BM_CHECKPOINT_NEEDED;
import static org.tusk.storage.buffer.BufferState.BM_DIRTY;
import static org.tusk.storage.buffer.BufferState.BM_IO_ERROR;
import static org.tusk.storage.buffer.BufferState.BM_IO_IN_PROGRESS;
import static org.tusk.storage.buffer.BufferState.BM_JUST_DIRTIED;
import static org.tusk.storage.buffer.BufferState.BM_TAG_VALID;
import static org.tusk.storage.buffer.BufferState.BM_VALID;
import static org.tusk.storage.buffer.BufferState.MAX_USAGE_COUNT;
import static org.tusk.storage.buffer.BufferState.REFCOUNT_MASK;
import static org.tusk.storage.buffer.BufferState.REFCOUNT_ONE;
import static org.tusk.storage.buffer.BufferState.USAGECOUNT_ONE;

/**
 * One process's access to the shared buffer pool (PostgreSQL's bufmgr.c): reading a block into a
 * buffer and pinning it, locking its contents, marking it dirty, writing it back.
 *
 * <p>Buffers are numbered from 1 as PostgreSQL's {@code Buffer} values are. A process keeps its
 * own count of pins per buffer (PrivateRefCount) and holds at most one shared pin per buffer, so
 * {@link #releaseAll()} at error or exit gives back exactly what this process took. See
 * {@link BufferDescriptors} for the rules every process follows.
 *
 * <p>Replacement is PostgreSQL's clock sweep: a buffer's usage count rises (to 5) each time it is
 * pinned and falls each time the clock hand passes it unpinned; the first unpinned buffer found
 * with usage count 0 is the victim. A {@link BufferAccessStrategy} keeps bulk reads in a small
 * ring of buffers so that one big scan does not evict everything else.
 */
public final class BufferManager {
    public enum LockMode { SHARE, EXCLUSIVE }

    private final BufferPool pool;
    private final BufferDescriptors descs;
    private final BlockIO io;
    /** PrivateRefCount: this process's pins per buffer. */
    private final PrivateBufferMap privateRefCount = new PrivateBufferMap();
    /** Buffer whose I/O this process has started and not finished (for AbortBufferIO). */
    private int inProgressIO = -1;
    /** The content locks this process holds, as {@link #heldCode} encodes their modes. */
    private final PrivateBufferMap heldContentLocks = new PrivateBufferMap();

    /** Blocks this process has read from storage into the pool (for the statistics' blks_read). */
    private long blocksRead;

    public BufferManager(BufferPool pool, BlockIO io) {
        this.pool = pool;
        this.descs = pool.descriptors();
        this.io = io;
    }

    /** ReadBufferExtended(RBM_NORMAL): the buffer holding {@code tag}, pinned. */
    public int readBuffer(BufferTag tag, BufferAccessStrategy strategy) {
        return readBuffer(tag, strategy, false);
    }

    /**
     * ReadBuffer with RBM_ZERO_AND_LOCK semantics when {@code zero}: the block is not read but
     * zero-filled (a new block being added to a relation); the caller initialises it.
     */
    public int readBuffer(BufferTag tag, BufferAccessStrategy strategy, boolean zero) {
        int id = bufferAlloc(tag, strategy);
        if ((descs.state(id) & BM_VALID) == 0 && startBufferIO(id, true)) {
            boolean ok = false;
            try {
                MemorySegment page = pool.page(id);
                if (zero) page.fill((byte) 0); else {
                    io.read(tag, page);
                    blocksRead++;
                }
                ok = true;
            } finally {
                if (ok) terminateBufferIO(id, false, BM_VALID); else abortBufferIO();
            }
        }
        return id + 1;
    }

    /** How many blocks this process has read from storage so far (a read that found the block in the pool is none). */
    public long blocksRead() {
        return blocksRead;
    }

    /** The page of a buffer this process has pinned. */
    public MemorySegment page(int buffer) {
        checkPinned(buffer);
        return pool.page(buffer - 1);
    }

    /** The tag of a buffer this process has pinned. */
    public BufferTag tag(int buffer) {
        checkPinned(buffer);
        return descs.tag(buffer - 1);
    }

    private void checkPinned(int buffer) {
        if (!privateRefCount.contains(buffer - 1)) throw new IllegalStateException("buffer " + buffer + " is not pinned");
    }

    // ------------------------------------------------------------------ content locks

    public void lockBuffer(int buffer, LockMode mode) {
        checkPinned(buffer);
        descs.contentLock(buffer - 1).acquire(mode == LockMode.SHARE ? LWLock.Mode.SHARED : LWLock.Mode.EXCLUSIVE);
        heldContentLocks.put(buffer - 1, heldCode(mode));
    }

    /** A held content lock's mode as {@link #heldContentLocks} stores it (never 0, which means none). */
    private static int heldCode(LockMode mode) {
        return mode == LockMode.SHARE ? 1 : 2;
    }

    private static LWLock.Mode lwMode(int heldCode) {
        return heldCode == 1 ? LWLock.Mode.SHARED : LWLock.Mode.EXCLUSIVE;
    }

    public void unlockBuffer(int buffer) {
        int mode = heldContentLocks.remove(buffer - 1);
        if (mode == 0) throw new IllegalStateException("buffer " + buffer + " is not locked");
        descs.contentLock(buffer - 1).release(lwMode(mode));
    }

    /** MarkBufferDirty: caller holds the exclusive content lock. */
    public void markDirty(int buffer) {
        if (heldContentLocks.get(buffer - 1) != heldCode(LockMode.EXCLUSIVE)) {
            throw new IllegalStateException("buffer " + buffer + " is not exclusively locked");
        }
        int id = buffer - 1;
        while (true) {
            int s = descs.waitHeaderUnlocked(id);
            if (descs.casState(id, s, s | BM_DIRTY | BM_JUST_DIRTIED)) return;
        }
    }

    /**
     * MarkBufferDirtyHint: a change that needs no WAL (hint bits, pd_prune_xid) makes the buffer
     * dirty, under a share or exclusive content lock. Data checksums are off in Tusk, so, as
     * PostgreSQL does without checksums (XLogHintBitIsNeeded false), no full-page image is logged
     * and a torn write of such a page can lose only hints. Callers with checksums on must not use
     * it (they set no hints at all).
     */
    public void markDirtyHint(int buffer) {
        if (!heldContentLocks.contains(buffer - 1)) throw new IllegalStateException("buffer " + buffer + " is not locked");
        int id = buffer - 1;
        while (true) {
            int s = descs.waitHeaderUnlocked(id);
            if ((s & (BM_DIRTY | BM_JUST_DIRTIED)) == (BM_DIRTY | BM_JUST_DIRTIED)) return;
            if (descs.casState(id, s, s | BM_DIRTY | BM_JUST_DIRTIED)) return;
        }
    }

    /**
     * ConditionalLockBufferForCleanup: the exclusive content lock, taken only if that is possible
     * at once and nobody but this process (holding exactly one pin) has the buffer pinned. Another
     * process may pin it afterwards, but it must take the content lock before it looks at the page,
     * so while the lock is held nobody holds a pointer into the page: tuples may be moved
     * (pruning's PageRepairFragmentation). Returns false, holding nothing more, otherwise.
     */
    public boolean conditionalLockBufferForCleanup(int buffer) {
        checkPinned(buffer);
        int id = buffer - 1;
        if (privateRefCount.get(id) != 1) return false;
        if (heldContentLocks.contains(id)) throw new IllegalStateException("buffer " + buffer + " is already locked");
        LWLock content = descs.contentLock(id);
        if (!content.tryAcquire(LWLock.Mode.EXCLUSIVE)) return false;
        int locked = descs.lockHeader(id);
        int refcount = BufferState.refcount(locked);
        descs.unlockHeader(id, locked);
        if (refcount == 1) {
            heldContentLocks.put(id, heldCode(LockMode.EXCLUSIVE));
            return true;
        }
        content.release(LWLock.Mode.EXCLUSIVE);
        return false;
    }

    /** BufferGetBlockNumber. */
    public int blockNumber(int buffer) {
        return tag(buffer).blockNum();
    }

    // ------------------------------------------------------------------ pins

    /** ReleaseBuffer: drops one pin. */
    public void releaseBuffer(int buffer) {
        int id = buffer - 1;
        int n = privateRefCount.get(id);
        if (n == 0) throw new IllegalStateException("buffer " + buffer + " is not pinned");
        if (n > 1) {
            privateRefCount.put(id, n - 1);
            return;
        }
        privateRefCount.remove(id);
        unpinShared(id);
    }

    /** Pins (again) a buffer this process already has pinned (IncrBufferRefCount). */
    public void incrRefCount(int buffer) {
        checkPinned(buffer);
        privateRefCount.put(buffer - 1, privateRefCount.get(buffer - 1) + 1);
    }

    /** At error or exit: content locks released, I/O aborted, every pin given back. */
    public void releaseAll() {
        heldContentLocks.forEach((id, mode) -> descs.contentLock(id).release(lwMode(mode)));
        heldContentLocks.clear();
        if (inProgressIO >= 0) abortBufferIO();
        privateRefCount.forEach((id, n) -> unpinShared(id));
        privateRefCount.clear();
    }

    public int pinnedCount() {
        return privateRefCount.size();
    }

    /** PinBuffer: a shared pin without the header lock, raising the usage count. */
    private void pin(int id, BufferAccessStrategy strategy) {
        int n = privateRefCount.get(id);
        if (n != 0) {
            privateRefCount.put(id, n + 1);
            return;
        }
        while (true) {
            int s = descs.waitHeaderUnlocked(id);
            int next = s + REFCOUNT_ONE;
            int usage = BufferState.usageCount(s);
            if (strategy == null ? usage < MAX_USAGE_COUNT : usage == 0) next += USAGECOUNT_ONE;
            if (descs.casState(id, s, next)) break;
        }
        privateRefCount.put(id, 1);
    }

    /** PinBuffer_Locked: pin while holding the header lock, which this releases. */
    private void pinLocked(int id, int lockedState) {
        descs.unlockHeader(id, lockedState + REFCOUNT_ONE);
        privateRefCount.put(id, privateRefCount.get(id) + 1);
    }

    private void unpinShared(int id) {
        while (true) {
            int s = descs.waitHeaderUnlocked(id);
            if ((s & REFCOUNT_MASK) == 0) throw new IllegalStateException("unpinning unpinned buffer " + (id + 1));
            if (descs.casState(id, s, s - REFCOUNT_ONE)) return;
        }
    }

    // ------------------------------------------------------------------ allocation

    /** BufferAlloc: finds or makes the buffer for {@code tag}; returns it pinned (0-based id). */
    private int bufferAlloc(BufferTag tag, BufferAccessStrategy strategy) {
        int hash = tag.hash();
        BufTable table = pool.table();
        LWLock newPartition = table.partitionLock(hash);
        newPartition.acquire(LWLock.Mode.SHARED);
        try {
            int id = table.lookup(tag, hash);
            if (id >= 0) {
                pin(id, strategy);
                return id;
            }
        } finally {
            newPartition.release(LWLock.Mode.SHARED);
        }

        while (true) {
            int victim = getVictim(strategy);   // pinned by us, refcount was 0
            int s = descs.state(victim);
            if ((s & BM_DIRTY) != 0) {
                // Write it out first, under a share lock so nobody changes it meanwhile.
                LWLock content = descs.contentLock(victim);
                content.acquire(LWLock.Mode.SHARED);
                try {
                    flushBuffer(victim);
                } finally {
                    content.release(LWLock.Mode.SHARED);
                }
            }
            s = descs.state(victim);
            boolean oldValid = (s & BM_TAG_VALID) != 0;
            BufferTag oldTag = oldValid ? descs.tag(victim) : null;
            int oldHash = oldValid ? oldTag.hash() : 0;
            LWLock oldPartition = oldValid ? table.partitionLock(oldHash) : null;
            lockPartitions(newPartition, BufTable.partitionOf(hash), oldPartition, BufTable.partitionOf(oldHash));
            try {
                int existing = table.insert(tag, hash, victim);
                if (existing >= 0) {
                    // Someone else loaded the block meanwhile: use theirs, give the victim back.
                    releaseVictim(victim);
                    pin(existing, strategy);
                    return existing;
                }
                int locked = descs.lockHeader(victim);
                if (BufferState.refcount(locked) != 1 || (locked & BM_DIRTY) != 0) {
                    // Pinned or dirtied by someone else while we worked: try another victim.
                    descs.unlockHeader(victim, locked);
                    table.delete(tag, hash);
                    releaseVictim(victim);
                    continue;
                }
                if (oldValid) table.delete(oldTag, oldHash);
                descs.setTag(victim, tag);
                int next = (locked & REFCOUNT_MASK) | USAGECOUNT_ONE | BM_TAG_VALID;
                descs.unlockHeader(victim, next);
                return victim;
            } finally {
                unlockPartitions(newPartition, oldPartition);
            }
        }
    }

    private void releaseVictim(int id) {
        if (privateRefCount.remove(id) != 0) unpinShared(id);
    }

    /**
     * Takes two partition locks in partition-number order, the same in every process, so that two
     * processes replacing buffers never deadlock on them.
     */
    private static void lockPartitions(LWLock a, int aNo, LWLock b, int bNo) {
        if (b == null || aNo == bNo) {
            a.acquire(LWLock.Mode.EXCLUSIVE);
        } else if (aNo < bNo) {
            a.acquire(LWLock.Mode.EXCLUSIVE);
            b.acquire(LWLock.Mode.EXCLUSIVE);
        } else {
            b.acquire(LWLock.Mode.EXCLUSIVE);
            a.acquire(LWLock.Mode.EXCLUSIVE);
        }
    }

    private static void unlockPartitions(LWLock a, LWLock b) {
        a.release(LWLock.Mode.EXCLUSIVE);
        if (b != null && b != a) b.release(LWLock.Mode.EXCLUSIVE);
    }

    /**
     * StrategyGetBuffer: a victim buffer, pinned by this process, nobody else's pin on it. From the
     * strategy's ring if it has a reusable one, else by the clock sweep.
     */
    private int getVictim(BufferAccessStrategy strategy) {
        if (strategy != null) {
            int ringBuf = strategy.current();
            if (ringBuf >= 0 && !privateRefCount.contains(ringBuf)) {
                int locked = descs.lockHeader(ringBuf);
                if (BufferState.refcount(locked) == 0 && BufferState.usageCount(locked) <= 1) {
                    pinLocked(ringBuf, locked);
                    return ringBuf;
                }
                descs.unlockHeader(ringBuf, locked);
            }
        }
        int n = pool.nbuffers();
        int tries = n * (MAX_USAGE_COUNT + 1) + 1;
        for (int i = 0; i < tries; i++) {
            int id = pool.clockSweepTick();
            if (privateRefCount.contains(id)) continue;
            int locked = descs.lockHeader(id);
            if (BufferState.refcount(locked) == 0) {
                if (BufferState.usageCount(locked) > 0) {
                    descs.unlockHeader(id, locked - USAGECOUNT_ONE);
                    continue;
                }
                pinLocked(id, locked);
                if (strategy != null) strategy.remember(id);
                return id;
            }
            descs.unlockHeader(id, locked);
        }
        throw new IllegalStateException("no unpinned buffers available");
    }

    // ------------------------------------------------------------------ I/O

    /**
     * StartBufferIO: claims the right to do I/O on a pinned buffer, waiting for anyone else's I/O
     * on it to finish. Returns false if, for input, someone else has meanwhile read it, or for
     * output, it is no longer dirty.
     */
    private boolean startBufferIO(int id, boolean forInput) {
        while (true) {
            int locked = descs.lockHeader(id);
            if ((locked & BM_IO_IN_PROGRESS) != 0) {
                descs.unlockHeader(id, locked);
                int seen = descs.state(id);
                if ((seen & BM_IO_IN_PROGRESS) != 0) descs.waitStateChange(id, seen, 100_000_000L);
                continue;
            }
            if (forInput ? (locked & BM_VALID) != 0 : (locked & BM_DIRTY) == 0) {
                descs.unlockHeader(id, locked);
                return false;
            }
            descs.unlockHeader(id, locked | BM_IO_IN_PROGRESS);
            inProgressIO = id;
            return true;
        }
    }

    /** TerminateBufferIO: ends our I/O, sets {@code setFlags}, and wakes anyone waiting for it. */
    private void terminateBufferIO(int id, boolean clearDirty, int setFlags) {
        int locked = descs.lockHeader(id);
        int next = locked & ~(BM_IO_IN_PROGRESS | BM_IO_ERROR);
        if (clearDirty && (locked & BM_JUST_DIRTIED) == 0) next &= ~(BM_DIRTY | BM_CHECKPOINT_NEEDED);
        descs.unlockHeader(id, next | setFlags);
        inProgressIO = -1;
        descs.wakeStateWaiters(id);
    }

    /** AbortBufferIO: our I/O failed; others may retry it. */
    private void abortBufferIO() {
        int id = inProgressIO;
        if (id < 0) return;
        int locked = descs.lockHeader(id);
        descs.unlockHeader(id, (locked & ~BM_IO_IN_PROGRESS) | BM_IO_ERROR);
        inProgressIO = -1;
        descs.wakeStateWaiters(id);
    }

    /**
     * FlushBuffer: writes a pinned, share-locked buffer if it is dirty. WAL up to the page's LSN is
     * flushed first. A change made while we write sets BM_JUST_DIRTIED, which keeps the buffer dirty.
     */
    private void flushBuffer(int id) {
        if (!startBufferIO(id, false)) return;
        boolean ok = false;
        try {
            int locked = descs.lockHeader(id);
            descs.unlockHeader(id, locked & ~BM_JUST_DIRTIED);
            MemorySegment page = pool.page(id);
            long lsn = ((long) Integer.toUnsignedLong(page.get(java.lang.foreign.ValueLayout.JAVA_INT, 0)) << 32)
                    | Integer.toUnsignedLong(page.get(java.lang.foreign.ValueLayout.JAVA_INT, 4));
            io.flushWalUpTo(lsn);
            io.write(descs.tag(id), page);
            ok = true;
        } finally {
            if (ok) terminateBufferIO(id, true, 0); else abortBufferIO();
        }
    }

    /**
     * DropRelationBuffers: forgets every buffer of {@code rl} without writing it, because the
     * relation's file is being removed (DROP at commit, an aborted CREATE, or their redo). The
     * caller guarantees nobody else uses the relation any more (AccessExclusiveLock in a backend,
     * no other process during redo); a pin still seen is a checkpointer or background writer
     * writing the page out, and is waited for. A dirty page is dropped with its change: the file
     * it belongs to is going away.
     */
    public void dropRelationBuffers(org.tusk.storage.smgr.RelFileLocator rl) {
        dropBuffersMatching(t -> belongsTo(t, rl));
    }

    /**
     * DropDatabaseBuffers: forgets every buffer of database {@code dbOid} without writing it, for
     * DROP DATABASE (whose caller holds AccessExclusiveLock on the database and has checked that
     * nobody is connected to it) and its redo.
     */
    public void dropDatabaseBuffers(int dbOid) {
        dropBuffersMatching(t -> t.dbOid() == dbOid);
    }

    private void dropBuffersMatching(java.util.function.Predicate<BufferTag> which) {
        for (int id = 0; id < pool.nbuffers(); id++) {
            if ((descs.state(id) & BM_TAG_VALID) == 0 || !which.test(descs.tag(id))) continue;
            invalidateBuffer(id, which);
        }
    }

    /**
     * FlushDatabaseBuffers: writes every dirty buffer of database {@code dbOid} (the redo of
     * CREATE DATABASE copies the template's files, which must first hold its replayed pages).
     */
    public int flushDatabaseBuffers(int dbOid) {
        int written = 0;
        for (int id = 0; id < pool.nbuffers(); id++) {
            int s = descs.state(id);
            if ((s & (BM_DIRTY | BM_VALID)) != (BM_DIRTY | BM_VALID) || descs.tag(id).dbOid() != dbOid) continue;
            pin(id, null);
            try {
                LWLock content = descs.contentLock(id);
                content.acquire(LWLock.Mode.SHARED);
                try {
                    if ((descs.state(id) & BM_DIRTY) != 0 && descs.tag(id).dbOid() == dbOid) {
                        flushBuffer(id);
                        written++;
                    }
                } finally {
                    content.release(LWLock.Mode.SHARED);
                }
            } finally {
                releaseBuffer(id + 1);
            }
        }
        return written;
    }

    private static boolean belongsTo(BufferTag t, org.tusk.storage.smgr.RelFileLocator rl) {
        return t.relNumber() == rl.relNumber() && t.dbOid() == rl.dbOid() && t.spcOid() == rl.spcOid();
    }

    /** InvalidateBuffer: takes the mapping partition lock, then the header lock, as BufferAlloc does. */
    private void invalidateBuffer(int id, java.util.function.Predicate<BufferTag> which) {
        if (privateRefCount.contains(id)) throw new IllegalStateException("buffer " + (id + 1) + " is pinned in InvalidateBuffer");
        while (true) {
            int s = descs.lockHeader(id);
            BufferTag tag = (s & BM_TAG_VALID) != 0 ? descs.tag(id) : null;
            descs.unlockHeader(id, s);
            if (tag == null || !which.test(tag)) return;
            int hash = tag.hash();
            LWLock partition = pool.table().partitionLock(hash);
            int busy;
            partition.acquire(LWLock.Mode.EXCLUSIVE);
            try {
                s = descs.lockHeader(id);
                if ((s & BM_TAG_VALID) == 0 || !descs.tag(id).equals(tag)) {
                    descs.unlockHeader(id, s);
                    return;
                }
                if ((s & REFCOUNT_MASK) == 0 && (s & BM_IO_IN_PROGRESS) == 0) {
                    pool.table().delete(tag, hash);
                    descs.unlockHeader(id, 0);
                    return;
                }
                descs.unlockHeader(id, s);
                busy = s;
            } finally {
                partition.release(LWLock.Mode.EXCLUSIVE);
            }
            // Someone is writing it out: wait (bounded) for its state to change, then look again.
            descs.waitStateChange(id, busy, 1_000_000L);
        }
    }

    /**
     * BufferSync's core, for checkpoints and shutdown: writes every buffer that is dirty now.
     * Returns the number written.
     */
    public int flushAllDirty() {
        int written = 0;
        for (int id = 0; id < pool.nbuffers(); id++) {
            int s = descs.state(id);
            if ((s & (BM_DIRTY | BM_VALID)) != (BM_DIRTY | BM_VALID)) continue;
            pin(id, null);
            try {
                LWLock content = descs.contentLock(id);
                content.acquire(LWLock.Mode.SHARED);
                try {
                    if ((descs.state(id) & BM_DIRTY) != 0) {
                        flushBuffer(id);
                        written++;
                    }
                } finally {
                    content.release(LWLock.Mode.SHARED);
                }
            } finally {
                releaseBuffer(id + 1);
            }
        }
        return written;
    }

    /**
     * The background writer's pass (BgBufferSync, simplified): looks at the buffers just ahead of
     * the clock hand, which the clock sweep will reach next, and writes those that are dirty but
     * unpinned and not recently used, at most {@code maxPages}, so that backends looking for a
     * victim find clean ones and rarely write. (PostgreSQL also sizes the look-ahead by a smoothed
     * estimate of the allocation rate; here it is {@code maxPages * multiplier} buffers.)
     * Returns the number written.
     */
    public int bgBufferSync(int maxPages, double multiplier) {
        if (maxPages <= 0) return 0;
        int n = pool.nbuffers();
        int lookahead = (int) Math.min(n, Math.max(1, maxPages * Math.max(1.0, multiplier)));
        int id = pool.strategySyncStart()[0];
        int written = 0;
        for (int i = 0; i < lookahead && written < maxPages; i++, id = (id + 1) % n) {
            if (syncOneBuffer(id)) written++;
        }
        return written;
    }

    /** SyncOneBuffer with skip_recently_used: writes the buffer if it is a clean-able victim. */
    private boolean syncOneBuffer(int id) {
        if (privateRefCount.contains(id)) return false;
        int locked = descs.lockHeader(id);
        if (BufferState.refcount(locked) != 0 || BufferState.usageCount(locked) != 0
                || (locked & (BM_DIRTY | BM_VALID)) != (BM_DIRTY | BM_VALID)) {
            descs.unlockHeader(id, locked);
            return false;
        }
        pinLocked(id, locked);
        try {
            LWLock content = descs.contentLock(id);
            content.acquire(LWLock.Mode.SHARED);
            try {
                flushBuffer(id);
            } finally {
                content.release(LWLock.Mode.SHARED);
            }
        } finally {
            releaseBuffer(id + 1);
        }
        return true;
    }

    /** Whether a buffer is dirty (for tests and statistics). */
    public boolean isDirty(int buffer) {
        return (descs.state(buffer - 1) & BM_DIRTY) != 0;
    }
}
