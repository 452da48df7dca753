package org.tusk.access.transam;

import org.tusk.access.slru.SlruShared;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * What initdb does for the write-ahead log and transaction status (PostgreSQL's BootStrapXLOG
 * and BootStrapCLOG): the first WAL segment with a shutdown checkpoint record, {@code
 * global/pg_control} pointing at it, and the first page of {@code pg_xact}.
 *
 * <p>As in PostgreSQL, the first record goes right after the long page header of segment 1
 * (segment 0 is never used), the next transaction id is FirstNormalTransactionId and the next OID
 * FirstGenbkiObjectId (10000); the system identifier is made from the creation time and the pid,
 * so that WAL from one cluster can never be mistaken for another's.
 */
public final class XLogBootstrap {
    /** XLOG_CHECKPOINT_SHUTDOWN and XLOG_CHECKPOINT_ONLINE, the info bits of checkpoint records. */
    public static final int XLOG_CHECKPOINT_SHUTDOWN = 0x00, XLOG_CHECKPOINT_ONLINE = 0x10;
    /** FirstGenbkiObjectId: where OID assignment starts in a new cluster. */
    public static final int FIRST_GENBKI_OBJECT_ID = 10000;
    private static final int TEMPLATE1_OID = 1;

    private XLogBootstrap() {}

    /** Creates WAL, pg_control and pg_xact in a new data directory; returns the system identifier. */
    public static long bootstrap(Path dataDir, byte[] mockAuthNonce, int maxConnections) throws IOException {
        long now = System.currentTimeMillis();
        long sysid = ((now / 1000) << 32) | ((now % 1000) * 1000 << 12) | (ProcessHandle.current().pid() & 0xFFF);
        WalSegmentSize segSize = WalSegmentSize.DEFAULT;
        long firstRecord = segSize.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;
        CheckPoint cp = new CheckPoint(firstRecord, 1, 1, true,
                FullTransactionId.of(0, TransactionId.FIRST_NORMAL).value(), FIRST_GENBKI_OBJECT_ID, 1, 0,
                TransactionId.FIRST_NORMAL, TEMPLATE1_OID, 1, TEMPLATE1_OID, now / 1000, 0, 0, TransactionId.INVALID);

        XLogFiles files = new XLogFiles(dataDir.resolve("pg_wal"), segSize);
        XLogInsertedRecord rec;
        try (XLogSegmentWriter w = XLogSegmentWriter.open(files, 1, sysid, firstRecord, XLogRecPtr.INVALID)) {
            rec = w.insert(new XLogRecordBuilder().registerData(cp.toBytes())
                    .assemble(RmgrId.XLOG, XLOG_CHECKPOINT_SHUTDOWN, TransactionId.INVALID));
            w.flush(rec.endLsn());
        }

        ControlFileData control = ControlFileData.create(sysid, segSize, mockAuthNonce);
        control.setCheckPoint(rec.startLsn());
        control.setCheckPointCopy(cp);
        control.setTime(now / 1000);
        control.setMaxConnections(maxConnections);
        control.setState(DBState.DB_SHUTDOWNED);
        ControlFile.write(dataDir, control);

        try (Arena a = Arena.ofConfined()) {
            int slots = 4;
            SlruShared shared = Clog.shared(a.allocate(Clog.layout(slots)), slots);
            new Clog(shared, dataDir.resolve("pg_xact")).bootstrap();
        }
        return sysid;
    }
}
