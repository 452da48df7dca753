package org.tusk.storage.lmgr;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The heavyweight lock table's shared memory: its layout, declared once, and plain accessors to
 * its fields (PostgreSQL's LOCK and PROCLOCK hash tables, lock.h, and the lock-wait fields of
 * PGPROC, proc.h). What the fields mean and who may change them is {@link LockTable}'s business;
 * this class only knows where they are.
 *
 * <pre>
 *   partitionLocks  LWLock[16]            LockMgrLock partitions: buckets, LOCKs, PROCLOCKs, wait queues
 *   freeListLock    LWLock                the two free lists and high-water marks below
 *   lockFreeHead, lockHighWater, procLockFreeHead, procLockHighWater
 *   buckets         int[16 * nBuckets]    head LOCK of each hash chain; partition p owns p*nBuckets..
 *   procWait        PROC_WAIT[numSlots]   per PGPROC: waitLock, waitProcLock, waitLockMode, waitStatus,
 *                                         heldLocks, wait-queue links, lxid, waitStart, fpVxid (the
 *                                         virtual-xid lock held on the fast path: its lxid, or 0)
 *   fastPath        see FastPathLocks     per PGPROC: fast-path relation lock slots; strong counts
 *   locks           LOCK[nLocks]          nLocks = max_locks_per_transaction * numSlots (NLOCKENTS)
 *   procLocks       PROCLOCK[2 * nLocks]
 * </pre>
 * LOCKs, PROCLOCKs and PGPROCs are linked by 1-based index (slot for a PGPROC); 0 is "none", so
 * a zero-filled region is an empty table whose entries are handed out from the high-water marks.
 */
final class LockShmem {
    static final int NUM_LOCK_PARTITIONS = 16;
    private static final int MODES = LockMode.NUM_LOCK_MODES + 1;

    /** LOCK: the tag, masks, counts per mode, the list of PROCLOCKs and the wait queue. 128 bytes. */
    static final StructLayout LOCK = MemoryLayout.structLayout(
            JAVA_INT.withName("field1"), JAVA_INT.withName("field2"), JAVA_INT.withName("field3"),
            JAVA_SHORT.withName("field4"), JAVA_BYTE.withName("type"), JAVA_BYTE.withName("lockMethodId"),
            JAVA_INT.withName("hashCode"),
            JAVA_INT.withName("hashNext"),
            JAVA_INT.withName("grantMask"),
            JAVA_INT.withName("waitMask"),
            JAVA_INT.withName("procLocksHead"),
            JAVA_INT.withName("waitHead"),
            JAVA_INT.withName("waitTail"),
            JAVA_INT.withName("waitSize"),
            MemoryLayout.sequenceLayout(MODES, JAVA_INT).withName("requested"),
            JAVA_INT.withName("nRequested"),
            MemoryLayout.sequenceLayout(MODES, JAVA_INT).withName("granted"),
            JAVA_INT.withName("nGranted"));

    /** PROCLOCK: one process's interest in one LOCK, linked into the LOCK's list. */
    static final StructLayout PROCLOCK = MemoryLayout.structLayout(
            JAVA_INT.withName("myLock"), JAVA_INT.withName("myProc"), JAVA_INT.withName("holdMask"),
            JAVA_INT.withName("lockLinkPrev"), JAVA_INT.withName("lockLinkNext"));

    /** The lock-wait fields of a PGPROC, kept beside the PGPROC array to leave PGPROC one cache line. */
    static final StructLayout PROC_WAIT = MemoryLayout.structLayout(
            JAVA_LONG.withName("waitStart"),
            JAVA_INT.withName("waitLock"), JAVA_INT.withName("waitProcLock"), JAVA_INT.withName("waitLockMode"),
            JAVA_INT.withName("waitStatus"), JAVA_INT.withName("heldLocks"),
            JAVA_INT.withName("linkPrev"), JAVA_INT.withName("linkNext"), JAVA_INT.withName("lxid"),
            JAVA_INT.withName("fpVxid"), JAVA_INT.withName("pad"));

    static StructLayout layout(int numSlots, int maxLocksPerXact) {
        int nLocks = numLocks(numSlots, maxLocksPerXact);
        return MemoryLayout.structLayout(
                MemoryLayout.sequenceLayout(NUM_LOCK_PARTITIONS, LWLock.LAYOUT).withName("partitionLocks"),
                LWLock.LAYOUT.withName("freeListLock"),
                JAVA_INT.withName("lockFreeHead"), JAVA_INT.withName("lockHighWater"),
                JAVA_INT.withName("procLockFreeHead"), JAVA_INT.withName("procLockHighWater"),
                MemoryLayout.sequenceLayout((long) NUM_LOCK_PARTITIONS * bucketsPerPartition(nLocks), JAVA_INT)
                        .withName("buckets"),
                MemoryLayout.sequenceLayout(numSlots, PROC_WAIT).withName("procWait"),
                FastPathLocks.layout(numSlots).withName("fastPath"),
                MemoryLayout.sequenceLayout(nLocks, LOCK).withName("locks"),
                MemoryLayout.sequenceLayout(2L * nLocks, PROCLOCK).withName("procLocks"));
    }

    /** NLOCKENTS: max_locks_per_transaction for every process that can hold locks. */
    static int numLocks(int numSlots, int maxLocksPerXact) {
        long n = (long) numSlots * maxLocksPerXact;
        if (n > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("lock table too large: " + n);
        return (int) n;
    }

    /** A power of two near one bucket per LOCK a partition may own, so chains stay short. */
    static int bucketsPerPartition(int nLocks) {
        int want = Math.max(16, nLocks / NUM_LOCK_PARTITIONS);
        return Integer.highestOneBit(want - 1) << 1;
    }

    private static final VarHandle L_F1 = LOCK.varHandle(groupElement("field1"));
    private static final VarHandle L_F2 = LOCK.varHandle(groupElement("field2"));
    private static final VarHandle L_F3 = LOCK.varHandle(groupElement("field3"));
    private static final VarHandle L_F4 = LOCK.varHandle(groupElement("field4"));
    private static final VarHandle L_TYPE = LOCK.varHandle(groupElement("type"));
    private static final VarHandle L_METHOD = LOCK.varHandle(groupElement("lockMethodId"));
    private static final VarHandle L_HASH = LOCK.varHandle(groupElement("hashCode"));
    private static final VarHandle L_NEXT = LOCK.varHandle(groupElement("hashNext"));
    private static final VarHandle L_GRANT_MASK = LOCK.varHandle(groupElement("grantMask"));
    private static final VarHandle L_WAIT_MASK = LOCK.varHandle(groupElement("waitMask"));
    private static final VarHandle L_PROCLOCKS = LOCK.varHandle(groupElement("procLocksHead"));
    private static final VarHandle L_WHEAD = LOCK.varHandle(groupElement("waitHead"));
    private static final VarHandle L_WTAIL = LOCK.varHandle(groupElement("waitTail"));
    private static final VarHandle L_WSIZE = LOCK.varHandle(groupElement("waitSize"));
    private static final VarHandle L_REQUESTED = LOCK.varHandle(groupElement("requested"), sequenceElement());
    private static final VarHandle L_NREQUESTED = LOCK.varHandle(groupElement("nRequested"));
    private static final VarHandle L_GRANTED = LOCK.varHandle(groupElement("granted"), sequenceElement());
    private static final VarHandle L_NGRANTED = LOCK.varHandle(groupElement("nGranted"));

    private static final VarHandle PL_LOCK = PROCLOCK.varHandle(groupElement("myLock"));
    private static final VarHandle PL_PROC = PROCLOCK.varHandle(groupElement("myProc"));
    private static final VarHandle PL_HOLD = PROCLOCK.varHandle(groupElement("holdMask"));
    private static final VarHandle PL_PREV = PROCLOCK.varHandle(groupElement("lockLinkPrev"));
    private static final VarHandle PL_NEXT = PROCLOCK.varHandle(groupElement("lockLinkNext"));

    private static final VarHandle PW_START = PROC_WAIT.varHandle(groupElement("waitStart"));
    private static final VarHandle PW_LOCK = PROC_WAIT.varHandle(groupElement("waitLock"));
    private static final VarHandle PW_PROCLOCK = PROC_WAIT.varHandle(groupElement("waitProcLock"));
    private static final VarHandle PW_MODE = PROC_WAIT.varHandle(groupElement("waitLockMode"));
    private static final VarHandle PW_STATUS = PROC_WAIT.varHandle(groupElement("waitStatus"));
    private static final VarHandle PW_HELD = PROC_WAIT.varHandle(groupElement("heldLocks"));
    private static final VarHandle PW_PREV = PROC_WAIT.varHandle(groupElement("linkPrev"));
    private static final VarHandle PW_NEXT = PROC_WAIT.varHandle(groupElement("linkNext"));
    private static final VarHandle PW_LXID = PROC_WAIT.varHandle(groupElement("lxid"));
    private static final VarHandle PW_FP_VXID = PROC_WAIT.varHandle(groupElement("fpVxid"));

    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment seg;
    private final int numSlots;
    private final int nLocks;
    private final int nBuckets;
    private final long bucketsOff, procWaitOff, locksOff, procLocksOff;
    private final long lockFreeHeadOff, lockHighWaterOff, procLockFreeHeadOff, procLockHighWaterOff;
    private final LWLock[] partitionLocks = new LWLock[NUM_LOCK_PARTITIONS];
    private final LWLock freeListLock;

    LockShmem(MemorySegment seg, int numSlots, int maxLocksPerXact) {
        StructLayout l = layout(numSlots, maxLocksPerXact);
        if (seg.byteSize() < l.byteSize()) throw new IllegalArgumentException("lock table segment too small");
        this.seg = seg;
        this.numSlots = numSlots;
        this.nLocks = numLocks(numSlots, maxLocksPerXact);
        this.nBuckets = bucketsPerPartition(nLocks);
        this.bucketsOff = l.byteOffset(groupElement("buckets"));
        this.procWaitOff = l.byteOffset(groupElement("procWait"));
        this.locksOff = l.byteOffset(groupElement("locks"));
        this.procLocksOff = l.byteOffset(groupElement("procLocks"));
        this.lockFreeHeadOff = l.byteOffset(groupElement("lockFreeHead"));
        this.lockHighWaterOff = l.byteOffset(groupElement("lockHighWater"));
        this.procLockFreeHeadOff = l.byteOffset(groupElement("procLockFreeHead"));
        this.procLockHighWaterOff = l.byteOffset(groupElement("procLockHighWater"));
        long partOff = l.byteOffset(groupElement("partitionLocks"));
        for (int i = 0; i < NUM_LOCK_PARTITIONS; i++) {
            partitionLocks[i] = new LWLock("LockManager",
                    seg.asSlice(partOff + i * LWLock.LAYOUT.byteSize(), LWLock.LAYOUT.byteSize()));
        }
        this.freeListLock = new LWLock("LockFreeList",
                seg.asSlice(l.byteOffset(groupElement("freeListLock")), LWLock.LAYOUT.byteSize()));
        this.fastPath = new FastPathLocks(seg.asSlice(l.byteOffset(groupElement("fastPath")),
                FastPathLocks.layout(numSlots).byteSize()), numSlots);
    }

    private final FastPathLocks fastPath;

    /** The per-process fast-path relation lock slots and the strong-lock counts. */
    FastPathLocks fastPath() { return fastPath; }

    int numSlots() { return numSlots; }
    int nLocks() { return nLocks; }
    int nProcLocks() { return 2 * nLocks; }
    int nBuckets() { return nBuckets; }
    LWLock partitionLock(int partition) { return partitionLocks[partition]; }
    LWLock freeListLock() { return freeListLock; }

    // ---- free lists (freeListLock) ----
    int lockFreeHead() { return (int) INT.get(seg, lockFreeHeadOff); }
    void setLockFreeHead(int v) { INT.set(seg, lockFreeHeadOff, v); }
    int lockHighWater() { return (int) INT.get(seg, lockHighWaterOff); }
    void setLockHighWater(int v) { INT.set(seg, lockHighWaterOff, v); }
    int procLockFreeHead() { return (int) INT.get(seg, procLockFreeHeadOff); }
    void setProcLockFreeHead(int v) { INT.set(seg, procLockFreeHeadOff, v); }
    int procLockHighWater() { return (int) INT.get(seg, procLockHighWaterOff); }
    void setProcLockHighWater(int v) { INT.set(seg, procLockHighWaterOff, v); }

    // ---- buckets (partition lock) ----
    int bucket(int partition, int b) { return (int) INT.get(seg, bucketsOff + 4L * ((long) partition * nBuckets + b)); }
    void setBucket(int partition, int b, int lock) {
        INT.set(seg, bucketsOff + 4L * ((long) partition * nBuckets + b), lock);
    }

    // ---- LOCK ----
    private long lk(int lock) { return locksOff + (lock - 1) * LOCK.byteSize(); }

    void clearLock(int lock) { seg.asSlice(lk(lock), LOCK.byteSize()).fill((byte) 0); }
    void setLockTag(int lock, LockTag t, int hash) {
        long o = lk(lock);
        L_F1.set(seg, o, t.field1());
        L_F2.set(seg, o, t.field2());
        L_F3.set(seg, o, t.field3());
        L_F4.set(seg, o, (short) t.field4());
        L_TYPE.set(seg, o, (byte) t.type().code());
        L_METHOD.set(seg, o, (byte) t.lockMethodId());
        L_HASH.set(seg, o, hash);
    }
    boolean lockTagEquals(int lock, LockTag t) {
        long o = lk(lock);
        return (int) L_F1.get(seg, o) == t.field1() && (int) L_F2.get(seg, o) == t.field2()
                && (int) L_F3.get(seg, o) == t.field3() && ((short) L_F4.get(seg, o) & 0xFFFF) == t.field4()
                && (byte) L_TYPE.get(seg, o) == t.type().code() && (byte) L_METHOD.get(seg, o) == t.lockMethodId();
    }
    LockTag lockTag(int lock) {
        long o = lk(lock);
        return new LockTag((int) L_F1.get(seg, o), (int) L_F2.get(seg, o), (int) L_F3.get(seg, o),
                (short) L_F4.get(seg, o) & 0xFFFF, LockTagType.of((byte) L_TYPE.get(seg, o)), (byte) L_METHOD.get(seg, o));
    }
    int lockHash(int lock) { return (int) L_HASH.get(seg, lk(lock)); }
    int lockHashNext(int lock) { return (int) L_NEXT.get(seg, lk(lock)); }
    void setLockHashNext(int lock, int v) { L_NEXT.set(seg, lk(lock), v); }
    int grantMask(int lock) { return (int) L_GRANT_MASK.get(seg, lk(lock)); }
    void setGrantMask(int lock, int v) { L_GRANT_MASK.set(seg, lk(lock), v); }
    int waitMask(int lock) { return (int) L_WAIT_MASK.get(seg, lk(lock)); }
    void setWaitMask(int lock, int v) { L_WAIT_MASK.set(seg, lk(lock), v); }
    int procLocksHead(int lock) { return (int) L_PROCLOCKS.get(seg, lk(lock)); }
    void setProcLocksHead(int lock, int v) { L_PROCLOCKS.set(seg, lk(lock), v); }
    int waitHead(int lock) { return (int) L_WHEAD.get(seg, lk(lock)); }
    void setWaitHead(int lock, int v) { L_WHEAD.set(seg, lk(lock), v); }
    int waitTail(int lock) { return (int) L_WTAIL.get(seg, lk(lock)); }
    void setWaitTail(int lock, int v) { L_WTAIL.set(seg, lk(lock), v); }
    int waitSize(int lock) { return (int) L_WSIZE.get(seg, lk(lock)); }
    void setWaitSize(int lock, int v) { L_WSIZE.set(seg, lk(lock), v); }
    int requested(int lock, int mode) { return (int) L_REQUESTED.get(seg, lk(lock), (long) mode); }
    void setRequested(int lock, int mode, int v) { L_REQUESTED.set(seg, lk(lock), (long) mode, v); }
    int nRequested(int lock) { return (int) L_NREQUESTED.get(seg, lk(lock)); }
    void setNRequested(int lock, int v) { L_NREQUESTED.set(seg, lk(lock), v); }
    int granted(int lock, int mode) { return (int) L_GRANTED.get(seg, lk(lock), (long) mode); }
    void setGranted(int lock, int mode, int v) { L_GRANTED.set(seg, lk(lock), (long) mode, v); }
    int nGranted(int lock) { return (int) L_NGRANTED.get(seg, lk(lock)); }
    void setNGranted(int lock, int v) { L_NGRANTED.set(seg, lk(lock), v); }

    // ---- PROCLOCK ----
    private long pl(int procLock) { return procLocksOff + (procLock - 1) * PROCLOCK.byteSize(); }

    void clearProcLock(int pl) { seg.asSlice(pl(pl), PROCLOCK.byteSize()).fill((byte) 0); }
    int procLockLock(int pl) { return (int) PL_LOCK.get(seg, pl(pl)); }
    void setProcLockLock(int pl, int v) { PL_LOCK.set(seg, pl(pl), v); }
    int procLockProc(int pl) { return (int) PL_PROC.get(seg, pl(pl)); }
    void setProcLockProc(int pl, int v) { PL_PROC.set(seg, pl(pl), v); }
    int holdMask(int pl) { return (int) PL_HOLD.get(seg, pl(pl)); }
    void setHoldMask(int pl, int v) { PL_HOLD.set(seg, pl(pl), v); }
    int procLockPrev(int pl) { return (int) PL_PREV.get(seg, pl(pl)); }
    void setProcLockPrev(int pl, int v) { PL_PREV.set(seg, pl(pl), v); }
    int procLockNext(int pl) { return (int) PL_NEXT.get(seg, pl(pl)); }
    void setProcLockNext(int pl, int v) { PL_NEXT.set(seg, pl(pl), v); }

    // ---- per-PGPROC wait state ----
    private long pw(int slot) { return procWaitOff + (slot - 1) * PROC_WAIT.byteSize(); }

    /** InitProcess: a fresh owner starts with no wait state (a previous owner may have left lxid). */
    void clearProcWait(int slot) { seg.asSlice(pw(slot), PROC_WAIT.byteSize()).fill((byte) 0); }
    int waitLock(int slot) { return (int) PW_LOCK.get(seg, pw(slot)); }
    void setWaitLock(int slot, int v) { PW_LOCK.set(seg, pw(slot), v); }
    int waitProcLock(int slot) { return (int) PW_PROCLOCK.get(seg, pw(slot)); }
    void setWaitProcLock(int slot, int v) { PW_PROCLOCK.set(seg, pw(slot), v); }
    int waitLockMode(int slot) { return (int) PW_MODE.get(seg, pw(slot)); }
    void setWaitLockMode(int slot, int v) { PW_MODE.set(seg, pw(slot), v); }
    /** Read by the waiter without the partition lock, hence volatile. */
    int waitStatus(int slot) { return (int) PW_STATUS.getVolatile(seg, pw(slot)); }
    void setWaitStatus(int slot, int v) { PW_STATUS.setVolatile(seg, pw(slot), v); }
    int heldLocks(int slot) { return (int) PW_HELD.get(seg, pw(slot)); }
    void setHeldLocks(int slot, int v) { PW_HELD.set(seg, pw(slot), v); }
    int linkPrev(int slot) { return (int) PW_PREV.get(seg, pw(slot)); }
    void setLinkPrev(int slot, int v) { PW_PREV.set(seg, pw(slot), v); }
    int linkNext(int slot) { return (int) PW_NEXT.get(seg, pw(slot)); }
    void setLinkNext(int slot, int v) { PW_NEXT.set(seg, pw(slot), v); }
    int lxid(int slot) { return (int) PW_LXID.getVolatile(seg, pw(slot)); }
    void setLxid(int slot, int v) { PW_LXID.setVolatile(seg, pw(slot), v); }
    /**
     * fpVXIDLock and fpLocalTransactionId in one word: the lxid whose virtual-xid lock process
     * {@code slot} holds on the fast path, 0 if none (see VirtualTransactions). Changed only by
     * compare-and-set, by the owner or by a waiter moving the lock into the table.
     */
    int fpVxid(int slot) { return (int) PW_FP_VXID.getVolatile(seg, pw(slot)); }
    void setFpVxid(int slot, int v) { PW_FP_VXID.setVolatile(seg, pw(slot), v); }
    boolean casFpVxid(int slot, int expect, int v) { return PW_FP_VXID.compareAndSet(seg, pw(slot), expect, v); }
    /** Microseconds since the Unix epoch at which the current wait began, 0 if not waiting. */
    long waitStart(int slot) { return (long) PW_START.getVolatile(seg, pw(slot)); }
    void setWaitStart(int slot, long v) { PW_START.setVolatile(seg, pw(slot), v); }
}
