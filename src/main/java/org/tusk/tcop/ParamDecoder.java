package org.tusk.tcop;

import org.tusk.utils.error.PgException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Bind parameter values to their text form (the receive side of PostgreSQL's typsend/typreceive
 * for the types drivers send in binary: bool, int2/4/8, oid, float4/8 and the string types).
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
                default -> throw PgException.error("42883", "no binary input function available for type "
                        + org.tusk.catalog.BuiltinCatalog.formatType(type));
            };
            return text;
        } catch (java.nio.BufferUnderflowException e) {
            return badLength(paramNo);
        }
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
