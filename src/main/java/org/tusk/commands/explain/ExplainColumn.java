package org.tusk.commands.explain;

import java.util.List;

import org.tusk.nodes.Expr;

/**
 * What one column of a plan node's tuple is, for printing the Vars that read it (the job of
 * ruleutils.c's deparse namespaces, which resolve OUTER_VAR and INNER_VAR through the child
 * plans' target lists): a named column of a FROM item, or an expression computed over another
 * node's columns, printed in its place.
 */
sealed interface ExplainColumn {
    /** A column of FROM item {@code refname} ("t", "*VALUES*", a CTE's name); printed "refname.name" with a prefix. */
    record Named(String refname, String name) implements ExplainColumn {}

    /**
     * An expression evaluated over {@code input}, the evaluating node's input columns; {@code inlined}
     * when it is the output of a subquery PostgreSQL pulls up, whose expressions replace the Vars
     * reading them (so they print as themselves, not as a reference to a lower node's column).
     */
    record Computed(Expr expr, List<ExplainColumn> input, boolean inlined) implements ExplainColumn {
        Computed(Expr expr, List<ExplainColumn> input) {
            this(expr, input, false);
        }
    }
}
