/**
 * Deferred fsync of data files (PostgreSQL's {@code storage/sync} and the request queue of
 * {@code checkpointer.c}).
 *
 * <p>Writers of data blocks forward "segment S of relation R is dirty" through the
 * {@link org.tusk.storage.sync.SyncRequestQueue} in shared memory; the checkpointer absorbs the
 * requests into its own pending set and fsyncs each file once before it writes the checkpoint
 * record. The rule that makes this safe: a checkpoint's REDO point is only recorded as durable
 * after every file written before it has been fsynced, and WAL from the REDO point on is kept
 * until then, so a crash in between replays the writes instead of trusting unsynced files.
 */
package org.tusk.storage.sync;
