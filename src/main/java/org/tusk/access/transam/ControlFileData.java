package org.tusk.access.transam;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.zip.CRC32C;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The contents of {@code global/pg_control} (pg_control.h's ControlFileData), held as the C
 * struct's bytes: {@link #LAYOUT} is PostgreSQL 15's layout on a 64-bit machine, padding
 * included, and values are little-endian, so pg_controldata can read what Tusk writes. Accessors
 * cover the fields Tusk uses; the compile-time constants PostgreSQL cross-checks (alignment, float
 * format, name length, ...) are set by {@link #create} and never change.
 *
 * <p>{@code crc} is the CRC-32C of every byte before it; {@link ControlFile} computes and checks
 * it, so code here need not. An instance is not thread-safe; in the server, ControlFileLock will
 * guard the shared copy.
 */
public final class ControlFileData {
    /** PG_CONTROL_VERSION of PostgreSQL 15. */
    public static final int PG_CONTROL_VERSION = 1300;
    /** CATALOG_VERSION_NO of PostgreSQL 15; Tusk's own numbering starts when its catalogs reach disk. */
    public static final int CATALOG_VERSION_NO = 202209061;
    /** MOCK_AUTH_NONCE_LEN. */
    public static final int MOCK_AUTH_NONCE_LEN = 32;
    /** FLOATFORMAT_VALUE: a double whose bytes reveal a foreign float format. */
    public static final double FLOATFORMAT_VALUE = 1234567.0;
    /** RELSEG_SIZE: blocks per 1 GB relation segment file. */
    public static final int RELSEG_SIZE = 131072;

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("system_identifier"),
            JAVA_INT.withName("pg_control_version"),
            JAVA_INT.withName("catalog_version_no"),
            JAVA_INT.withName("state"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("time"),
            JAVA_LONG.withName("checkPoint"),
            CheckPoint.LAYOUT.withName("checkPointCopy"),
            JAVA_LONG.withName("unloggedLSN"),
            JAVA_LONG.withName("minRecoveryPoint"),
            JAVA_INT.withName("minRecoveryPointTLI"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("backupStartPoint"),
            JAVA_LONG.withName("backupEndPoint"),
            JAVA_BYTE.withName("backupEndRequired"),
            MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("wal_level"),
            JAVA_BYTE.withName("wal_log_hints"),
            MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("MaxConnections"),
            JAVA_INT.withName("max_worker_processes"),
            JAVA_INT.withName("max_wal_senders"),
            JAVA_INT.withName("max_prepared_xacts"),
            JAVA_INT.withName("max_locks_per_xact"),
            JAVA_BYTE.withName("track_commit_timestamp"),
            MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("maxAlign"),
            JAVA_DOUBLE.withName("floatFormat"),
            JAVA_INT.withName("blcksz"),
            JAVA_INT.withName("relseg_size"),
            JAVA_INT.withName("xlog_blcksz"),
            JAVA_INT.withName("xlog_seg_size"),
            JAVA_INT.withName("nameDataLen"),
            JAVA_INT.withName("indexMaxKeys"),
            JAVA_INT.withName("toast_max_chunk_size"),
            JAVA_INT.withName("loblksize"),
            JAVA_BYTE.withName("float8ByVal"),
            MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("data_checksum_version"),
            MemoryLayout.sequenceLayout(MOCK_AUTH_NONCE_LEN, JAVA_BYTE).withName("mock_authentication_nonce"),
            JAVA_INT.withName("crc"),
            MemoryLayout.paddingLayout(4));

    /** sizeof(ControlFileData): 296. */
    public static final int SIZE = (int) LAYOUT.byteSize();
    /** offsetof(ControlFileData, crc): the CRC covers the bytes before it. */
    public static final int CRC_OFFSET = (int) off("crc");

    private final MemorySegment bytes;

    private ControlFileData(MemorySegment bytes) {
        this.bytes = bytes;
    }

    private static long off(String field) {
        return LAYOUT.byteOffset(groupElement(field));
    }

    /**
     * A control file for a new cluster (what BootStrapXLOG fills in), in state DB_SHUTDOWNED with
     * the build's constants; checkpoint and settings are the caller's to set.
     */
    public static ControlFileData create(long systemIdentifier, WalSegmentSize segSize, byte[] mockAuthNonce) {
        ControlFileData c = new ControlFileData(MemorySegment.ofArray(new byte[SIZE]));
        c.putLong("system_identifier", systemIdentifier);
        c.putInt("pg_control_version", PG_CONTROL_VERSION);
        c.putInt("catalog_version_no", CATALOG_VERSION_NO);
        c.setState(DBState.DB_SHUTDOWNED);
        c.putInt("maxAlign", XLogDefs.MAXIMUM_ALIGNOF);
        WalBytes.putI64(c.bytes, off("floatFormat"), Double.doubleToRawLongBits(FLOATFORMAT_VALUE));
        c.putInt("blcksz", XLogDefs.BLCKSZ);
        c.putInt("relseg_size", RELSEG_SIZE);
        c.putInt("xlog_blcksz", XLogDefs.XLOG_BLCKSZ);
        c.putInt("xlog_seg_size", segSize.bytes());
        c.putInt("nameDataLen", 64);
        c.putInt("indexMaxKeys", 32);
        c.putInt("toast_max_chunk_size", 1996);
        c.putInt("loblksize", 2048);
        WalBytes.putU8(c.bytes, off("float8ByVal"), 1);
        c.setMockAuthenticationNonce(mockAuthNonce);
        c.setWalLevel(WalLevel.REPLICA);
        c.setMaxConnections(100);
        c.putInt("max_worker_processes", 8);
        c.putInt("max_wal_senders", 10);
        c.putInt("max_locks_per_xact", 64);
        return c;
    }

    /** Wraps the first {@link #SIZE} bytes read from a file (copied). */
    static ControlFileData fromBytes(MemorySegment src) {
        MemorySegment copy = MemorySegment.ofArray(new byte[SIZE]);
        MemorySegment.copy(src, 0, copy, 0, SIZE);
        return new ControlFileData(copy);
    }

    /** The struct's bytes, including the CRC field as last stored or computed. */
    MemorySegment bytes() {
        return bytes;
    }

    public ControlFileData copy() {
        return fromBytes(bytes);
    }

    private int getInt(String f) {
        return WalBytes.i32(bytes, off(f));
    }

    private void putInt(String f, int v) {
        WalBytes.putI32(bytes, off(f), v);
    }

    private long getLong(String f) {
        return WalBytes.i64(bytes, off(f));
    }

    private void putLong(String f, long v) {
        WalBytes.putI64(bytes, off(f), v);
    }

    public long systemIdentifier() { return getLong("system_identifier"); }
    public int pgControlVersion() { return getInt("pg_control_version"); }
    public int catalogVersionNo() { return getInt("catalog_version_no"); }
    public void setCatalogVersionNo(int v) { putInt("catalog_version_no", v); }

    /** The state, or null when the stored value is unknown. */
    public DBState state() { return DBState.of(getInt("state")); }
    public void setState(DBState s) { putInt("state", s.ordinal()); }

    /** Time of the last update, seconds since the Unix epoch (pg_time_t). */
    public long time() { return getLong("time"); }
    public void setTime(long epochSeconds) { putLong("time", epochSeconds); }

    /** Location of the last checkpoint record. */
    public long checkPoint() { return getLong("checkPoint"); }
    public void setCheckPoint(long lsn) { putLong("checkPoint", lsn); }

    public CheckPoint checkPointCopy() { return CheckPoint.read(bytes, off("checkPointCopy")); }
    public void setCheckPointCopy(CheckPoint cp) { cp.write(bytes, off("checkPointCopy")); }

    public long unloggedLSN() { return getLong("unloggedLSN"); }
    public void setUnloggedLSN(long lsn) { putLong("unloggedLSN", lsn); }

    /** WAL must be replayed at least this far before the database is consistent (archive recovery). */
    public long minRecoveryPoint() { return getLong("minRecoveryPoint"); }
    public int minRecoveryPointTLI() { return getInt("minRecoveryPointTLI"); }
    public void setMinRecoveryPoint(long lsn, int tli) {
        putLong("minRecoveryPoint", lsn);
        putInt("minRecoveryPointTLI", tli);
    }

    public WalLevel walLevel() { return WalLevel.of(getInt("wal_level")); }
    public void setWalLevel(WalLevel l) { putInt("wal_level", l.ordinal()); }

    public int maxConnections() { return getInt("MaxConnections"); }
    public void setMaxConnections(int n) { putInt("MaxConnections", n); }

    public int blcksz() { return getInt("blcksz"); }
    public int relsegSize() { return getInt("relseg_size"); }
    public int xlogBlcksz() { return getInt("xlog_blcksz"); }
    public int xlogSegSize() { return getInt("xlog_seg_size"); }
    public int maxAlign() { return getInt("maxAlign"); }
    public double floatFormat() { return Double.longBitsToDouble(getLong("floatFormat")); }

    /** 0 when data checksums are off, else PG_DATA_CHECKSUM_VERSION (1). */
    public int dataChecksumVersion() { return getInt("data_checksum_version"); }
    public void setDataChecksumVersion(int v) { putInt("data_checksum_version", v); }

    /** Random bytes used to answer authentication attempts for roles that do not exist. */
    public byte[] mockAuthenticationNonce() {
        return bytes.asSlice(off("mock_authentication_nonce"), MOCK_AUTH_NONCE_LEN).toArray(JAVA_BYTE);
    }

    public void setMockAuthenticationNonce(byte[] nonce) {
        if (nonce.length != MOCK_AUTH_NONCE_LEN) throw new IllegalArgumentException("mock authentication nonce must be 32 bytes");
        MemorySegment.copy(MemorySegment.ofArray(nonce), 0, bytes, off("mock_authentication_nonce"), MOCK_AUTH_NONCE_LEN);
    }

    /** The stored CRC (as read, or as computed by the last write). */
    public int crc() { return getInt("crc"); }

    /** Computes the CRC over the bytes before it and stores it. */
    void updateCrc() {
        putInt("crc", computeCrc());
    }

    int computeCrc() {
        CRC32C crc = new CRC32C();
        WalBytes.crc(crc, bytes, 0, CRC_OFFSET);
        return (int) crc.getValue();
    }
}
