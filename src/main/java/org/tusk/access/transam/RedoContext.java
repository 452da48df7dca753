package org.tusk.access.transam;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.smgr.StorageManager;

/**
 * What redo routines work with in the startup process: the shared buffers (pages are replayed in
 * the buffer pool, as PostgreSQL does, and written by the end-of-recovery checkpoint), the storage
 * manager (to create or extend a relation file a record refers to), and the transaction status.
 */
public record RedoContext(BufferManager buffers, StorageManager smgr, Clog clog, TransamVariables vars) {}
