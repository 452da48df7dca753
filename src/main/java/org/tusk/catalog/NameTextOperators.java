package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import org.tusk.utils.adt.Comparisons;
import org.tusk.utils.adt.Texts;

/**
 * The name operators taking a text right operand (pg_operator.dat): LIKE and ILIKE on name and
 * character ({@code ~~ !~~ ~~* !~~*}, namelike, bpcharlike and kin, like.c) and the cross-type comparisons of the
 * text_ops family ({@code name = text} and kin, varlena.c nameeqtext ... btnametextcmp, and
 * their commutators {@code text = name} ...). With them {@code proname LIKE 'x%'} compares the
 * name column itself, as PostgreSQL does, instead of casting it to text; that is what lets the
 * planner turn its fixed prefix into name-column index conditions ({@code proname >= 'x'::text}).
 */
final class NameTextOperators {
    private NameTextOperators() {}

    static void register(BuiltinRegistry r) {
        // bpcharlike and kin are textlike on the padded value (pg_proc.dat prosrc textlike):
        // 'foo'::char(4) LIKE 'foo' is false, as the trailing blank is part of the string
        for (int ty : new int[] {NAME, BPCHAR}) {
            r.op("~~", ty, TEXT, BOOL, (c, a) -> Texts.like((String) a[0], (String) a[1], '\\', false));
            r.op("!~~", ty, TEXT, BOOL, (c, a) -> !Texts.like((String) a[0], (String) a[1], '\\', false));
            r.op("~~*", ty, TEXT, BOOL, (c, a) -> Texts.like((String) a[0], (String) a[1], '\\', true));
            r.op("!~~*", ty, TEXT, BOOL, (c, a) -> !Texts.like((String) a[0], (String) a[1], '\\', true));
        }
        int[][] pairs = {{NAME, TEXT}, {TEXT, NAME}};
        for (int[] p : pairs) {
            r.op("=", p[0], p[1], BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) == 0);
            r.op("<>", p[0], p[1], BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) != 0);
            r.op("<", p[0], p[1], BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) < 0);
            r.op("<=", p[0], p[1], BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) <= 0);
            r.op(">", p[0], p[1], BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) > 0);
            r.op(">=", p[0], p[1], BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) >= 0);
        }
    }
}
