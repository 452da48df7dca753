package org.tusk.access.common;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * varatt_external (varatt.h): the on-disk TOAST pointer a tuple holds in place of a value moved
 * to the table's TOAST relation. Stored as an 18-byte varlena with a 1-byte header: {@code 0x01},
 * the tag VARTAG_ONDISK (18), then the four fields, unaligned, little-endian:
 *
 * <pre>
 * va_rawsize  int32   original size of the value, VARHDRSZ included (as if uncompressed with a 4-byte header)
 * va_extinfo  uint32  external size (low 30 bits) | compression method id &lt;&lt; 30
 * va_valueid  Oid     the value's chunk_id in the TOAST relation
 * va_toastrelid Oid   the TOAST relation it was stored in
 * </pre>
 * The external data is the value as saved: the payload of an uncompressed value, or of a
 * compressed one its 4-byte tcinfo word and the pglz stream; it is compressed exactly when
 * extsize &lt; rawsize - VARHDRSZ (VARATT_EXTERNAL_IS_COMPRESSED).
 */
public record ToastPointer(int rawsize, int extinfo, int valueId, int toastRelid) {
    /** VARTAG_ONDISK. */
    public static final int VARTAG_ONDISK = 18;
    /** TOAST_POINTER_SIZE: VARHDRSZ_EXTERNAL (2) + sizeof(varatt_external) (16). */
    public static final int SIZE = 18;
    /** VARLENA_EXTSIZE_BITS. */
    static final int EXTSIZE_BITS = 30;
    static final int EXTSIZE_MASK = (1 << EXTSIZE_BITS) - 1;

    /** VARATT_EXTERNAL_GET_EXTSIZE. */
    public int extsize() {
        return extinfo & EXTSIZE_MASK;
    }

    /** VARATT_EXTERNAL_GET_COMPRESS_METHOD. */
    public int compressMethod() {
        return extinfo >>> EXTSIZE_BITS;
    }

    /** VARATT_EXTERNAL_IS_COMPRESSED. */
    public boolean isCompressed() {
        return extsize() < rawsize - Varlena.VARHDRSZ;
    }

    /** The 18-byte stored form, header included. */
    public byte[] image() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x01).put((byte) VARTAG_ONDISK).putInt(rawsize).putInt(extinfo).putInt(valueId).putInt(toastRelid);
        return b.array();
    }

    /** Reads the pointer from its stored form (starting at the 0x01 header byte). */
    public static ToastPointer read(byte[] image, int off) {
        ByteBuffer b = ByteBuffer.wrap(image, off, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get() != 0x01 || b.get() != VARTAG_ONDISK) throw new IllegalArgumentException("not an on-disk TOAST pointer");
        return new ToastPointer(b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }

    /** A pointer to {@code extsize} saved bytes of a value whose original size is {@code rawsize}. */
    public static ToastPointer of(int rawsize, int extsize, int compressMethod, int valueId, int toastRelid) {
        return new ToastPointer(rawsize, extsize | (compressMethod << EXTSIZE_BITS), valueId, toastRelid);
    }
}
