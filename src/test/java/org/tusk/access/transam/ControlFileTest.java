package org.tusk.access.transam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ControlFileTest {
    @TempDir
    Path dataDir;

    static byte[] nonce() {
        byte[] n = new byte[ControlFileData.MOCK_AUTH_NONCE_LEN];
        for (int i = 0; i < n.length; i++) n[i] = (byte) (0xA0 + i);
        return n;
    }

    static CheckPoint checkPoint(long redo) {
        return new CheckPoint(redo, 1, 1, true, (3L << 32) | 724, 13572, 1, 0, 716, 1, 1, 1, 1_700_000_000L, 0, 0, 0);
    }

    /** A control file as initdb leaves it: shut down, checkpoint at the first record of segment 1. */
    static ControlFileData sample(WalSegmentSize seg) {
        ControlFileData c = ControlFileData.create(7_345_678_901_234_567_890L, seg, nonce());
        long cp = seg.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;
        c.setCheckPoint(cp);
        c.setCheckPointCopy(checkPoint(cp));
        c.setTime(1_700_000_123L);
        c.setMinRecoveryPoint(0, 0);
        c.setMaxConnections(100);
        c.setWalLevel(WalLevel.REPLICA);
        c.setUnloggedLSN(1000);
        return c;
    }

    @Test
    void layoutIsPostgres15s() {
        assertEquals(296, ControlFileData.SIZE);
        assertEquals(288, ControlFileData.CRC_OFFSET);
        assertEquals(88, CheckPoint.SIZE);
        assertEquals(40, ControlFileData.LAYOUT.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("checkPointCopy")));
        assertEquals(172, ControlFileData.LAYOUT.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("wal_level")));
        assertEquals(228, ControlFileData.LAYOUT.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("xlog_seg_size")));
        assertEquals(256, ControlFileData.LAYOUT.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("mock_authentication_nonce")));
    }

    @Test
    void roundTrip() throws IOException {
        ControlFileData c = sample(WalSegmentSize.DEFAULT);
        c.setState(DBState.DB_IN_PRODUCTION);
        ControlFile.write(dataDir, c);
        byte[] file = Files.readAllBytes(ControlFile.path(dataDir));
        assertEquals(ControlFile.PG_CONTROL_FILE_SIZE, file.length);
        for (int i = ControlFileData.SIZE; i < file.length; i++) assertEquals(0, file[i], "padding byte " + i);
        // The CRC is CRC-32C of the 288 bytes before it, stored little-endian.
        CRC32C crc = new CRC32C();
        crc.update(file, 0, 288);
        int stored = (file[288] & 0xFF) | (file[289] & 0xFF) << 8 | (file[290] & 0xFF) << 16 | (file[291] & 0xFF) << 24;
        assertEquals((int) crc.getValue(), stored);
        assertEquals(1300, (file[8] & 0xFF) | (file[9] & 0xFF) << 8);

        ControlFileData r = ControlFile.read(dataDir);
        assertEquals(7_345_678_901_234_567_890L, r.systemIdentifier());
        assertEquals(ControlFileData.PG_CONTROL_VERSION, r.pgControlVersion());
        assertEquals(ControlFileData.CATALOG_VERSION_NO, r.catalogVersionNo());
        assertEquals(DBState.DB_IN_PRODUCTION, r.state());
        assertEquals(1_700_000_123L, r.time());
        assertEquals(0x1000028L, r.checkPoint());
        assertEquals(checkPoint(0x1000028L), r.checkPointCopy());
        assertEquals(WalLevel.REPLICA, r.walLevel());
        assertEquals(100, r.maxConnections());
        assertEquals(8192, r.blcksz());
        assertEquals(131072, r.relsegSize());
        assertEquals(8192, r.xlogBlcksz());
        assertEquals(16 * 1024 * 1024, r.xlogSegSize());
        assertEquals(0, r.dataChecksumVersion());
        assertEquals(1000, r.unloggedLSN());
        assertArrayEquals(nonce(), r.mockAuthenticationNonce());

        // Rewriting replaces the file as a whole.
        r.setState(DBState.DB_SHUTDOWNED);
        ControlFile.write(dataDir, r);
        assertEquals(DBState.DB_SHUTDOWNED, ControlFile.read(dataDir).state());
        assertEquals(false, Files.exists(dataDir.resolve("global/pg_control.tmp")));
    }

    @Test
    void corruptionIsDetected() throws IOException {
        ControlFile.write(dataDir, sample(WalSegmentSize.DEFAULT));
        Path p = ControlFile.path(dataDir);
        byte[] file = Files.readAllBytes(p);
        for (int off : new int[] {0, 16, 45, 200, 287, 288}) {
            byte[] bad = file.clone();
            bad[off] ^= 0x01;
            Files.write(p, bad);
            PgException e = assertThrows(PgException.class, () -> ControlFile.read(dataDir), "byte " + off);
            assertEquals("incorrect checksum in control file", e.getMessage());
            assertEquals(Severity.FATAL, e.severity());
        }
        // Bytes after the struct are not covered, as in PostgreSQL.
        byte[] padded = file.clone();
        padded[4000] = 1;
        Files.write(p, padded);
        ControlFile.read(dataDir);
    }

    @Test
    void foreignVersionAndByteOrderAreRecognised() throws IOException {
        ControlFile.write(dataDir, sample(WalSegmentSize.DEFAULT));
        Path p = ControlFile.path(dataDir);
        byte[] file = Files.readAllBytes(p);
        // 1300 stored big-endian reads as 1300 << 16 here.
        file[8] = 0;
        file[9] = 0;
        file[10] = (byte) (1300 & 0xFF);
        file[11] = (byte) (1300 >> 8);
        Files.write(p, file);
        PgException e = assertThrows(PgException.class, () -> ControlFile.read(dataDir));
        assertEquals("database files are incompatible with server", e.getMessage());
        assertEquals("This could be a problem of mismatched byte ordering.  It looks like you need to initdb.", e.hint());

        Files.write(p, new byte[100]);
        e = assertThrows(PgException.class, () -> ControlFile.read(dataDir));
        assertEquals("could not read file \"%s\": read 100 of 296".formatted(p), e.getMessage());
    }
}
