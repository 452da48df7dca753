package org.tusk.access.common;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * detoast.c's heap_tuple_untoast_attr for a varlena stored in a tuple: the plain payload, whatever
 * form the value was stored in (1-byte or 4-byte header, compressed inline, or out of line with
 * or without compression). Also toast_raw_datum_size and toast_datum_size for a stored value.
 */
public final class Detoast {
    private Detoast() {}

    /** The payload of the varlena of {@code total} bytes (header {@code hdr} bytes) at {@code off}. */
    static byte[] payload(MemorySegment tuple, long off, int total, int hdr, ToastFetcher toast) {
        if (Varlena.isExternal(tuple, off)) {
            ToastPointer p = ToastPointer.read(tuple.asSlice(off, total).toArray(JAVA_BYTE), 0);
            return external(p, toast);
        }
        if (Varlena.isCompressed(tuple, off)) {
            byte[] image = tuple.asSlice(off, total).toArray(JAVA_BYTE);
            return ToastCompression.decompress(image, 0, total);
        }
        byte[] payload = new byte[total - hdr];
        MemorySegment.copy(tuple, JAVA_BYTE, off + hdr, payload, 0, payload.length);
        return payload;
    }

    /** toast_fetch_datum then, if the saved value is compressed, toast_decompress_datum. */
    public static byte[] external(ToastPointer p, ToastFetcher toast) {
        byte[] saved = toast.fetch(p);
        if (!p.isCompressed()) return saved;
        // The saved bytes are the compressed datum minus its 4-byte header: rebuild the header.
        byte[] image = new byte[saved.length + Varlena.VARHDRSZ];
        int total = image.length;
        image[0] = (byte) (total << 2 | 0x02);
        image[1] = (byte) (total >>> 6);
        image[2] = (byte) (total >>> 14);
        image[3] = (byte) (total >>> 22);
        System.arraycopy(saved, 0, image, Varlena.VARHDRSZ, saved.length);
        return ToastCompression.decompress(image, 0, total);
    }

    /** The payload of a toasted datum (toast_decompress_datum or toast_fetch_datum as needed). */
    public static byte[] payload(ToastedDatum d, ToastFetcher toast) {
        return d.isExternal() ? external(d.pointer(), toast) : ToastCompression.decompress(d.image(), 0, d.size());
    }
}
