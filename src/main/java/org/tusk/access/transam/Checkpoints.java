package org.tusk.access.transam;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.lmgr.ProcArray;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.sync.SyncRequestQueue;
import org.tusk.utils.error.ServerLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writing a checkpoint (PostgreSQL's CreateCheckPoint in xlog.c, with CheckPointGuts and
 * ProcessSyncRequests): after it, recovery need only replay WAL from the checkpoint's REDO point.
 *
 * <p>The order is what makes that true: (1) the REDO point is the WAL insert position now, so
 * every change made after it is in WAL after it; (2) every buffer dirtied before it is written
 * (BufferSync) and the CLOG (flushing WAL past its group LSNs first) and pg_subtrans are
 * written; (3) every data file written since the previous checkpoint
 * is fsynced, using the requests other processes forwarded; only then (4) the checkpoint record
 * is inserted and flushed and (5) {@code pg_control} points at it. A crash anywhere before (5)
 * leaves {@code pg_control} at the previous checkpoint, whose REDO point and WAL are still there:
 * (6) WAL segments older than the previous checkpoint's REDO point are removed only at the end.
 *
 * <p>One instance lives in the process that writes checkpoints (the checkpointer; the startup
 * process for the end-of-recovery checkpoint). It keeps the set of files to fsync between
 * checkpoints: its own writes register there directly, other processes' arrive through the
 * shared queue.
 */
public final class Checkpoints {
    private final Path dataDir;
    private final ServerLog log;
    private final XLogCtl ctl;
    private final XLogHandle xlog;
    private final TransamVariables vars;
    private final Clog clog;
    private final SubTrans subtrans;
    private final ProcArray procArray;
    private final SyncRequestQueue queue;
    private final Set<SyncRequestQueue.FileTag> pendingSyncs = new LinkedHashSet<>();
    private StorageManager smgr;
    private BufferManager buffers;

    /**
     * @param procArray  gives the oldest xid anyone may still ask pg_subtrans about, for
     *                   TruncateSUBTRANS after the checkpoint
     */
    public Checkpoints(Path dataDir, ServerLog log, XLogCtl ctl, XLogHandle xlog, TransamVariables vars, Clog clog,
                       SubTrans subtrans, ProcArray procArray, SyncRequestQueue queue) {
        this.dataDir = dataDir;
        this.log = log;
        this.ctl = ctl;
        this.xlog = xlog;
        this.vars = vars;
        this.clog = clog;
        this.subtrans = subtrans;
        this.procArray = procArray;
        this.queue = queue;
    }

    /** The checkpointer's storage manager hook: its own writes are fsynced at the next checkpoint. */
    public boolean rememberDirtySegment(RelFileLocator rl, ForkNumber fork, int segno) {
        pendingSyncs.add(new SyncRequestQueue.FileTag(rl.spcOid(), rl.dbOid(), rl.relNumber(), fork.number(), segno));
        return true;
    }

    /** Wires the buffer manager and storage manager this process writes through. */
    public void attach(StorageManager smgr, BufferManager buffers) {
        this.smgr = smgr;
        this.buffers = buffers;
    }

    /** AbsorbSyncRequests: moves the shared queue into the pending set (also between checkpoints). */
    public void absorbSyncRequests() {
        pendingSyncs.addAll(queue.absorb());
    }

    /**
     * CreateCheckPoint. {@code shutdown}: the shutdown checkpoint (nobody else writes any more);
     * {@code endOfRecovery}: the checkpoint that ends crash recovery. Returns the checkpoint
     * record's position.
     */
    public long create(boolean shutdown, boolean endOfRecovery) throws IOException {
        long started = System.nanoTime();
        ControlFileData control = ControlFile.read(dataDir);
        CheckPoint previous = control.checkPointCopy();
        if (shutdown) {
            control.setState(DBState.DB_SHUTDOWNING);
            control.setTime(System.currentTimeMillis() / 1000);
            ControlFile.write(dataDir, control);
        }
        // (1) The REDO point.
        long redo = xlog.get().getInsertRecPtr();
        ctl.setRedoAndFullPageWrites(redo, true);

        // (2) CheckPointGuts: buffers and the CLOG.
        int written = buffers == null ? 0 : buffers.flushAllDirty();
        clog.checkPoint();
        subtrans.checkPoint();

        // (3) ProcessSyncRequests.
        absorbSyncRequests();
        int synced = 0;
        for (SyncRequestQueue.FileTag t : pendingSyncs) {
            if (smgr != null && smgr.syncSegment(new RelFileLocator(t.spcOid(), t.dbOid(), t.relNumber()),
                    ForkNumber.of(t.forkNum()), t.segno())) {
                synced++;
            }
        }
        pendingSyncs.clear();

        // (4) The checkpoint record, flushed.
        long now = System.currentTimeMillis() / 1000;
        CheckPoint cp = new CheckPoint(redo, ctl.timeLineId(), ctl.timeLineId(), true, vars.nextXid().value(),
                OidGenerator.checkpointNextOid(vars), 1, 0, vars.oldestXid(), vars.oldestXidDB(), 1, 1, now, 0, 0, TransactionId.INVALID);
        int info = shutdown || endOfRecovery ? XLogBootstrap.XLOG_CHECKPOINT_SHUTDOWN : XLogBootstrap.XLOG_CHECKPOINT_ONLINE;
        XLogInsertedRecord rec = xlog.get().insert(new XLogRecordBuilder().registerData(cp.toBytes())
                .assemble(RmgrId.XLOG, info, TransactionId.INVALID));
        xlog.get().flush(rec.endLsn());

        // (5) pg_control.
        control.setCheckPoint(rec.startLsn());
        control.setCheckPointCopy(cp);
        control.setState(shutdown ? DBState.DB_SHUTDOWNED : DBState.DB_IN_PRODUCTION);
        // CreateCheckPoint: the unlogged relations' fake-LSN counter survives a clean shutdown only
        control.setUnloggedLSN(shutdown ? ctl.unloggedLsn() : XLogRecPtr.INVALID);
        control.setTime(now);
        ControlFile.write(dataDir, control);

        // (6) WAL no recovery can need any more, and pg_subtrans nobody can ask about any more
        // (TruncateSUBTRANS(GetOldestTransactionIdConsideredRunning())).
        int removed = removeOldWalSegments(previous.redo());
        subtrans.truncate(procArray.computeXidHorizons(0).oldestConsideredRunning());
        if (log != null) {
            log.log(String.format("%s complete: wrote %d buffers, %d WAL file(s) removed; sync files=%d; "
                            + "total=%.3f s; lsn=%s, redo lsn=%s",
                    shutdown ? "checkpoint (shutdown)" : endOfRecovery ? "checkpoint (end-of-recovery)" : "checkpoint",
                    written, removed, synced, (System.nanoTime() - started) / 1e9, XLogRecPtr.format(rec.startLsn()),
                    XLogRecPtr.format(redo)));
        }
        return rec.startLsn();
    }

    /** RemoveOldXlogFiles: segment files wholly before the segment holding {@code keepFrom}. */
    private int removeOldWalSegments(long keepFrom) {
        WalSegmentSize seg = ctl.segmentSize();
        long keepSeg = seg.segmentNumber(keepFrom);
        Path dir = dataDir.resolve("pg_wal");
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[0-9A-F]*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!WalSegmentSize.isXLogFileName(name)) continue;
                long segNo = seg.segmentNumberOf(name);
                if (segNo >= 0 && segNo < keepSeg) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }
}
