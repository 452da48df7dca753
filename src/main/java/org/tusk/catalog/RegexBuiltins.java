package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.utils.adt.RegExps;
import org.tusk.utils.adt.SimilarEscape;

/**
 * pg_proc/pg_operator entries of regexp.c: the ~ ~* !~ !~* operators on text, name and
 * character, the regexp_* functions, substring(text from pattern), similar_to_escape and the
 * substring(text similar pattern escape text) form.
 */
final class RegexBuiltins {
    private RegexBuiltins() {}

    static void register(BuiltinRegistry r) {
        for (int ty : new int[] {TEXT, NAME, BPCHAR}) {
            r.op("~", ty, TEXT, BOOL, (c, a) -> RegExps.matches(s(a[0]), s(a[1]), false));
            r.op("!~", ty, TEXT, BOOL, (c, a) -> !RegExps.matches(s(a[0]), s(a[1]), false));
            r.op("~*", ty, TEXT, BOOL, (c, a) -> RegExps.matches(s(a[0]), s(a[1]), true));
            r.op("!~*", ty, TEXT, BOOL, (c, a) -> !RegExps.matches(s(a[0]), s(a[1]), true));
        }
        r.fn("textregexeq", List.of(TEXT, TEXT), BOOL, (c, a) -> RegExps.matches(s(a[0]), s(a[1]), false));
        r.fn("texticregexeq", List.of(TEXT, TEXT), BOOL, (c, a) -> RegExps.matches(s(a[0]), s(a[1]), true));
        r.fn("regexp_like", List.of(TEXT, TEXT), BOOL, (c, a) -> RegExps.like(s(a[0]), s(a[1]), null));
        r.fn("regexp_like", List.of(TEXT, TEXT, TEXT), BOOL, (c, a) -> RegExps.like(s(a[0]), s(a[1]), s(a[2])));
        r.fn("regexp_count", List.of(TEXT, TEXT), INT4, (c, a) -> RegExps.count(s(a[0]), s(a[1]), 1, null));
        r.fn("regexp_count", List.of(TEXT, TEXT, INT4), INT4, (c, a) -> RegExps.count(s(a[0]), s(a[1]), i(a[2]), null));
        r.fn("regexp_count", List.of(TEXT, TEXT, INT4, TEXT), INT4,
                (c, a) -> RegExps.count(s(a[0]), s(a[1]), i(a[2]), s(a[3])));
        r.fn("regexp_instr", List.of(TEXT, TEXT), INT4, (c, a) -> RegExps.instr(s(a[0]), s(a[1]), 1, 1, 0, null, 0));
        r.fn("regexp_instr", List.of(TEXT, TEXT, INT4), INT4,
                (c, a) -> RegExps.instr(s(a[0]), s(a[1]), i(a[2]), 1, 0, null, 0));
        r.fn("regexp_instr", List.of(TEXT, TEXT, INT4, INT4), INT4,
                (c, a) -> RegExps.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), 0, null, 0));
        r.fn("regexp_instr", List.of(TEXT, TEXT, INT4, INT4, INT4), INT4,
                (c, a) -> RegExps.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), i(a[4]), null, 0));
        r.fn("regexp_instr", List.of(TEXT, TEXT, INT4, INT4, INT4, TEXT), INT4,
                (c, a) -> RegExps.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), i(a[4]), s(a[5]), 0));
        r.fn("regexp_instr", List.of(TEXT, TEXT, INT4, INT4, INT4, TEXT, INT4), INT4,
                (c, a) -> RegExps.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), i(a[4]), s(a[5]), i(a[6])));
        r.fn("regexp_substr", List.of(TEXT, TEXT), TEXT, (c, a) -> RegExps.substr(s(a[0]), s(a[1]), 1, 1, null, 0));
        r.fn("regexp_substr", List.of(TEXT, TEXT, INT4), TEXT,
                (c, a) -> RegExps.substr(s(a[0]), s(a[1]), i(a[2]), 1, null, 0));
        r.fn("regexp_substr", List.of(TEXT, TEXT, INT4, INT4), TEXT,
                (c, a) -> RegExps.substr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), null, 0));
        r.fn("regexp_substr", List.of(TEXT, TEXT, INT4, INT4, TEXT), TEXT,
                (c, a) -> RegExps.substr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), s(a[4]), 0));
        r.fn("regexp_substr", List.of(TEXT, TEXT, INT4, INT4, TEXT, INT4), TEXT,
                (c, a) -> RegExps.substr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), s(a[4]), i(a[5])));
        r.fn("regexp_replace", List.of(TEXT, TEXT, TEXT), TEXT, (c, a) -> RegExps.replace(s(a[0]), s(a[1]), s(a[2]), null));
        r.fn("regexp_replace", List.of(TEXT, TEXT, TEXT, TEXT), TEXT,
                (c, a) -> RegExps.replaceWithFlagsChecked(s(a[0]), s(a[1]), s(a[2]), s(a[3])));
        r.fn("regexp_replace", List.of(TEXT, TEXT, TEXT, INT4), TEXT,
                (c, a) -> RegExps.replace(s(a[0]), s(a[1]), s(a[2]), i(a[3]), 1, null));
        r.fn("regexp_replace", List.of(TEXT, TEXT, TEXT, INT4, INT4), TEXT,
                (c, a) -> RegExps.replace(s(a[0]), s(a[1]), s(a[2]), i(a[3]), i(a[4]), null));
        r.fn("regexp_replace", List.of(TEXT, TEXT, TEXT, INT4, INT4, TEXT), TEXT,
                (c, a) -> RegExps.replace(s(a[0]), s(a[1]), s(a[2]), i(a[3]), i(a[4]), s(a[5])));
        r.fn("regexp_match", List.of(TEXT, TEXT), TEXT_ARRAY, (c, a) -> RegExps.match(s(a[0]), s(a[1]), null));
        r.fn("regexp_match", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY, (c, a) -> RegExps.match(s(a[0]), s(a[1]), s(a[2])));
        r.fn("regexp_split_to_array", List.of(TEXT, TEXT), TEXT_ARRAY,
                (c, a) -> RegExps.splitToArray(s(a[0]), s(a[1]), null));
        r.fn("regexp_split_to_array", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY,
                (c, a) -> RegExps.splitToArray(s(a[0]), s(a[1]), s(a[2])));
        r.fn("substring", List.of(TEXT, TEXT), TEXT, (c, a) -> RegExps.substring(s(a[0]), s(a[1])));
        // similar_to_escape(text, text) is strict: a NULL escape gives NULL; the 1-argument form uses '\'
        r.fn("similar_to_escape", List.of(TEXT, TEXT), TEXT, (c, a) -> SimilarEscape.toRegex(s(a[0]), s(a[1])));
        r.fn("similar_to_escape", List.of(TEXT), TEXT, (c, a) -> SimilarEscape.toRegex(s(a[0]), null));
        r.fn("substring", List.of(TEXT, TEXT, TEXT), TEXT,
                (c, a) -> RegExps.substring(s(a[0]), SimilarEscape.toRegex(s(a[1]), s(a[2]))));
    }

    private static String s(Object o) { return (String) o; }

    private static int i(Object o) { return (Integer) o; }
}
