package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import org.tusk.utils.adt.Comparisons;

/**
 * The text_pattern_ops comparison operators {@code ~<~ ~<=~ ~>=~ ~>~} on text and bpchar
 * (varlena.c text_pattern_lt and kin, varchar.c bpchar_pattern_lt): a byte-wise comparison
 * whatever the collation. Tusk compares text byte-wise under every collation already, so they
 * agree with {@code < <= >= >}; they exist so that queries naming them (ORDER BY x USING ~<~)
 * work as in PostgreSQL.
 */
final class PatternOperators {
    private PatternOperators() {}

    static void register(BuiltinRegistry r) {
        for (int ty : new int[] {TEXT, BPCHAR}) {
            // internal_bpchar_pattern_compare: character compares byte-wise without its trailing blanks
            int t = ty;
            r.op("~<~", ty, ty, BOOL, (c, a) -> Comparisons.compare(t, a[0], a[1]) < 0);
            r.op("~<=~", ty, ty, BOOL, (c, a) -> Comparisons.compare(t, a[0], a[1]) <= 0);
            r.op("~>=~", ty, ty, BOOL, (c, a) -> Comparisons.compare(t, a[0], a[1]) >= 0);
            r.op("~>~", ty, ty, BOOL, (c, a) -> Comparisons.compare(t, a[0], a[1]) > 0);
        }
    }
}
