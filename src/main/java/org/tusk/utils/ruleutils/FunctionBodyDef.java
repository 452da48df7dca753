package org.tusk.utils.ruleutils;

import java.util.List;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.SqlBodyStatement;
import org.tusk.catalog.SqlFunction;
import org.tusk.nodes.Query;

/**
 * print_function_sqlbody (ruleutils.c): a SQL-standard function body deparsed from its analysed
 * statements, as pg_get_functiondef and pg_get_function_sqlbody show it. {@code RETURN expr} prints
 * as RETURN and the expression with every operator parenthesized; BEGIN ATOMIC prints each
 * statement at indentation 1 with PRETTYFLAG_INDENT, one per line and ended by ";", a RETURN
 * among them as RETURN. The function's arguments print by name (qualified with the function's
 * name where a range table is in scope), as the outermost deparse namespace supplies them.
 * Tusk keeps the body as text and analyses it again here, under the function's own schema; a
 * statement the query deparser cannot print yet (UPDATE, DELETE, MERGE, utility) is shown as
 * stored.
 */
final class FunctionBodyDef {
    private FunctionBodyDef() {}

    /** The body of {@code f} (whose prosqlbody is {@code body}) as CREATE FUNCTION would take it. */
    static String print(SqlFunction f, String body, FunctionCallContext c) {
        // a BEGIN ATOMIC body is stored as statements each ended by ";\n"; RETURN expr as the one SELECT
        boolean atomic = body.isEmpty() || body.endsWith(";\n");
        List<SqlBodyStatement> statements = c.analyzeSqlBody(f);
        List<DeparseNamespace> function = List.of(DeparseNamespace.forFunction(f.name(), f.argNames()));
        StringBuilder buf = new StringBuilder();
        if (!atomic) {
            // RETURN expr, stored as the SELECT of the expression
            SqlBodyStatement s = statements.get(0);
            print(new SqlBodyStatement(s.query(), true, s.text()), buf, function, 0, 0, c);
            return buf.toString();
        }
        buf.append("BEGIN ATOMIC\n");
        for (SqlBodyStatement s : statements) {
            print(s, buf, function, DeparseContext.PRETTYFLAG_INDENT, 1, c);
            buf.append(";\n");
        }
        return buf.append("END").toString();
    }

    private static void print(SqlBodyStatement s, StringBuilder buf, List<DeparseNamespace> function, int prettyFlags,
                              int indent, FunctionCallContext c) {
        Query q = s.query();
        if (s.isReturn()) {
            QueryDeparser.returnStmt(q, buf, function, prettyFlags, indent, c.outputSettings());
        } else if (q.utilityStmt() == null
                && (q.commandType() == Query.CommandType.SELECT || q.commandType() == Query.CommandType.INSERT)) {
            QueryDeparser.getQueryDef(q, buf, function, List.of(), null, false, prettyFlags,
                    DeparseContext.WRAP_COLUMN_DEFAULT, indent, c.outputSettings());
        } else {
            if ((prettyFlags & DeparseContext.PRETTYFLAG_INDENT) != 0) buf.append(' ');
            buf.append(s.text());
        }
    }
}
