package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.common.ToastFetcher;
import org.tusk.access.common.ToastPointer;
import org.tusk.access.common.ToastedDatum;
import org.tusk.access.common.Varlena;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TMResult;
import org.tusk.access.table.TableAm;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.tusk.storage.buffer.BufferManager.LockMode.SHARE;

/**
 * toast_internals.c and detoast.c's toast_fetch_datum: a value's chunks in the table's TOAST
 * relation (chunk_id oid, chunk_seq int4, chunk_data bytea, with a unique B-tree index on
 * (chunk_id, chunk_seq)). Saving inserts one heap tuple per chunk of at most
 * {@link #TOAST_MAX_CHUNK_SIZE} bytes through the heap code and one index entry for each, both
 * WAL-logged as any insert; deleting heap-deletes every chunk of the value; fetching reads the
 * chunks in chunk_seq order through the index, judging each by SnapshotToast
 * ({@link HeapVisibility#satisfiesToast}).
 *
 * <p>Locking: the caller holds a lock on the main table, which keeps the TOAST relation (reachable
 * only through it) from being dropped or truncated meanwhile. Chunk pages are locked one at a
 * time, never while waiting for anything; a reader may hold the share lock of the main-table page
 * the pointer is on while it fetches, so TOAST pages are always locked after (never before) a page
 * of the main table.
 */
final class ToastInternals {
    /** EXTERN_TUPLE_MAX_SIZE = MaximumBytesPerTuple(EXTERN_TUPLES_PER_PAGE = 4) = 2032. */
    static final int EXTERN_TUPLE_MAX_SIZE = HeapToast.TOAST_TUPLE_THRESHOLD;
    /**
     * TOAST_MAX_CHUNK_SIZE = EXTERN_TUPLE_MAX_SIZE - MAXALIGN(SizeofHeapTupleHeader) - sizeof(Oid)
     * - sizeof(int32) - VARHDRSZ = 1996 with 8 kB pages: four chunk tuples fill a page.
     */
    static final int TOAST_MAX_CHUNK_SIZE = EXTERN_TUPLE_MAX_SIZE - 24 - 4 - 4 - Varlena.VARHDRSZ;

    private final HeapEnv env;
    private final ToastAccess access;
    private final TableAm heap;

    ToastInternals(HeapEnv env, ToastAccess access, TableAm heap) {
        this.env = env;
        this.access = access;
        this.heap = heap;
    }

    /**
     * toast_save_datum: stores {@code value} (a plain payload as {@code byte[]}, or a compressed
     * inline {@link ToastedDatum}) in {@code rel}'s TOAST relation and returns the on-disk pointer
     * to it. A compressed value is saved as it is (its va_tcinfo word and the pglz stream) and the
     * pointer records the raw size and method; a plain one is saved as its payload.
     */
    ToastedDatum save(Relation rel, Object value, int cid) {
        Relation toastRel = access.relation(rel.toastRelid());
        Relation toastIdx = access.toastIndex(toastRel);
        List<Relation> ready = access.readyToastIndexes(toastRel);
        byte[] data;
        int rawsize, extinfoSize, method;
        if (value instanceof ToastedDatum c) {
            if (c.isExternal()) throw new IllegalArgumentException("value is already external");
            byte[] image = c.image();
            data = java.util.Arrays.copyOfRange(image, Varlena.VARHDRSZ, image.length);
            rawsize = c.rawPayloadSize() + Varlena.VARHDRSZ;
            extinfoSize = data.length;
            method = Byte.toUnsignedInt(image[7]) >>> 6;   // va_tcinfo >> VARLENA_EXTSIZE_BITS
        } else {
            data = (byte[]) value;
            rawsize = data.length + Varlena.VARHDRSZ;
            extinfoSize = data.length;
            method = 0;
        }
        int valueId = newValueId(toastIdx);
        int seq = 0;
        for (int done = 0; done < data.length || (data.length == 0 && seq == 0); seq++) {
            int size = Math.min(TOAST_MAX_CHUNK_SIZE, data.length - done);
            byte[] chunk = java.util.Arrays.copyOfRange(data, done, done + size);
            ItemPointer tid = HeapInsert.insert(env, toastRel, new Object[] {valueId, seq, chunk}, cid);
            for (Relation ix : ready) access.indexAm().insert(ix, new Object[] {valueId, seq}, tid, toastRel, heap, true);
            done += size;
            if (data.length == 0) break;
        }
        return new ToastedDatum(ToastPointer.of(rawsize, extinfoSize, method, valueId, toastRel.oid()).image());
    }

    /**
     * GetNewOidWithIndex: OIDs from the shared counter until one has no entry at all (live or
     * dead) in the TOAST index, so that chunks of two values can never be confused.
     */
    private int newValueId(Relation toastIdx) {
        while (true) {
            int candidate = access.newOid();
            try (IndexScan scan = access.indexAm().beginScan(toastIdx,
                    List.of(new ScanKey(1, ScanKey.Strategy.EQUAL, candidate)), false)) {
                if (scan.next() == null) return candidate;
            }
        }
    }

    /** toast_fetch_datum as a {@link ToastFetcher}: the saved bytes of the value {@code p} points at. */
    ToastFetcher fetcher() {
        return this::fetch;
    }

    /**
     * toast_fetch_datum: the chunks of value {@code p.valueId()} in chunk_seq order, checked for
     * completeness and size as PostgreSQL checks them; exactly {@code p.extsize()} bytes.
     */
    byte[] fetch(ToastPointer p) {
        Relation toastRel = access.relation(p.toastRelid());
        if (toastRel == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not open relation with OID "
                    + Integer.toUnsignedString(p.toastRelid()));
        }
        Relation toastIdx = access.toastIndex(toastRel);
        int attrsize = p.extsize();
        int totalchunks = (attrsize - 1) / TOAST_MAX_CHUNK_SIZE + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(attrsize);
        int expected = 0;
        try (IndexScan scan = access.indexAm().beginScan(toastIdx,
                List.of(new ScanKey(1, ScanKey.Strategy.EQUAL, p.valueId())), false)) {
            for (ItemPointer tid; (tid = scan.next()) != null; ) {
                Object[] chunk = readChunk(toastRel, tid);
                if (chunk == null) continue;
                int seq = (Integer) chunk[1];
                byte[] data = (byte[]) chunk[2];
                if (seq != expected) {
                    throw corrupted("unexpected chunk number " + seq + " (expected " + expected + ") for toast value "
                            + Integer.toUnsignedString(p.valueId()) + " in " + toastRel.name());
                }
                int expectedSize = seq < totalchunks - 1 ? TOAST_MAX_CHUNK_SIZE
                        : attrsize - (totalchunks - 1) * TOAST_MAX_CHUNK_SIZE;
                if (seq >= totalchunks) {
                    throw corrupted("unexpected chunk number " + seq + " (out of range " + 0 + ".." + (totalchunks - 1)
                            + ") for toast value " + Integer.toUnsignedString(p.valueId()) + " in " + toastRel.name());
                }
                if (data.length != expectedSize) {
                    throw corrupted("unexpected chunk size " + data.length + " (expected " + expectedSize + ") in chunk "
                            + seq + " of " + totalchunks + " for toast value " + Integer.toUnsignedString(p.valueId())
                            + " in " + toastRel.name());
                }
                out.write(data, 0, data.length);
                expected++;
            }
        }
        if (expected != totalchunks) {
            throw corrupted("missing chunk number " + expected + " for toast value " + Integer.toUnsignedString(p.valueId())
                    + " in " + toastRel.name());
        }
        return out.toByteArray();
    }

    /** The chunk tuple at {@code tid} deformed (chunk_id, chunk_seq, chunk_data) if SnapshotToast sees it. */
    private Object[] readChunk(Relation toastRel, ItemPointer tid) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(toastRel, tid.block(), null);
        try {
            bm.lockBuffer(buffer, SHARE);
            try {
                MemorySegment page = bm.page(buffer);
                if (tid.offset() > Page.maxOffsetNumber(page) || !ItemId.isNormal(ItemId.get(page, tid.offset()))) return null;
                MemorySegment t = Page.item(page, tid.offset());
                if (!env.visibility().satisfiesToast(t)) return null;
                return HeapTupleDeform.deform(toastRel.desc(), t);
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    /**
     * toast_delete_datum: heap-deletes every chunk of the value (simple_heap_delete, so by this
     * transaction and command; a concurrent change of a chunk is an error, since chunks change only
     * together with the row that points at them, which the caller has just changed).
     */
    void delete(ToastPointer p, int cid) {
        Relation toastRel = access.relation(p.toastRelid());
        if (toastRel == null) return;   // the table's TOAST relation is gone with the table
        Relation toastIdx = access.toastIndex(toastRel);
        List<ItemPointer> tids = new java.util.ArrayList<>();
        try (IndexScan scan = access.indexAm().beginScan(toastIdx,
                List.of(new ScanKey(1, ScanKey.Strategy.EQUAL, p.valueId())), false)) {
            for (ItemPointer tid; (tid = scan.next()) != null; ) tids.add(tid);
        }
        for (ItemPointer tid : tids) {
            if (!visibleChunk(toastRel, tid)) continue;
            ModifyResult r = HeapDelete.delete(env, toastRel, tid, cid, true);
            if (r.result() != TMResult.OK && r.result() != TMResult.SELF_MODIFIED) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "tuple concurrently " + (r.result() == TMResult.UPDATED
                        ? "updated" : "deleted"));
            }
        }
    }

    private boolean visibleChunk(Relation toastRel, ItemPointer tid) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(toastRel, tid.block(), null);
        try {
            bm.lockBuffer(buffer, SHARE);
            try {
                MemorySegment page = bm.page(buffer);
                if (tid.offset() > Page.maxOffsetNumber(page) || !ItemId.isNormal(ItemId.get(page, tid.offset()))) return false;
                MemorySegment t = Page.item(page, tid.offset());
                return env.visibility().satisfiesToast(t);
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    private static PgException corrupted(String message) {
        return PgException.error(SqlState.DATA_CORRUPTED, message);
    }
}
