package org.tusk.parser;

import static org.tusk.catalog.TypeOids.UNKNOWN;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.optimizer.VarLevels;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Parse analysis of INSERT, UPDATE and DELETE (PostgreSQL's analyze.c transformInsertStmt,
 * transformUpdateStmt, transformDeleteStmt, parse_target.c transformAssignedExpr, and the
 * rewriter's default insertion, rewriteTargetListIU, done here). The result Query carries the
 * complete new row in attribute order (see {@link Query}). Expressions assigned to a column are
 * coerced to its type in assignment context; a value that cannot be is 42804 with PostgreSQL's
 * hint. Column defaults come from the catalog as SQL text and are parsed and analysed here, each
 * time they are needed (a default is an expression, evaluated per row at execution).
 */
final class ModifyAnalysis {
    private final Analyzer a;

    ModifyAnalysis(Analyzer a) {
        this.a = a;
    }

    /** The target of INSERT/UPDATE/DELETE: a table (not a view or an index). */
    private Query.RangeTblEntry target(Stmt.RangeVar rv, String verb) {
        if (a.env() == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, verb + " is not supported yet");
        Query.RangeTblEntry rte = a.targetRangeTableEntry(rv, false);
        if (!rte.isTable()) {
            throw a.err("55000", "cannot " + verb.toLowerCase(java.util.Locale.ROOT) + (verb.equals("INSERT") ? " into" : "")
                    + " view \"" + rv.name() + "\"", rv.location())
                    .withDetail("Views that do not select from a single table or view are not automatically updatable.");
        }
        return rte;
    }

    /**
     * transformInsertStmt, transformUpdateStmt or transformDeleteStmt, after the statement's own
     * WITH clause, whose queries the whole statement (an INSERT's SELECT included) can read.
     */
    Query transform(Stmt s) {
        Stmt.WithClause with = switch (s) {
            case Stmt.InsertStmt i -> i.with();
            case Stmt.UpdateStmt u -> u.with();
            case Stmt.DeleteStmt d -> d.with();
            default -> throw new IllegalArgumentException("not INSERT, UPDATE or DELETE: " + s);
        };
        List<Query.CommonTableExpr> ctes = with == null ? List.of() : new CteAnalysis(a).transformWith(with);
        Query q = switch (s) {
            case Stmt.InsertStmt i -> transformInsert(i);
            case Stmt.UpdateStmt u -> transformUpdate(u);
            case Stmt.DeleteStmt d -> transformDelete(d);
            default -> throw new IllegalArgumentException();
        };
        return ctes.isEmpty() ? q : q.withCteList(ctes);
    }

    Query transformInsert(Stmt.InsertStmt s) {
        Query.RangeTblEntry rte = target(s.relation(), "INSERT");
        List<ColumnDef> cols = rte.columns();
        // the target columns, explicit or all (checkInsertTargets)
        List<Integer> attnos = new ArrayList<>();
        if (s.columns().isEmpty()) {
            for (int i = 0; i < cols.size(); i++) if (!cols.get(i).name().isEmpty()) attnos.add(i + 1);   // not dropped ones
        } else {
            // checkInsertTargets: a column may take several assignments through indirection
            // (INSERT INTO t (c.f1, c.f2)), but not also a whole-column one
            List<Integer> whole = new ArrayList<>(), partial = new ArrayList<>();
            for (Stmt.ResTarget c : s.columns()) {
                int attno = attno(rte, c.name(), c.location());
                boolean indirect = c.val() instanceof RawExpr.IndirectAssign;
                if (whole.contains(attno) || (!indirect && partial.contains(attno)))
                    throw a.err("42701", "column \"" + c.name() + "\" specified more than once", c.location());
                (indirect ? partial : whole).add(attno);
                attnos.add(attno);
            }
        }
        boolean explicitCols = !s.columns().isEmpty();

        List<List<Expr>> valuesLists = List.of();
        Query sourceQuery = null;
        Query rowsQuery = null;   // a single VALUES row with a set-returning function, as a SELECT
        int listed;
        List<Expr> sourceColumns = new ArrayList<>();
        if (s.defaultValues()) {
            listed = 0;
            valuesLists = List.of(List.of());
        } else if (s.values() != null) {
            a.setRangeTableEntry(null);
            a.setExprKind("VALUES");
            List<List<RawExpr>> rows = s.values();
            int width = rows.get(0).size();
            for (List<RawExpr> row : rows) {
                if (row.size() != width)
                    throw a.err(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", row.get(0).location());
            }
            listed = checkArity(s, width, attnos, explicitCols, rows.get(0));
            List<List<Expr>> out = new ArrayList<>();
            // transformInsertStmt: a single VALUES row is analysed as a select list (EXPR_KIND_VALUES_SINGLE)
            a.setValuesSingle(rows.size() == 1);
            for (List<RawExpr> row : rows) {
                List<Expr> r = new ArrayList<>();
                for (int i = 0; i < listed; i++) {
                    int attno = attnos.get(i);
                    RawExpr item = row.get(i);
                    if (explicitCols && s.columns().get(i).val() instanceof RawExpr.IndirectAssign ia) {
                        // (col[...].f) VALUES (v): the row holds the value itself, as transformInsertRow's
                        // strip_indirection; the column is built around it in the target list below
                        r.add(AssignmentIndirection.strip(assignedIndirect(rte, attno, s.columns().get(i), ia, item, true)));
                        continue;
                    }
                    boolean useDefault = item instanceof RawExpr.SetToDefault
                            || identityOverridden(rte, attno, s.overriding()) && !generated(rte, attno);
                    if (!useDefault) checkIdentityInsert(rte, attno, s.overriding());
                    r.add(useDefault ? defaultExpr(rte, attno)
                            : assigned(a.transformExpr(item), rte, attno, leftmost(item)));
                }
                out.add(List.copyOf(r));
            }
            a.setValuesSingle(false);
            valuesLists = List.copyOf(out);
            if (out.size() == 1 && out.get(0).stream().anyMatch(ParseSrf::containsSrf)) {
                // a set-returning function makes the row a set of rows: PostgreSQL plans the single row as
                // the INSERT's own target list (ProjectSet); here it becomes the source query SELECT row,
                // one level down, so what the row refers to above this level moves one level out
                List<Query.TargetEntry> tl = new ArrayList<>();
                for (int i = 0; i < listed; i++) {
                    tl.add(new Query.TargetEntry(VarLevels.incrementLevelsUp(out.get(0).get(i), 1), i + 1,
                            "column" + (i + 1), false));
                }
                rowsQuery = new Query(Query.CommandType.SELECT, null, List.of(), List.copyOf(tl), null, List.of(), null,
                        null, List.of(), 0, List.of(), null, List.of());
                valuesLists = List.of();
            }
            for (int i = 0; i < listed; i++) {
                ColumnDef c = cols.get(attnos.get(i) - 1);
                Expr first = out.get(0).get(i);
                sourceColumns.add(indirect(s, i) ? new Expr.Var(2, i + 1, first.type(), first.typmod(), c.name(), -1)
                        : new Expr.Var(2, i + 1, c.typeOid(), c.typmod(), c.name(), -1));
            }
        } else {
            // one level down, as transformInsertStmt's sub_pstate: the INSERT's WITH queries are visible
            Analyzer sub = a.subquery();
            // unknown-type literals stay unknown, to be read as the target columns' types (p_resolve_unknowns)
            sub.resolveUnknowns = false;
            sourceQuery = sub.transformSelect(s.select());
            List<Query.TargetEntry> visible = new ArrayList<>();
            for (Query.TargetEntry te : sourceQuery.targetList()) if (!te.resjunk()) visible.add(te);
            List<RawExpr> locs = new ArrayList<>();
            for (Stmt.ResTarget rt : s.select().targetList()) locs.add(rt.val());
            if (visible.size() > attnos.size()) {
                int loc = visible.size() == locs.size() ? locs.get(attnos.size()).location() : -1;
                throw a.err(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", loc);
            }
            if (visible.size() < attnos.size() && explicitCols)
                throw a.err(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                        s.columns().get(visible.size()).location());
            listed = visible.size();
            for (int i = 0; i < listed; i++) {
                Expr e = visible.get(i).expr();
                int loc = visible.size() == locs.size() ? locs.get(i).location() : -1;
                Expr v = new Expr.Var(2, i + 1, e.type(), e.typmod(), visible.get(i).name(), loc);
                sourceColumns.add(indirect(s, i) ? v : assigned(v, rte, attnos.get(i), loc));
            }
        }

        // the complete new row: listed columns from the source, the rest from their defaults
        List<Query.TargetEntry> tlist = new ArrayList<>();
        Map<Integer, Expr> byAttno = new HashMap<>();
        for (int i = 0; i < listed; i++) {
            int attno = attnos.get(i);
            if (sourceQuery != null) {
                if (identityOverridden(rte, attno, s.overriding()) && !generated(rte, attno)) continue;
                checkIdentityInsert(rte, attno, s.overriding());
            }
            if (indirect(s, i)) {
                // transformAssignmentIndirection over the source column, then process_matched_tle
                // nests the assignments to one column
                Stmt.ResTarget t = s.columns().get(i);
                Expr e = assignedIndirect(rte, attno, t, (RawExpr.IndirectAssign) t.val(), sourceColumns.get(i));
                byAttno.put(attno, byAttno.containsKey(attno) ? AssignmentIndirection.merge(byAttno.get(attno), e, t.name()) : e);
                continue;
            }
            byAttno.put(attno, sourceColumns.get(i));
        }
        for (int attno = 1; attno <= cols.size(); attno++) {
            Expr e = byAttno.containsKey(attno) ? byAttno.get(attno) : defaultExpr(rte, attno);
            tlist.add(new Query.TargetEntry(e, attno, cols.get(attno - 1).name(), false));
        }
        Query.OnConflictExpr onConflict = s.onConflict() == null ? null : new ConflictAnalysis(a, this).transform(rte, s.onConflict());
        a.setRangeTableEntry(rte);
        // EXCLUDED stays in the range table but not in RETURNING's namespace (errorMissingRTE's hint)
        if (onConflict != null && onConflict.doUpdate()) a.addRangeTableEntry(ConflictAnalysis.excludedRte(rte));
        List<Query.TargetEntry> returning = returning(s.returning());
        // transformInsertStmt marks the listed columns the source fills (insertedCols: as many as
        // it has values for) and ON CONFLICT DO UPDATE's SET columns (updatedCols)
        rte = rte.withModifiedCols(new java.util.HashSet<>(attnos.subList(0, listed)),
                onConflict != null && onConflict.doUpdate() ? setColumns(rte, s.onConflict().set()) : java.util.Set.of());
        Query q = new Query(Query.CommandType.INSERT, null, List.of(rte), List.copyOf(tlist), null, List.of(), null, null,
                List.of(), 1, valuesLists, sourceQuery != null ? sourceQuery : rowsQuery, returning);
        return onConflict == null ? q : q.withOnConflict(onConflict);
    }

    /** Whether INSERT target column {@code i} is assigned through indirection. */
    private static boolean indirect(Stmt.InsertStmt s, int i) {
        return !s.columns().isEmpty() && s.columns().get(i).val() instanceof RawExpr.IndirectAssign;
    }

    /** {@link #assignedIndirect(Query.RangeTblEntry, int, Stmt.ResTarget, RawExpr.IndirectAssign, Expr)} of a raw value. */
    private Expr assignedIndirect(Query.RangeTblEntry rte, int attno, Stmt.ResTarget t, RawExpr.IndirectAssign ia,
                                  RawExpr value, boolean insert) {
        if (value instanceof RawExpr.SetToDefault)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, ia.indirection().get(0).subscript() != null
                    ? "cannot set an array element to DEFAULT" : "cannot set a subfield to DEFAULT", t.location());
        Expr rhs = a.transformExpr(value);
        return insert ? assignedIndirect(rte, attno, t, ia, rhs) : assignedIndirect(rte, attno, t, ia, rhs, columnVar(rte, attno, t));
    }

    /** transformAssignedExpr with indirection in INSERT: the value assigned into a NULL of the column's type. */
    private Expr assignedIndirect(Query.RangeTblEntry rte, int attno, Stmt.ResTarget t, RawExpr.IndirectAssign ia, Expr rhs) {
        ColumnDef c = rte.columns().get(attno - 1);
        return assignedIndirect(rte, attno, t, ia, rhs, new Expr.Const(c.typeOid(), c.typmod(), null, -1));
    }

    /** transformAssignedExpr with indirection: {@code rhs} assigned through the target's steps into {@code base}. */
    private Expr assignedIndirect(Query.RangeTblEntry rte, int attno, Stmt.ResTarget t, RawExpr.IndirectAssign ia, Expr rhs,
                                  Expr base) {
        ColumnDef c = rte.columns().get(attno - 1);
        return AssignmentIndirection.transform(a, base, c.name(), c.typeOid(), c.typmod(), ia.indirection(), rhs, t.location());
    }

    /** The old value of an UPDATE's target column (a Var of range table entry 1). */
    private static Expr columnVar(Query.RangeTblEntry rte, int attno, Stmt.ResTarget t) {
        ColumnDef c = rte.columns().get(attno - 1);
        return new Expr.Var(1, attno, c.typeOid(), c.typmod(), c.name(), t.location());
    }

    /** Whether column {@code attno} of the target is a stored generated column (attgenerated). */
    static boolean generated(Query.RangeTblEntry rte, int attno) {
        return rte.table() != null && rte.table().attgenerated(attno) != 0;
    }

    /** OVERRIDING USER VALUE: a value given for an identity column is replaced by the column's default. */
    static boolean identityOverridden(Query.RangeTblEntry rte, int attno, char overriding) {
        return overriding == 'u' && rte.table() != null && rte.table().attidentity(attno) != 0;
    }

    /**
     * rewriteTargetListIU: a value other than DEFAULT for a GENERATED ALWAYS identity column
     * needs OVERRIDING SYSTEM VALUE (428C9).
     */
    static void checkIdentityInsert(Query.RangeTblEntry rte, int attno, char overriding) {
        if (rte.table() != null && rte.table().attgenerated(attno) != 0) {
            // rewriteTargetListIU: a generated column takes only DEFAULT, whatever OVERRIDING says
            String name = rte.columns().get(attno - 1).name();
            throw PgException.error("428C9", "cannot insert a non-DEFAULT value into column \"" + name + "\"")
                    .withDetail("Column \"" + name + "\" is a generated column.");
        }
        if (rte.table() == null || rte.table().attidentity(attno) != 'a' || overriding == 's') return;
        String name = rte.columns().get(attno - 1).name();
        throw PgException.error("428C9", "cannot insert a non-DEFAULT value into column \"" + name + "\"")
                .withDetail("Column \"" + name + "\" is an identity column defined as GENERATED ALWAYS.")
                .withHint("Use OVERRIDING SYSTEM VALUE to override.");
    }

    /** The number of listed columns a VALUES row fills, with PostgreSQL's errors for a mismatch. */
    private int checkArity(Stmt.InsertStmt s, int width, List<Integer> attnos, boolean explicitCols, List<RawExpr> first) {
        if (width > attnos.size())
            throw a.err(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                    first.get(attnos.size()).location());
        if (width < attnos.size() && explicitCols)
            throw a.err(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                    s.columns().get(width).location());
        return width;
    }

    Query transformUpdate(Stmt.UpdateStmt s) {
        Query.RangeTblEntry rte = target(s.relation(), "UPDATE");
        List<Query.JoinNode> fromList = fromClause(rte, s.from());
        Expr where = where(s.where());
        a.setExprKind("UPDATE");
        List<Query.TargetEntry> tlist = updateTargetList(rte, s.targetList());
        List<Query.TargetEntry> returning = returning(s.returning());
        // transformUpdateTargetList marks each SET column (updatedCols), SET a = a included
        a.rtable.set(0, rte.withModifiedCols(java.util.Set.of(), setColumns(rte, s.targetList())));
        return modifyQuery(Query.CommandType.UPDATE, tlist, where, returning, fromList);
    }

    /** The attnums of the columns a SET list assigns (updatedCols). */
    private java.util.Set<Integer> setColumns(Query.RangeTblEntry rte, List<Stmt.ResTarget> targets) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (Stmt.ResTarget t : targets) out.add(attno(rte, t.name(), t.location()));
        return out;
    }

    /**
     * transformUpdateTargetList with rewriteTargetListIU's completion: the new row of an UPDATE
     * (or of MERGE's UPDATE action) for SET list {@code targets}, one entry per attribute, the
     * columns not set being Vars of themselves (range table entry 1). Expressions are analysed in
     * the analyzer's current namespace and expression kind.
     */
    List<Query.TargetEntry> updateTargetList(Query.RangeTblEntry rte, List<Stmt.ResTarget> targets) {
        Map<Integer, Expr> assigned = new HashMap<>();
        for (Stmt.ResTarget t : targets) {
            int attno = attno(rte, t.name(), t.location());
            Expr e;
            if (t.val() instanceof RawExpr.IndirectAssign ia) {
                e = assignedIndirect(rte, attno, t, ia, ia.value(), false);
            } else {
                if (generated(rte, attno)) {
                    if (!(t.val() instanceof RawExpr.SetToDefault))
                        throw PgException.error("428C9", "column \"" + t.name() + "\" can only be updated to DEFAULT")
                                .withDetail("Column \"" + t.name() + "\" is a generated column.");
                    // rewriteTargetListIU drops the entry: the executor computes the column anew
                    continue;
                }
                if (!(t.val() instanceof RawExpr.SetToDefault) && rte.table() != null && rte.table().attidentity(attno) == 'a') {
                    // rewriteTargetListIU: an ALWAYS identity column can only be set to its default.
                    throw PgException.error("428C9", "column \"" + t.name() + "\" can only be updated to DEFAULT")
                            .withDetail("Column \"" + t.name() + "\" is an identity column defined as GENERATED ALWAYS.");
                }
                e = t.val() instanceof RawExpr.SetToDefault ? defaultExpr(rte, attno)
                        : assigned(a.transformExpr(t.val()), rte, attno, leftmost(t.val()));
            }
            // process_matched_tle: assignments to parts of one column nest, others are an error
            assigned.put(attno, assigned.containsKey(attno) ? AssignmentIndirection.merge(assigned.get(attno), e, t.name()) : e);
        }
        List<ColumnDef> cols = rte.columns();
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (int attno = 1; attno <= cols.size(); attno++) {
            ColumnDef c = cols.get(attno - 1);
            // expand_targetlist: a dropped column is stored as NULL in the new version; a generated
            // one is NULL until ExecComputeStoredGenerated (BEFORE ROW triggers see it so)
            Expr e = assigned.containsKey(attno) ? assigned.get(attno)
                    : c.name().isEmpty() ? new Expr.Const(c.typeOid(), -1, null, -1)
                    : generated(rte, attno) ? new Expr.Const(c.typeOid(), c.typmod(), null, -1)
                    : new Expr.Var(1, attno, c.typeOid(), c.typmod(), c.name(), -1);
            tlist.add(new Query.TargetEntry(e, attno, c.name(), false));
        }
        return List.copyOf(tlist);
    }

    Query transformDelete(Stmt.DeleteStmt s) {
        Query.RangeTblEntry rte = target(s.relation(), "DELETE");
        List<Query.JoinNode> fromList = fromClause(rte, s.using());
        Expr where = where(s.where());
        List<Query.TargetEntry> returning = returning(s.returning());
        return modifyQuery(Query.CommandType.DELETE, List.of(), where, returning, fromList);
    }

    /**
     * The range table and join tree of UPDATE/DELETE: the target (entry 1), then the items of
     * UPDATE's FROM or DELETE's USING (transformFromClause, as PostgreSQL's
     * transformUpdateStmt/transformDeleteStmt), all visible to WHERE, SET and RETURNING.
     */
    private List<Query.JoinNode> fromClause(Query.RangeTblEntry rte, List<Stmt.FromItem> from) {
        a.setRangeTableEntry(rte);
        List<Query.JoinNode> nodes = new ArrayList<>();
        nodes.add(new Query.JoinNode.RangeRef(1));
        if (!from.isEmpty()) nodes.addAll(new ParseClause(a).transformFromClause(from, List.copyOf(a.namespace)));
        return List.copyOf(nodes);
    }

    private Query modifyQuery(Query.CommandType cmd, List<Query.TargetEntry> tlist, Expr where,
                              List<Query.TargetEntry> returning, List<Query.JoinNode> fromList) {
        return new Query(cmd, null, List.copyOf(a.rtable), tlist, where, List.of(), null, null, List.of(), 1, List.of(),
                null, returning, fromList, List.of(), null, List.of(), false, null, List.of());
    }

    private Expr where(RawExpr raw) {
        if (raw == null) return null;
        if (raw instanceof RawExpr.CurrentOf c) return currentOf(c);
        a.setExprKind("WHERE");
        return a.coerceToBoolean(a.transformExpr(raw), "WHERE", raw.location());
    }

    /**
     * transformCurrentOfExpr: WHERE CURRENT OF addresses the target (range table entry 1) through
     * its ctid and tableoid system columns, which the executor compares with the cursor's row.
     */
    private Expr currentOf(RawExpr.CurrentOf c) {
        Query.RangeTblEntry rte = a.rtable.get(0);
        int natts = rte.columns().size();
        Expr ctid = new Expr.Var(1, natts + 1, 27 /* tid */, -1, "ctid", c.location());
        Expr tableOid = new Expr.Var(1, natts + 6, org.tusk.catalog.TypeOids.OID, -1, "tableoid", c.location());
        return new Expr.CurrentOfExpr(c.cursorName(), ctid, tableOid);
    }

    /** RETURNING, over the namespace the statement set up (the target and any FROM/USING items). */
    private List<Query.TargetEntry> returning(List<Stmt.ResTarget> targets) {
        if (targets.isEmpty()) return List.of();
        a.setExprKind("RETURNING");
        return List.copyOf(a.transformTargetList(targets));
    }

    /** The 1-based attribute number of column {@code name} of the target; 42703 if there is none. */
    int attno(Query.RangeTblEntry rte, String name, int location) {
        List<ColumnDef> cols = rte.columns();
        for (int i = 0; i < cols.size(); i++) if (cols.get(i).name().equals(name)) return i + 1;
        throw a.err(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + rte.relname()
                + "\" does not exist", location);
    }

    /** exprLocation of what a raw expression becomes: its leftmost token (a cast's operand, an operator's left side). */
    static int leftmost(RawExpr e) {
        return switch (e) {
            case RawExpr.TypeCast tc -> Math.min(leftmost(tc.arg()), tc.location());
            case RawExpr.AExpr x when x.lexpr() != null -> Math.min(leftmost(x.lexpr()), x.location());
            // a column of SET (a, b) = (SELECT x, y ...): its PARAM_MULTIEXPR has the location of the sub-select's item
            case RawExpr.MultiAssignRef m when m.source() instanceof RawExpr.SubLink sl
                    && sl.subselect().op() == Stmt.SetOperation.NONE && (sl.subselect().valuesLists() == null || sl.subselect().valuesLists().isEmpty())
                    && m.colno() <= sl.subselect().targetList().size()
                    && sl.subselect().targetList().get(m.colno() - 1).val() != null ->
                    leftmost(sl.subselect().targetList().get(m.colno() - 1).val());
            default -> e.location();
        };
    }

    /** transformAssignedExpr: coerces {@code e} to the column's type and typmod in assignment context. */
    Expr assigned(Expr e, Query.RangeTblEntry rte, int attno, int location) {
        ColumnDef c = rte.columns().get(attno - 1);
        if (e.type() != UNKNOWN && !ParseCoerce.canCoerce(e.type(), c.typeOid(), Context.ASSIGNMENT))
            throw a.err(SqlState.DATATYPE_MISMATCH, "column \"" + c.name() + "\" is of type "
                    + BuiltinCatalog.formatType(c.typeOid()) + " but expression is of type "
                    + BuiltinCatalog.formatType(e.type()), location)
                    .withHint("You will need to rewrite or cast the expression.");
        return a.coerce(e, c.typeOid(), c.typmod(), Context.ASSIGNMENT, location);
    }

    /**
     * build_column_default: the column's default expression, parsed from the catalog's text and
     * coerced to the column's type, or a typed NULL when the column has none.
     */
    Expr defaultExpr(Query.RangeTblEntry rte, int attno) {
        ColumnDef c = rte.columns().get(attno - 1);
        // a generated column is NULL until the executor computes it (ExecComputeStoredGenerated)
        if (generated(rte, attno)) return new Expr.Const(c.typeOid(), c.typmod(), null, -1);
        List<String> defaults = a.env().catalog().columnDefaults(rte.table());
        String sql = attno - 1 < defaults.size() ? defaults.get(attno - 1) : null;
        org.tusk.catalog.DomainInfo domain = sql == null ? org.tusk.catalog.TypeCache.lookupDomain(c.typeOid()) : null;
        if (domain != null) {
            // a column without a default of its own takes its domain's (get_typdefault); with none,
            // a NULL coerced to the domain, so that its NOT NULL and CHECKs are still applied
            if (domain.defaultSql() != null) {
                return analyzeDefault(a.child(domain.defaultSql()), domain.defaultSql(), c.name(), c.typeOid(), c.typmod());
            }
            return a.coerce(new Expr.Const(UNKNOWN, -1, null, -1), c.typeOid(), c.typmod(), Context.ASSIGNMENT, -1);
        }
        if (sql == null) return new Expr.Const(c.typeOid(), c.typmod(), null, -1);
        return analyzeDefault(a.child(sql), sql, c.name(), c.typeOid(), c.typmod());
    }

    /**
     * cookDefault: analyses a DEFAULT expression's text for a column of type {@code typeOid}.
     * Column references are not allowed (0A000); a value of another type that cannot be assigned
     * is 42804 "column ... is of type ... but default expression is of type ...".
     */
    static Expr analyzeDefault(Analyzer fresh, String sql, String column, int typeOid, int typmod) {
        RawExpr raw = Parser.parseExpression(sql, fresh.scanSettings());
        fresh.setRangeTableEntry(null);
        fresh.setExprKind("DEFAULT expressions");
        Expr e;
        try {
            e = fresh.transformExpr(raw);
        } catch (PgException ex) {
            if (ex.sqlState().equals(SqlState.UNDEFINED_COLUMN))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression");
            throw ex;
        }
        if (e.type() != UNKNOWN && !ParseCoerce.canCoerce(e.type(), typeOid, Context.ASSIGNMENT))
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type "
                    + BuiltinCatalog.formatType(typeOid) + " but default expression is of type "
                    + BuiltinCatalog.formatType(e.type()))
                    .withHint("You will need to rewrite or cast the expression.");
        return fresh.coerce(e, typeOid, typmod, Context.ASSIGNMENT, raw.location());
    }
}
