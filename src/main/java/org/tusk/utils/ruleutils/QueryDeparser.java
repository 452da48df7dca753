package org.tusk.utils.ruleutils;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import static org.tusk.utils.ruleutils.DeparseContext.PRETTYINDENT_STD;

/**
 * ruleutils.c get_query_def for SELECT: WITH, the select list, FROM (via {@link FromClauseDeparser}),
 * WHERE, GROUP BY (grouping sets as GROUPING SETS), HAVING, WINDOW, set operations, ORDER BY and
 * LIMIT/OFFSET, laid out with appendContextKeyword as PostgreSQL lays them out.
 */
final class QueryDeparser {
    private final DeparseContext ctx;
    private final RuleExpr exprs;

    private QueryDeparser(DeparseContext ctx) {
        this.ctx = ctx;
        this.exprs = new RuleExpr(ctx);
    }

    /** get_query_def for a subquery of the query {@code outer} is printing: its levels, flags and indentation. */
    static void getQueryDef(Query query, StringBuilder buf, DeparseContext outer, List<String> resultNames,
                            boolean colNamesVisible) {
        getQueryDef(query, buf, outer.namespaces, List.of(), resultNames, colNamesVisible, outer.prettyFlags,
                outer.wrapColumn, outer.indentLevel, outer.output);
    }

    /**
     * The same with names {@code reserved} at the query's own level (a view's OLD and NEW) and
     * constants printed with {@code output}.
     */
    static void getQueryDef(Query query, StringBuilder buf, List<DeparseNamespace> parents, List<String> reserved,
                            List<String> resultNames, boolean colNamesVisible, int prettyFlags, int wrapColumn,
                            int startIndent, org.tusk.utils.adt.OutputSettings output) {
        DeparseNamespace dpns = DeparseNamespace.setRtableNames(query, parents, reserved);
        List<DeparseNamespace> namespaces = new ArrayList<>();
        namespaces.add(dpns);
        namespaces.addAll(parents);
        DeparseContext ctx = new DeparseContext(buf, namespaces, prettyFlags, wrapColumn, startIndent);
        ctx.output = output;
        // PostgreSQL's stored rule queries carry OLD and NEW, so a view's Vars always get their prefix
        ctx.varprefix = !parents.isEmpty() || !reserved.isEmpty() || query.rangeTable().size() != 1;
        switch (query.commandType()) {
            case SELECT -> new QueryDeparser(ctx).selectQuery(query, resultNames, colNamesVisible);
            case INSERT -> new QueryDeparser(ctx).insertQuery(query, colNamesVisible);
            case UPDATE -> new QueryDeparser(ctx).updateQuery(query, colNamesVisible);
            case DELETE -> new QueryDeparser(ctx).deleteQuery(query, colNamesVisible);
            case UTILITY -> new QueryDeparser(ctx).utilityQuery(query);
            default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot deparse " + query.commandType() + " query");
        }
    }

    /**
     * get_basic_select_query for a RETURN statement of a SQL-standard function body (Query's
     * isReturn): "RETURN " and the one target expression.
     */
    static void returnStmt(Query query, StringBuilder buf, List<DeparseNamespace> parents, int prettyFlags, int startIndent,
                           org.tusk.utils.adt.OutputSettings output) {
        DeparseNamespace dpns = DeparseNamespace.setRtableNames(query, parents, List.of());
        List<DeparseNamespace> namespaces = new ArrayList<>();
        namespaces.add(dpns);
        namespaces.addAll(parents);
        DeparseContext ctx = new DeparseContext(buf, namespaces, prettyFlags, DeparseContext.WRAP_COLUMN_DEFAULT, startIndent);
        ctx.output = output;
        ctx.varprefix = true;
        // get_basic_select_query with isReturn: its SELECT keyword is RETURN, the one column has no name
        if (ctx.prettyIndent()) {
            ctx.indentLevel += PRETTYINDENT_STD;
            buf.append(' ');
        }
        buf.append("RETURN ");
        new RuleExpr(ctx).expr(query.targetList().get(0).expr(), false);
    }

    /**
     * get_insert_query_def: INSERT INTO rel (the listed columns) and the SELECT, the VALUES rows
     * or DEFAULT VALUES, then RETURNING. Tusk's target list is the complete new row, listed
     * columns taking the source tuple's columns (Vars of varno 2, in the column list's order) and
     * the rest their defaults, so the column list is read back from those Vars.
     */
    private void insertQuery(Query query, boolean colNamesVisible) {
        StringBuilder buf = ctx.buf;
        withClause(query);
        Query.RangeTblEntry rte = query.rangeTable().get(query.resultRelation() - 1);
        if (ctx.prettyIndent()) {
            ctx.indentLevel += PRETTYINDENT_STD;
            buf.append(' ');
        }
        String relname = rte.table() != null ? RuleUtils.relationName(rte.table().oid()) : rte.relname();
        buf.append("INSERT INTO ").append(relname).append(' ');
        if (rte.refname() != null && !rte.refname().equals(rte.relname()))
            buf.append("AS ").append(org.tusk.utils.adt.RegTypes.quote(rte.refname())).append(' ');
        // the listed columns, by the source column each takes, with the indirection each assigns through
        java.util.TreeMap<Integer, Assignment> listed = new java.util.TreeMap<>();
        for (Query.TargetEntry te : query.targetList()) {
            for (Assignment a : assignments(te.name(), te.expr())) {
                int[] source = {0};
                org.tusk.nodes.ExprTrees.any(a.value(), x -> {
                    if (x instanceof Expr.Var v && v.varno() == 2 && v.levelsup() == 0 && source[0] == 0) source[0] = v.attno();
                    return false;
                });
                if (source[0] > 0) listed.putIfAbsent(source[0], a);
            }
        }
        if (!listed.isEmpty()) {
            buf.append('(');
            String sep = "";
            for (Assignment a : listed.values()) {
                buf.append(sep).append(org.tusk.utils.adt.RegTypes.quote(a.column()));
                steps(a);
                sep = ", ";
            }
            buf.append(") ");
        }
        if (query.sourceQuery() != null) {
            getQueryDef(query.sourceQuery(), buf, ctx, null, false);
        } else if (query.valuesLists().size() > 1) {
            valuesDef(ctx, exprs, query.valuesLists());
        } else if (!query.valuesLists().isEmpty() && !query.valuesLists().get(0).isEmpty()) {
            ctx.appendContextKeyword("VALUES (", -PRETTYINDENT_STD, PRETTYINDENT_STD, 2);
            List<Expr> row = query.valuesLists().get(0);
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) buf.append(", ");
                exprs.expr(row.get(i), false);
            }
            buf.append(')');
        } else {
            buf.append("DEFAULT VALUES");
        }
        if (query.returningList() != null && !query.returningList().isEmpty()) {
            ctx.appendContextKeyword(" RETURNING", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            targetList(query.returningList(), null, colNamesVisible);
        }
    }

    /**
     * get_update_query_def: UPDATE rel [alias] SET the assigned columns (with their indirection),
     * FROM the other relations, WHERE, RETURNING. Tusk's target list is the complete new row, so
     * a column whose entry is its own old value (a Var of the target) was not assigned.
     */
    private void updateQuery(Query query, boolean colNamesVisible) {
        StringBuilder buf = ctx.buf;
        int result = resultRelationHead(query, "UPDATE ");
        buf.append(" SET ");
        String sep = "";
        for (Query.TargetEntry te : query.targetList()) {
            if (te.resjunk()) continue;
            if (te.expr() instanceof Expr.Var v && v.varno() == result && v.levelsup() == 0 && v.attno() == te.resno()) continue;
            for (Assignment a : assignments(te.name(), te.expr())) {
                buf.append(sep);
                sep = ", ";
                buf.append(org.tusk.utils.adt.RegTypes.quote(a.column()));
                steps(a);
                buf.append(" = ");
                exprs.expr(a.value(), false);
            }
        }
        new FromClauseDeparser(ctx, exprs).fromClause(withoutResultRelation(query), " FROM ");
        whereAndReturning(query, colNamesVisible);
    }

    /**
     * What get_update_query_def and get_delete_query_def begin with: the WITH clause, then
     * {@code keyword}, ONLY unless the target is inherited, its name and alias. Returns the
     * result relation's range table index.
     */
    private int resultRelationHead(Query query, String keyword) {
        withClause(query);
        int result = query.resultRelation();
        Query.RangeTblEntry rte = query.rangeTable().get(result - 1);
        if (ctx.prettyIndent()) {
            ctx.buf.append(' ');
            ctx.indentLevel += PRETTYINDENT_STD;
        }
        ctx.buf.append(keyword).append(rte.inh() ? "" : "ONLY ").append(resultRelationName(rte));
        resultAlias(rte, result, false);
        return result;
    }

    /** get_delete_query_def: DELETE FROM rel [alias] USING the other relations, WHERE, RETURNING. */
    private void deleteQuery(Query query, boolean colNamesVisible) {
        resultRelationHead(query, "DELETE FROM ");
        new FromClauseDeparser(ctx, exprs).fromClause(withoutResultRelation(query), " USING ");
        whereAndReturning(query, colNamesVisible);
    }

    /** get_utility_query_def: a rule's NOTIFY action. */
    private void utilityQuery(Query query) {
        if (!(query.utilityStmt() instanceof org.tusk.nodes.Stmt.NotifyStmt n)) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "unexpected utility statement type");
        }
        ctx.appendContextKeyword("", 0, PRETTYINDENT_STD, 1);
        ctx.buf.append("NOTIFY ").append(org.tusk.utils.adt.RegTypes.quote(n.channel()));
        if (n.payload() != null) ctx.buf.append(", '").append(n.payload().replace("'", "''")).append('\'');
    }

    private void whereAndReturning(Query query, boolean colNamesVisible) {
        if (query.where() != null) {
            ctx.appendContextKeyword(" WHERE ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            exprs.expr(query.where(), false);
        }
        if (query.returningList() != null && !query.returningList().isEmpty()) {
            ctx.appendContextKeyword(" RETURNING", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            targetList(query.returningList(), null, colNamesVisible);
        }
    }

    private static String resultRelationName(Query.RangeTblEntry rte) {
        return rte.table() != null ? RuleUtils.relationName(rte.table().oid()) : rte.relname();
    }

    /** get_rte_alias for the result relation: its printed name when that is not the relation's own. */
    private void resultAlias(Query.RangeTblEntry rte, int rtindex, boolean useAs) {
        String refname = ctx.namespaces.get(0).name(rtindex);
        if (refname != null && !refname.equals(rte.relname())) {
            ctx.buf.append(useAs ? " AS " : " ").append(org.tusk.utils.adt.RegTypes.quote(refname));
        }
    }

    /** The query with its FROM list less the result relation, which UPDATE and DELETE name before SET / USING. */
    private static Query withoutResultRelation(Query q) {
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) {
            if (n instanceof Query.JoinNode.RangeRef r && r.rtindex() == q.resultRelation()) continue;
            from.add(n);
        }
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), q.where(), q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), from, q.groupClause(), q.havingQual(), q.distinctClause(), q.hasDistinctOn(),
                q.setOperations(), q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(),
                q.mergeActionList(), q.withCheckOptions());
    }

    /** processIndirection's text: {@code .field} and {@code [subscripts]} of one assignment. */
    private void steps(Assignment a) {
        for (Object step : a.steps()) {
            if (step instanceof String field) {
                ctx.buf.append('.').append(org.tusk.utils.adt.RegTypes.quote(field));
            } else {
                Expr.SubscriptingAssign s = (Expr.SubscriptingAssign) step;
                exprs.assignmentSubscripts(s.upper(), s.lower());
            }
        }
    }

    /**
     * One assignment of an INSERT's column list: the column, the steps of its indirection (a
     * field name or a SubscriptingAssign's subscripts), and the value assigned.
     */
    private record Assignment(String column, List<Object> steps, Expr value) {}

    /**
     * The assignments a target entry's expression makes, in the order they were written:
     * processIndirection for each, after undoing process_matched_tle's nesting of several
     * assignments to one column (an assignment node whose input is another assignment node holds
     * the earlier ones there; the innermost input is the column's old value).
     */
    private static List<Assignment> assignments(String column, Expr e) {
        List<Assignment> out = new ArrayList<>();
        collect(column, List.of(), e, out);
        return out;
    }

    private static void collect(String column, List<Object> prefix, Expr e, List<Assignment> out) {
        Expr x = e;
        while (x instanceof Expr.CoerceToDomain d) x = d.arg();
        switch (x) {
            case Expr.FieldStore f -> {
                if (isAssignment(f.arg())) collect(column, prefix, f.arg(), out);
                org.tusk.catalog.TypeCache.CompositeType c = org.tusk.catalog.TypeCache.lookupComposite(f.type());
                for (int i = 0; i < f.newvals().size(); i++) {
                    int n = f.fieldnums().get(i);
                    String field = c != null && n >= 1 && n <= c.size() ? c.names().get(n - 1) : "?";
                    inner(column, append(prefix, field), f.newvals().get(i), out);
                }
            }
            case Expr.SubscriptingAssign s -> {
                if (isAssignment(s.container())) collect(column, prefix, s.container(), out);
                inner(column, append(prefix, s), s.value(), out);
            }
            default -> out.add(new Assignment(column, prefix, e));
        }
    }

    /** A nested level's new value: further indirection over the CaseTestExpr standing for the current value, or the value itself. */
    private static void inner(String column, List<Object> prefix, Expr v, List<Assignment> out) {
        Expr x = v;
        while (x instanceof Expr.CoerceToDomain d) x = d.arg();
        if (isAssignment(x)) collect(column, prefix, v, out);
        else out.add(new Assignment(column, prefix, v));
    }

    private static boolean isAssignment(Expr e) {
        Expr x = e;
        while (x instanceof Expr.CoerceToDomain d) x = d.arg();
        return x instanceof Expr.FieldStore || x instanceof Expr.SubscriptingAssign;
    }

    private static List<Object> append(List<Object> prefix, Object step) {
        List<Object> l = new ArrayList<>(prefix);
        l.add(step);
        return l;
    }

    /** get_select_query_def. */
    private void selectQuery(Query query, List<String> resultNames, boolean colNamesVisible) {
        withClause(query);
        ctx.windowClause = query.windowClause();
        ctx.windowTList = query.targetList();
        boolean forceColno;
        if (query.setOperations() != null) {
            setopQuery(query.setOperations(), query, resultNames, colNamesVisible);
            forceColno = true;
        } else {
            basicSelect(query, resultNames, colNamesVisible);
            forceColno = false;
        }
        if (!query.sortClause().isEmpty()) {
            ctx.appendContextKeyword(" ORDER BY ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            exprs.orderBy(query.sortClause(), query.targetList(), forceColno);
        }
        if (query.limitOffset() != null) {
            ctx.appendContextKeyword(" OFFSET ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
            exprs.expr(query.limitOffset(), false);
        }
        if (query.limitCount() != null) {
            ctx.appendContextKeyword(" LIMIT ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
            if (isNullConst(query.limitCount())) ctx.buf.append("ALL");
            else exprs.expr(query.limitCount(), false);
        }
        for (Query.RowMarkClause rm : query.rowMarks()) {
            ctx.appendContextKeyword(" " + rm.strength().sql(), -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
            ctx.buf.append(" OF ").append(org.tusk.utils.adt.RegTypes.quote(ctx.namespaces.get(0).name(rm.rti())));
            switch (rm.waitPolicy()) {
                case ERROR -> ctx.buf.append(" NOWAIT");
                case SKIP -> ctx.buf.append(" SKIP LOCKED");
                default -> { }
            }
        }
    }

    private static boolean isNullConst(Expr e) {
        Expr x = e;
        while (x instanceof Expr.CastFunc c) x = c.arg();
        return x instanceof Expr.Const c && c.value() == null;
    }

    /** get_with_clause. */
    private void withClause(Query query) {
        if (query.cteList().isEmpty()) return;
        StringBuilder buf = ctx.buf;
        if (ctx.prettyIndent()) {
            ctx.indentLevel += PRETTYINDENT_STD;
            buf.append(' ');
        }
        boolean recursive = query.cteList().stream().anyMatch(Query.CommonTableExpr::recursive);
        String sep = recursive ? "WITH RECURSIVE " : "WITH ";
        for (Query.CommonTableExpr cte : query.cteList()) {
            buf.append(sep).append(org.tusk.utils.adt.RegTypes.quote(cte.name()));
            List<String> aliases = cteAliasNames(cte);
            if (aliases != null) {
                buf.append('(');
                for (int i = 0; i < aliases.size(); i++) {
                    if (i > 0) buf.append(", ");
                    buf.append(org.tusk.utils.adt.RegTypes.quote(aliases.get(i)));
                }
                buf.append(')');
            }
            buf.append(" AS ");
            switch (cte.materialized()) {
                case ALWAYS -> buf.append("MATERIALIZED ");
                case NEVER -> buf.append("NOT MATERIALIZED ");
                case DEFAULT -> { }
            }
            buf.append('(');
            if (ctx.prettyIndent()) ctx.appendContextKeyword("", 0, 0, 0);
            getQueryDef(cte.written() != null ? cte.written() : cte.query(), buf, ctx, null, true);
            if (ctx.prettyIndent()) ctx.appendContextKeyword("", 0, 0, 0);
            buf.append(')');
            searchCycleClauses(cte);
            sep = ", ";
        }
        if (ctx.prettyIndent()) {
            ctx.indentLevel -= PRETTYINDENT_STD;
            ctx.appendContextKeyword("", 0, 0, 0);
        } else {
            buf.append(' ');
        }
    }

    /** The CTE's column alias list as written (aliascolnames), or null when none was. */
    private static List<String> cteAliasNames(Query.CommonTableExpr cte) {
        return cte.aliasColNames().isEmpty() ? null : cte.aliasColNames();
    }

    /** get_with_clause's SEARCH and CYCLE clauses; TO/DEFAULT only when the mark is not true/false. */
    private void searchCycleClauses(Query.CommonTableExpr cte) {
        StringBuilder buf = ctx.buf;
        if (cte.search() != null) {
            buf.append(" SEARCH ").append(cte.search().breadthFirst() ? "BREADTH" : "DEPTH").append(" FIRST BY ");
            identList(cte.search().columns());
            buf.append(" SET ").append(org.tusk.utils.adt.RegTypes.quote(cte.search().seqColumn()));
        }
        Query.CteCycleClause c = cte.cycle();
        if (c != null) {
            buf.append(" CYCLE ");
            identList(c.columns());
            buf.append(" SET ").append(org.tusk.utils.adt.RegTypes.quote(c.markColumn()));
            boolean plain = c.markValue() instanceof Expr.Const v && Boolean.TRUE.equals(v.value())
                    && c.markDefault() instanceof Expr.Const d && Boolean.FALSE.equals(d.value());
            if (!plain) {
                buf.append(" TO ");
                exprs.expr(c.markValue(), false);
                buf.append(" DEFAULT ");
                exprs.expr(c.markDefault(), false);
            }
            buf.append(" USING ").append(org.tusk.utils.adt.RegTypes.quote(c.pathColumn()));
        }
    }

    private void identList(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) ctx.buf.append(", ");
            ctx.buf.append(org.tusk.utils.adt.RegTypes.quote(names.get(i)));
        }
    }

    /** get_basic_select_query. */
    private void basicSelect(Query query, List<String> resultNames, boolean colNamesVisible) {
        StringBuilder buf = ctx.buf;
        if (ctx.prettyIndent()) {
            ctx.indentLevel += PRETTYINDENT_STD;
            buf.append(' ');
        }
        Query.RangeTblEntry values = simpleValuesRte(query, resultNames);
        if (values != null) {
            valuesDef(ctx, exprs, values.values());
            return;
        }
        buf.append("SELECT");
        if (!query.distinctClause().isEmpty()) {
            if (query.hasDistinctOn()) {
                buf.append(" DISTINCT ON (");
                String sep = "";
                for (int resno : query.distinctClause()) {
                    buf.append(sep);
                    exprs.sortGroupClause(resno, query.targetList(), false);
                    sep = ", ";
                }
                buf.append(')');
            } else {
                buf.append(" DISTINCT");
            }
        }
        targetList(query.targetList(), resultNames, colNamesVisible);
        new FromClauseDeparser(ctx, exprs).fromClause(query, " FROM ");
        if (query.where() != null) {
            ctx.appendContextKeyword(" WHERE ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            exprs.expr(query.where(), false);
        }
        if (!query.groupClause().isEmpty() || !query.groupingSets().isEmpty()) {
            ctx.appendContextKeyword(" GROUP BY ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            if (query.groupingSets().isEmpty()) {
                String sep = "";
                for (int resno : query.groupClause()) {
                    buf.append(sep);
                    exprs.sortGroupClause(resno, query.targetList(), false);
                    sep = ", ";
                }
            } else {
                groupingSets(query);
            }
        }
        if (query.havingQual() != null) {
            ctx.appendContextKeyword(" HAVING ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 0);
            exprs.expr(query.havingQual(), false);
        }
        windowClauses(query);
    }

    /**
     * GROUP BY over grouping sets: the items as written (get_rule_groupingset), or, for a query
     * that kept only the expanded sets, the equivalent GROUPING SETS list.
     */
    private void groupingSets(Query query) {
        StringBuilder buf = ctx.buf;
        if (query.groupingSets() instanceof org.tusk.nodes.GroupingSetList g) {
            if (g.distinct()) buf.append("DISTINCT ");
            String sep = "";
            for (org.tusk.nodes.GroupingSetList.Written w : g.written()) {
                buf.append(sep);
                groupingSet(w, query, true);
                sep = ", ";
            }
            return;
        }
        buf.append("GROUPING SETS (");
        String sep = "";
        for (List<Integer> set : query.groupingSets()) {
            buf.append(sep).append('(');
            String inner = "";
            for (int resno : set) {
                buf.append(inner);
                exprs.sortGroupClause(resno, query.targetList(), false);
                inner = ", ";
            }
            buf.append(')');
            sep = ", ";
        }
        buf.append(')');
    }

    /** get_rule_groupingset: one written set; a SIMPLE one of one expression bare where {@code omitParens}. */
    private void groupingSet(org.tusk.nodes.GroupingSetList.Written w, Query query, boolean omitParens) {
        StringBuilder buf = ctx.buf;
        boolean omitChildParens = true;
        switch (w.kind()) {
            case EMPTY -> {
                buf.append("()");
                return;
            }
            case SIMPLE -> {
                boolean parens = !omitParens || w.refs().size() != 1;
                if (parens) buf.append('(');
                String sep = "";
                for (int resno : w.refs()) {
                    buf.append(sep);
                    exprs.sortGroupClause(resno, query.targetList(), false);
                    sep = ", ";
                }
                if (parens) buf.append(')');
                return;
            }
            case ROLLUP -> buf.append("ROLLUP(");
            case CUBE -> buf.append("CUBE(");
            case SETS -> {
                buf.append("GROUPING SETS (");
                omitChildParens = false;
            }
        }
        String sep = "";
        for (org.tusk.nodes.GroupingSetList.Written c : w.content()) {
            buf.append(sep);
            groupingSet(c, query, omitChildParens);
            sep = ", ";
        }
        buf.append(')');
    }

    /** get_rule_windowclause: the named windows. */
    private void windowClauses(Query query) {
        String sep = null;
        for (Query.WindowClause wc : query.windowClause()) {
            if (wc.name() == null) continue;
            if (sep == null) ctx.appendContextKeyword(" WINDOW ", -PRETTYINDENT_STD, PRETTYINDENT_STD, 1);
            else ctx.buf.append(sep);
            ctx.buf.append(org.tusk.utils.adt.RegTypes.quote(wc.name())).append(" AS ");
            exprs.windowSpec(wc, query.targetList());
            sep = ", ";
        }
    }

    /**
     * get_simple_values_rte: a query that is just {@code SELECT * FROM (VALUES ...)} with the
     * VALUES entry's own column names prints as the VALUES list alone.
     */
    private static Query.RangeTblEntry simpleValuesRte(Query query, List<String> resultNames) {
        if (query.rangeTable().size() != 1 || query.rangeTable().get(0).kind() != Query.RteKind.VALUES) return null;
        if (query.where() != null || !query.groupClause().isEmpty() || query.havingQual() != null
                || !query.distinctClause().isEmpty() || !query.windowClause().isEmpty()) return null;
        Query.RangeTblEntry rte = query.rangeTable().get(0);
        int colno = 0;
        for (Query.TargetEntry te : query.targetList()) {
            if (te.resjunk()) continue;
            colno++;
            if (!(te.expr() instanceof Expr.Var v) || v.varno() != 1 || v.attno() != colno || v.levelsup() != 0) return null;
            String colname = resultNames != null && colno <= resultNames.size() ? resultNames.get(colno - 1) : te.name();
            if (!rte.columns().get(colno - 1).name().equals(colname)) return null;
        }
        return rte;
    }

    /** get_values_def: VALUES (..), (..). */
    static void valuesDef(DeparseContext ctx, RuleExpr exprs, List<List<Expr>> rows) {
        StringBuilder buf = ctx.buf;
        buf.append("VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) buf.append(", ");
            buf.append('(');
            for (int c = 0; c < rows.get(r).size(); c++) {
                if (c > 0) buf.append(','); // PostgreSQL separates the values of a row by a bare comma
                exprs.expr(rows.get(r).get(c), false);
            }
            buf.append(')');
        }
    }

    /**
     * get_target_list: each visible entry, " AS name" unless it is a column already called that;
     * with PRETTYFLAG_INDENT, an entry goes on a new line when the line would pass the wrap
     * column or the previous entry took several lines.
     */
    private void targetList(List<Query.TargetEntry> tlist, List<String> resultNames, boolean colNamesVisible) {
        StringBuilder buf = ctx.buf;
        String sep = " ";
        int colno = 0;
        boolean lastWasMultiline = false;
        for (Query.TargetEntry tle : tlist) {
            if (tle.resjunk()) continue;
            buf.append(sep);
            sep = ", ";
            colno++;
            StringBuilder target = new StringBuilder();
            ctx.buf = target;
            String attname;
            if (tle.expr() instanceof Expr.Var v) {
                attname = exprs.variable(v);
            } else if (tle.expr() instanceof Expr.WholeRowVar w) {
                exprs.wholeRow(w, true);
                attname = null;
            } else {
                exprs.expr(tle.expr(), true);
                attname = colNamesVisible ? null : "?column?";
            }
            String colname = resultNames != null && colno <= resultNames.size() ? resultNames.get(colno - 1) : tle.name();
            if (colname != null && (attname == null || !attname.equals(colname)))
                target.append(" AS ").append(org.tusk.utils.adt.RegTypes.quote(colname));
            ctx.buf = buf;
            if (ctx.prettyIndent() && ctx.wrapColumn >= 0) {
                int leadingNlPos = !target.isEmpty() && target.charAt(0) == '\n' ? 0 : -1;
                if (leadingNlPos >= 0) {
                    DeparseContext.removeStringInfoSpaces(buf);
                } else {
                    int lineStart = buf.lastIndexOf("\n") + 1;
                    if (colno > 1 && ((buf.length() - lineStart) + target.length() > ctx.wrapColumn || lastWasMultiline))
                        ctx.appendContextKeyword("", -PRETTYINDENT_STD, PRETTYINDENT_STD, DeparseContext.PRETTYINDENT_VAR);
                }
                lastWasMultiline = target.indexOf("\n", leadingNlPos + 1) >= 0;
            }
            buf.append(target);
        }
    }

    /** get_setop_query. */
    private void setopQuery(Query.SetOp setOp, Query query, List<String> resultNames, boolean colNamesVisible) {
        StringBuilder buf = ctx.buf;
        switch (setOp) {
            case Query.SetOp.Leaf leaf -> {
                Query sub = query.rangeTable().get(leaf.rtindex() - 1).subquery();
                boolean needParen = !sub.cteList().isEmpty() || !sub.sortClause().isEmpty() || !sub.rowMarks().isEmpty()
                        || sub.limitOffset() != null || sub.limitCount() != null;
                if (needParen) buf.append('(');
                getQueryDef(sub, buf, ctx, resultNames, colNamesVisible);
                if (needParen) buf.append(')');
            }
            case Query.SetOp.Op op -> {
                boolean needParen = op.left() instanceof Query.SetOp.Op lop && !(lop.op() == op.op() && lop.all() == op.all());
                int subindent;
                if (needParen) {
                    buf.append('(');
                    subindent = PRETTYINDENT_STD;
                    ctx.appendContextKeyword("", subindent, 0, 0);
                } else {
                    subindent = 0;
                }
                setopQuery(op.left(), query, resultNames, colNamesVisible);
                if (needParen) ctx.appendContextKeyword(") ", -subindent, 0, 0);
                else if (ctx.prettyIndent()) ctx.appendContextKeyword("", -subindent, 0, 0);
                else buf.append(' ');
                buf.append(switch (op.op()) {
                    case UNION -> "UNION ";
                    case INTERSECT -> "INTERSECT ";
                    case EXCEPT -> "EXCEPT ";
                });
                if (op.all()) buf.append("ALL ");
                needParen = op.right() instanceof Query.SetOp.Op;
                if (needParen) {
                    buf.append('(');
                    subindent = PRETTYINDENT_STD;
                } else {
                    subindent = 0;
                }
                ctx.appendContextKeyword("", subindent, 0, 0);
                setopQuery(op.right(), query, resultNames, false);
                if (ctx.prettyIndent()) ctx.indentLevel -= subindent;
                if (needParen) ctx.appendContextKeyword(")", 0, 0, 0);
            }
        }
    }
}
