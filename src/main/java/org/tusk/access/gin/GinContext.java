package org.tusk.access.gin;

import org.tusk.access.nbtree.RelationExtensionLock;
import org.tusk.access.transam.TransactionOracle;
import org.tusk.access.transam.XLog;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.time.Snapshot;

import java.util.function.Supplier;

/**
 * What one backend's GIN code works with, as for the B-tree: shared buffers, the storage
 * manager, the WAL handle (null only if no relation touched needs WAL), the transaction oracle,
 * the relation extension lock and the snapshot a build scans with.
 */
public record GinContext(BufferManager buffers, StorageManager smgr, XLog xlog, TransactionOracle oracle,
                         RelationExtensionLock extensionLock, Supplier<Snapshot> buildSnapshot) {}
