package org.tusk.pl.plpgsql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.TypeCache;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExprEvaluator;
import org.tusk.nodes.Expr;
import org.tusk.parser.ParseCoerce;
import org.tusk.pl.plpgsql.PlTree.Datum;
import org.tusk.pl.plpgsql.PlTree.DatumKind;
import org.tusk.pl.plpgsql.PlTree.PlExpr;
import org.tusk.pl.plpgsql.PlTree.Stmt;
import org.tusk.pl.plpgsql.PlTree.Target;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * pl_exec.c: runs a compiled function for one call. Statements return a completion code
 * (PLPGSQL_RC_OK / EXIT / CONTINUE / RETURN) rather than unwinding with exceptions; an error
 * leaving a statement gets the CONTEXT line "PL/pgSQL function f(integer) line N at STMT"
 * (plpgsql_exec_error_callback) once, at the innermost statement. A block with an EXCEPTION
 * clause runs its body in a subtransaction, rolled back when a handler catches the error.
 */
final class PlExec {
    enum Rc { OK, EXIT, CONTINUE, RETURN }

    private final PlSql sql;
    private final PlHost host;
    private final PlFrame frame;
    private final ExecContext caller;
    /** Errors that already carry this call's CONTEXT line. */
    private final Set<PgException> tagged = Collections.newSetFromMap(new IdentityHashMap<>());

    PlExec(PlSql sql, PlHost host, PlFrame frame, ExecContext caller) {
        this.sql = sql;
        this.host = host;
        this.frame = frame;
        this.caller = caller;
    }

    /** plpgsql_exec_function: binds the arguments, runs the top block, and checks that it returned. */
    void run(Object[] args) {
        PlTree.Function fn = frame.fn;
        for (int i = 0; i < fn.argDnos().length; i++) frame.values[fn.argDnos()[i]] = args[i];
        frame.values[fn.found().dno()] = false;
        Rc rc;
        try {
            rc = execBlock(fn.action());
        } catch (PgException e) {
            throw tagged.contains(e) ? e : e.withContext(context(null));
        }
        if (rc != Rc.RETURN && fn.isTrigger()) {
            // plpgsql_exec_trigger's own wording
            throw PgException.error("2F005", "control reached end of trigger procedure without RETURN")
                    .withContext("PL/pgSQL function " + fn.signature());
        }
        if (rc != Rc.RETURN && !fn.isDo() && !fn.retset() && fn.outParams().isEmpty() && fn.resultType() != TypeOids.VOID) {
            throw PgException.error("2F005", "control reached end of function without RETURN")
                    .withContext("PL/pgSQL function " + fn.signature());
        }
    }

    private String context(Stmt s) {
        String where = frame.fn.isDo() ? "PL/pgSQL function inline_code_block" : "PL/pgSQL function " + frame.fn.signature();
        if (s == null) return where + (frame.fn.isDo() ? "" : " during function entry");
        return where + " line " + s.lineno() + " at " + typeName(s);
    }

    /** plpgsql_stmt_typename. */
    private static String typeName(Stmt s) {
        return switch (s) {
            case PlTree.Block b -> "statement block";
            case PlTree.Assign a -> "assignment";
            case PlTree.If i -> "IF";
            case PlTree.Case c -> "CASE";
            case PlTree.Loop l -> "LOOP";
            case PlTree.While w -> "WHILE";
            case PlTree.ForInt f -> "FOR with integer loop variable";
            case PlTree.ForQuery f -> f.dynamic() ? "FOR over EXECUTE statement" : "FOR over SELECT rows";
            case PlTree.ForEach f -> "FOREACH over array";
            case PlTree.Exit e -> e.isExit() ? "EXIT" : "CONTINUE";
            case PlTree.Return r -> "RETURN";
            case PlTree.ReturnNext r -> "RETURN NEXT";
            case PlTree.ReturnQuery r -> "RETURN QUERY";
            case PlTree.Raise r -> "RAISE";
            case PlTree.Assert a -> "ASSERT";
            case PlTree.ExecSql e -> "SQL statement";
            case PlTree.DynExecute d -> "EXECUTE";
            case PlTree.Perform p -> "PERFORM";
            case PlTree.GetDiag g -> "GET DIAGNOSTICS";
            case PlTree.Null n -> "NULL";
        };
    }

    private Rc execStmts(List<Stmt> stmts) {
        for (Stmt s : stmts) {
            host.session().checkForInterrupts();
            Rc rc = execStmt(s);
            if (rc != Rc.OK) return rc;
        }
        return Rc.OK;
    }

    private Rc execStmt(Stmt s) {
        try {
            return switch (s) {
                case PlTree.Block b -> execBlock(b);
                case PlTree.Assign a -> {
                    assign(a.target(), evalScalar(a.expr()), lastType);
                    yield Rc.OK;
                }
                case PlTree.If i -> execIf(i);
                case PlTree.Case c -> execCase(c);
                case PlTree.Loop l -> {
                    while (true) {
                        Rc rc = loopControl(execStmts(l.body()), l.label());
                        if (rc == null) continue;
                        yield rc;
                    }
                }
                case PlTree.While w -> {
                    while (isTrue(evalScalar(w.cond()))) {
                        Rc rc = loopControl(execStmts(w.body()), w.label());
                        if (rc != null) yield rc;
                    }
                    yield Rc.OK;
                }
                case PlTree.ForInt f -> execForInt(f);
                case PlTree.ForQuery f -> execForQuery(f);
                case PlTree.ForEach f -> execForEach(f);
                case PlTree.Exit e -> {
                    if (e.cond() != null && !isTrue(evalScalar(e.cond()))) yield Rc.OK;
                    frame.exitLabel = e.label();
                    yield e.isExit() ? Rc.EXIT : Rc.CONTINUE;
                }
                case PlTree.Return r -> execReturn(r);
                case PlTree.ReturnNext r -> execReturnNext(r);
                case PlTree.ReturnQuery r -> execReturnQuery(r);
                case PlTree.Raise r -> execRaise(r, s);
                case PlTree.Assert a -> execAssert(a);
                case PlTree.ExecSql e -> execSql(e);
                case PlTree.DynExecute d -> execDynamic(d);
                case PlTree.Perform p -> {
                    PlSql.Result r = withStatementContext(p.expr().query, () -> sql.run(p.expr(), frame, caller, 0));
                    frame.rowCount = r.processed();
                    setFound(r.processed() > 0);
                    yield Rc.OK;
                }
                case PlTree.GetDiag g -> execGetDiag(g, s);
                case PlTree.Null n -> Rc.OK;
            };
        } catch (PgException e) {
            if (tagged.contains(e)) throw e;
            PgException t = e.withContext(context(s));
            tagged.add(t);
            throw t;
        }
    }

    private <T> T withStatementContext(String query, java.util.function.Supplier<T> run) {
        try {
            return run.get();
        } catch (PgException e) {
            if (tagged.contains(e)) throw e;
            // _SPI_error_callback: the statement's text; its position would point into text the client never sent
            PgException out = new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
            out = (e.context() != null ? out.withContext(e.context()) : out).withObjects(e.objects());
            throw out.withContext("SQL statement \"" + query + "\"");
        }
    }

    /** EXIT/CONTINUE reaching a loop: null to go on looping, else the code the loop returns. */
    private Rc loopControl(Rc rc, String label) {
        switch (rc) {
            case OK -> { return null; }
            case RETURN -> { return Rc.RETURN; }
            case EXIT -> {
                if (frame.exitLabel == null) return Rc.OK;
                if (frame.exitLabel.equals(label)) {
                    frame.exitLabel = null;
                    return Rc.OK;
                }
                return Rc.EXIT;
            }
            default -> {
                if (frame.exitLabel == null) return null;
                if (frame.exitLabel.equals(label)) {
                    frame.exitLabel = null;
                    return null;
                }
                return Rc.CONTINUE;
            }
        }
    }

    // ---------------------------------------------------------------- blocks

    private Rc execBlock(PlTree.Block b) {
        for (Datum d : b.declared()) {
            frame.values[d.dno()] = null;
            frame.types[d.dno()] = d.type();
            if (d.defaultExpr() != null) {
                Object v = evalScalar(d.defaultExpr());
                assign(new Target(d), v, lastType);
            } else if (d.notNull()) {
                throw PgException.error("22004", "null value cannot be assigned to variable \"" + d.name() + "\" declared NOT NULL");
            }
        }
        Rc rc;
        if (b.handlers() == null) {
            rc = execStmts(b.body());
        } else {
            host.beginSubTransaction();
            try {
                rc = execStmts(b.body());
                host.releaseSubTransaction();
            } catch (PgException e) {
                host.rollbackSubTransaction();
                PlTree.ExceptionHandler h = null;
                for (PlTree.ExceptionHandler cand : b.handlers()) {
                    for (String c : cand.conditions()) if (ExceptionConditions.matches(c, e.sqlState())) h = h == null ? cand : h;
                    if (h != null) break;
                }
                if (h == null) throw e;
                frame.values[b.sqlstate().dno()] = e.sqlState();
                frame.values[b.sqlerrm().dno()] = e.getMessage();
                frame.handledErrors.push(e);
                try {
                    rc = execStmts(h.body());
                } finally {
                    frame.handledErrors.pop();
                }
            }
        }
        if (rc == Rc.EXIT && frame.exitLabel != null && frame.exitLabel.equals(b.label())) {
            frame.exitLabel = null;
            return Rc.OK;
        }
        return rc;
    }

    private Rc execIf(PlTree.If i) {
        if (isTrue(evalScalar(i.cond()))) return execStmts(i.then());
        for (PlTree.Elsif e : i.elsifs()) if (isTrue(evalScalar(e.cond()))) return execStmts(e.body());
        return i.otherwise() == null ? Rc.OK : execStmts(i.otherwise());
    }

    private Rc execCase(PlTree.Case c) {
        if (c.test() instanceof PlCompiler.CaseTestExpr t) {
            Object v = evalScalar(t);
            frame.values[t.var.dno()] = v;
            frame.types[t.var.dno()] = lastType;
        }
        for (PlTree.CaseWhen w : c.whens()) if (isTrue(evalScalar(w.expr()))) return execStmts(w.body());
        if (c.otherwise() == null) {
            throw PgException.error("20000", "case not found").withHint("CASE statement is missing ELSE part.");
        }
        return execStmts(c.otherwise());
    }

    // ---------------------------------------------------------------- loops

    private Rc execForInt(PlTree.ForInt f) {
        Object lo = cast(evalScalar(f.lower()), lastType, TypeOids.INT4, -1);
        if (lo == null) throw PgException.error("22004", "lower bound of FOR loop cannot be null");
        Object hi = cast(evalScalar(f.upper()), lastType, TypeOids.INT4, -1);
        if (hi == null) throw PgException.error("22004", "upper bound of FOR loop cannot be null");
        long step = 1;
        if (f.step() != null) {
            Object s = cast(evalScalar(f.step()), lastType, TypeOids.INT4, -1);
            if (s == null) throw PgException.error("22004", "BY value of FOR loop cannot be null");
            step = ((Number) s).longValue();
            if (step <= 0) throw PgException.error("22023", "BY value of FOR loop must be greater than zero");
        }
        long i = ((Number) lo).longValue(), end = ((Number) hi).longValue();
        boolean found = false;
        Rc result = Rc.OK;
        while (f.reverse() ? i >= end : i <= end) {
            found = true;
            frame.values[f.var().dno()] = (int) i;
            Rc rc = loopControl(execStmts(f.body()), f.label());
            if (rc != null) {
                result = rc;
                break;
            }
            i = f.reverse() ? i - step : i + step;
            if (i > Integer.MAX_VALUE || i < Integer.MIN_VALUE) break;
        }
        setFound(found);
        return result;
    }

    private Rc execForQuery(PlTree.ForQuery f) {
        PlSql.Result r = f.dynamic() ? dynamic(f.query(), f.using(), 0)
                : withStatementContext(f.query().query, () -> sql.run(f.query(), frame, caller, 0));
        Rc result = Rc.OK;
        for (Object[] row : r.rows()) {
            moveRow(f.targets(), row, r.names(), r.types());
            Rc rc = loopControl(execStmts(f.body()), f.label());
            if (rc != null) {
                result = rc;
                break;
            }
        }
        setFound(!r.rows().isEmpty());
        return result;
    }

    private Rc execForEach(PlTree.ForEach f) {
        Object v = evalScalar(f.array());
        if (v == null) throw PgException.error("22004", "FOREACH expression must not be null");
        if (!(v instanceof ArrayValue a)) {
            throw PgException.error("42804", "FOREACH expression must yield an array, not type " + BuiltinCatalog.formatType(lastType));
        }
        if (f.slice() != 0) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "FOREACH ... SLICE is not supported yet");
        Rc result = Rc.OK;
        for (Object e : a.elements()) {
            if (f.targets().size() == 1 && f.targets().get(0).datum().kind() == DatumKind.VAR) {
                assign(f.targets().get(0), e, a.elemType());
            } else if (e instanceof RecordValue rv) {
                moveRow(f.targets(), rv.values().toArray(), PlFrame.fieldNames(rv), rv.types());
            } else {
                assign(f.targets().get(0), e, a.elemType());
            }
            Rc rc = loopControl(execStmts(f.body()), f.label());
            if (rc != null) {
                result = rc;
                break;
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- RETURN

    private Rc execReturn(PlTree.Return r) {
        PlTree.Function fn = frame.fn;
        if (fn.retset() || fn.isDo()) return Rc.RETURN;   // RETURN in a set-returning function only ends it
        if (!fn.outParams().isEmpty()) {
            frame.returnValue = null;
            return Rc.RETURN;
        }
        if (r.expr() == null) {
            frame.returnValue = null;
            return Rc.RETURN;
        }
        Object v = evalScalar(r.expr());
        if (fn.isTrigger()) {
            // exec_stmt_return with fn_retistuple: a row (checked against the table by the caller) or NULL
            if (v != null && !(v instanceof RecordValue)) {
                throw PgException.error("42804", "cannot return non-composite value from function returning composite type");
            }
            frame.returnValue = v;
            return Rc.RETURN;
        }
        frame.returnValue = resultValue(v, lastType, fn.resultType());
        return Rc.RETURN;
    }

    /** A value for the function's result type (exec_cast_value, or a row relabelled to the composite type). */
    private Object resultValue(Object v, int type, int resultType) {
        if (v == null || resultType == TypeOids.VOID) return v;
        if (v instanceof RecordValue rec && TypeCache.lookupComposite(resultType) != null) {
            return coerceRecord(rec, resultType);
        }
        if (resultType == TypeOids.RECORD || isPolymorphic(resultType)) return v;
        return cast(v, type, resultType, -1);
    }

    private static boolean isPolymorphic(int t) {
        return t == TypeOids.ANYELEMENT || t == TypeOids.ANYARRAY || t == TypeOids.ANY || t == TypeOids.ANYCOMPATIBLE
                || t == TypeOids.ANYCOMPATIBLEARRAY || t == TypeOids.ANYNONARRAY || t == 3500
                || t == org.tusk.utils.adt.RangeTypes.ANYRANGE || t == TypeOids.ANYCOMPATIBLERANGE;
    }

    private Rc execReturnNext(PlTree.ReturnNext r) {
        PlTree.Function fn = frame.fn;
        if (!fn.retset()) throw PgException.error(SqlState.SYNTAX_ERROR, "cannot use RETURN NEXT in a non-SETOF function");
        if (!fn.outParams().isEmpty()) {
            Object[] row = new Object[fn.outParams().size()];
            for (int i = 0; i < row.length; i++) row[i] = frame.values[fn.outParams().get(i).dno()];
            frame.resultRows.add(row);
            return Rc.OK;
        }
        Object v = evalScalar(r.expr());
        frame.resultRows.add(new Object[] {resultValue(v, lastType, fn.resultType())});
        return Rc.OK;
    }

    private Rc execReturnQuery(PlTree.ReturnQuery r) {
        PlTree.Function fn = frame.fn;
        if (!fn.retset()) throw PgException.error(SqlState.SYNTAX_ERROR, "cannot use RETURN QUERY in a non-SETOF function");
        PlSql.Result res = r.dynamic() ? dynamic(r.query(), r.using(), 0)
                : withStatementContext(r.query().query, () -> sql.run(r.query(), frame, caller, 0));
        int width = fn.outParams().size();
        TypeCache.CompositeType comp = width == 0 ? TypeCache.lookupComposite(fn.resultType()) : null;
        int expected = width > 0 ? width : comp != null ? comp.size() : 1;
        if (res.types().size() != expected) {
            throw PgException.error("42804", "structure of query does not match function result type")
                    .withDetail("Number of returned columns (" + res.types().size() + ") does not match expected column count ("
                            + expected + ").");
        }
        for (Object[] row : res.rows()) {
            if (width > 1) {
                Object[] out = new Object[width];
                for (int i = 0; i < width; i++) out[i] = cast(row[i], res.types().get(i), fn.outParams().get(i).type(), -1);
                frame.resultRows.add(out);
            } else if (comp != null) {
                List<Object> vals = new ArrayList<>();
                for (int i = 0; i < comp.size(); i++) vals.add(cast(row[i], res.types().get(i), comp.types().get(i), -1));
                frame.resultRows.add(new Object[] {new RecordValue(fn.resultType(), comp.types(), vals, comp.names())});
            } else {
                int t = width == 1 ? fn.outParams().get(0).type() : fn.resultType();
                frame.resultRows.add(new Object[] {isPolymorphic(t) ? row[0] : cast(row[0], res.types().get(0), t, -1)});
            }
        }
        frame.rowCount = res.rows().size();
        setFound(!res.rows().isEmpty());
        return Rc.OK;
    }

    // ---------------------------------------------------------------- RAISE, ASSERT, GET DIAGNOSTICS

    private Rc execRaise(PlTree.Raise r, Stmt s) {
        if (r.level() == null) {
            PgException current = frame.handledErrors.peek();
            if (current == null) {
                throw PgException.error("0Z002", "RAISE without parameters cannot be used outside an exception handler");
            }
            tagged.add(current);   // re-thrown as it was caught, its context lines included
            throw current;
        }
        String code = null, message = null, detail = null, hint = null;
        if (r.condition() != null) {
            code = r.condition().matches("[0-9A-Z]{5}") ? r.condition() : ExceptionConditions.code(r.condition());
            message = r.condition();
        }
        if (r.message() != null) message = format(r.message(), r.params());
        for (PlTree.RaiseOption o : r.options()) {
            Object v = evalScalar(o.expr());
            String text = v == null ? null : outputText(v, lastType);
            if (text == null) throw PgException.error("22004", "RAISE statement option cannot be null");
            switch (o.kind()) {
                case "errcode" -> {
                    if (code != null) throw PgException.error(SqlState.SYNTAX_ERROR, "RAISE option already specified: ERRCODE");
                    code = text.matches("[0-9A-Z]{5}") ? text : ExceptionConditions.code(text);
                    if (code == null) throw PgException.error(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + text + "\"");
                }
                case "message" -> {
                    if (message != null) throw PgException.error(SqlState.SYNTAX_ERROR, "RAISE option already specified: MESSAGE");
                    message = text;
                }
                case "detail" -> detail = text;
                case "hint" -> hint = text;
                default -> { }
            }
        }
        Severity sev = switch (r.level()) {
            case "exception" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "notice" -> Severity.NOTICE;
            case "info" -> Severity.INFO;
            case "log" -> Severity.LOG;
            default -> Severity.DEBUG;
        };
        if (code == null) code = sev == Severity.ERROR ? "P0001" : sev == Severity.WARNING ? "01000" : "00000";
        if (message == null) message = code.equals("P0001") ? "P0001" : code;
        PgException e = new PgException(sev, code, message, detail, hint, 0);
        if (sev == Severity.ERROR) throw e;
        host.report(e.withContext(context(s)));
        return Rc.OK;
    }

    /** The RAISE format: each % takes the next parameter's text ("<NULL>" for null), %% is %. */
    private String format(String fmt, List<PlExpr> params) {
        StringBuilder sb = new StringBuilder();
        int p = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '%') {
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '%') {
                    sb.append('%');
                    i++;
                    continue;
                }
                Object v = evalScalar(params.get(p++));
                sb.append(v == null ? "<NULL>" : outputText(v, lastType));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Rc execAssert(PlTree.Assert a) {
        // plpgsql.check_asserts (default on): a placeholder once SET, else not defined at all
        String check;
        try {
            check = host.session().showSetting("plpgsql.check_asserts");
        } catch (PgException notSet) {
            check = null;
        }
        if (check != null && (check.equals("off") || check.equals("false"))) return Rc.OK;
        Object v = evalScalar(a.cond());
        if (Boolean.TRUE.equals(v)) return Rc.OK;
        String msg = "assertion failed";
        if (a.message() != null) {
            Object m = evalScalar(a.message());
            if (m == null) throw PgException.error("22004", "assertion message is null");
            msg = outputText(m, lastType);
        }
        throw PgException.error("P0004", msg);
    }

    private Rc execGetDiag(PlTree.GetDiag g, Stmt s) {
        PgException err = frame.handledErrors.peek();
        if (g.stacked() && err == null) {
            throw PgException.error("0Z002", "GET STACKED DIAGNOSTICS cannot be used outside an exception handler");
        }
        for (PlTree.DiagItem item : g.items()) {
            Object v;
            int type = TypeOids.TEXT;
            switch (item.kind()) {
                case "row_count" -> {
                    v = frame.rowCount;
                    type = TypeOids.INT8;
                }
                case "pg_context" -> v = context(s);
                case "returned_sqlstate" -> v = err.sqlState();
                case "message_text" -> v = err.getMessage();
                case "pg_exception_detail" -> v = err.detail() == null ? "" : err.detail();
                case "pg_exception_hint" -> v = err.hint() == null ? "" : err.hint();
                case "pg_exception_context" -> v = err.context() == null ? "" : err.context();
                case "column_name" -> v = nz(err.objects().column());
                case "constraint_name" -> v = nz(err.objects().constraint());
                case "pg_datatype_name" -> v = nz(err.objects().dataType());
                case "table_name" -> v = nz(err.objects().table());
                case "schema_name" -> v = nz(err.objects().schema());
                default -> throw new IllegalStateException(item.kind());
            }
            assign(item.target(), v, type);
        }
        return Rc.OK;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---------------------------------------------------------------- SQL statements

    private Rc execSql(PlTree.ExecSql e) {
        boolean into = !e.into().isEmpty();
        PlSql.Result r = withStatementContext(e.sql().query, () -> sql.run(e.sql(), frame, caller, into ? 2 : 0));
        frame.rowCount = r.processed();
        if (!into) {
            if (r.returnsRows() && !r.names().isEmpty() && isSelect(e.sql().query)) {
                throw PgException.error(SqlState.SYNTAX_ERROR, "query has no destination for result data")
                        .withHint("If you want to discard the results of a SELECT, use PERFORM instead.");
            }
            setFound(r.processed() > 0);
            return Rc.OK;
        }
        intoResult(r, e.into(), e.strict() || !isSelect(e.sql().query));
        return Rc.OK;
    }

    private static boolean isSelect(String q) {
        String s = q.stripLeading().toLowerCase(java.util.Locale.ROOT);
        return s.startsWith("select") || s.startsWith("with") || s.startsWith("values") || s.startsWith("(") || s.startsWith("table");
    }

    /** The INTO of a statement: first row to the targets, with STRICT's checks. */
    private void intoResult(PlSql.Result r, List<Target> into, boolean strict) {
        if (r.rows().isEmpty()) {
            if (strict && !r.names().isEmpty()) throw PgException.error("P0002", "query returned no rows");
            moveRow(into, null, r.names(), r.types());
            setFound(false);
            return;
        }
        if (strict && (r.rows().size() > 1 || r.processed() > 1)) {
            throw PgException.error("P0003", "query returned more than one row")
                    .withHint("Make sure the query returns a single row, or use LIMIT 1.");
        }
        moveRow(into, r.rows().get(0), r.names(), r.types());
        setFound(true);
    }

    private Rc execDynamic(PlTree.DynExecute d) {
        boolean into = !d.into().isEmpty();
        PlSql.Result r = dynamic(d.query(), d.using(), into ? 2 : 0);
        frame.rowCount = r.processed();
        if (into) intoResult(r, d.into(), d.strict());
        return Rc.OK;
    }

    /** EXECUTE's string and USING values, run. */
    private PlSql.Result dynamic(PlExpr query, List<PlExpr> using, int maxRows) {
        Object q = evalScalar(query);
        if (q == null) throw PgException.error("22004", "query string argument of EXECUTE is null");
        String text = outputText(q, lastType);
        List<Integer> types = new ArrayList<>();
        Object[] params = new Object[using.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = evalScalar(using.get(i));
            types.add(lastType == TypeOids.UNKNOWN ? TypeOids.TEXT : lastType);
        }
        return withStatementContext(text, () -> sql.runDynamic(text, types, params, frame, caller, maxRows));
    }

    // ---------------------------------------------------------------- values

    /** The type of the value {@link #evalScalar} last returned. */
    private int lastType;

    /** exec_eval_expr: one column, at most one row; null for none. */
    private Object evalScalar(PlExpr e) {
        PlSql.Result r = sql.run(e, frame, caller, 2);
        if (r.types().size() != 1) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "query \"" + e.query + "\" returned " + r.types().size() + " columns");
        }
        if (r.rows().size() > 1) throw PgException.error("21000", "query \"" + e.query + "\" returned more than one row");
        lastType = r.types().get(0);
        return r.rows().isEmpty() ? null : r.rows().get(0)[0];
    }

    private static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v);
    }

    private void setFound(boolean found) {
        frame.values[frame.fn.found().dno()] = found;
    }

    /** exec_move_row: a row's columns to a record target or to scalar targets in order; a null row sets nulls. */
    private void moveRow(List<Target> targets, Object[] row, List<String> names, List<Integer> types) {
        if (targets.size() == 1 && targets.get(0).datum().kind() == DatumKind.REC && targets.get(0).field() == null) {
            Datum d = targets.get(0).datum();
            TypeCache.CompositeType comp = TypeCache.lookupComposite(d.type());
            if (row == null) {
                if (comp == null) {
                    List<Object> nulls = new ArrayList<>(Collections.nCopies(types.size(), null));
                    frame.values[d.dno()] = new RecordValue(TypeOids.RECORD, types, nulls, names);
                } else {
                    frame.values[d.dno()] = null;
                }
                return;
            }
            RecordValue rec = new RecordValue(TypeOids.RECORD, types, java.util.Arrays.asList(row), names);
            frame.values[d.dno()] = comp == null ? rec : coerceRecord(rec, d.type());
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            Object v = row == null || i >= row.length ? null : row[i];
            int t = i < types.size() ? types.get(i) : TypeOids.UNKNOWN;
            assign(targets.get(i), v, t);
        }
    }

    /** A row as a value of composite type {@code type}: column by column, cast to its columns' types. */
    private RecordValue coerceRecord(RecordValue rec, int type) {
        if (rec.typeOid() == type) return rec;
        TypeCache.CompositeType comp = TypeCache.lookupComposite(type);
        if (comp == null) return rec.withType(type);
        if (rec.size() != comp.size()) {
            throw PgException.error("42804", "returned record type does not match expected record type")
                    .withDetail("Number of returned columns (" + rec.size() + ") does not match expected column count ("
                            + comp.size() + ").");
        }
        List<Object> vals = new ArrayList<>();
        for (int i = 0; i < comp.size(); i++) vals.add(cast(rec.get(i), rec.types().get(i), comp.types().get(i), comp.typmods().get(i)));
        return new RecordValue(type, comp.types(), vals, comp.names());
    }

    /** exec_assign_value: to a variable (cast to its type, NOT NULL checked), a record, or a record's field. */
    private void assign(Target t, Object v, int type) {
        Datum d = t.datum();
        if (!t.subscripts().isEmpty()) {
            assignElement(t, v, type);
            return;
        }
        if (t.field() != null) {
            RecordValue r = frame.record(d);
            int i = frame.fieldIndex(d, r, t.field());
            frame.values[d.dno()] = r.with(i, r.types().get(i), cast(v, type, r.types().get(i), -1));
            return;
        }
        if (d.kind() == DatumKind.REC) {
            if (v == null) {
                frame.values[d.dno()] = null;
                return;
            }
            if (!(v instanceof RecordValue r)) {
                throw PgException.error("42804", "cannot assign non-composite value to a record variable");
            }
            frame.values[d.dno()] = TypeCache.lookupComposite(d.type()) != null ? coerceRecord(r, d.type()) : r;
            return;
        }
        if (v == null && d.notNull()) {
            throw PgException.error("22004", "null value cannot be assigned to variable \"" + d.name() + "\" declared NOT NULL");
        }
        int declared = d.type();
        if (declared == TypeOids.UNKNOWN || isPolymorphic(declared)) {
            frame.values[d.dno()] = v;
            frame.types[d.dno()] = type;
            return;
        }
        frame.values[d.dno()] = cast(v, type, declared, d.typmod());
    }

    /**
     * An assignment to an element of an array variable or record field ({@code a[i] := v},
     * {@code r.f[i][j] := v}): the subscripts are evaluated (an int each, not null), the value is
     * cast to the element type, and the container gets the new element as array_set_element
     * makes it (a one-dimensional array grows with NULLs; an empty or NULL one starts there).
     */
    private void assignElement(Target t, Object v, int type) {
        Datum d = t.datum();
        RecordValue rec = t.field() == null ? null : frame.record(d);
        int field = rec == null ? -1 : frame.fieldIndex(d, rec, t.field());
        int containerType = rec == null ? (frame.types[d.dno()] != 0 && isPolymorphic(d.type()) ? frame.types[d.dno()] : d.type())
                : rec.types().get(field);
        Object container = rec == null ? frame.values[d.dno()] : rec.get(field);
        int elem = org.tusk.catalog.ArrayTypes.elementOf(containerType);
        if (elem == 0) {
            throw PgException.error("42804", "cannot subscript type " + BuiltinCatalog.formatType(containerType)
                    + " because it does not support subscripting");
        }
        int[] idx = new int[t.subscripts().size()];
        for (int i = 0; i < idx.length; i++) {
            Object s = cast(evalScalar(t.subscripts().get(i)), lastType, TypeOids.INT4, -1);
            if (s == null) throw PgException.error("22004", "array subscript in assignment must not be null");
            idx[i] = (Integer) s;
        }
        int typmod = rec == null ? d.typmod() : -1;
        Object element = cast(v, type, elem, typmod);
        ArrayValue arr = container == null ? ArrayValue.empty(elem) : ArrayValue.of(container, elem);
        ArrayValue changed = org.tusk.utils.adt.ArrayFuncs.setElement(arr, idx, element);
        if (rec == null) frame.values[d.dno()] = changed;
        else frame.values[d.dno()] = rec.with(field, containerType, changed);
    }

    /**
     * exec_cast_value: the assignment cast from {@code from} to {@code to}, or I/O conversion
     * through text where no cast exists (COERCION_PLPGSQL).
     */
    private Object cast(Object v, int from, int to, int typmod) {
        if (v == null || (from == to && typmod < 0)) return v;
        if (from == TypeOids.UNKNOWN) from = TypeOids.TEXT;
        ExecContext ctx = caller;
        Expr c;
        if (ParseCoerce.canCoerce(from, to, ParseCoerce.Context.ASSIGNMENT)) {
            c = ParseCoerce.coerce(new Expr.Const(from, -1, v, -1), to, typmod, ParseCoerce.Context.ASSIGNMENT, "", -1, ctx.inputSettings());
        } else {
            Object text = outputText(v, from);
            c = ParseCoerce.coerce(new Expr.Const(TypeOids.TEXT, -1, text, -1), to, typmod, ParseCoerce.Context.EXPLICIT, "", -1,
                    ctx.inputSettings());
        }
        return ExprEvaluator.eval(c, null, null, ctx);
    }

    private String outputText(Object v, int type) {
        if (v instanceof String s) return s;
        if (type == TypeOids.UNKNOWN) type = TypeOids.TEXT;
        return BuiltinCatalog.type(type).output().out(v, caller.outputSettings());
    }
}
