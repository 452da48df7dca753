package org.tusk.access.transam;

import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.utils.error.PgException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The durable part of a transaction (PostgreSQL's xact.c: AssignTransactionId,
 * RecordTransactionCommit, RecordTransactionAbort): a transaction that needs an id gets one from
 * the shared counter; at commit its commit record is written and, with synchronous_commit, flushed
 * before the CLOG says "committed" and before the client hears of it; at abort an abort record is
 * written (not flushed: an abort that is lost in a crash is an abort anyway).
 *
 * <p>Order at commit, as in PostgreSQL: WAL record, WAL flush, CLOG, leave the ProcArray. Anyone
 * who sees the xid as no longer running therefore also sees it committed in the CLOG, and a crash
 * after the flush replays the commit into the CLOG.
 */
public final class Xact {
    /** XLOG_XACT_COMMIT and XLOG_XACT_ABORT, the TRANSACTION resource manager's info bits. */
    public static final int XLOG_XACT_COMMIT = 0x00, XLOG_XACT_ABORT = 0x20;
    /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final VarSup varsup;
    private final Transam transam;
    private final XLogHandle xlog;
    private final ProcGlobal procs;
    private final Proc proc;
    private int xid;
    private long epochXid;

    public Xact(TransamVariables vars, Clog clog, XLogHandle xlog, ProcGlobal procs, Proc proc,
                java.util.function.Consumer<PgException> warnings) {
        this.varsup = new VarSup(vars, clog, warnings);
        this.transam = new Transam(clog);
        this.xlog = xlog;
        this.procs = procs;
        this.proc = proc;
    }

    /** GetTopTransactionId: the current transaction's id, assigned now if it has none. */
    public FullTransactionId currentTransactionId() {
        if (xid == 0) {
            FullTransactionId full = varsup.getNewTransactionId(x -> procs.publishXid(proc, x));
            xid = full.xid();
            epochXid = full.value();
        }
        return new FullTransactionId(epochXid);
    }

    public boolean hasXid() {
        return xid != 0;
    }

    /** RecordTransactionCommit; {@code synchronous}: flush the commit record before returning. */
    public void commit(boolean synchronous) {
        if (xid == 0) return;
        try {
            XLogInsertedRecord rec = xlog.get().insert(new XLogRecordBuilder().registerData(timestamp())
                    .assemble(RmgrId.XACT, XLOG_XACT_COMMIT, xid));
            if (synchronous) xlog.get().flush(rec.endLsn());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transam.commitTree(xid, new int[0]);
        end();
    }

    /** RecordTransactionAbort. */
    public void abort() {
        if (xid == 0) return;
        try {
            xlog.get().insert(new XLogRecordBuilder().registerData(timestamp())
                    .assemble(RmgrId.XACT, XLOG_XACT_ABORT, xid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            transam.abortTree(xid, new int[0]);
            end();
        }
    }

    private void end() {
        procs.endTransaction(proc);
        xid = 0;
        epochXid = 0;
    }

    /** xl_xact_commit / xl_xact_abort: xact_time, a TimestampTz (microseconds since 2000-01-01). */
    private static byte[] timestamp() {
        long micros = System.currentTimeMillis() * 1000 - POSTGRES_EPOCH_MICROS;
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(micros).array();
    }

    /**
     * xact_redo: replays a commit or abort record into the CLOG. The CLOG page is read from
     * pg_xact; only if it was never written (the crash came before any checkpoint wrote it) is it
     * created, zeroed, here. (PostgreSQL WAL-logs CLOG page creation instead; until Tusk does, a
     * page is never zeroed over statuses already on disk.)
     */
    static void redo(DecodedXLogRecord rec, Clog clog) {
        int info = rec.info() & XLogRecord.XLR_RMGR_INFO_MASK & 0x70;
        Transam t = new Transam(clog);
        try {
            apply(t, info, rec.xid());
        } catch (PgException missingPage) {
            clog.zeroPageForRedo(rec.xid());
            apply(t, info, rec.xid());
        }
    }

    private static void apply(Transam t, int info, int xid) {
        if (info == XLOG_XACT_COMMIT) t.commitTree(xid, new int[0]);
        else if (info == XLOG_XACT_ABORT) t.abortTree(xid, new int[0]);
    }
}
