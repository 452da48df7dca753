package org.tusk.access.common;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Inline compression of varlena values (toast_compression.c, toast_internals.c's
 * toast_compress_datum, detoast.c's toast_decompress_datum). A compressed datum is
 *
 * <pre>
 * int32  va_header  (total size &lt;&lt; 2) | 0x02        -- VARATT_IS_4B_C
 * uint32 va_tcinfo  raw payload size | method &lt;&lt; 30   -- VARDATA_COMPRESSED_GET_EXTSIZE / _METHOD
 * ...    the compressed stream
 * </pre>
 * The methods are PostgreSQL 15's ids: pglz 0 and lz4 1. Tusk is, in lz4's terms, a server built
 * without lz4 ({@code --without-lz4}): asking for lz4 is PostgreSQL's error, and an lz4 datum met
 * on disk cannot be read.
 */
public final class ToastCompression {
    /** TOAST_PGLZ_COMPRESSION_ID. */
    public static final int PGLZ_ID = 0;
    /** TOAST_LZ4_COMPRESSION_ID. */
    public static final int LZ4_ID = 1;
    /** VARHDRSZ_COMPRESSED: va_header and va_tcinfo. */
    public static final int VARHDRSZ_COMPRESSED = 8;
    /** pg_attribute.attcompression for pglz / lz4; InvalidCompressionMethod is '\0' (the default). */
    public static final char PGLZ = 'p';
    public static final char LZ4 = 'l';

    private ToastCompression() {}

    /**
     * CompressionNameToMethod then the check of GetCompressionMethodName's callers: the
     * attcompression letter for a name given in SQL ("pglz", "lz4", or "default" meaning
     * InvalidCompressionMethod, 0).
     */
    public static char methodByName(String name) {
        return switch (name) {
            case "pglz" -> PGLZ;
            case "lz4" -> throw lz4NotSupported();
            case "default" -> '\0';
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid compression method \"" + name + "\"");
        };
    }

    /** NO_LZ4_SUPPORT(). */
    public static PgException lz4NotSupported() {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "compression method lz4 not supported")
                .withDetail("This functionality requires the server to be built with lz4 support.");
    }

    /**
     * toast_compress_datum with pglz (the only method built in): the compressed datum, or null
     * when the value is too short, pglz gives up, or the result would not save more than 2 bytes
     * (the worst case of 3 pad bytes a 4-byte header may need against a 1-byte header's none).
     */
    public static ToastedDatum compress(byte[] payload) {
        if (payload.length < PgLz.DEFAULT.minInputSize()) return null;
        byte[] c = PgLz.compress(payload, PgLz.DEFAULT);
        if (c == null) return null;
        int total = c.length + VARHDRSZ_COMPRESSED;
        if (total >= payload.length - 2) return null;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(total << 2 | 0x02).putInt(payload.length | PGLZ_ID << ToastPointer.EXTSIZE_BITS).put(c);
        return new ToastedDatum(b.array());
    }

    /** VARDATA_COMPRESSED_GET_EXTSIZE of a compressed datum's image. */
    static int rawSize(byte[] image) {
        return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & ToastPointer.EXTSIZE_MASK;
    }

    /**
     * toast_decompress_datum: the payload of the compressed datum whose image (header included)
     * is {@code image[off, off + len)}.
     */
    public static byte[] decompress(byte[] image, int off, int len) {
        if (len < VARHDRSZ_COMPRESSED) throw corrupt();
        ByteBuffer b = ByteBuffer.wrap(image, off, len).order(ByteOrder.LITTLE_ENDIAN);
        int tcinfo = b.getInt(off + 4);
        int method = tcinfo >>> ToastPointer.EXTSIZE_BITS;
        int rawsize = tcinfo & ToastPointer.EXTSIZE_MASK;
        if (method == LZ4_ID) throw lz4NotSupported();
        if (method != PGLZ_ID) throw PgException.error(SqlState.DATA_CORRUPTED, "invalid compression method id " + method);
        byte[] raw = PgLz.decompress(image, off + VARHDRSZ_COMPRESSED, len - VARHDRSZ_COMPRESSED, rawsize, true);
        if (raw == null) throw corrupt();
        return raw;
    }

    private static PgException corrupt() {
        return PgException.error(SqlState.DATA_CORRUPTED, "compressed pglz data is corrupt");
    }
}
