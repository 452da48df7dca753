package org.tusk.catalog;

import static org.tusk.catalog.BuiltinRegistry.d;
import static org.tusk.catalog.BuiltinRegistry.l;
import static org.tusk.catalog.BuiltinRegistry.n;
import static org.tusk.catalog.TypeOids.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ByteaFuncs;
import org.tusk.utils.adt.CryptoHashes;
import org.tusk.utils.adt.IdentParse;
import org.tusk.utils.adt.StringFuncs;
import org.tusk.utils.adt.UnicodeEscapes;
import org.tusk.utils.adt.WidthBucket;

/**
 * String, bytea and miscellaneous functions of pg_proc.dat not registered elsewhere: md5 and
 * sha224..sha512 (cryptohashfuncs.c), unistr (varlena.c), parse_ident (misc.c), to_hex
 * (varlena.c), width_bucket for float8 and numeric, and the bytea functions encode, decode,
 * get_byte, set_byte, get_bit, set_bit, substring/substr, btrim, ltrim and rtrim; and
 * quote_literal/quote_nullable of any type (anyelement).
 */
final class MiscStringBuiltins {
    private MiscStringBuiltins() {}

    private static byte[] b(Object o) { return (byte[]) o; }

    private static String s(Object o) { return (String) o; }

    private static int i(Object o) { return ((Number) o).intValue(); }

    static void register(BuiltinRegistry r) {
        r.fn("md5", List.of(TEXT), TEXT, (c, a) -> CryptoHashes.md5Hex(s(a[0]).getBytes(StandardCharsets.UTF_8)));
        r.fn("md5", List.of(BYTEA), TEXT, (c, a) -> CryptoHashes.md5Hex(b(a[0])));
        r.fn("sha224", List.of(BYTEA), BYTEA, (c, a) -> CryptoHashes.digest("SHA-224", b(a[0])));
        r.fn("sha256", List.of(BYTEA), BYTEA, (c, a) -> CryptoHashes.digest("SHA-256", b(a[0])));
        r.fn("sha384", List.of(BYTEA), BYTEA, (c, a) -> CryptoHashes.digest("SHA-384", b(a[0])));
        r.fn("sha512", List.of(BYTEA), BYTEA, (c, a) -> CryptoHashes.digest("SHA-512", b(a[0])));
        r.fn("unistr", List.of(TEXT), TEXT, (c, a) -> UnicodeEscapes.unistr(s(a[0])));
        r.fn("parse_ident", List.of(TEXT), TEXT_ARRAY, (c, a) -> IdentParse.parse(s(a[0]), true));
        r.fn("parse_ident", List.of(TEXT, BOOL), TEXT_ARRAY, (c, a) -> IdentParse.parse(s(a[0]), (Boolean) a[1]));
        r.fn("to_hex", List.of(INT4), TEXT, (c, a) -> Integer.toHexString(i(a[0])));
        r.fn("to_hex", List.of(INT8), TEXT, (c, a) -> Long.toHexString(l(a[0])));
        r.fn("width_bucket", List.of(FLOAT8, FLOAT8, FLOAT8, INT4), INT4,
                (c, a) -> WidthBucket.of(d(a[0]), d(a[1]), d(a[2]), i(a[3])));
        r.fn("width_bucket", List.of(NUMERIC, NUMERIC, NUMERIC, INT4), INT4,
                (c, a) -> WidthBucket.of(n(a[0]), n(a[1]), n(a[2]), i(a[3])));
        r.fn("encode", List.of(BYTEA, TEXT), TEXT, (c, a) -> ByteaFuncs.encode(b(a[0]), s(a[1])));
        r.fn("decode", List.of(TEXT, TEXT), BYTEA, (c, a) -> ByteaFuncs.decode(s(a[0]), s(a[1])));
        r.fn("get_byte", List.of(BYTEA, INT4), INT4, (c, a) -> ByteaFuncs.getByte(b(a[0]), i(a[1])));
        r.fn("set_byte", List.of(BYTEA, INT4, INT4), BYTEA, (c, a) -> ByteaFuncs.setByte(b(a[0]), i(a[1]), i(a[2])));
        r.fn("get_bit", List.of(BYTEA, INT8), INT4, (c, a) -> ByteaFuncs.getBit(b(a[0]), l(a[1])));
        r.fn("set_bit", List.of(BYTEA, INT8, INT4), BYTEA, (c, a) -> ByteaFuncs.setBit(b(a[0]), l(a[1]), i(a[2])));
        for (String name : List.of("substring", "substr")) {
            r.fn(name, List.of(BYTEA, INT4, INT4), BYTEA, (c, a) -> ByteaFuncs.substr(b(a[0]), i(a[1]), i(a[2])));
            r.fn(name, List.of(BYTEA, INT4), BYTEA, (c, a) -> ByteaFuncs.substr(b(a[0]), i(a[1]), null));
        }
        r.fn("btrim", List.of(BYTEA, BYTEA), BYTEA, (c, a) -> ByteaFuncs.trim(b(a[0]), b(a[1]), true, true));
        r.fn("ltrim", List.of(BYTEA, BYTEA), BYTEA, (c, a) -> ByteaFuncs.trim(b(a[0]), b(a[1]), true, false));
        r.fn("rtrim", List.of(BYTEA, BYTEA), BYTEA, (c, a) -> ByteaFuncs.trim(b(a[0]), b(a[1]), false, true));
        // quote_literal(anyelement) and quote_nullable(anyelement): the SQL bodies of pg_proc.dat,
        // quote_literal($1::text), i.e. the value's output function, then quoted
        r.fn("quote_literal", List.of(ANYELEMENT), TEXT, Volatility.STABLE, true,
                (PolymorphicFunction) (types, result) -> (c, a) -> StringFuncs.quoteLiteral(asText(c, types.get(0), a[0])));
        r.fn("quote_nullable", List.of(ANYELEMENT), TEXT, Volatility.STABLE, false,
                (PolymorphicFunction) (types, result) -> (c, a) -> a[0] == null ? "NULL"
                        : StringFuncs.quoteLiteral(asText(c, types.get(0), a[0])));
    }

    /** A value cast to text through its type's output function (an I/O conversion cast). */
    private static String asText(FunctionCallContext c, int type, Object v) {
        return BuiltinCatalog.type(type).output().out(v, c.outputSettings());
    }
}
