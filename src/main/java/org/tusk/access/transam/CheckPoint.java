package org.tusk.access.transam;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A checkpoint's description (pg_control.h's CheckPoint): the main data of checkpoint records,
 * and pg_control's copy of the latest one. All xids, OIDs and timelines are unsigned 32-bit values
 * held in ints; {@code nextXid} is a 64-bit FullTransactionId (epoch in the high half).
 *
 * <p>{@link #LAYOUT} is the C struct's layout on a 64-bit machine, padding included (88 bytes),
 * so that the bytes are PostgreSQL's.
 */
public record CheckPoint(long redo, int thisTimeLineId, int prevTimeLineId, boolean fullPageWrites,
                         long nextXid, int nextOid, int nextMulti, int nextMultiOffset,
                         int oldestXid, int oldestXidDB, int oldestMulti, int oldestMultiDB,
                         long time, int oldestCommitTsXid, int newestCommitTsXid, int oldestActiveXid) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("redo"),
            JAVA_INT.withName("ThisTimeLineID"),
            JAVA_INT.withName("PrevTimeLineID"),
            JAVA_BYTE.withName("fullPageWrites"),
            MemoryLayout.paddingLayout(7),
            JAVA_LONG.withName("nextXid"),
            JAVA_INT.withName("nextOid"),
            JAVA_INT.withName("nextMulti"),
            JAVA_INT.withName("nextMultiOffset"),
            JAVA_INT.withName("oldestXid"),
            JAVA_INT.withName("oldestXidDB"),
            JAVA_INT.withName("oldestMulti"),
            JAVA_INT.withName("oldestMultiDB"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("time"),
            JAVA_INT.withName("oldestCommitTsXid"),
            JAVA_INT.withName("newestCommitTsXid"),
            JAVA_INT.withName("oldestActiveXid"),
            MemoryLayout.paddingLayout(4));

    public static final int SIZE = (int) LAYOUT.byteSize();

    private static long off(String field) {
        return LAYOUT.byteOffset(groupElement(field));
    }

    public static CheckPoint read(MemorySegment s, long base) {
        return new CheckPoint(WalBytes.i64(s, base + off("redo")), WalBytes.i32(s, base + off("ThisTimeLineID")),
                WalBytes.i32(s, base + off("PrevTimeLineID")), WalBytes.u8(s, base + off("fullPageWrites")) != 0,
                WalBytes.i64(s, base + off("nextXid")), WalBytes.i32(s, base + off("nextOid")),
                WalBytes.i32(s, base + off("nextMulti")), WalBytes.i32(s, base + off("nextMultiOffset")),
                WalBytes.i32(s, base + off("oldestXid")), WalBytes.i32(s, base + off("oldestXidDB")),
                WalBytes.i32(s, base + off("oldestMulti")), WalBytes.i32(s, base + off("oldestMultiDB")),
                WalBytes.i64(s, base + off("time")), WalBytes.i32(s, base + off("oldestCommitTsXid")),
                WalBytes.i32(s, base + off("newestCommitTsXid")), WalBytes.i32(s, base + off("oldestActiveXid")));
    }

    /** Writes all fields and zeroes the padding. */
    public void write(MemorySegment s, long base) {
        s.asSlice(base, SIZE).fill((byte) 0);
        WalBytes.putI64(s, base + off("redo"), redo);
        WalBytes.putI32(s, base + off("ThisTimeLineID"), thisTimeLineId);
        WalBytes.putI32(s, base + off("PrevTimeLineID"), prevTimeLineId);
        WalBytes.putU8(s, base + off("fullPageWrites"), fullPageWrites ? 1 : 0);
        WalBytes.putI64(s, base + off("nextXid"), nextXid);
        WalBytes.putI32(s, base + off("nextOid"), nextOid);
        WalBytes.putI32(s, base + off("nextMulti"), nextMulti);
        WalBytes.putI32(s, base + off("nextMultiOffset"), nextMultiOffset);
        WalBytes.putI32(s, base + off("oldestXid"), oldestXid);
        WalBytes.putI32(s, base + off("oldestXidDB"), oldestXidDB);
        WalBytes.putI32(s, base + off("oldestMulti"), oldestMulti);
        WalBytes.putI32(s, base + off("oldestMultiDB"), oldestMultiDB);
        WalBytes.putI64(s, base + off("time"), time);
        WalBytes.putI32(s, base + off("oldestCommitTsXid"), oldestCommitTsXid);
        WalBytes.putI32(s, base + off("newestCommitTsXid"), newestCommitTsXid);
        WalBytes.putI32(s, base + off("oldestActiveXid"), oldestActiveXid);
    }

    /** The main data of a checkpoint record carrying this checkpoint. */
    public byte[] toBytes() {
        byte[] b = new byte[SIZE];
        write(MemorySegment.ofArray(b), 0);
        return b;
    }
}
