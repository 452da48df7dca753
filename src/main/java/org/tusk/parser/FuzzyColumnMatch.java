package org.tusk.parser;

import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Query;
import org.tusk.utils.adt.Levenshtein;

/**
 * The hint of errorMissingColumn (PostgreSQL's parse_relation.c searchRangeTableForCol and
 * updateFuzzyAttrMatchState): the range tables of the query level and its outer levels are
 * searched for a column of exactly the missing name that this part of the query could not see,
 * else for the one or two columns closest to it by edit distance. A name qualified by an alias
 * adds the alias's distance from each entry's name, so the matching entry is preferred. A
 * suggestion must be at most {@value #MAX_FUZZY_DISTANCE} edits away and change at most half of
 * the name; three or more equally close columns suggest none.
 */
final class FuzzyColumnMatch {
    private static final int MAX_FUZZY_DISTANCE = 3;

    private int distance = MAX_FUZZY_DISTANCE + 1;
    private Query.RangeTblEntry rfirst;
    private String first;
    private Query.RangeTblEntry rsecond;
    private String second;

    private FuzzyColumnMatch() {}

    /**
     * The hint for column {@code colname} (qualified by {@code alias}, or null) missing from
     * {@code levels}, the range tables from this query level outwards; null when nothing is close.
     */
    static String hint(List<List<Query.RangeTblEntry>> levels, String alias, String colname) {
        FuzzyColumnMatch m = new FuzzyColumnMatch();
        for (List<Query.RangeTblEntry> rtable : levels) {
            for (Query.RangeTblEntry rte : rtable) {
                // a join entry only repeats its inputs' columns, under an unhelpful name
                if (rte.kind() == Query.RteKind.JOIN || rte.refname() == null || rte.columns() == null) continue;
                int penalty = alias == null ? 0 : Levenshtein.distance(alias, rte.refname());
                boolean exact = rte.columns().stream().anyMatch(c -> c.name().equals(colname));
                if (exact && penalty == 0) {
                    return "There is a column named \"" + colname + "\" in table \"" + rte.refname()
                            + "\", but it cannot be referenced from this part of the query.";
                }
                for (ColumnDef c : rte.columns()) m.consider(penalty, rte, c.name(), colname);
            }
        }
        if (m.rfirst == null || m.first == null) return null;
        if (m.rsecond == null)
            return "Perhaps you meant to reference the column \"" + m.rfirst.refname() + "." + m.first + "\".";
        return "Perhaps you meant to reference the column \"" + m.rfirst.refname() + "." + m.first
                + "\" or the column \"" + m.rsecond.refname() + "." + m.second + "\".";
    }

    /** updateFuzzyAttrMatchState for column {@code actual} of {@code rte}. */
    private void consider(int penalty, Query.RangeTblEntry rte, String actual, String match) {
        if (penalty > distance || actual.isEmpty()) return;   // no hope, or a dropped column
        int columnDistance = Levenshtein.distance(actual, match);
        // more than half the characters different is not a suggestion worth making
        if (columnDistance > match.length() / 2) return;
        columnDistance += penalty;
        if (columnDistance < distance) {
            distance = columnDistance;
            rfirst = rte;
            first = actual;
            rsecond = null;
            second = null;
        } else if (columnDistance == distance) {
            if (second != null) {
                // a third equally close column: none is suggested, and only closer ones will be
                rfirst = null;
                first = null;
                rsecond = null;
                second = null;
                distance = columnDistance - 1;
            } else if (first != null) {
                rsecond = rte;
                second = actual;
            } else if (distance <= MAX_FUZZY_DISTANCE) {
                rfirst = rte;
                first = actual;
            }
        }
    }
}
