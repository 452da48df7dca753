package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.utils.adt.ArrayIO;
import org.tusk.utils.adt.VarBit;
import org.tusk.utils.adt.VarBits;

/**
 * bit(n) and bit varying(n) (pg_type.dat bit 1560, varbit 1562, _bit 1561, _varbit 1563) and
 * their pg_proc/pg_operator/pg_cast/pg_aggregate entries (varbit.c): comparisons of each type
 * (bit_ops, varbit_ops), the bitwise operators on bit, concatenation, substring, overlay,
 * position, get_bit/set_bit, length, octet_length, bit_count, the integer casts, and bit_and,
 * bit_or, bit_xor. bit and varbit convert to each other implicitly without a function; the
 * length coercions bit(bit, int4, bool) and varbit(varbit, int4, bool) run as CoerceToTypmod.
 */
public final class BitBuiltins {
    private BitBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(BIT, "bit", "bit", -1, false, 'V', false, (s, z) -> VarBits.in(s), (v, os) -> VarBits.out((VarBit) v)));
        r.type(new PgType(VARBIT, "varbit", "bit varying", -1, false, 'V', true, (s, z) -> VarBits.in(s),
                (v, os) -> VarBits.out((VarBit) v)));
        r.type(new PgType(BIT_ARRAY, "_bit", "bit[]", -1, false, 'A', false,
                (s, z) -> ArrayIO.in(s, BIT, VarBits::in), (v, os) -> ArrayBuiltins.out(v, BIT, os)));
        r.type(new PgType(VARBIT_ARRAY, "_varbit", "bit varying[]", -1, false, 'A', false,
                (s, z) -> ArrayIO.in(s, VARBIT, VarBits::in), (v, os) -> ArrayBuiltins.out(v, VARBIT, os)));
        for (int t : new int[] {BIT, VARBIT}) {
            r.op("=", t, t, BOOL, (c, a) -> a[0].equals(a[1]));
            r.op("<>", t, t, BOOL, (c, a) -> !a[0].equals(a[1]));
            r.op("<", t, t, BOOL, (c, a) -> cmp(a) < 0);
            r.op("<=", t, t, BOOL, (c, a) -> cmp(a) <= 0);
            r.op(">", t, t, BOOL, (c, a) -> cmp(a) > 0);
            r.op(">=", t, t, BOOL, (c, a) -> cmp(a) >= 0);
            r.agg("min", t, t, new BuiltinRegistry.SimpleAgg(() -> null,
                    (s, v) -> s == null || ((VarBit) v).compareTo((VarBit) s) < 0 ? v : s, s -> s));
            r.agg("max", t, t, new BuiltinRegistry.SimpleAgg(() -> null,
                    (s, v) -> s == null || ((VarBit) v).compareTo((VarBit) s) > 0 ? v : s, s -> s));
        }
        r.fn("bitcmp", List.of(BIT, BIT), INT4, (c, a) -> Integer.signum(cmp(a)));
        r.fn("varbitcmp", List.of(VARBIT, VARBIT), INT4, (c, a) -> Integer.signum(cmp(a)));
        r.op("&", BIT, BIT, BIT, (c, a) -> VarBits.and(b(a[0]), b(a[1])));
        r.op("|", BIT, BIT, BIT, (c, a) -> VarBits.or(b(a[0]), b(a[1])));
        r.op("#", BIT, BIT, BIT, (c, a) -> VarBits.xor(b(a[0]), b(a[1])));
        r.op("~", 0, BIT, BIT, (c, a) -> VarBits.not(b(a[0])));
        r.op("<<", BIT, INT4, BIT, (c, a) -> VarBits.shiftLeft(b(a[0]), (Integer) a[1]));
        r.op(">>", BIT, INT4, BIT, (c, a) -> VarBits.shiftRight(b(a[0]), (Integer) a[1]));
        r.op("||", VARBIT, VARBIT, VARBIT, (c, a) -> VarBits.concat(b(a[0]), b(a[1])));
        r.fn("bitcat", List.of(VARBIT, VARBIT), VARBIT, (c, a) -> VarBits.concat(b(a[0]), b(a[1])));
        r.fn("substring", List.of(BIT, INT4, INT4), BIT, (c, a) -> VarBits.substring(b(a[0]), (Integer) a[1], (Integer) a[2], false));
        r.fn("substring", List.of(BIT, INT4), BIT, (c, a) -> VarBits.substring(b(a[0]), (Integer) a[1], -1, true));
        r.fn("overlay", List.of(BIT, BIT, INT4, INT4), BIT,
                (c, a) -> VarBits.overlay(b(a[0]), b(a[1]), (Integer) a[2], (Integer) a[3]));
        r.fn("overlay", List.of(BIT, BIT, INT4), BIT,
                (c, a) -> VarBits.overlay(b(a[0]), b(a[1]), (Integer) a[2], b(a[1]).bitLength()));
        r.fn("position", List.of(BIT, BIT), INT4, (c, a) -> VarBits.position(b(a[0]), b(a[1])));
        r.fn("get_bit", List.of(BIT, INT4), INT4, (c, a) -> VarBits.getBit(b(a[0]), (Integer) a[1]));
        r.fn("set_bit", List.of(BIT, INT4, INT4), BIT, (c, a) -> VarBits.setBit(b(a[0]), (Integer) a[1], (Integer) a[2]));
        r.fn("length", List.of(BIT), INT4, (c, a) -> b(a[0]).bitLength());
        r.fn("bit_length", List.of(BIT), INT4, (c, a) -> b(a[0]).bitLength());
        r.fn("octet_length", List.of(BIT), INT4, (c, a) -> VarBits.octetLength(b(a[0])));
        r.fn("bit_count", List.of(BIT), INT8, (c, a) -> VarBits.bitCount(b(a[0])));
        // the length coercion functions, callable by name too
        r.fn("bit", List.of(BIT, INT4, BOOL), BIT, (c, a) -> VarBits.toBit(b(a[0]), (Integer) a[1], (Boolean) a[2]));
        r.fn("varbit", List.of(VARBIT, INT4, BOOL), VARBIT,
                (c, a) -> VarBits.toVarbit(b(a[0]), (Integer) a[1], (Boolean) a[2]));
        r.fn("bit", List.of(INT4, INT4), BIT, (c, a) -> VarBits.fromLong((Integer) a[0], 32, (Integer) a[1]));
        r.fn("bit", List.of(INT8, INT4), BIT, (c, a) -> VarBits.fromLong((Long) a[0], 64, (Integer) a[1]));
        r.fn("int4", List.of(BIT), INT4, (c, a) -> (int) VarBits.toLong(b(a[0]), 32));
        r.fn("int8", List.of(BIT), INT8, (c, a) -> VarBits.toLong(b(a[0]), 64));
        // pg_cast.dat: bit <-> varbit binary-coercible and implicit; integers <-> bit explicit
        r.cast(BIT, VARBIT, 'i', null);
        r.cast(VARBIT, BIT, 'i', null);
        r.cast(INT4, BIT, 'e', (c, a) -> VarBits.fromLong((Integer) a[0], 32, -1));
        r.cast(INT8, BIT, 'e', (c, a) -> VarBits.fromLong((Long) a[0], 64, -1));
        r.cast(BIT, INT4, 'e', (c, a) -> (int) VarBits.toLong(b(a[0]), 32));
        r.cast(BIT, INT8, 'e', (c, a) -> VarBits.toLong(b(a[0]), 64));
        for (String[] agg : new String[][] {{"bit_and"}, {"bit_or"}, {"bit_xor"}}) {
            String name = agg[0];
            r.agg(name, BIT, BIT, new BuiltinRegistry.SimpleAgg(() -> null, (s, v) -> s == null ? v : switch (name) {
                case "bit_and" -> VarBits.and(b(s), b(v));
                case "bit_or" -> VarBits.or(b(s), b(v));
                default -> VarBits.xor(b(s), b(v));
            }, s -> s));
        }
    }

    /**
     * The cast from int4 or int8 to bit(typmod): bitfromint4/bitfromint8 take the target length
     * as their second argument, so the value is built at that length rather than padded later.
     */
    public static PgCast withLength(PgCast c, int typmod) {
        if (c.target() != BIT || typmod < 0 || (c.source() != INT4 && c.source() != INT8)) return c;
        int width = c.source() == INT4 ? 32 : 64;
        return new PgCast(c.source(), c.target(), c.context(), c.method(),
                (ctx, a) -> VarBits.fromLong(((Number) a[0]).longValue(), width, typmod));
    }

    private static VarBit b(Object o) { return (VarBit) o; }

    private static int cmp(Object[] a) { return b(a[0]).compareTo(b(a[1])); }
}
