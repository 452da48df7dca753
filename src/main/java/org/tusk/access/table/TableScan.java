package org.tusk.access.table;

/** A sequential scan (TableScanDesc); returns null at the end. Must be closed (releases its pins). */
public interface TableScan extends AutoCloseable {
    TupleSlot next();

    @Override
    void close();
}
