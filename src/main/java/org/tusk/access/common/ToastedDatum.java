package org.tusk.access.common;

/**
 * A varlena value in its stored, toasted form (PostgreSQL's Datum pointing at a compressed or
 * external varlena): the exact bytes, header included, that go into the tuple. The TOAST code
 * puts these among a row's Java values in place of the plain value it compressed or moved out of
 * line; {@link HeapTupleForm} and {@link IndexTuples} write them verbatim, never re-encoding.
 *
 * <p>Two kinds exist: compressed inline ({@code 4B_C}, a 4-byte header whose low bits are
 * {@code 10}, then va_tcinfo and the compressed data; aligned like a 4-byte header), and an
 * on-disk TOAST pointer ({@code 1B_E}, {@link ToastPointer}; never aligned).
 */
public record ToastedDatum(byte[] image) {
    public ToastedDatum {
        if (image.length < 2) throw new IllegalArgumentException("a toasted datum has at least a header");
        boolean external = image[0] == 0x01;
        boolean compressed = (image[0] & 0x03) == 0x02;
        if (!external && !compressed) throw new IllegalArgumentException("not a compressed or external varlena");
    }

    /** VARATT_IS_EXTERNAL_ONDISK. */
    public boolean isExternal() {
        return image[0] == 0x01;
    }

    /** VARATT_IS_COMPRESSED. */
    public boolean isCompressed() {
        return !isExternal();
    }

    /** VARSIZE_ANY: the bytes it takes in a tuple. */
    public int size() {
        return image.length;
    }

    /** The TOAST pointer of an external datum. */
    public ToastPointer pointer() {
        return ToastPointer.read(image, 0);
    }

    /**
     * VARDATA_COMPRESSED_GET_EXTSIZE for a compressed datum, or va_rawsize - VARHDRSZ for an
     * external one: the payload length of the value once detoasted.
     */
    public int rawPayloadSize() {
        return isExternal() ? pointer().rawsize() - Varlena.VARHDRSZ : ToastCompression.rawSize(image);
    }
}
