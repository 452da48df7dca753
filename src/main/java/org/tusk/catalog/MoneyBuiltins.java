package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ArrayIO;
import org.tusk.utils.adt.Cash;
import org.tusk.utils.adt.Cashes;

/**
 * money (pg_type.dat money 790, _money 791) and its pg_proc/pg_operator/pg_cast/pg_aggregate
 * entries (cash.c): comparisons (money_ops), + and - of money, * and / by float8, float4, int8,
 * int4 and int2, money / money, cashlarger/cashsmaller, cash_words, the casts to and from
 * numeric, int4 and int8, and sum, min and max. The numeric and text conversions depend on
 * lc_monetary, so they are STABLE, as in PostgreSQL.
 */
final class MoneyBuiltins {
    private MoneyBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(MONEY, "money", "money", 8, true, 'N', false, (s, z) -> Cashes.in(s),
                (v, os) -> Cashes.out((Cash) v)));
        r.type(new PgType(MONEY_ARRAY, "_money", "money[]", -1, false, 'A', false,
                (s, z) -> ArrayIO.in(s, MONEY, Cashes::in), (v, os) -> ArrayBuiltins.out(v, MONEY, os)));
        r.op("=", MONEY, MONEY, BOOL, (c, a) -> cmp(a) == 0);
        r.op("<>", MONEY, MONEY, BOOL, (c, a) -> cmp(a) != 0);
        r.op("<", MONEY, MONEY, BOOL, (c, a) -> cmp(a) < 0);
        r.op("<=", MONEY, MONEY, BOOL, (c, a) -> cmp(a) <= 0);
        r.op(">", MONEY, MONEY, BOOL, (c, a) -> cmp(a) > 0);
        r.op(">=", MONEY, MONEY, BOOL, (c, a) -> cmp(a) >= 0);
        r.fn("cash_cmp", List.of(MONEY, MONEY), INT4, (c, a) -> Integer.signum(cmp(a)));
        r.op("+", MONEY, MONEY, MONEY, (c, a) -> Cashes.plus(m(a[0]), m(a[1])));
        r.op("-", MONEY, MONEY, MONEY, (c, a) -> Cashes.minus(m(a[0]), m(a[1])));
        r.op("/", MONEY, MONEY, FLOAT8, (c, a) -> Cashes.divide(m(a[0]), m(a[1])));
        for (int t : new int[] {FLOAT8, FLOAT4}) {
            r.op("*", MONEY, t, MONEY, (c, a) -> Cashes.multiply(m(a[0]), ((Number) a[1]).doubleValue()));
            r.op("*", t, MONEY, MONEY, (c, a) -> Cashes.multiply(m(a[1]), ((Number) a[0]).doubleValue()));
            r.op("/", MONEY, t, MONEY, (c, a) -> Cashes.divide(m(a[0]), ((Number) a[1]).doubleValue()));
        }
        for (int t : new int[] {INT8, INT4, INT2}) {
            r.op("*", MONEY, t, MONEY, (c, a) -> Cashes.multiply(m(a[0]), ((Number) a[1]).longValue()));
            r.op("*", t, MONEY, MONEY, (c, a) -> Cashes.multiply(m(a[1]), ((Number) a[0]).longValue()));
            r.op("/", MONEY, t, MONEY, (c, a) -> Cashes.divide(m(a[0]), ((Number) a[1]).longValue()));
        }
        r.fn("cashlarger", List.of(MONEY, MONEY), MONEY, (c, a) -> cmp(a) >= 0 ? a[0] : a[1]);
        r.fn("cashsmaller", List.of(MONEY, MONEY), MONEY, (c, a) -> cmp(a) <= 0 ? a[0] : a[1]);
        r.fn("cash_words", List.of(MONEY), TEXT, (c, a) -> Cashes.words(m(a[0])));
        r.fn("money", List.of(NUMERIC), MONEY, Volatility.STABLE, true, (c, a) -> Cashes.fromNumeric((BigDecimal) a[0]));
        r.fn("money", List.of(INT4), MONEY, Volatility.STABLE, true, (c, a) -> Cashes.fromLong((Integer) a[0]));
        r.fn("money", List.of(INT8), MONEY, Volatility.STABLE, true, (c, a) -> Cashes.fromLong((Long) a[0]));
        r.fn("numeric", List.of(MONEY), NUMERIC, Volatility.STABLE, true, (c, a) -> Cashes.toNumeric(m(a[0])));
        // pg_cast.dat: all four assignment casts
        r.cast(MONEY, NUMERIC, 'a', (c, a) -> Cashes.toNumeric(m(a[0])));
        r.cast(NUMERIC, MONEY, 'a', (c, a) -> Cashes.fromNumeric((BigDecimal) a[0]));
        r.cast(INT4, MONEY, 'a', (c, a) -> Cashes.fromLong((Integer) a[0]));
        r.cast(INT8, MONEY, 'a', (c, a) -> Cashes.fromLong((Long) a[0]));
        r.agg("sum", MONEY, MONEY, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null ? v : Cashes.plus(m(s), m(v)), s -> s));
        r.agg("min", MONEY, MONEY, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || m(v).compareTo(m(s)) < 0 ? v : s, s -> s));
        r.agg("max", MONEY, MONEY, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || m(v).compareTo(m(s)) > 0 ? v : s, s -> s));
    }

    private static Cash m(Object o) { return (Cash) o; }

    private static int cmp(Object[] a) { return m(a[0]).compareTo(m(a[1])); }
}
