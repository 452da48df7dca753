package org.tusk.access.transam;

import org.tusk.storage.smgr.ForkNumber;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL 15's own tools read what Tusk writes: pg_waldump parses a WAL segment, pg_controldata
 * a control file. Skipped where PostgreSQL 15 is not installed.
 */
class PostgresToolsTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    /** xlog record info of the XLOG resource manager (pg_control.h). */
    private static final int XLOG_NOOP = 0x20;
    private static final int XLOG_FPI = 0xB0;

    @TempDir
    Path dataDir;

    record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void pgWaldumpParsesTuskWal() throws Exception {
        Path waldump = BIN.resolve("pg_waldump");
        assumeTrue(Files.isExecutable(waldump), "pg_waldump of PostgreSQL 15 not installed");
        WalSegmentSize seg = new WalSegmentSize(1024 * 1024); // the smallest size PostgreSQL accepts
        Path pgWal = Files.createDirectories(dataDir.resolve("pg_wal"));
        long start = seg.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;
        List<XLogInsertedRecord> recs = new ArrayList<>();
        try (XLogSegmentWriter w = XLogSegmentWriter.open(new XLogFiles(pgWal, seg), 1, 7_345_678_901_234_567_890L, start, 0)) {
            recs.add(w.insert(new XLogRecordBuilder().registerData(XLogRecordTest.bytes(40, 1)).assemble(RmgrId.XLOG, XLOG_NOOP, 0)));
            // log_newpage: a full-page image with a hole, as an XLOG_FPI record.
            recs.add(w.insert(new XLogRecordBuilder()
                    .registerBuffer(0, XLogRecordTest.REL, ForkNumber.MAIN, 3, XLogRecordTest.standardPage(0, 48, 7000, 2),
                            XLogRecordBuilder.REGBUF_FORCE_IMAGE | XLogRecordBuilder.REGBUF_STANDARD)
                    .assemble(RmgrId.XLOG, XLOG_FPI, 0)));
            // Records crossing many pages and, finally, the segment boundary.
            for (int i = 0; i < 40; i++) {
                recs.add(w.insert(new XLogRecordBuilder().registerData(XLogRecordTest.bytes(20_000 + i * 997, i)).assemble(RmgrId.XLOG, XLOG_NOOP, 0)));
            }
            recs.add(w.insert(new XLogRecordBuilder().registerData(XLogRecordTest.bytes(3, 9)).assemble(RmgrId.XLOG, XLOG_NOOP, 0)));
            w.flush(w.insertedUpTo());
        }
        assertTrue(seg.segmentNumber(recs.getLast().startLsn()) >= 2, "records reach the second segment");

        Result r = run(waldump.toString(), "-p", pgWal.toString(), "-s", XLogRecPtr.format(start));
        List<String> lines = r.stdout().lines().toList();
        assertEquals(recs.size(), lines.size(), r.stdout() + r.stderr());
        for (int i = 0; i < recs.size(); i++) {
            assertTrue(lines.get(i).contains("lsn: %s,".formatted(lsn8(recs.get(i).startLsn()))), lines.get(i));
            if (i > 0) assertTrue(lines.get(i).contains("prev %s,".formatted(lsn8(recs.get(i - 1).startLsn()))), lines.get(i));
        }
        assertTrue(lines.get(0).contains("rmgr: XLOG") && lines.get(0).contains("desc: NOOP"), lines.get(0));
        assertTrue(lines.get(1).contains("desc: FPI") && lines.get(1).contains("blkref #0: rel 1663/5/16384 blk 3 FPW"), lines.get(1));
        String end = XLogRecPtr.format(recs.getLast().endLsn());
        assertTrue(r.stderr().contains("invalid record length at %s: wanted 24, got 0".formatted(end)), r.stderr());
    }

    /** pg_waldump prints LSNs as {@code %X/%08X}. */
    private static String lsn8(long lsn) {
        return "%X/%08X".formatted(lsn >>> 32, lsn & 0xFFFFFFFFL);
    }

    @Test
    void pgControldataReadsTuskControlFile() throws Exception {
        Path controldata = BIN.resolve("pg_controldata");
        assumeTrue(Files.isExecutable(controldata), "pg_controldata of PostgreSQL 15 not installed");
        ControlFileData c = ControlFileTest.sample(new WalSegmentSize(1024 * 1024));
        c.setState(DBState.DB_IN_PRODUCTION);
        ControlFile.write(dataDir, c);

        Result r = run(controldata.toString(), "-D", dataDir.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        String out = r.stdout();
        for (String expected : List.of(
                "pg_control version number:            1300",
                "Catalog version number:               202209061",
                "Database system identifier:           7345678901234567890",
                "Database cluster state:               in production",
                "Latest checkpoint location:           0/100028",
                "Latest checkpoint's REDO location:    0/100028",
                "Latest checkpoint's REDO WAL file:    000000010000000000000001",
                "Latest checkpoint's TimeLineID:       1",
                "Latest checkpoint's full_page_writes: on",
                "Latest checkpoint's NextXID:          3:724",
                "Latest checkpoint's NextOID:          13572",
                "Latest checkpoint's oldestXID:        716",
                "wal_level setting:                    replica",
                "max_connections setting:              100",
                "Maximum data alignment:               8",
                "Database block size:                  8192",
                "Blocks per segment of large relation: 131072",
                "WAL block size:                       8192",
                "Bytes per WAL segment:                1048576",
                "Date/time type storage:               64-bit integers",
                "Data page checksum version:           0",
                "Mock authentication nonce:            " + HexFormat.of().formatHex(ControlFileTest.nonce()))) {
            assertTrue(out.contains(expected + "\n"), "missing \"" + expected + "\" in\n" + out);
        }
    }
}
