package org.tusk.parser;

import static org.tusk.catalog.TypeOids.UNKNOWN;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The parameter list of EXECUTE (PostgreSQL's prepare.c EvaluateParams, the analysis half):
 * each expression is transformed without a FROM clause and coerced to its parameter's type in
 * assignment context; one that cannot be is 42804 with PostgreSQL's text and hint. The result is
 * a SELECT of the coerced values, which the caller plans and runs once to get the values.
 */
final class ExecuteParams {
    private final Analyzer a;

    ExecuteParams(Analyzer a) {
        this.a = a;
    }

    /** {@code types}: the prepared statement's parameter types, as many as {@code s} has expressions. */
    Query transform(Stmt.ExecuteStmt s, List<Integer> types) {
        if (s.params().size() != types.size())
            throw PgException.error(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \""
                    + s.name() + "\"").withDetail("Expected " + types.size() + " parameters but got " + s.params().size() + ".");
        a.setRangeTableEntry(null);
        a.setExprKind("EXECUTE parameters");
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            RawExpr raw = s.params().get(i);
            Expr e = a.transformExpr(raw);
            int expected = types.get(i);
            if (e.type() != UNKNOWN && !ParseCoerce.canCoerce(e.type(), expected, Context.ASSIGNMENT))
                throw a.err(SqlState.DATATYPE_MISMATCH, "parameter $" + (i + 1) + " of type "
                        + BuiltinCatalog.formatType(e.type()) + " cannot be coerced to the expected type "
                        + BuiltinCatalog.formatType(expected), raw.location())
                        .withHint("You will need to rewrite or cast the expression.");
            e = a.coerce(e, expected, -1, Context.ASSIGNMENT, raw.location());
            tlist.add(new Query.TargetEntry(e, i + 1, "$" + (i + 1), false));
        }
        return new Query(Query.CommandType.SELECT, null, List.of(), List.copyOf(tlist), null, List.of(), null, null,
                List.of());
    }
}
