package org.tusk.postmaster;

import org.tusk.utils.init.BackendType;

import java.util.BitSet;

/**
 * Child slot pools (PostgreSQL 18's pmchild.c). A slot numbers a child's PGPROC, its backend
 * status entry and its PMChildFlags word, so there are exactly as many slots as those arrays
 * have entries, reserved per kind of child:
 *
 * <pre>
 *   1 .. max_connections                     client backends
 *   max_connections + 1 .. + AUX_SLOTS       auxiliary processes (startup, checkpointer, ...)
 *   then autovacuum_max_workers slots        autovacuum workers
 * </pre>
 * (PostgreSQL's MaxBackends likewise counts autovacuum_max_workers beside max_connections, so that
 * workers never take a client's place.)
 * A client connection that finds no free backend slot is still answered, by a slot-less
 * dead-end child that tells it "sorry, too many clients already".
 */
final class PMChildSlots {
    /** startup, checkpointer, background writer, walwriter, archiver, autovacuum launcher. */
    static final int AUX_SLOTS = 6;

    private final int maxConnections;
    private final int autovacuumWorkers;
    private final BitSet used = new BitSet();

    PMChildSlots(int maxConnections) {
        this(maxConnections, 0);
    }

    PMChildSlots(int maxConnections, int autovacuumWorkers) {
        this.maxConnections = maxConnections;
        this.autovacuumWorkers = autovacuumWorkers;
    }

    int numSlots() {
        return maxConnections + AUX_SLOTS + autovacuumWorkers;
    }

    int maxConnections() {
        return maxConnections;
    }

    /** Takes a free slot for a child of this type, or returns 0 when its pool is exhausted. */
    int assign(BackendType type) {
        int from, to;
        if (type == BackendType.BACKEND) {
            from = 1;
            to = maxConnections;
        } else if (type.isAuxiliary()) {
            from = maxConnections + 1;
            to = maxConnections + AUX_SLOTS;
        } else if (type == BackendType.AUTOVAC_WORKER) {
            from = maxConnections + AUX_SLOTS + 1;
            to = maxConnections + AUX_SLOTS + autovacuumWorkers;
        } else {
            throw new IllegalArgumentException(type + " children take no slot");
        }
        int slot = used.nextClearBit(from);
        if (slot > to) return 0;
        used.set(slot);
        return slot;
    }

    void release(int slot) {
        if (slot > 0) used.clear(slot);
    }

    int backendsInUse() {
        return used.get(1, maxConnections + 1).cardinality();
    }

    /** All slots free again: after a crash every child is gone and shared memory is new. */
    void reset() {
        used.clear();
    }
}
