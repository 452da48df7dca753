package org.tusk.parser;

import java.util.Map;

import org.tusk.utils.error.SqlState;

/**
 * The first step of parse_expr.c's transformSubLink: a subquery is refused, before its
 * comparison operator or anything else is looked up, in the expression kinds whose value must
 * be computable without running a query (constraints, defaults, index and partition keys,
 * EXECUTE parameters...). The key is the Analyzer's expression kind, the value the noun
 * PostgreSQL puts after "cannot use subquery in".
 */
final class SubLinkPlacement {
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("check constraints", "check constraint"),
            Map.entry("DEFAULT expressions", "DEFAULT expression"),
            Map.entry("index expressions", "index expression"),
            Map.entry("index predicates", "index predicate"),
            Map.entry("ALTER TABLE ... USING", "transform expression"),
            Map.entry("EXECUTE parameters", "EXECUTE parameter"),
            Map.entry("trigger WHEN conditions", "trigger WHEN condition"),
            Map.entry("partition bound", "partition bound"),
            Map.entry("partition key expressions", "partition key expression"),
            Map.entry("COPY FROM WHERE conditions", "COPY FROM WHERE condition"));

    private SubLinkPlacement() {
    }

    /** Throws 0A000 "cannot use subquery in ..." when the expression kind allows no subquery. */
    static void check(Analyzer a, int location) {
        String noun = REFUSED.get(a.exprKind());
        if (noun != null) throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in " + noun, location);
    }
}
