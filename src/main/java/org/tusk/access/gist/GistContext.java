package org.tusk.access.gist;

import java.util.function.Supplier;

import org.tusk.access.nbtree.RelationExtensionLock;
import org.tusk.access.transam.TransactionOracle;
import org.tusk.access.transam.XLog;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.time.Snapshot;

/**
 * What one backend's GiST code works with, as {@code BTreeContext} for the B-tree: shared
 * buffers, the storage manager, the WAL handle, the transaction oracle (xids for WAL records),
 * the relation extension lock and the snapshot a build scans the heap with.
 */
public record GistContext(BufferManager buffers, StorageManager smgr, XLog xlog, TransactionOracle oracle,
                          RelationExtensionLock extensionLock, Supplier<Snapshot> buildSnapshot) {}
