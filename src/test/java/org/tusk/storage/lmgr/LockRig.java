package org.tusk.storage.lmgr;

import org.tusk.utils.error.PgException;
import org.tusk.utils.init.BackendType;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One shared region holding a PGPROC array and a lock table, with "backends": each a thread of
 * its own standing in for a process, with its own PGPROC, latch and LockManager.
 */
final class LockRig implements AutoCloseable {
    final Arena arena = Arena.ofShared();
    final ProcGlobal procGlobal;
    final LockTable table;
    private final List<Backend> backends = new ArrayList<>();

    LockRig(int numSlots, int maxLocksPerXact) {
        procGlobal = new ProcGlobal(arena.allocate(ProcGlobal.layout(numSlots)), numSlots);
        table = new LockTable(arena.allocate(LockTable.layout(numSlots, maxLocksPerXact)), numSlots, maxLocksPerXact,
                procGlobal);
    }

    /** A backend in {@code slot} with pid 1000 + slot. */
    Backend backend(int slot, int deadlockTimeoutMs, int lockTimeoutMs) {
        Backend b = new Backend(this, slot, deadlockTimeoutMs, lockTimeoutMs);
        backends.add(b);
        return b;
    }

    List<LockStatusRow> pgLocks() {
        return new LockStatus(table).rows();
    }

    /** Polls until {@code b} is in a lock wait queue (its wait event says "Lock"). */
    void awaitWaiting(Backend b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((b.proc.waitEventInfo() & 0xFF000000) != LockManager.PG_WAIT_LOCK || !table.isWaiting(b.slot)) {
            if (System.nanoTime() > deadline) throw new AssertionError("backend " + b.slot + " never started waiting");
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        // A backend still in a lock wait is canceled, as a signal would; then the threads end.
        for (Backend b : backends) b.interrupt(PgException.error("57014", "canceling statement due to user request"));
        for (Backend b : backends) b.thread.shutdownNow();
        for (Backend b : backends) {
            try {
                b.thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        arena.close();
    }

    static final class Backend {
        final int slot;
        final int pid;
        final Proc proc;
        final LockManager lm;
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        final AtomicReference<PgException> pendingInterrupt = new AtomicReference<>();

        Backend(LockRig rig, int slot, int deadlockTimeoutMs, int lockTimeoutMs) {
            this.slot = slot;
            this.pid = 1000 + slot;
            this.proc = rig.procGlobal.proc(slot);
            proc.initialize(pid, BackendType.BACKEND, 0);
            this.lm = new LockManager(rig.table, proc, LockWaitContext.of(deadlockTimeoutMs, lockTimeoutMs, () -> {
                PgException e = pendingInterrupt.getAndSet(null);
                if (e != null) throw e;
            }));
        }

        <T> Future<T> submit(Callable<T> c) {
            return thread.submit(c);
        }

        /** Runs {@code c} on this backend's thread and returns its result (or throws its exception). */
        <T> T run(Callable<T> c) throws Exception {
            try {
                return submit(c).get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception ex) throw ex;
                throw e;
            }
        }

        LockAcquireResult acquire(LockTag tag, LockMode mode) throws Exception {
            return run(() -> lm.acquire(tag, mode, false));
        }

        Future<LockAcquireResult> acquireAsync(LockTag tag, LockMode mode) {
            return submit(() -> lm.acquire(tag, mode, false));
        }

        LockAcquireResult tryAcquire(LockTag tag, LockMode mode) throws Exception {
            return run(() -> lm.acquire(tag, mode, true));
        }

        boolean release(LockTag tag, LockMode mode) throws Exception {
            return run(() -> lm.release(tag, mode));
        }

        void releaseAll() throws Exception {
            run(() -> { lm.releaseAll(false); return null; });
        }

        /** What a signal handler does: note the interrupt, then set the latch. */
        void interrupt(PgException e) {
            pendingInterrupt.set(e);
            proc.latch().set();
        }
    }

    /** The PgException a future failed with. */
    static PgException failure(Future<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PgException pe) return pe;
            throw e;
        }
        throw new AssertionError("expected the lock request to fail");
    }
}
