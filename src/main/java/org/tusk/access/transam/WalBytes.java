package org.tusk.access.transam;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Unaligned little-endian accessors for on-disk structures (WAL pages, records, pg_control).
 *
 * <p>PostgreSQL writes these structures in the machine's byte order. Tusk fixes little-endian,
 * which is the order of every platform it runs on (x86-64, AArch64), so its files are readable by
 * PostgreSQL's tools there and a file never changes meaning when moved between Tusk machines.
 * Records are packed without regard to alignment, hence the unaligned layouts.
 */
final class WalBytes {
    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private WalBytes() {}

    static int u8(MemorySegment s, long off) {
        return Byte.toUnsignedInt(s.get(U8, off));
    }

    static int u16(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(U16, off));
    }

    static int i32(MemorySegment s, long off) {
        return s.get(U32, off);
    }

    static long i64(MemorySegment s, long off) {
        return s.get(U64, off);
    }

    static void putU8(MemorySegment s, long off, int v) {
        s.set(U8, off, (byte) v);
    }

    static void putU16(MemorySegment s, long off, int v) {
        s.set(U16, off, (short) v);
    }

    static void putI32(MemorySegment s, long off, int v) {
        s.set(U32, off, v);
    }

    static void putI64(MemorySegment s, long off, long v) {
        s.set(U64, off, v);
    }

    /** Feeds {@code len} bytes of {@code s} from {@code off} into a running CRC-32C. */
    static void crc(CRC32C crc, MemorySegment s, long off, long len) {
        crc.update(s.asSlice(off, len).asByteBuffer());
    }
}
