package org.tusk.access.transam;

import java.io.IOException;

/**
 * A process's handle on the shared write-ahead log: xlog.c's entry points under their
 * PostgreSQL names' meaning. Made once per process after mapping the region (and after the
 * startup process has initialised {@link XLogCtl}); not thread-safe.
 */
public final class XLog implements AutoCloseable {
    private final XLogCtl ctl;
    private final XLogWriter writer;
    private final XLogInserter inserter;

    public XLog(XLogCtl ctl, XLogFiles files, WalSyncSettings sync, int procNumber) {
        this.ctl = ctl;
        this.writer = new XLogWriter(ctl, files, sync);
        this.inserter = new XLogInserter(ctl, writer, files.segmentSize(), procNumber);
    }

    /**
     * This process's handle on the shared WAL: segment files in {@code dataDir/pg_wal}, fsync as the
     * {@code fsync} and {@code wal_sync_method} settings say, insertion lock chosen by
     * {@code procNumber} (the child slot).
     */
    public static XLog forProcess(XLogCtl ctl, java.nio.file.Path dataDir, boolean fsync, String walSyncMethod,
                                  int procNumber) {
        return new XLog(ctl, new XLogFiles(dataDir.resolve("pg_wal"), ctl.segmentSize()),
                WalSyncSettings.of(fsync, WalSyncMethod.fromSetting(walSyncMethod)), procNumber);
    }

    /** GetFakeLSNForUnloggedRel: see {@link XLogCtl#nextFakeLsnForUnloggedRel}. */
    public long getFakeLsnForUnloggedRel() {
        return ctl.nextFakeLsnForUnloggedRel();
    }

    /** GetRedoRecPtr: the REDO point of the latest checkpoint (a change after it must log its page whole or anew). */
    public long getRedoRecPtr() {
        return ctl.redoRecPtr();
    }

    /** XLogInsertRecord: see {@link XLogInserter#insert}. */
    public XLogInsertedRecord insert(AssembledXLogRecord record) throws IOException {
        return inserter.insert(record);
    }

    /**
     * XLogInsert: assembles {@code builder}'s record, deciding full-page images against the current
     * redo pointer and full_page_writes, and inserts it, assembling again if a checkpoint moved the
     * redo pointer in between. The pages registered must stay locked by the caller throughout.
     */
    public XLogInsertedRecord insert(XLogRecordBuilder builder, RmgrId rmgr, int info, int xid) throws IOException {
        while (true) {
            long redo = ctl.redoRecPtr();
            boolean doPageWrites = ctl.fullPageWrites();
            XLogInsertedRecord r = inserter.insert(builder.assemble(rmgr, info, xid, redo, doPageWrites), redo,
                    doPageWrites);
            if (r != null) return r;
        }
    }

    /** XLogFlush for callers that cannot throw IOException (a write failure is fatal anyway). */
    public void flushUnchecked(long upTo) {
        try {
            flush(upTo);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** XLogFlush: WAL is durable up to {@code upTo} on return. */
    public void flush(long upTo) throws IOException {
        writer.flush(upTo);
    }

    /** XLogBackgroundFlush (walwriter): see {@link XLogWriter#backgroundFlush}. */
    public boolean backgroundFlush(boolean everything) throws IOException {
        return writer.backgroundFlush(everything);
    }

    /** GetXLogInsertRecPtr: where the next record will start. */
    public long getInsertRecPtr() {
        return writer.insertRecPtr();
    }

    /** GetXLogWriteRecPtr. */
    public long getWriteRecPtr() {
        return ctl.writeRecPtr();
    }

    /** GetFlushRecPtr. */
    public long getFlushRecPtr() {
        return ctl.flushRecPtr();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
