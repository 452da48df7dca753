package org.tusk.storage.lmgr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GetLockStatusData (lock.c) as pg_locks reads it: a consistent picture of the whole shared lock
 * table, one row per mode held and one per mode awaited.
 *
 * <p>Locking: takes every partition lock in shared mode, in partition order, and releases them
 * in reverse, so the picture is one instant's; it never waits for a heavyweight lock.
 */
public final class LockStatus {
    private final LockTable table;

    public LockStatus(LockTable table) {
        this.table = table;
    }

    /** Every (lock, process, mode) in the table, granted or awaited. */
    public List<LockStatusRow> rows() {
        LockShmem mem = table.mem();
        List<LockStatusRow> out = new ArrayList<>();
        // The fast-path virtual-xid locks first, as GetLockStatusData lists each PGPROC's fast-path
        // locks before the table's (a lock moved into the table meanwhile may show in both).
        ProcGlobal procs = table.procGlobal();
        for (int slot = 1; slot <= procs.numSlots(); slot++) {
            int lxid = mem.fpVxid(slot);
            Proc proc = procs.proc(slot);
            if (lxid == 0 || proc.pid() == 0) continue;
            String vxid = slot + "/" + Integer.toUnsignedString(lxid);
            out.add(LockStatusRow.of(LockTag.virtualTransaction(slot, lxid), vxid, proc.pid(), LockMode.EXCLUSIVE, true,
                    null, true));
        }
        // Then each process's fast-path relation locks, read under its infoLock.
        FastPathLocks fp = mem.fastPath();
        for (int slot = 1; slot <= procs.numSlots(); slot++) {
            Proc proc = procs.proc(slot);
            LWLock info = fp.infoLock(slot);
            info.acquire(LWLock.Mode.SHARED);
            try {
                for (int f = 0; f < FastPathLocks.SLOTS; f++) {
                    int bits = fp.modeBits(slot, f);
                    if (bits == 0 || proc.pid() == 0) continue;
                    LockTag tag = LockTag.relation(fp.databaseId(slot), fp.relId(slot, f));
                    String vxid = slot + "/" + Integer.toUnsignedString(mem.lxid(slot));
                    for (int m = 1; m <= 3; m++) {
                        if ((bits & (1 << (m - 1))) != 0) out.add(LockStatusRow.of(tag, vxid, proc.pid(), LockMode.of(m), true, null, true));
                    }
                }
            } finally {
                info.release(LWLock.Mode.SHARED);
            }
        }
        for (int i = 0; i < LockShmem.NUM_LOCK_PARTITIONS; i++) mem.partitionLock(i).acquire(LWLock.Mode.SHARED);
        try {
            for (int part = 0; part < LockShmem.NUM_LOCK_PARTITIONS; part++) {
                for (int b = 0; b < mem.nBuckets(); b++) {
                    for (int lock = mem.bucket(part, b); lock != 0; lock = mem.lockHashNext(lock)) {
                        addRows(mem, lock, out);
                    }
                }
            }
        } finally {
            for (int i = LockShmem.NUM_LOCK_PARTITIONS - 1; i >= 0; i--) mem.partitionLock(i).release(LWLock.Mode.SHARED);
        }
        return out;
    }

    private void addRows(LockShmem mem, int lock, List<LockStatusRow> out) {
        LockTag tag = mem.lockTag(lock);
        for (int pl = mem.procLocksHead(lock); pl != 0; pl = mem.procLockNext(pl)) {
            int slot = mem.procLockProc(pl);
            Proc proc = table.procGlobal().proc(slot);
            String vxact = slot + "/" + Integer.toUnsignedString(mem.lxid(slot));
            // waitstart is shown on the awaited mode's row only (pg_lock_status).
            long ws = mem.waitStart(slot);
            Instant waitStart = ws == 0 ? null : Instant.ofEpochSecond(ws / 1_000_000, (ws % 1_000_000) * 1000);
            int hold = mem.holdMask(pl);
            for (int m = 1; m <= LockMode.NUM_LOCK_MODES; m++) {
                if ((hold & (1 << m)) != 0) {
                    out.add(LockStatusRow.of(tag, vxact, proc.pid(), LockMode.of(m), true, null));
                }
            }
            if (mem.waitLock(slot) == lock && mem.waitProcLock(slot) == pl) {
                out.add(LockStatusRow.of(tag, vxact, proc.pid(), LockMode.of(mem.waitLockMode(slot)), false, waitStart));
            }
        }
    }
}
