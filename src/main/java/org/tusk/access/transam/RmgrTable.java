package org.tusk.access.transam;

/**
 * The redo routines of the resource managers that log changes to data pages (PostgreSQL's
 * RmgrTable, rmgrlist.h). XLOG and Transaction records are replayed by {@link StartupXLog} itself;
 * every other resource manager that writes WAL has its case here. A record of a resource manager
 * with no routine stops recovery rather than being skipped.
 */
final class RmgrTable {
    private RmgrTable() {}

    static RedoHandler redoHandler(RmgrId id) {
        return switch (id) {
            case CLOG -> Clog::redo;
            case SMGR -> org.tusk.catalog.RelationStorage::redo;
            case DBASE -> org.tusk.catalog.DatabaseFiles::redo;
            case HEAP -> org.tusk.access.heap.HeapRedo::heapRedo;
            case HEAP2 -> org.tusk.access.heap.HeapRedo::heap2Redo;
            case BTREE -> org.tusk.access.nbtree.BTreeRedo::redo;
            case SEQ -> org.tusk.access.sequence.SequenceRedo::redo;
            default -> null;
        };
    }
}
