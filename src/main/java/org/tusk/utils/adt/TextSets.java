package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The set-returning text functions: regexp_matches and regexp_split_to_table (regexp.c, over
 * the matches {@link RegExps} finds as setup_regexp_matches does) and string_to_table
 * (varlena.c, splitting as string_to_array does).
 */
public final class TextSets {
    private TextSets() {}

    /** text's pg_type OID (utils/adt does not import the catalog). */
    private static final int TEXTOID = 25;

    /**
     * regexp_matches(string, pattern [, flags]): one text[] per match (all matches with 'g',
     * else the first): the parenthesised subexpressions, or the whole match when there are none.
     */
    public static Iterator<Object> regexpMatches(String s, String re, String flags) {
        RegExps.Flags f = RegExps.parseFlags(flags);
        List<Object> rows = new ArrayList<>();
        for (int[] g : RegExps.allMatches(RegExps.compile(re, f.cflags()), s, 0, f.glob(), false)) {
            List<String> elems = new ArrayList<>();
            if (g.length == 2) {
                elems.add(s.substring(g[0], g[1]));
            } else {
                for (int k = 1; 2 * k < g.length; k++) elems.add(g[2 * k] < 0 ? null : s.substring(g[2 * k], g[2 * k + 1]));
            }
            rows.add(ArrayValue.of1d(TEXTOID, elems));
        }
        return rows.iterator();
    }

    /** regexp_split_to_table(string, pattern [, flags]): the pieces between the matches. */
    public static Iterator<Object> regexpSplitToTable(String s, String re, String flags) {
        RegExps.Flags f = RegExps.parseFlags(flags);
        if (f.glob())
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "regexp_split_to_table() does not support the \"global\" option");
        return new ArrayList<Object>(RegExps.splitToArray(s, re, flags)).iterator();
    }

    /** string_to_table(string, delimiter [, null_string]): the elements string_to_array would make. */
    public static Iterator<Object> stringToTable(String s, String delimiter, String nullString) {
        if (s == null) return Collections.emptyIterator();
        return ArrayFuncs.fromText(s, delimiter, nullString, TEXTOID).elementList().iterator();
    }
}
