package org.tusk.access.transam;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.PgRusage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Bringing a data directory to a consistent state at server start (PostgreSQL's StartupXLOG):
 * read {@code pg_control}, find the latest checkpoint record, set the shared transaction counters
 * from it, replay WAL from the checkpoint's REDO point to the end of valid WAL, then start the
 * CLOG (trimming statuses past nextXid) and pg_subtrans (zeroed from nextXid).
 *
 * <p>Replay dispatches each record to its resource manager's redo routine: XLOG (checkpoint
 * records) and Transaction (commit and abort records into the CLOG) are handled here, the others
 * through {@link RmgrTable} (CLOG page creation among them); a record of a resource manager without a redo routine stops recovery with an error rather than
 * being skipped, since skipping it would silently lose a change.
 */
public final class StartupXLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Where valid WAL ends: the next record goes at {@code endLsn}, after the record at {@code lastRecordLsn}. */
    public record EndOfWal(long endLsn, long lastRecordLsn, ControlFileData control, CheckPoint checkPoint,
                           boolean crashRecovery) {}

    /**
     * The rest of StartupXLOG once replay is done: WAL insertion continues exactly at the end of
     * valid WAL (the partly filled last page is loaded, whatever followed on it is dropped), and the
     * cluster is marked in production. After crash recovery, {@code endOfRecoveryCheckpoint} writes a
     * checkpoint first, so that the next crash need not replay this WAL again.
     */
    public static void finish(Path dataDir, EndOfWal end, XLogCtl ctl, Checkpoints checkpoints) throws IOException {
        WalSegmentSize segSize = new WalSegmentSize(end.control().xlogSegSize());
        int tli = end.checkPoint().thisTimeLineId();
        long pageAddr = end.endLsn() - end.endLsn() % XLogDefs.XLOG_BLCKSZ;
        java.lang.foreign.MemorySegment lastPage = null;
        if (end.endLsn() != pageAddr) {
            lastPage = java.lang.foreign.MemorySegment.ofArray(new byte[XLogDefs.XLOG_BLCKSZ]);
            new XLogFiles(dataDir.resolve("pg_wal"), segSize).readPage(tli, pageAddr, lastPage);
        }
        ctl.initialize(segSize, end.endLsn(), end.lastRecordLsn(), lastPage, tli, end.control().systemIdentifier());
        ctl.setRedoAndFullPageWrites(end.checkPoint().redo(), end.checkPoint().fullPageWrites());
        // StartupXLOG: unlogged relations were reset after a crash, so their fake LSNs start over
        long unloggedLsn = end.control().unloggedLSN();
        ctl.setUnloggedLsn(end.crashRecovery() || unloggedLsn < XLogCtl.FIRST_NORMAL_UNLOGGED_LSN
                ? XLogCtl.FIRST_NORMAL_UNLOGGED_LSN : unloggedLsn);
        if (end.crashRecovery()) {
            checkpoints.create(false, true);
        } else {
            ControlFileData control = ControlFile.read(dataDir);
            control.setState(DBState.DB_IN_PRODUCTION);
            control.setTime(System.currentTimeMillis() / 1000);
            ControlFile.write(dataDir, control);
        }
        ctl.setRecoveryDone();
    }

    private StartupXLog() {}

    /**
     * StartupXLOG up to the end of replay, then StartupSUBTRANS (pg_subtrans zeroed from nextXid's
     * page: no id before nextXid is running after a restart). {@code redoCtx} gives redo routines
     * their buffers and storage; without it (tests of the transaction records only) a record that
     * touches pages or files stops recovery.
     */
    public static EndOfWal run(Path dataDir, ServerLog log, TransamVariables vars, Clog clog, SubTrans subtrans,
                               RedoContext redoCtx) {
        ControlFileData control;
        try {
            control = ControlFile.read(dataDir);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PgException(Severity.PANIC, SqlState.UNDEFINED_FILE, "could not open file \""
                    + ControlFile.path(dataDir) + "\": No such file or directory", null, null, 0);
        } catch (IOException e) {
            throw new PgException(Severity.PANIC, SqlState.IO_ERROR, "could not read file \"" + ControlFile.path(dataDir)
                    + "\": " + e.getMessage(), null, null, 0);
        }
        String lastUp = TIME.format(Instant.ofEpochSecond(control.time()));
        boolean crashRecovery = control.state() != DBState.DB_SHUTDOWNED;
        if (!crashRecovery) {
            log.log("database system was shut down at " + lastUp);
        } else {
            log.log("database system was interrupted; last known up at " + lastUp);
            log.log("database system was not properly shut down; automatic recovery in progress");
        }

        if (crashRecovery) {
            // StartupXLOG before redo: the unlogged relations' forks other than the init fork go
            // (their contents after a crash are unknown); redo never touches them.
            resetUnlogged(dataDir, org.tusk.storage.smgr.UnloggedRelationReset.Op.CLEANUP);
        }
        XLogFiles files = new XLogFiles(dataDir.resolve("pg_wal"), new WalSegmentSize(control.xlogSegSize()));
        int tli = control.checkPointCopy().thisTimeLineId();
        try (XLogReader reader = new XLogReader(files, tli, control.systemIdentifier())) {
            CheckPoint cp = readCheckpointRecord(reader, control.checkPoint());
            vars.setCounters(new FullTransactionId(cp.nextXid()), cp.nextOid());
            new VarSup(vars, clog, null, w -> log.report(w)).setTransactionIdLimit(cp.oldestXid(), cp.oldestXidDB(),
                    VarSup.DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE);

            // Replay from the REDO point. After a clean shutdown the checkpoint record itself is the
            // last record, so this reads it again and finds nothing after it.
            reader.beginRead(cp.redo());
            long lastRecord = control.checkPoint();
            long end = control.checkPoint();
            int replayed = 0;
            boolean announced = false;
            PgRusage usage = null;
            while (true) {
                XLogReadResult r = reader.readRecord();
                if (r instanceof XLogReadResult.EndOfWal eow) {
                    if (crashRecovery || replayed > 1) log.log(eow.reason());
                    if (eow.lastValidEnd() != XLogRecPtr.INVALID) end = eow.lastValidEnd();
                    break;
                }
                DecodedXLogRecord rec = ((XLogReadResult.Record) r).record();
                if (rec.lsn() > control.checkPoint() && !announced) {
                    if (!crashRecovery) log.log("database system was not properly shut down; automatic recovery in progress");
                    log.log("redo starts at " + XLogRecPtr.format(rec.lsn()));
                    usage = PgRusage.start();
                    announced = true;
                    crashRecovery = true;
                }
                redo(rec, vars, clog, redoCtx);
                lastRecord = rec.lsn();
                end = rec.endLsn();
                replayed++;
            }
            // PerformWalRecovery: after a crash, either the records replayed or that there were none.
            if (announced) log.log("redo done at " + XLogRecPtr.format(lastRecord) + " system usage: " + usage.show());
            else if (crashRecovery) log.log("redo is not required");
            // StartupCLOG + TrimCLOG and StartupSUBTRANS after replay, as PostgreSQL 15 does
            // without hot standby: the page of nextXid may be one that only replay re-created (a
            // checkpoint reads nextXid after writing the CLOG). PrescanPreparedTransactions would
            // give the oldest prepared xid; without two-phase commit the oldest active xid is nextXid.
            if (crashRecovery) {
                // ResetUnloggedRelations(UNLOGGED_RELATION_INIT) after redo, which may have made
                // init forks: their replayed pages are written first (XLogReadBufferForRedoExtended
                // flushes an INIT_FORKNUM page at once), then each is copied over its main fork.
                if (redoCtx != null) redoCtx.buffers().flushAllDirty();
                resetUnlogged(dataDir, org.tusk.storage.smgr.UnloggedRelationReset.Op.CLEANUP);
                resetUnlogged(dataDir, org.tusk.storage.smgr.UnloggedRelationReset.Op.INIT);
            }
            int nextXid = vars.nextXid().xid();
            clog.startup(nextXid);
            subtrans.startup(nextXid, nextXid);
            return new EndOfWal(end, lastRecord, control, cp, crashRecovery);
        }
    }

    private static void resetUnlogged(Path dataDir, org.tusk.storage.smgr.UnloggedRelationReset.Op op) {
        try {
            org.tusk.storage.smgr.UnloggedRelationReset.reset(dataDir, op);
        } catch (IOException e) {
            throw new PgException(Severity.PANIC, SqlState.IO_ERROR, "could not reset unlogged relations: " + e.getMessage(),
                    null, null, 0);
        }
    }

    private static CheckPoint readCheckpointRecord(XLogReader reader, long lsn) {
        reader.beginRead(lsn);
        XLogReadResult r = reader.readRecord();
        if (r instanceof XLogReadResult.Record(DecodedXLogRecord rec) && rec.rmgr() == RmgrId.XLOG
                && isCheckpoint(rec.info()) && rec.mainData().byteSize() == CheckPoint.SIZE) {
            return CheckPoint.read(rec.mainData(), 0);
        }
        String why = r instanceof XLogReadResult.EndOfWal e ? e.reason() : "invalid checkpoint record";
        throw new PgException(Severity.PANIC, SqlState.DATA_CORRUPTED, "could not locate a valid checkpoint record",
                why, null, 0);
    }

    private static boolean isCheckpoint(int info) {
        int rmgrInfo = info & XLogRecord.XLR_RMGR_INFO_MASK;
        return rmgrInfo == XLogBootstrap.XLOG_CHECKPOINT_SHUTDOWN || rmgrInfo == XLogBootstrap.XLOG_CHECKPOINT_ONLINE;
    }

    /** The redo routines, by resource manager (PostgreSQL's RmgrTable). */
    private static void redo(DecodedXLogRecord rec, TransamVariables vars, Clog clog, RedoContext redoCtx) {
        // Every record's xid was assigned before the crash: nextXid must move past it.
        if (TransactionId.isNormal(rec.xid()) && !TransactionId.precedes(rec.xid(), vars.nextXid().xid())) {
            FullTransactionId next = vars.nextXid();
            vars.setCounters(FullTransactionId.of(next.epoch(), rec.xid()).next(), vars.nextOid());
        }
        if (rec.rmgr() == RmgrId.XACT) {
            Xact.redo(rec, clog, vars, redoCtx);
            return;
        }
        if (rec.rmgr() == RmgrId.XLOG) {
            if ((rec.info() & XLogRecord.XLR_RMGR_INFO_MASK) == OidGenerator.XLOG_NEXTOID) {
                OidGenerator.redo(rec, vars);
                return;
            }
            if (FullPageImages.isFullPageImage(rec.info()) && redoCtx != null) {
                FullPageImages.redo(rec, redoCtx);
                return;
            }
            if (isCheckpoint(rec.info())) {
                // xlog_redo: a checkpoint record carries the counters as of its REDO point.
                CheckPoint cp = CheckPoint.read(rec.mainData(), 0);
                FullTransactionId next = new FullTransactionId(cp.nextXid());
                if (vars.nextXid().precedes(next)) vars.setCounters(next, cp.nextOid());
            }
            return;
        }
        RedoHandler handler = RmgrTable.redoHandler(rec.rmgr());
        if (handler != null && redoCtx != null) {
            handler.redo(rec, redoCtx);
            return;
        }
        throw new PgException(Severity.FATAL, SqlState.FEATURE_NOT_SUPPORTED,
                "WAL record of resource manager \"" + rec.rmgr().pgName() + "\" at " + XLogRecPtr.format(rec.lsn())
                        + " cannot be replayed by this server", null, null, 0);
    }
}
