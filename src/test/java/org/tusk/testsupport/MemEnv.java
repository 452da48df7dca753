package org.tusk.testsupport;

import java.util.function.Supplier;

import org.tusk.access.index.IndexAm;
import org.tusk.access.table.TableAm;
import org.tusk.catalog.Catalog;
import org.tusk.executor.ExecEnvironment;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

/**
 * One session's storage for tests: the in-memory catalog and access methods, and one open
 * transaction whose command counter the statements advance. {@link #get()} gives each statement
 * its environment with a snapshot taken at that moment (READ COMMITTED).
 */
public final class MemEnv implements Supplier<ExecEnvironment> {
    public final MemTableAm table = new MemTableAm();
    public final MemIndexAm index = new MemIndexAm();
    public final MemCatalog catalog = new MemCatalog(table, index);
    public int commandId;
    public boolean repeatableRead;
    /** Runs after a statement's snapshot is taken, before it executes (to simulate concurrent commits). */
    public Runnable afterSnapshot = () -> {};

    /** Rolls back the failed statement's changes (the backend aborts the transaction or subtransaction). */
    public void abortCurrentCommand() {
        table.abortCommand(commandId);
    }

    @Override
    public ExecEnvironment get() {
        Snapshot snap = new Snapshot(1, table.epoch, new int[0], new int[0], false, commandId);
        afterSnapshot.run();
        afterSnapshot = () -> {};
        return new ExecEnvironment() {
            @Override public Catalog catalog() { return catalog; }
            @Override public TableAm tableAm() { return table; }
            @Override public IndexAm indexAm() { return index; }
            @Override public Snapshot snapshot() { return snap; }
            @Override public Snapshot latestSnapshot() {
                return new Snapshot(1, table.epoch, new int[0], new int[0], false, commandId);
            }
            @Override public int commandId() { return commandId; }
            @Override public void commandCounterIncrement() {
                commandId++;
            }
            @Override public boolean isolationUsesXactSnapshot() { return repeatableRead; }
            // one session, one transaction: there is never another transaction to wait for
            @Override public void waitForTransaction(int xid) {
                throw new IllegalStateException("in-memory storage has no concurrent transaction " + xid);
            }
            // The in-memory tests run as the bootstrap superuser.
            @Override public int currentUserId() { return 10; }
            @Override public boolean currentUserIsSuperuser() { return true; }
            @Override public int atttypmod(Relation rel, int attnum) {
                int[] mods = catalog.typmods.get(rel.oid());
                return mods == null ? -1 : mods[attnum - 1];
            }
        };
    }
}
