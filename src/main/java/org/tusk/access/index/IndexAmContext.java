package org.tusk.access.index;

import org.tusk.access.transam.TransactionOracle;
import org.tusk.access.transam.XLog;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.time.Snapshot;

import java.util.function.Supplier;

/**
 * What one backend's index access methods (B-tree, GIN, GiST) work with: its buffer manager (pages are read and changed only
 * in shared buffers), the storage manager (to create and extend index files and count their
 * blocks), its WAL handle (null only if no relation it touches needs WAL), the transaction oracle
 * (xid for WAL records, waiting in B-tree unique checks), the relation extension lock, and the snapshot
 * an index build scans the heap with (GetTransactionSnapshot at CREATE INDEX).
 */
public record IndexAmContext(BufferManager buffers, StorageManager smgr, XLog xlog, TransactionOracle oracle,
                             RelationExtensionLock extensionLock, Supplier<Snapshot> buildSnapshot) {}
