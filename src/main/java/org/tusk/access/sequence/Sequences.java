package org.tusk.access.sequence;

import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLog;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;

/**
 * Sequence generators of one backend (PostgreSQL's commands/sequence.c nextval_internal,
 * do_setval, currval, lastval, fill_seq_with_data, with the SeqTable of the session).
 *
 * <p>The state lives in the sequence relation's one page ({@link SequencePage}), changed in
 * place under the buffer's exclusive content lock, so concurrent nextval calls never hand out a
 * value twice, and no change is undone by a rollback. WAL is written ahead of use: a logged
 * XLOG_SEQ_LOG record shows the value {@link #SEQ_LOG_VALS} calls ahead, and log_cnt counts the
 * values still covered by it, so most calls write no WAL; after a crash the sequence resumes past
 * every value that may have been handed out. The first change after a checkpoint logs again,
 * since the page the checkpoint wrote is what redo starts from. A session reserves {@code cache}
 * values at a time and hands them out without touching the page.
 */
public final class Sequences {
    /** SEQ_LOG_VALS. */
    public static final int SEQ_LOG_VALS = 32;
    /** XLOG_SEQ_LOG. */
    static final int XLOG_SEQ_LOG = 0x00;

    private final BufferManager buffers;
    private final StorageManager smgr;
    private final Supplier<XLog> xlog;
    private final IntSupplier topXid;
    /** The session's SeqTable: per sequence OID, the values handed out and reserved. */
    private final Map<Integer, Entry> table = new HashMap<>();
    private Entry lastUsed;

    private static final class Entry {
        final String name;
        long last;
        long cached;
        boolean lastValid;
        long increment;

        Entry(String name) {
            this.name = name;
        }
    }

    /** @param topXid GetTopTransactionId: assigns the transaction's xid, so its commit flushes the WAL written */
    public Sequences(BufferManager buffers, StorageManager smgr, Supplier<XLog> xlog, IntSupplier topXid) {
        this.buffers = buffers;
        this.smgr = smgr;
        this.xlog = xlog;
        this.topXid = topXid;
    }

    private static BufferTag tag(Relation seq) {
        return new BufferTag(seq.locator().spcOid(), seq.locator().dbOid(), seq.locator().relNumber(),
                ForkNumber.MAIN.number(), 0);
    }

    /**
     * fill_seq_fork_with_data for INIT_FORKNUM: the page an unlogged sequence's init fork holds,
     * (start, 0, false) in local memory; crash recovery copies it over the main fork.
     */
    public static MemorySegment initialPage(Relation seq, long startValue) {
        MemorySegment page = java.lang.foreign.Arena.ofAuto().allocate(org.tusk.storage.page.Page.BLCKSZ, 8);
        SequencePage.init(page, SequencePage.tupleBytes(seq.desc(), new SequencePage.SeqTuple(startValue, 0, false)));
        return page;
    }

    /** fill_seq_with_data: the relation's first page with (start, 0, false), WAL-logged. */
    public void initialize(Relation seq, long startValue) {
        int xid = seq.needsWal() ? topXid.getAsInt() : 0;
        int buffer = buffers.readBuffer(tag(seq), null, true);
        buffers.lockBuffer(buffer, EXCLUSIVE);
        try {
            smgr.zeroExtend(seq.locator(), ForkNumber.MAIN, 0, 1, false);
            MemorySegment page = buffers.page(buffer);
            byte[] tuple = SequencePage.tupleBytes(seq.desc(), new SequencePage.SeqTuple(startValue, 0, false));
            SequencePage.init(page, tuple);
            buffers.markDirty(buffer);
            if (seq.needsWal()) log(seq, page, tuple, xid);
        } finally {
            buffers.unlockBuffer(buffer);
            buffers.releaseBuffer(buffer);
        }
    }

    /** nextval_internal. */
    public long nextval(Relation seq, SeqParams p) {
        Entry elm = table.computeIfAbsent(seq.oid(), k -> new Entry(seq.name()));
        if (elm.last != elm.cached) {
            // A value this session reserved earlier.
            elm.last += elm.increment;
            elm.lastValid = true;
            lastUsed = elm;
            return elm.last;
        }
        long incby = p.increment(), maxv = p.max(), minv = p.min(), cache = p.cache();
        int buffer = buffers.readBuffer(tag(seq), null);
        buffers.lockBuffer(buffer, EXCLUSIVE);
        try {
            MemorySegment page = buffers.page(buffer);
            SequencePage.SeqTuple t = SequencePage.read(page, seq.desc(), seq.name());
            elm.increment = incby;
            long last = t.lastValue(), next = last, result = last;
            long fetch = cache, log = t.logCnt(), rescnt = 0;
            boolean logit = false;
            if (!t.isCalled()) {
                rescnt++;   // the start value itself is the first result
                fetch--;
            }
            if (log < fetch || !t.isCalled()) {
                fetch = log = fetch + SEQ_LOG_VALS;
                logit = true;
            } else if (Long.compareUnsigned(org.tusk.access.transam.XLogUtils.pageLsn(page), xlog.get().getRedoRecPtr()) <= 0) {
                fetch = log = fetch + SEQ_LOG_VALS;
                logit = true;
            }
            while (fetch > 0) {
                if (incby > 0) {
                    if ((maxv >= 0 && next > maxv - incby) || (maxv < 0 && next + incby > maxv)) {
                        if (rescnt > 0) break;
                        if (!p.cycle()) {
                            throw PgException.error("2200H", "nextval: reached maximum value of sequence \"" + seq.name() + "\" (" + maxv + ")");
                        }
                        next = minv;
                    } else {
                        next += incby;
                    }
                } else {
                    if ((minv < 0 && next < minv - incby) || (minv >= 0 && next + incby < minv)) {
                        if (rescnt > 0) break;
                        if (!p.cycle()) {
                            throw PgException.error("2200H", "nextval: reached minimum value of sequence \"" + seq.name() + "\" (" + minv + ")");
                        }
                        next = maxv;
                    } else {
                        next += incby;
                    }
                }
                fetch--;
                if (rescnt < cache) {
                    log--;
                    rescnt++;
                    last = next;
                    if (rescnt == 1) result = next;
                }
            }
            log -= fetch;   // values fetched ahead but not reached
            elm.last = result;
            elm.cached = last;
            elm.lastValid = true;
            lastUsed = elm;
            int xid = logit && seq.needsWal() ? topXid.getAsInt() : 0;
            // critical section
            if (logit && seq.needsWal()) {
                // The logged tuple shows how far this record covers: redo resumes after it.
                byte[] logged = SequencePage.tupleBytes(seq.desc(), new SequencePage.SeqTuple(next, 0, true));
                SequencePage.write(page, seq.desc(), new SequencePage.SeqTuple(next, 0, true));
                buffers.markDirty(buffer);
                log(seq, page, logged, xid);
            }
            SequencePage.write(page, seq.desc(), new SequencePage.SeqTuple(last, log, true));
            buffers.markDirty(buffer);
            return result;
        } finally {
            buffers.unlockBuffer(buffer);
            buffers.releaseBuffer(buffer);
        }
    }

    /** do_setval: 22003 outside [min, max]; the session's reserved values are dropped. */
    public void setval(Relation seq, SeqParams p, long next, boolean isCalled) {
        if (next < p.min() || next > p.max()) {
            throw PgException.error("22003", "setval: value " + next + " is out of bounds for sequence \"" + seq.name()
                    + "\" (" + p.min() + ".." + p.max() + ")");
        }
        Entry elm = table.computeIfAbsent(seq.oid(), k -> new Entry(seq.name()));
        // currval follows only a setval that counts as called.
        if (isCalled) {
            elm.last = next;
            elm.lastValid = true;
            elm.increment = p.increment();
        }
        int xid = seq.needsWal() ? topXid.getAsInt() : 0;
        int buffer = buffers.readBuffer(tag(seq), null);
        buffers.lockBuffer(buffer, EXCLUSIVE);
        try {
            MemorySegment page = buffers.page(buffer);
            SequencePage.read(page, seq.desc(), seq.name());
            SequencePage.SeqTuple t = new SequencePage.SeqTuple(next, 0, isCalled);
            SequencePage.write(page, seq.desc(), t);
            buffers.markDirty(buffer);
            if (seq.needsWal()) log(seq, page, SequencePage.tupleBytes(seq.desc(), t), xid);
            // Values reserved by this session before are gone: its next call reads the page.
            elm.cached = elm.last;
        } finally {
            buffers.unlockBuffer(buffer);
            buffers.releaseBuffer(buffer);
        }
    }

    /** currval: 55000 before this session's first nextval of it. */
    public long currval(Relation seq) {
        Entry elm = table.get(seq.oid());
        if (elm == null || !elm.lastValid) {
            throw PgException.error("55000", "currval of sequence \"" + seq.name() + "\" is not yet defined in this session");
        }
        return elm.last;
    }

    /**
     * ResetSequenceCaches (DISCARD SEQUENCES, DISCARD ALL): forgets every sequence's values this
     * session handed out or reserved, so currval and lastval are undefined again; values reserved
     * by CACHE and not used are lost, as when a session ends.
     */
    public void resetCaches() {
        table.clear();
        lastUsed = null;
    }

    /** lastval: the value nextval (or setval) most recently gave in this session, of any sequence. */
    public long lastval() {
        if (lastUsed == null) throw PgException.error("55000", "lastval is not yet defined in this session");
        return lastUsed.last;
    }

    /** The sequence's stored state (what SELECT * FROM seq shows). */
    public SequencePage.SeqTuple read(Relation seq) {
        int buffer = buffers.readBuffer(tag(seq), null);
        buffers.lockBuffer(buffer, BufferManager.LockMode.SHARE);
        try {
            return SequencePage.read(buffers.page(buffer), seq.desc(), seq.name());
        } finally {
            buffers.unlockBuffer(buffer);
            buffers.releaseBuffer(buffer);
        }
    }

    /** ALTER SEQUENCE: the values this session reserved are given up; its next nextval reads the page. */
    public void discardCached(int seqOid) {
        Entry e = table.get(seqOid);
        if (e != null) e.cached = e.last;
    }

    /** Forgets a dropped sequence (its OID will not come back with the same meaning). */
    public void forget(int seqOid) {
        Entry e = table.remove(seqOid);
        if (e != null && e == lastUsed) lastUsed = null;
    }

    /** XLOG_SEQ_LOG: xl_seq_rec (the RelFileNode) and the tuple; the page is re-initialised from it at redo. */
    private void log(Relation seq, MemorySegment page, byte[] tuple, int xid) {
        XLogRecordBuilder b = new XLogRecordBuilder();
        b.registerBuffer(0, seq.locator(), ForkNumber.MAIN, 0, page, XLogRecordBuilder.REGBUF_WILL_INIT);
        b.registerData(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(seq.locator().spcOid())
                .putInt(seq.locator().dbOid()).putInt(seq.locator().relNumber()).array());
        b.registerData(tuple);
        try {
            PageHeader.setLsn(page, xlog.get().insert(b, RmgrId.SEQ, XLOG_SEQ_LOG, xid).endLsn());
        } catch (IOException | RuntimeException e) {
            throw new PgException(org.tusk.utils.error.Severity.PANIC, "XX000",
                    "could not write WAL for a change already made to a shared buffer: " + e.getMessage(), null, null, 0, e);
        }
    }
}
