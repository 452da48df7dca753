package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Parse analysis of a LANGUAGE sql function's body (PostgreSQL's functions.c
 * prepare_sql_fn_parse_info and check_sql_fn_retval): each statement is analysed with the
 * arguments as $1..$n (also by name), and the final statement must produce the declared result:
 * a SELECT or INSERT/UPDATE/DELETE ... RETURNING with exactly one column whose type is
 * assignment-coercible to it, the coercion being added to its target list. A function returning
 * void may end with any statement, a utility statement included. Used both to validate CREATE
 * FUNCTION and to run the body.
 */
public final class SqlFunctionBody {
    private SqlFunctionBody() {}

    /** What analysis of one body produced: its statements, the last one's target list coerced to the result type. */
    public record Analyzed(List<Query> statements, String text) {}

    public static Analyzed analyze(String body, List<Integer> argTypes, List<String> argNames, int resultType,
                                   RelationProvider relations, ExecEnvironment env, InputSettings zone, String currentDatabase) {
        return analyze(body, argTypes, argNames, resultType, List.of(), relations, env, zone, currentDatabase);
    }

    /**
     * The same for a function with OUT parameters: with several, the final statement must yield
     * one column per OUT parameter, each assignment-coercible to its type.
     */
    public static Analyzed analyze(String body, List<Integer> argTypes, List<String> argNames, int resultType,
                                   List<Integer> outTypes, RelationProvider relations, ExecEnvironment env, InputSettings zone,
                                   String currentDatabase) {
        List<RawStmt> raws = Parser.parseRoutineBody(body, Analyzer.scanSettings(env));
        List<Query> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < argTypes.size(); i++) names.add(i < argNames.size() && !argNames.get(i).isEmpty() ? argNames.get(i) : null);
        for (int i = 0; i < raws.size(); i++) {
            RawStmt raw = raws.get(i);
            String text = body.substring(raw.location(), raw.location() + raw.length());
            // a utility statement analyses to a UTILITY Query: it runs through the utility path at
            // each call (functions.c postquel_getnext's ProcessUtility); transaction control is refused then
            Query q = Analyzer.analyze(raw, body, relations, env, zone, currentDatabase, new ArrayList<>(argTypes), names);
            if (i == raws.size() - 1) {
                q = outTypes.size() > 1 || resultType == TypeOids.RECORD && outTypes.size() == 1 ? checkRecord(q, resultType, outTypes, body, zone) : checkResult(q, resultType, body, zone);
            }
            out.add(q);
        }
        if (raws.isEmpty() && resultType != TypeOids.VOID) throw mismatch(resultType,
                "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
        return new Analyzed(out, body);
    }

    /**
     * The statements of a SQL-standard body analysed as PostgreSQL stores them in prosqlbody
     * (interpret_AS_clause's transformStmt, before check_sql_fn_retval): without the result
     * coercions, each marked whether it was written as RETURN.
     */
    public static List<org.tusk.catalog.SqlBodyStatement> analyzeAsStored(String body, List<Integer> argTypes,
                                                                         List<String> argNames, RelationProvider relations,
                                                                         ExecEnvironment env, InputSettings zone, String currentDatabase) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < argTypes.size(); i++) names.add(i < argNames.size() && !argNames.get(i).isEmpty() ? argNames.get(i) : null);
        List<org.tusk.catalog.SqlBodyStatement> out = new ArrayList<>();
        for (RawStmt raw : Parser.parseRoutineBody(body, Analyzer.scanSettings(env))) {
            Query q = Analyzer.analyze(raw, body, relations, env, zone, currentDatabase, new ArrayList<>(argTypes), names);
            out.add(new org.tusk.catalog.SqlBodyStatement(q, Parser.isReturn(raw, body), raw.text(body).strip()));
        }
        return out;
    }

    /** The final statement's result columns, or the "must be SELECT or ... RETURNING" error. */
    private static List<Query.TargetEntry> resultList(Query q, int resultType) {
        boolean select = q.commandType() == Query.CommandType.SELECT;
        List<Query.TargetEntry> tl = select ? q.targetList() : q.returningList();
        if (tl == null || (!select && tl.isEmpty())) {
            throw mismatch(resultType, "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
        }
        return tl;
    }

    /** check_sql_fn_retval for a scalar result. */
    private static Query checkResult(Query q, int resultType, String src, InputSettings zone) {
        if (resultType == TypeOids.VOID) return q;
        List<Query.TargetEntry> tl = resultList(q, resultType);
        List<Query.TargetEntry> visible = tl.stream().filter(t -> !t.resjunk()).toList();
        org.tusk.catalog.TypeCache.CompositeType composite = org.tusk.catalog.TypeCache.lookupComposite(resultType);
        if (composite != null && (visible.size() != 1 || visible.get(0).expr().type() != resultType)) {
            return asComposite(q, resultType, composite, src, zone);
        }
        if (visible.size() != 1) throw mismatch(resultType, "Final statement must return exactly one column.");
        Query.TargetEntry te = visible.get(0);
        Expr e = te.expr();
        if (e.type() == resultType) return q;
        if (!ParseCoerce.canCoerce(e.type(), resultType, Context.ASSIGNMENT)) {
            throw mismatch(resultType, "Actual return type is " + BuiltinCatalog.formatType(e.type()) + ".");
        }
        Expr coerced = ParseCoerce.coerce(e, resultType, -1, Context.ASSIGNMENT, src, -1, zone);
        List<Query.TargetEntry> newList = new ArrayList<>();
        for (Query.TargetEntry t : tl) {
            newList.add(t == te ? new Query.TargetEntry(coerced, t.resno(), t.name(), t.resjunk()) : t);
        }
        return withResultList(q, newList);
    }

    /**
     * check_sql_fn_retval for a record described by OUT parameters: as many visible columns as
     * there are OUT parameters, column i assignment-coercible to the type of OUT parameter i.
     */
    private static Query checkRecord(Query q, int resultType, List<Integer> outTypes, String src, InputSettings zone) {
        List<Query.TargetEntry> tl = resultList(q, resultType);
        List<Query.TargetEntry> newList = new ArrayList<>();
        int col = 0;
        for (Query.TargetEntry t : tl) {
            if (t.resjunk()) {
                newList.add(t);
                continue;
            }
            if (col >= outTypes.size()) throw mismatch(resultType, "Final statement returns too many columns.");
            int want = outTypes.get(col++);
            Expr e = t.expr();
            if (e.type() != want) {
                if (!ParseCoerce.canCoerce(e.type(), want, Context.ASSIGNMENT)) {
                    throw mismatch(resultType, "Final statement returns " + BuiltinCatalog.formatType(e.type())
                            + " instead of " + BuiltinCatalog.formatType(want) + " at column " + col + ".");
                }
                e = ParseCoerce.coerce(e, want, -1, Context.ASSIGNMENT, src, -1, zone);
            }
            newList.add(new Query.TargetEntry(e, t.resno(), t.name(), t.resjunk()));
        }
        if (col < outTypes.size()) throw mismatch(resultType, "Final statement returns too few columns.");
        return withResultList(q, newList);
    }

    /**
     * check_sql_fn_retval for a composite result whose final statement returns the type's
     * attributes as columns rather than one value of the type: the columns are checked and
     * coerced as OUT parameters' would be, then made the one value the function returns, of the
     * declared type. A SELECT becomes {@code SELECT ROW(s.c1, ..., s.cn)::type FROM (q) s}, so
     * that its ORDER BY, DISTINCT and the like keep referring to its own columns; a RETURNING list
     * becomes the one ROW(...) value.
     */
    private static Query asComposite(Query q, int resultType, org.tusk.catalog.TypeCache.CompositeType composite,
                                     String src, InputSettings zone) {
        Query coerced = checkRecord(q, resultType, composite.types(), src, zone);
        List<Query.TargetEntry> visible = resultList(coerced, resultType).stream().filter(t -> !t.resjunk()).toList();
        if (coerced.commandType() != Query.CommandType.SELECT) {
            List<Expr> fields = visible.stream().map(Query.TargetEntry::expr).toList();
            Expr row = new Expr.RowExpr(fields, resultType, composite.names(), -1);
            return withResultList(coerced, List.of(new Query.TargetEntry(row, 1, visible.get(0).name(), false)));
        }
        List<org.tusk.catalog.ColumnDef> columns = new ArrayList<>();
        List<Expr> fields = new ArrayList<>();
        for (int i = 0; i < visible.size(); i++) {
            Expr e = visible.get(i).expr();
            columns.add(new org.tusk.catalog.ColumnDef(visible.get(i).name(), e.type(), e.typmod()));
            fields.add(new Expr.Var(1, i + 1, e.type(), e.typmod(), visible.get(i).name(), -1));
        }
        Query.RangeTblEntry sub = new Query.RangeTblEntry(Query.RteKind.SUBQUERY, "*SELECT*", null, null, null,
                List.copyOf(columns), null, coerced, null, null, null, 0, false, false);
        Expr row = new Expr.RowExpr(List.copyOf(fields), resultType, composite.names(), -1);
        return new Query(Query.CommandType.SELECT, null, List.of(sub),
                List.of(new Query.TargetEntry(row, 1, visible.get(0).name(), false)), null, List.of(), null, null,
                List.of(), 0, List.of(), null, List.of());
    }

    /** {@code q} with its result list (target list of a SELECT, else RETURNING list) replaced. */
    private static Query withResultList(Query q, List<Query.TargetEntry> newList) {
        // every other part (windows, grouping sets, ON CONFLICT, row marks, ...) is kept as analysed
        boolean select = q.commandType() == Query.CommandType.SELECT;
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), select ? newList : q.targetList(), q.where(),
                q.sortClause(), q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(),
                q.sourceQuery(), select ? q.returningList() : newList, q.fromList(), q.groupClause(), q.havingQual(),
                q.distinctClause(), q.hasDistinctOn(), q.setOperations(), q.cteList(), q.windowClause(),
                q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }

    private static PgException mismatch(int resultType, String detail) {
        return PgException.error("42P13", "return type mismatch in function declared to return "
                + BuiltinCatalog.formatType(resultType)).withDetail(detail);
    }
}
