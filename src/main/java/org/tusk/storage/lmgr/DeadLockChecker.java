package org.tusk.storage.lmgr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deadlock detection (PostgreSQL's deadlock.c and CheckDeadLock in proc.c), run by a waiter
 * whose deadlock_timeout has expired.
 *
 * <p>The waits-for graph has an edge from each waiting process to every process that holds a
 * mode on the awaited LOCK that conflicts with the awaited mode ("hard" edges), and to every
 * process ahead of it in the LOCK's wait queue whose requested mode conflicts ("soft" edges).
 * A depth-first search from the checking process (FindLockCycle) looks for a cycle through it.
 *
 * <p>PostgreSQL tries to break a cycle that contains soft edges by reordering wait queues
 * (TopoSort, ExpandConstraints). Tusk does not: any cycle through the checker, soft edges
 * included, is reported as a deadlock. Such a cycle is real for the queue order as it stands,
 * so nothing waits forever; but a transaction that PostgreSQL would have saved by letting a
 * waiter jump the queue gets a 40P01 here.
 *
 * <p>Locking: {@link #checkDeadLock} takes every partition lock exclusively, in partition order
 * (the only code that holds more than one), and releases them in reverse order.
 */
final class DeadLockChecker {
    private final LockTable table;
    private final LockShmem mem;
    private final int[] visited;
    private int nVisited;
    private final DeadlockInfo[] details;
    private int nDetails;

    DeadLockChecker(LockTable table) {
        this.table = table;
        this.mem = table.mem();
        this.visited = new int[mem.numSlots() + 1];
        this.details = new DeadlockInfo[mem.numSlots() + 1];
    }

    /**
     * CheckDeadLock: if process {@code slot} still waits and is part of a cycle, takes it out of
     * the wait queue (its waitStatus becomes ERROR) and returns the cycle, starting with it;
     * otherwise returns null and leaves everything as it was.
     */
    List<DeadlockInfo> checkDeadLock(int slot) {
        for (int i = 0; i < LockShmem.NUM_LOCK_PARTITIONS; i++) mem.partitionLock(i).acquire(LWLock.Mode.EXCLUSIVE);
        try {
            // Woken (granted) in the meantime? Then there is nothing to check.
            if (!table.isWaiting(slot)) return null;
            if (!findLockCycle(slot)) return null;
            List<DeadlockInfo> cycle = new ArrayList<>(Arrays.asList(details).subList(0, nDetails));
            table.removeFromWaitQueue(slot, mem.lockHash(mem.waitLock(slot)));
            return cycle;
        } finally {
            for (int i = LockShmem.NUM_LOCK_PARTITIONS - 1; i >= 0; i--) {
                mem.partitionLock(i).release(LWLock.Mode.EXCLUSIVE);
            }
        }
    }

    /** FindLockCycle: whether a cycle of waits leads from {@code slot} back to it; fills details. */
    private boolean findLockCycle(int slot) {
        nVisited = 0;
        nDetails = 0;
        return findLockCycleRecurse(slot, 0);
    }

    private boolean findLockCycleRecurse(int proc, int depth) {
        for (int i = 0; i < nVisited; i++) {
            if (visited[i] == proc) {
                if (i == 0) {
                    // Back at the start: the outer levels fill details[0..depth-1] as they unwind.
                    nDetails = depth;
                    return true;
                }
                return false;   // a cycle, but not through the checker: someone else's to find
            }
        }
        visited[nVisited++] = proc;
        return mem.waitLock(proc) != 0 && findLockCycleRecurseMember(proc, depth);
    }

    private boolean findLockCycleRecurseMember(int proc, int depth) {
        int lock = mem.waitLock(proc);
        int waitMode = mem.waitLockMode(proc);
        int conflictMask = LockMode.conflictMask(waitMode);
        // Hard edges: holders of conflicting modes.
        for (int pl = mem.procLocksHead(lock); pl != 0; pl = mem.procLockNext(pl)) {
            int holder = mem.procLockProc(pl);
            if (holder == proc || (mem.holdMask(pl) & conflictMask) == 0) continue;
            if (findLockCycleRecurse(holder, depth + 1)) {
                details[depth] = edge(proc, lock, waitMode);
                return true;
            }
        }
        // Soft edges: waiters ahead of this one with conflicting requests.
        for (int p = mem.waitHead(lock); p != 0 && p != proc; p = mem.linkNext(p)) {
            if (((1 << mem.waitLockMode(p)) & conflictMask) == 0) continue;
            if (findLockCycleRecurse(p, depth + 1)) {
                details[depth] = edge(proc, lock, waitMode);
                return true;
            }
        }
        return false;
    }

    private DeadlockInfo edge(int proc, int lock, int mode) {
        return new DeadlockInfo(mem.lockTag(lock), LockMode.of(mode), table.procGlobal().proc(proc).pid());
    }
}
