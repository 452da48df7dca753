package org.tusk.tcop;

import org.tusk.utils.error.PgException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Bind parameter values to their text form (the receive side of PostgreSQL's typsend/typreceive
 * for the types drivers send in binary: bool, int2/4/8, oid, float4/8, the string types and the
 * geometric types, whose recv result is printed shortest-exact).
 * The engine then applies the type's input function, so text and binary parameters take the same
 * path from here on.
 */
final class ParamDecoder {
    private ParamDecoder() {}

    static String toText(int type, int format, byte[] value, int paramNo) {
        if (value == null) return null;
        if (format == 0) {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
            } catch (CharacterCodingException e) {
                throw PgException.error("22021", "invalid byte sequence for encoding \"UTF8\"");
            }
        }
        if (format != 1) throw PgException.error("08P01", "unsupported format code: " + format);
        ByteBuffer b = ByteBuffer.wrap(value);
        try {
            String text = switch (type) {
                case 16 -> value.length == 1 ? (value[0] != 0 ? "t" : "f") : badLength(paramNo);
                case 21 -> value.length == 2 ? Short.toString(b.getShort()) : badLength(paramNo);
                case 23 -> value.length == 4 ? Integer.toString(b.getInt()) : badLength(paramNo);
                case 26, 28 -> value.length == 4 ? Integer.toUnsignedString(b.getInt()) : badLength(paramNo);
                case 20 -> value.length == 8 ? Long.toString(b.getLong()) : badLength(paramNo);
                case 700 -> value.length == 4 ? floatText(b.getFloat()) : badLength(paramNo);
                case 701 -> value.length == 8 ? doubleText(b.getDouble()) : badLength(paramNo);
                case 25, 1043, 19, 1042, 705 -> new String(value, StandardCharsets.UTF_8);
                // uuid_recv: 16 bytes; json_recv: the text; jsonb_recv: version 1, then the text
                case 2950 -> value.length == 16 ? new java.util.UUID(b.getLong(), b.getLong()).toString() : badLength(paramNo);
                case 114 -> new String(value, StandardCharsets.UTF_8);
                // cash_recv, timetz_recv, bit_recv/varbit_recv, printed back for the input function
                case 790 -> value.length == 8 ? org.tusk.utils.adt.Cashes.out(new org.tusk.utils.adt.Cash(b.getLong()))
                        : badLength(paramNo);
                case 1266 -> value.length == 12 ? org.tusk.utils.adt.TimeTzs.out(org.tusk.utils.adt.TimeTzs.recv(value))
                        : badLength(paramNo);
                case 1560, 1562 -> org.tusk.utils.adt.VarBits.out(org.tusk.utils.adt.VarBits.recv(value));
                // point_recv ... poly_recv, printed back shortest-exact for the input function
                case 600, 601, 602, 603, 604, 628, 718 -> org.tusk.utils.adt.geo.GeoText.out(
                        org.tusk.utils.adt.geo.GeoBinary.recv(type, value), 1);
                case 3802 -> value.length >= 1 && value[0] == 1 ? new String(value, 1, value.length - 1, StandardCharsets.UTF_8)
                        : unsupportedJsonbVersion();
                // tsvectorrecv, tsqueryrecv, regconfigrecv, regdictionaryrecv (the OID as a uint32)
                case 3614 -> org.tusk.utils.adt.tsearch.TsBinary.tsvectorRecv(value).toString();
                case 3615 -> org.tusk.utils.adt.tsearch.TsBinary.tsqueryRecv(value).toString();
                case 3734, 3769 -> value.length == 4 ? Integer.toUnsignedString(b.getInt()) : badLength(paramNo);
                default -> {
                    if (org.tusk.catalog.ArrayTypes.elementOf(type) != 0) yield arrayText(type, b, paramNo);
                    throw PgException.error("42883", "no binary input function available for type "
                        + org.tusk.catalog.BuiltinCatalog.formatType(type));
                }
            };
            return text;
        } catch (java.nio.BufferUnderflowException e) {
            return badLength(paramNo);
        }
    }

    private static String unsupportedJsonbVersion() {
        throw PgException.error("22P03", "unsupported jsonb version number");
    }

    /**
     * array_recv into array_in's text: ndim, has-null flag, element type, (length, lower bound)
     * per dimension, then each element as a length (-1 for NULL) and its element type's binary
     * form.
     */
    private static String arrayText(int type, ByteBuffer b, int paramNo) {
        int ndim = b.getInt();
        b.getInt();
        int elem = b.getInt();
        if (elem != org.tusk.catalog.ArrayTypes.elementOf(type))
            throw PgException.error("42804", "binary data has array element type " + elem + " ("
                    + org.tusk.catalog.BuiltinCatalog.formatType(elem) + ") instead of expected "
                    + org.tusk.catalog.ArrayTypes.elementOf(type) + " (" + org.tusk.catalog.BuiltinCatalog.formatType(
                    org.tusk.catalog.ArrayTypes.elementOf(type)) + ")");
        if (ndim < 0 || ndim > org.tusk.utils.adt.ArrayValue.MAXDIM) throw PgException.error("22P03", "invalid number of dimensions: " + ndim);
        int[] dims = new int[ndim], lbs = new int[ndim];
        int n = ndim == 0 ? 0 : 1;
        for (int d = 0; d < ndim; d++) {
            dims[d] = b.getInt();
            lbs[d] = b.getInt();
            n *= dims[d];
        }
        Object[] texts = new Object[n];
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            if (len == -1) continue;
            byte[] e = new byte[len];
            b.get(e);
            texts[i] = toText(elem, 1, e, paramNo);
        }
        return org.tusk.utils.adt.ArrayIO.out(new org.tusk.utils.adt.ArrayValue(elem, dims, lbs, texts), Object::toString);
    }

    private static String badLength(int paramNo) {
        throw PgException.error("22P03", "incorrect binary data format in bind parameter " + paramNo);
    }

    private static String floatText(float f) {
        return Float.isNaN(f) ? "NaN" : Float.isInfinite(f) ? (f > 0 ? "Infinity" : "-Infinity") : Float.toString(f);
    }

    private static String doubleText(double d) {
        return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d);
    }
}
