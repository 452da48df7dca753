package org.tusk.pl.plpgsql;

import java.util.List;

/**
 * The compiled form of a PL/pgSQL function (plpgsql.h): its datums (variables, records) and
 * its statement tree, as pl_gram.y builds them. Trees are immutable once compiled; what a call
 * changes lives in its {@link PlFrame}. SQL text inside the body stays text ({@link PlExpr}),
 * analysed and planned when first run.
 */
final class PlTree {
    private PlTree() {}

    /** PLpgSQL_datum_type, reduced to what Tusk needs: a scalar variable or a row/record variable. */
    enum DatumKind { VAR, REC }

    /**
     * PLpgSQL_var / PLpgSQL_rec: one variable. {@code type} is the declared type; for a REC it is
     * a composite type's OID or RECORD (2249) for "record", whose shape comes from the row assigned.
     */
    record Datum(int dno, String name, DatumKind kind, int type, int typmod, boolean isConst, boolean notNull,
                 PlExpr defaultExpr) {}

    /**
     * A SQL expression or statement of the body (PLpgSQL_expr): {@code query} is what is analysed
     * ("SELECT expr" for an expression), {@code ns} the names visible where it was written.
     */
    static class PlExpr {
        final String query;
        final PlNamespace ns;
        /** The plan of the last run and the types its parameters had (see {@link PlSql}). */
        PlSql.Prepared cached;

        PlExpr(String query, PlNamespace ns) {
            this.query = query;
            this.ns = ns;
        }

        @Override
        public String toString() { return query; }
    }

    /** Where an assignment or INTO stores: a datum, optionally one field of it, optionally array subscripts. */
    record Target(Datum datum, String field, List<PlExpr> subscripts) {
        Target(Datum datum) { this(datum, null, List.of()); }
    }

    /** The statements (PLpgSQL_stmt_*); every one knows its line for the error context. */
    sealed interface Stmt {
        int lineno();
    }

    /** One WHEN of an EXCEPTION clause: the conditions (names or SQLSTATEs) and the handler. */
    record ExceptionHandler(List<String> conditions, List<Stmt> body) {}

    record Block(int lineno, String label, List<Datum> declared, List<Stmt> body, List<ExceptionHandler> handlers,
                 Datum sqlstate, Datum sqlerrm) implements Stmt {}

    record Assign(int lineno, Target target, PlExpr expr) implements Stmt {}

    record If(int lineno, PlExpr cond, List<Stmt> then, List<Elsif> elsifs, List<Stmt> otherwise) implements Stmt {}

    record Elsif(PlExpr cond, List<Stmt> body) {}

    /** CASE: {@code test} null for the searched form; {@code otherwise} null when there is no ELSE. */
    record Case(int lineno, PlExpr test, List<CaseWhen> whens, List<Stmt> otherwise) implements Stmt {}

    record CaseWhen(PlExpr expr, List<Stmt> body) {}

    record Loop(int lineno, String label, List<Stmt> body) implements Stmt {}

    record While(int lineno, String label, PlExpr cond, List<Stmt> body) implements Stmt {}

    record ForInt(int lineno, String label, Datum var, PlExpr lower, PlExpr upper, PlExpr step, boolean reverse,
                  List<Stmt> body) implements Stmt {}

    /** FOR target IN query / IN EXECUTE dynquery [USING ...] LOOP. */
    record ForQuery(int lineno, String label, List<Target> targets, PlExpr query, boolean dynamic, List<PlExpr> using,
                    List<Stmt> body) implements Stmt {}

    record ForEach(int lineno, String label, List<Target> targets, int slice, PlExpr array, List<Stmt> body)
            implements Stmt {}

    record Exit(int lineno, boolean isExit, String label, PlExpr cond) implements Stmt {}

    record Return(int lineno, PlExpr expr) implements Stmt {}

    record ReturnNext(int lineno, PlExpr expr) implements Stmt {}

    record ReturnQuery(int lineno, PlExpr query, boolean dynamic, List<PlExpr> using) implements Stmt {}

    /** RAISE: {@code level} an elog level name; {@code condition} a condition name, a SQLSTATE, or null. */
    record Raise(int lineno, String level, String condition, String message, List<PlExpr> params,
                 List<RaiseOption> options) implements Stmt {}

    record RaiseOption(String kind, PlExpr expr) {}

    record Assert(int lineno, PlExpr cond, PlExpr message) implements Stmt {}

    /** A SQL statement, with INTO targets or without ({@code into} empty). */
    record ExecSql(int lineno, PlExpr sql, List<Target> into, boolean strict) implements Stmt {}

    record DynExecute(int lineno, PlExpr query, List<Target> into, boolean strict, List<PlExpr> using) implements Stmt {}

    record Perform(int lineno, PlExpr expr) implements Stmt {}

    record GetDiag(int lineno, boolean stacked, List<DiagItem> items) implements Stmt {}

    record DiagItem(Target target, String kind) {}

    record Null(int lineno) implements Stmt {}

    /**
     * A compiled function (PLpgSQL_function). {@code triggerDnos} are the datums of NEW, OLD and
     * TG_* in {@link PlCompiler#TRIGGER_VARIABLES}' order for a trigger function, else empty.
     */
    record Function(String signature, List<Datum> datums, int[] argDnos, Block action, Datum found,
                    int resultType, boolean retset, List<Datum> outParams, boolean isDo, int[] triggerDnos) {
        boolean isTrigger() { return triggerDnos.length > 0; }
    }
}
