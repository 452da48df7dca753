package org.tusk.access.transam;

import org.tusk.storage.smgr.RelFileLocator;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The main data of commit and abort records, byte for byte as PostgreSQL 15 writes them
 * (xact.h: xl_xact_commit / xl_xact_abort and what follows; XactLogCommitRecord,
 * XactLogAbortRecord, ParseCommitRecord, ParseAbortRecord), so that pg_waldump describes them.
 *
 * <pre>
 *   xact_time      int64  TimestampTz, microseconds since 2000-01-01
 *   xinfo          uint32 only if the record's info has XLOG_XACT_HAS_INFO
 *   [dbinfo]       Oid dbId, Oid tsId            (XACT_XINFO_HAS_DBINFO; not written by Tusk)
 *   [subxacts]     int nsubxacts, TransactionId[] (XACT_XINFO_HAS_SUBXACTS)
 *   [relfilenodes] int nrels, RelFileNode[] {spcNode, dbNode, relNode} (XACT_XINFO_HAS_RELFILENODES)
 * </pre>
 * The pieces are concatenated without padding (each is registered as its own chunk of main
 * data). Records with other xinfo bits (invalidations, dropped stats, two-phase, origin) are not
 * written by Tusk and are refused when read.
 */
public final class XactRecords {
    /** XLOG_XACT_COMMIT, XLOG_XACT_ABORT and the flag saying an xinfo word follows xact_time. */
    public static final int XLOG_XACT_COMMIT = 0x00, XLOG_XACT_ABORT = 0x20, XLOG_XACT_HAS_INFO = 0x80;
    /** XLOG_XACT_OPMASK: the operation bits of the info byte. */
    public static final int XLOG_XACT_OPMASK = 0x70;
    public static final int XACT_XINFO_HAS_DBINFO = 1, XACT_XINFO_HAS_SUBXACTS = 1 << 1,
            XACT_XINFO_HAS_RELFILENODES = 1 << 2;
    /** The xinfo bits this class understands; the XACT_COMPLETION_* bits (29-31) are accepted and ignored. */
    private static final int KNOWN = XACT_XINFO_HAS_DBINFO | XACT_XINFO_HAS_SUBXACTS | XACT_XINFO_HAS_RELFILENODES;
    private static final int COMPLETION_BITS = 0xE0000000;
    /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** xl_xact_parsed_commit / xl_xact_parsed_abort, the parts Tusk uses. */
    public record Parsed(long xactTime, int xinfo, int dbId, int tsId, int[] subxacts, RelFileLocator[] rels) {}

    /** Main data and info byte of a record to insert. */
    public record Encoded(int info, byte[] data) {}

    private XactRecords() {}

    /** GetCurrentTimestamp as a TimestampTz. */
    public static long now() {
        return System.currentTimeMillis() * 1000 - POSTGRES_EPOCH_MICROS;
    }

    /**
     * XactLogCommitRecord / XactLogAbortRecord's layout: {@code op} is XLOG_XACT_COMMIT or
     * XLOG_XACT_ABORT; the HAS_INFO flag is added when there are subxacts or relations.
     */
    public static Encoded encode(int op, long xactTime, int[] subxacts, RelFileLocator[] rels) {
        int xinfo = 0;
        if (subxacts.length > 0) xinfo |= XACT_XINFO_HAS_SUBXACTS;
        if (rels.length > 0) xinfo |= XACT_XINFO_HAS_RELFILENODES;
        int size = 8 + (xinfo != 0 ? 4 : 0) + (subxacts.length > 0 ? 4 + 4 * subxacts.length : 0)
                + (rels.length > 0 ? 4 + 12 * rels.length : 0);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(xactTime);
        if (xinfo != 0) b.putInt(xinfo);
        if (subxacts.length > 0) {
            b.putInt(subxacts.length);
            for (int x : subxacts) b.putInt(x);
        }
        if (rels.length > 0) {
            b.putInt(rels.length);
            for (RelFileLocator r : rels) b.putInt(r.spcOid()).putInt(r.dbOid()).putInt(r.relNumber());
        }
        return new Encoded(op | (xinfo != 0 ? XLOG_XACT_HAS_INFO : 0), b.array());
    }

    /** ParseCommitRecord / ParseAbortRecord: {@code info} is the record's rmgr info byte. */
    public static Parsed parse(int info, MemorySegment data) {
        long off = 0;
        long xactTime = data.get(LONG, off);
        off += 8;
        int xinfo = 0;
        if ((info & XLOG_XACT_HAS_INFO) != 0) {
            xinfo = data.get(INT, off);
            off += 4;
        }
        if ((xinfo & ~(KNOWN | COMPLETION_BITS)) != 0) {
            throw new IllegalStateException("transaction record with unsupported xinfo 0x" + Integer.toHexString(xinfo));
        }
        int dbId = 0, tsId = 0;
        if ((xinfo & XACT_XINFO_HAS_DBINFO) != 0) {
            dbId = data.get(INT, off);
            tsId = data.get(INT, off + 4);
            off += 8;
        }
        int[] subxacts = new int[0];
        if ((xinfo & XACT_XINFO_HAS_SUBXACTS) != 0) {
            int n = data.get(INT, off);
            off += 4;
            subxacts = new int[n];
            for (int i = 0; i < n; i++, off += 4) subxacts[i] = data.get(INT, off);
        }
        RelFileLocator[] rels = new RelFileLocator[0];
        if ((xinfo & XACT_XINFO_HAS_RELFILENODES) != 0) {
            int n = data.get(INT, off);
            off += 4;
            rels = new RelFileLocator[n];
            for (int i = 0; i < n; i++, off += 12) {
                rels[i] = new RelFileLocator(data.get(INT, off), data.get(INT, off + 4), data.get(INT, off + 8));
            }
        }
        return new Parsed(xactTime, xinfo, dbId, tsId, subxacts, rels);
    }
}
