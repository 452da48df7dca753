package org.tusk.access.common;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * Varlena headers (varatt.h) as a little-endian machine stores them. The low bits of the first
 * byte say which kind follows:
 *
 * <pre>
 * xxxxxx00  4-byte header, uncompressed: header = total length (header included) &lt;&lt; 2
 * xxxxxx10  4-byte header, compressed inline ({@link ToastCompression}; the header includes va_tcinfo)
 * 00000001  1-byte header of an out-of-line TOAST pointer: a tag byte follows ({@link ToastPointer})
 * xxxxxxx1  1-byte header: header = (total length &lt;&lt; 1) | 1, total length at most 127
 * </pre>
 * A 4-byte header is aligned as the attribute says; a 1-byte header is never aligned, and pad
 * bytes are always zero, which is how a reader tells padding (0) from a 1-byte header (odd).
 */
public final class Varlena {
    /** VARHDRSZ. */
    public static final int VARHDRSZ = 4;
    /** VARHDRSZ_SHORT. */
    public static final int VARHDRSZ_SHORT = 1;
    /** VARATT_SHORT_MAX: the largest total length a 1-byte header can describe. */
    public static final int VARATT_SHORT_MAX = 0x7F;
    /** The largest total length a 4-byte header can describe (1 GB - 1). */
    public static final int VARLENA_MAX = 0x3FFFFFFF;

    private Varlena() {}

    /** VARATT_CAN_MAKE_SHORT for an uncompressed value of {@code payloadLen} bytes. */
    public static boolean canMakeShort(int payloadLen) {
        return payloadLen + VARHDRSZ_SHORT <= VARATT_SHORT_MAX;
    }

    /** SET_VARSIZE_SHORT then the payload; returns the bytes written. */
    static int writeShort(MemorySegment seg, long off, byte[] payload) {
        int total = payload.length + VARHDRSZ_SHORT;
        seg.set(JAVA_BYTE, off, (byte) ((total << 1) | 0x01));
        MemorySegment.copy(payload, 0, seg, JAVA_BYTE, off + VARHDRSZ_SHORT, payload.length);
        return total;
    }

    /** SET_VARSIZE (4-byte) then the payload; returns the bytes written. */
    static int writeLong(MemorySegment seg, long off, byte[] payload) {
        int total = payload.length + VARHDRSZ;
        seg.set(JAVA_INT_UNALIGNED, off, total << 2);
        MemorySegment.copy(payload, 0, seg, JAVA_BYTE, off + VARHDRSZ, payload.length);
        return total;
    }

    /** VARATT_NOT_PAD_BYTE: a nonzero byte starts a varlena that was not aligned (a 1-byte header). */
    static boolean isPadByte(MemorySegment seg, long off) {
        return seg.get(JAVA_BYTE, off) == 0;
    }

    /** VARSIZE_ANY: the total length, header included, of the varlena at {@code off}. */
    static int totalSize(MemorySegment seg, long off) {
        int b0 = Byte.toUnsignedInt(seg.get(JAVA_BYTE, off));
        if ((b0 & 0x01) != 0) {
            if (b0 == 0x01) {
                // VARSIZE_EXTERNAL: only on-disk pointers are ever stored (indirect and expanded ones live in memory)
                int tag = Byte.toUnsignedInt(seg.get(JAVA_BYTE, off + 1));
                if (tag != ToastPointer.VARTAG_ONDISK) throw unsupported("a TOAST pointer with tag " + tag);
                return ToastPointer.SIZE;
            }
            return b0 >>> 1;
        }
        return seg.get(JAVA_INT_UNALIGNED, off) >>> 2;
    }

    /** VARATT_IS_EXTERNAL (VARATT_IS_1B_E). */
    static boolean isExternal(MemorySegment seg, long off) {
        return seg.get(JAVA_BYTE, off) == 0x01;
    }

    /** VARATT_IS_COMPRESSED (VARATT_IS_4B_C). */
    static boolean isCompressed(MemorySegment seg, long off) {
        return (seg.get(JAVA_BYTE, off) & 0x03) == 0x02;
    }

    /** VARHDRSZ_ANY. */
    static int headerSize(MemorySegment seg, long off) {
        return (seg.get(JAVA_BYTE, off) & 0x01) != 0 ? VARHDRSZ_SHORT : VARHDRSZ;
    }

    private static PgException unsupported(String what) {
        return PgException.error(SqlState.DATA_CORRUPTED, "tuple contains " + what + ", which is never stored on disk");
    }
}
