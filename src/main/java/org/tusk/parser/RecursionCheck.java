package org.tusk.parser;

import java.util.List;

import org.tusk.nodes.NodeFields;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.SqlState;

/**
 * checkWellFormedRecursion (parse_cte.c): the shape a recursive query must have before it is
 * analysed. A recursive query {@code non-recursive-term UNION [ALL] recursive-term} is run by
 * the executor's RecursiveUnion as "the non-recursive term once, then the recursive term over
 * the previous round's rows until a round adds nothing". That only means something when the
 * recursive term reads the work table exactly once, directly: not from its non-recursive term,
 * not from a sub-query (which would see only one round's rows while looking like it sees all),
 * not from the nullable side of an outer join, not under INTERSECT or EXCEPT, and with no
 * ORDER BY/LIMIT/OFFSET/FOR UPDATE over the whole UNION (they would have to act on rows not yet
 * produced). Each violation is PostgreSQL's 42P19 or 0A000, placed at the offending reference.
 *
 * <p>The walk is over the raw parse tree, as PostgreSQL's is, so it sees every place a
 * sub-query can hide; expression nodes are walked generically over their record components
 * (raw_expression_tree_walker) so that new expression kinds are covered without a case here.
 * A WITH inside the query that defines the same name hides the outer one below it.
 */
final class RecursionCheck {
    /** Where the walk is, which decides whether a reference is allowed (RecursionContext). */
    private enum Context {
        OK(null),
        NON_RECURSIVE_TERM("must not appear within its non-recursive term"),
        SUBLINK("must not appear within a subquery"),
        OUTER_JOIN("must not appear within an outer join"),
        INTERSECT("must not appear within INTERSECT"),
        EXCEPT("must not appear within EXCEPT");

        final String message;

        Context(String message) {
            this.message = message;
        }
    }

    private final Analyzer a;
    private final String name;
    private Context context = Context.OK;
    private int selfRefs;
    /** Only count references (for finding out whether a WITH query is recursive at all). */
    private boolean countOnly;

    private RecursionCheck(Analyzer a, String name) {
        this.a = a;
        this.name = name;
    }

    /** Checks the recursive query {@code cte}, already known to refer to itself. */
    static void check(Analyzer a, Stmt.CommonTableExpr cte) {
        new RecursionCheck(a, cte.name()).checkQuery(cte);
    }

    /**
     * Whether {@code s} reads {@code name} (unqualified) anywhere, sub-queries included: the
     * WITH query is then recursive (makeDependencyGraph's self-reference test).
     */
    static boolean refersTo(Stmt.SelectStmt s, String name) {
        RecursionCheck c = new RecursionCheck(null, name);
        c.countOnly = true;
        c.walkSelect(s);
        return c.selfRefs > 0;
    }

    private void checkQuery(Stmt.CommonTableExpr cte) {
        if (cte.modifying() != null)
            throw a.err("42P19", "recursive query \"" + name + "\" must not contain data-modifying statements",
                    cte.location());
        Stmt.SelectStmt s = cte.query();
        if (s.op() != Stmt.SetOperation.UNION)
            throw a.err("42P19", "recursive query \"" + name
                    + "\" does not have the form non-recursive-term UNION [ALL] recursive-term", cte.location());
        context = Context.NON_RECURSIVE_TERM;
        walkSelect(s.larg());
        context = Context.OK;
        walkSelect(s.rarg());
        if (s.with() != null) {
            context = Context.SUBLINK;
            for (Stmt.CommonTableExpr inner : s.with().ctes()) walkSelect(inner.query());
            context = Context.OK;
        }
        if (!s.sortClause().isEmpty())
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "ORDER BY in a recursive query is not implemented",
                    s.sortClause().get(0).node().location());
        if (s.limitOffset() != null)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "OFFSET in a recursive query is not implemented",
                    s.limitOffset().location());
        if (s.limitCount() != null)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "LIMIT in a recursive query is not implemented",
                    s.limitCount().location());
        // exprLocation() knows no location for a locking clause list, so PostgreSQL gives none
        if (!s.lockingClause().isEmpty())
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "FOR UPDATE/SHARE in a recursive query is not implemented", -1);
    }

    private void walkSelect(Stmt.SelectStmt s) {
        if (s == null) return;
        if (s.with() != null) {
            for (Stmt.CommonTableExpr inner : s.with().ctes()) {
                if (inner.name().equals(name)) return;   // the name means the inner query from here down
                walkSelect(inner.query());
            }
        }
        switch (s.op()) {
            case NONE -> {
                for (Stmt.FromItem f : s.from()) walkFrom(f);
                walkExpr(s.targetList());
                walkExpr(s.where());
                walkExpr(s.groupBy());
                walkExpr(s.having());
                walkExpr(s.valuesLists());
                walkExpr(s.windowClause());
            }
            case UNION -> {
                walkSelect(s.larg());
                walkSelect(s.rarg());
            }
            case INTERSECT -> {
                // INTERSECT without ALL can be evaluated one round at a time; INTERSECT ALL cannot
                Context saved = context;
                if (s.all()) context = Context.INTERSECT;
                walkSelect(s.larg());
                walkSelect(s.rarg());
                context = saved;
            }
            case EXCEPT -> {
                Context saved = context;
                if (s.all()) context = Context.EXCEPT;
                walkSelect(s.larg());
                context = Context.EXCEPT;
                walkSelect(s.rarg());
                context = saved;
            }
        }
        walkExpr(s.sortClause());
        walkExpr(s.limitCount());
        walkExpr(s.limitOffset());
    }

    private void walkFrom(Stmt.FromItem f) {
        switch (f) {
            case Stmt.RangeVar rv -> {
                if (rv.schema() != null || !rv.name().equals(name)) return;
                if (countOnly) {
                    selfRefs++;
                    return;
                }
                if (context != Context.OK)
                    throw a.err("42P19", "recursive reference to query \"" + name + "\" " + context.message, rv.location());
                if (++selfRefs > 1)
                    throw a.err("42P19", "recursive reference to query \"" + name + "\" must not appear more than once",
                            rv.location());
            }
            case Stmt.RangeSubselect rs -> walkSelect(rs.subquery());
            case Stmt.RangeFunction rf -> walkExpr(rf.functions());
            case Stmt.JoinExpr j -> walkJoin(j);
        }
    }

    private void walkJoin(Stmt.JoinExpr j) {
        Context saved = context;
        switch (j.kind()) {
            case INNER, CROSS -> {
                walkFrom(j.larg());
                walkFrom(j.rarg());
            }
            case LEFT -> {
                walkFrom(j.larg());
                context = Context.OUTER_JOIN;
                walkFrom(j.rarg());
            }
            case FULL -> {
                context = Context.OUTER_JOIN;
                walkFrom(j.larg());
                walkFrom(j.rarg());
            }
            case RIGHT -> {
                context = Context.OUTER_JOIN;
                walkFrom(j.larg());
                context = saved;
                walkFrom(j.rarg());
            }
        }
        context = saved;
        walkExpr(j.quals());
    }

    /**
     * Walks any part of a raw expression tree: a sub-select reached through a SubLink is in
     * sub-query context; everything else is searched through its record components and lists.
     */
    private void walkExpr(Object node) {
        switch (node) {
            case null -> { }
            case RawExpr.SubLink sl -> {
                walkExpr(sl.testexpr());
                Context saved = context;
                context = Context.SUBLINK;
                walkSelect(sl.subselect());
                context = saved;
            }
            case Stmt.SelectStmt s -> walkSelect(s);
            case List<?> list -> {
                for (Object o : list) walkExpr(o);
            }
            case Record r -> {
                for (Object child : NodeFields.children(r)) walkExpr(child);
            }
            default -> { }
        }
    }
}
