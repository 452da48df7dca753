package org.tusk.commands;

import java.util.List;

import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The per-column flags of COPY's FORCE_QUOTE, FORCE_NOT_NULL, FORCE_NULL and convert_selectively
 * (BeginCopyTo's force_quote_flags, BeginCopyFrom's force_notnull_flags, force_null_flags and
 * convert_select_flags): each named column must exist (CopyGetAttnums) and be one COPY reads
 * or writes (42P10 otherwise).
 *
 * @param forceNotNull by attribute number - 1: an unquoted null string is read as a value
 * @param forceNull    by attribute number - 1: a quoted null string is read as NULL
 * @param convert      by attribute number - 1: the field is converted (all true without convert_selectively)
 */
record CopyColumnFlags(boolean[] forceNotNull, boolean[] forceNull, boolean[] convert) {

    /** The flags of COPY FROM into {@code rel}, reading columns {@code attnums}. */
    static CopyColumnFlags forFrom(CopyOptions opts, Relation rel, int[] attnums) {
        int natts = rel.desc().natts();
        boolean[] notNull = mark(opts.forceNotNull(), "FORCE_NOT_NULL", rel, attnums, natts);
        boolean[] isNull = mark(opts.forceNull(), "FORCE_NULL", rel, attnums, natts);
        boolean[] convert;
        if (opts.convertSelect() == null) {
            convert = new boolean[natts];
            java.util.Arrays.fill(convert, true);
        } else {
            convert = mark(opts.convertSelect(), "selected", rel, attnums, natts);
        }
        return new CopyColumnFlags(notNull, isNull, convert);
    }

    private static boolean[] mark(List<String> names, String what, Relation rel, int[] attnums, int natts) {
        boolean[] flags = new boolean[natts];
        for (String name : names) {
            int attnum = attnum(rel, name);
            boolean listed = false;
            for (int a : attnums) listed |= a == attnum;
            if (!listed)
                throw PgException.error("42P10", what + " column \"" + name + "\" not referenced by COPY");
            flags[attnum - 1] = true;
        }
        return flags;
    }

    /** CopyGetAttnums for one name of a table. */
    private static int attnum(Relation rel, String name) {
        for (int a = 0; a < rel.desc().natts(); a++) {
            if (rel.desc().attr(a).name().equals(name) && !rel.desc().attr(a).attisdropped()) return a + 1;
        }
        throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + rel.name()
                + "\" does not exist");
    }

    /**
     * FORCE_QUOTE's flags by output column: every column for FORCE_QUOTE *, else the named ones;
     * {@code rel} is the table (null for COPY (query) TO, whose columns are named by the query).
     */
    static boolean[] forceQuote(CopyOptions opts, List<String> columnNames, Relation rel) {
        boolean[] flags = new boolean[columnNames.size()];
        if (opts.forceQuoteAll()) {
            java.util.Arrays.fill(flags, true);
            return flags;
        }
        for (String name : opts.forceQuote()) {
            if (rel != null) attnum(rel, name);
            int i = columnNames.indexOf(name);
            if (i < 0) {
                if (rel == null) throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
                throw PgException.error("42P10", "FORCE_QUOTE column \"" + name + "\" not referenced by COPY");
            }
            flags[i] = true;
        }
        return flags;
    }
}
