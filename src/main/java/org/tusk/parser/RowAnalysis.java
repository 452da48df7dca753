package org.tusk.parser;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.RECORD;
import static org.tusk.catalog.TypeOids.UNKNOWN;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.TypeCache;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Parse analysis of composite values, as parse_expr.c and parse_target.c do it: row
 * constructors (transformRowExpr, with {@code t.*} items expanded into the columns), whole-row
 * references to a FROM item (a RowExpr of its column Vars, typed with the table's row type or
 * RECORD), field selection ({@code (x).f}, ParseComplexProjection), row-wise comparison of two
 * row constructors (make_row_comparison_op, make_row_distinct_op), the multiple-column UPDATE
 * source (transformMultiAssignRef) and the coercion of a row to a named composite type
 * (coerce_record_to_complex).
 *
 * <p>A composite value's fields are known from its RowExpr when it is one, else from the
 * composite type in the {@link TypeCache}; a RECORD value that is not a RowExpr has no known
 * fields here (42703, as PostgreSQL says for a record whose type it cannot resolve).
 */
final class RowAnalysis {
    /** pg_type oid of tid, the type of a table's ctid. */
    private static final int TIDOID = 27;

    /**
     * The name of the column after a non-table FROM item's columns that tells a row of the item
     * from a null-extended one (see {@link #wholeRow}); never a user's column.
     */
    private static final String ROW_PRESENT = "?row present?";

    private RowAnalysis() {}

    /** transformRowExpr: ROW(...) / (a, b): an anonymous record whose fields are named f1, f2, .... */
    static Expr transformRow(Analyzer a, RawExpr.RowExpr r) {
        List<Expr> args = transformItems(a, r.args());
        if (args.size() > 1664)
            throw a.err(SqlState.PROGRAM_LIMIT_EXCEEDED, "ROW expressions can have at most 1664 entries", r.location());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) names.add("f" + (i + 1));
        return new Expr.RowExpr(args, RECORD, List.copyOf(names), r.location());
    }

    /** transformExpressionList: the items, with {@code t.*} expanded into the columns of t. */
    static List<Expr> transformItems(Analyzer a, List<RawExpr> items) {
        List<Expr> out = new ArrayList<>();
        for (RawExpr item : items) {
            if (item instanceof RawExpr.ColumnRef c && c.star() && !c.fields().isEmpty()) {
                Expr whole = wholeRowRef(a, c.fields().get(c.fields().size() - 1), c.location());
                out.addAll(columnsOf(whole));
            } else if (item instanceof RawExpr.FieldSelection f && f.field() == null) {
                out.addAll(expandFields(a, a.transformExpr(f.arg()), f.location()));
            } else {
                out.add(a.transformExpr(item));
            }
        }
        return out;
    }

    /**
     * A whole-row reference to the FROM item called {@code refname} at this or an outer level
     * (transformWholeRowRef): a RowExpr of its columns; null if no item has that name.
     */
    static Expr wholeRow(Analyzer a, String refname, int location) {
        int levelsup = 0;
        for (Analyzer lvl = a; lvl != null; lvl = lvl.parent, levelsup++) {
            NsItem item = lvl.findRelation(refname, location);
            if (item == null) continue;
            Query.RangeTblEntry rte = item.rte();
            int type = RECORD;
            if (rte != null && rte.kind() == Query.RteKind.RELATION && rte.isTable()) {
                int t = TypeCache.installedRowTypeOf(rte.table().oid());
                if (t != 0) type = t;
            }
            List<Expr> args = new ArrayList<>();
            for (Expr e : item.colExprs()) args.add(ExprTrees.incrementLevelsUp(e, levelsup));
            Expr.RowExpr row = new Expr.RowExpr(args, type, item.colnames(), location);
            if (rte == null || rte.kind() == Query.RteKind.JOIN || rte.columns() == null) return row;
            if (storesTuples(rte)) {
                if (type == RECORD) return row;
                // makeWholeRowVar: a stored table's row, NULL when an outer join null-extends it; its
                // ctid tells the two apart (NULL only in a null-extended row)
                Expr ctid = new Expr.Var(item.rtindex(), rte.columns().size() + 1, TIDOID, -1, "ctid", location, levelsup);
                return new Expr.WholeRowVar(row, ctid, refname, location);
            }
            // Any other FROM item (subquery, view, function, VALUES, WITH query) has no ctid: the
            // planner makes its scan emit a constant TRUE after its columns when something reads
            // this "row present" column, so that the row is NULL where an outer join null-extends
            // the item, as PostgreSQL's whole-row Var of the subquery scan (or its PlaceHolderVar
            // after pull-up) is. A join's alias stays a plain ROW() of the join's columns, as
            // flatten_join_alias_vars makes it.
            Expr present = new Expr.Var(item.rtindex(), rte.columns().size() + 1, BOOL, -1, ROW_PRESENT, location, levelsup);
            return new Expr.WholeRowVar(row, present, refname, location);
        }
        return null;
    }

    /**
     * Whether the entry is a table whose scan yields its rows' TIDs: an ordinary or partitioned
     * table or a materialized view, not a view (the rewriter makes it a subquery) nor a foreign
     * table or a catalog Tusk computes.
     */
    private static boolean storesTuples(Query.RangeTblEntry rte) {
        if (!rte.isTable() || rte.relation() instanceof org.tusk.catalog.ComputedCatalog) return false;
        char k = rte.table().relkind();
        return k == 'r' || k == 'p' || k == 'm';
    }

    /**
     * The columns of a row expression as separate expressions, when it is a row constructor or a
     * whole-row reference (ExpandRowReference's special case of a whole-row Var: its fields are
     * the entry's column Vars); null for any other composite expression.
     */
    static List<Expr> columnsOf(Expr e) {
        if (e instanceof Expr.RowExpr r) return r.args();
        if (e instanceof Expr.WholeRowVar w && w.row() instanceof Expr.RowExpr r) return r.args();
        return null;
    }

    /** {@link #wholeRow}, 42P01 when no FROM item has that name. */
    static Expr wholeRowRef(Analyzer a, String refname, int location) {
        Expr e = wholeRow(a, refname, location);
        if (e == null) throw a.missingRte(refname, location);
        return e;
    }

    /** The fields' names of a composite expression, or null if they cannot be known. */
    static List<String> fieldNames(Expr e) {
        if (e instanceof Expr.RowExpr r) return r.colnames();
        if (e instanceof Expr.WholeRowVar w && w.row() instanceof Expr.RowExpr r) return r.colnames();
        List<org.tusk.catalog.ColumnDef> out = outColumns(e);
        if (out != null) return out.stream().map(org.tusk.catalog.ColumnDef::name).toList();
        TypeCache.CompositeType c = e.type() == RECORD ? null : TypeCache.lookupComposite(e.type());
        return c == null ? null : c.names();
    }

    /**
     * get_expr_result_type for a call of a function returning RECORD through OUT parameters
     * (jsonb_each): its result columns, else null.
     */
    private static List<org.tusk.catalog.ColumnDef> outColumns(Expr e) {
        if (e.type() == RECORD && e instanceof Expr.FuncExpr f && f.proc().outColumns() != null
                && f.proc().outColumns().size() > 1)
            return f.proc().outColumns();
        return null;
    }

    /** Whether {@code type} is a composite type (RECORD or a named row type). */
    static boolean isComposite(int type) {
        return type == RECORD || TypeCache.lookupComposite(type) != null;
    }

    /** (x).f: ParseComplexProjection / FieldSelect. */
    static Expr transformFieldSelection(Analyzer a, RawExpr.FieldSelection f) {
        Expr arg = a.transformExpr(f.arg());
        if (f.field() == null) {
            // (x).* outside a target list or row constructor stands for the row itself
            if (!isComposite(arg.type()))
                throw a.err(SqlState.WRONG_OBJECT_TYPE, "type " + BuiltinCatalog.formatType(arg.type())
                        + " is not composite", f.location());
            return arg;
        }
        return selectField(a, arg, f.field(), f.arg().location());
    }

    /** Field {@code name} of composite {@code arg}, with PostgreSQL's errors when it has none. */
    static Expr selectField(Analyzer a, Expr arg, String name, int location) {
        // ParseComplexProjection's special case: a field of a whole-row reference is the column's Var
        if (arg instanceof Expr.WholeRowVar w && w.row() instanceof Expr.RowExpr r && r.colnames().contains(name))
            return r.args().get(r.colnames().indexOf(name));
        if (arg instanceof Expr.RowExpr r && (r.type() == RECORD || r.colnames().contains(name))) {
            int i = r.colnames().indexOf(name);
            if (i < 0) throw a.err(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + name
                    + "\" in record data type", location);
            return r.args().get(i);
        }
        List<org.tusk.catalog.ColumnDef> out = outColumns(arg);
        if (out != null) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).name().equals(name))
                    return new Expr.FieldSelect(arg, i + 1, out.get(i).typeOid(), out.get(i).typmod(),
                            arg.type() == RECORD ? name : null);
            }
        }
        if (arg.type() == RECORD)
            throw a.err(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + name + "\" in record data type", location);
        TypeCache.CompositeType c = TypeCache.lookupComposite(arg.type());
        if (c == null)
            throw a.err(SqlState.WRONG_OBJECT_TYPE, "column notation ." + name + " applied to type "
                    + BuiltinCatalog.formatType(arg.type()) + ", which is not a composite type", location);
        int n = c.fieldNumber(name);
        if (n == 0)
            throw a.err(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" not found in data type "
                    + BuiltinCatalog.formatType(arg.type()), location);
        return new Expr.FieldSelect(arg, n, c.types().get(n - 1), c.typmods().get(n - 1));
    }

    /** (x).* in a target list or row constructor: one expression per field (ExpandRowReference). */
    static List<Expr> expandFields(Analyzer a, Expr arg, int location) {
        List<Expr> cols = columnsOf(arg);
        if (cols != null) return cols;
        List<String> names = fieldNames(arg);
        if (names == null) {
            if (arg.type() == RECORD)
                throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "record type has not been registered", location);
            throw a.err(SqlState.WRONG_OBJECT_TYPE, "type " + BuiltinCatalog.formatType(arg.type()) + " is not composite",
                    location);
        }
        List<Expr> out = new ArrayList<>();
        for (String n : names) out.add(selectField(a, arg, n, location));
        return out;
    }

    /** The field names ExpandRowReference gives the target entries of {@code (x).*}. */
    static List<String> expandNames(Expr arg) {
        return fieldNames(arg);
    }

    /**
     * make_row_comparison_op: {@code (a, b) op (x, y)}. = is the AND of the pairs' equalities,
     * &lt;&gt; the OR of their inequalities, the ordering operators a RowCompareExpr.
     */
    static Expr rowComparison(Analyzer a, String op, List<Expr> l, List<Expr> r, List<Integer> llocs,
                              List<Integer> rlocs, int location) {
        if (l.size() != r.size())
            throw a.err(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions", location);
        if (l.isEmpty())
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "cannot compare rows of zero length", location);
        List<Expr.OpExpr> pairs = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Expr cmp = a.makeOp(op, l.get(i), r.get(i), llocs.get(i), rlocs.get(i), location);
            if (cmp.type() != BOOL)
                throw a.err(SqlState.DATATYPE_MISMATCH, "row comparison operator must yield type boolean, not type "
                        + BuiltinCatalog.formatType(cmp.type()), location);
            if (!(cmp instanceof Expr.OpExpr o))
                throw a.err(SqlState.UNDEFINED_FUNCTION, "could not determine interpretation of row comparison operator " + op,
                        location).withHint("Row comparison operators must be associated with btree operator families.");
            pairs.add(o);
        }
        if (pairs.size() == 1) return pairs.get(0);
        switch (op) {
            case "=" -> { return new Expr.BoolExpr(RawExpr.BoolOp.AND, new ArrayList<>(pairs)); }
            case "<>" -> { return new Expr.BoolExpr(RawExpr.BoolOp.OR, new ArrayList<>(pairs)); }
            case "<", "<=", ">", ">=" -> {
                Expr.RowCompareType rc = switch (op) {
                    case "<" -> Expr.RowCompareType.LT;
                    case "<=" -> Expr.RowCompareType.LE;
                    case ">" -> Expr.RowCompareType.GT;
                    default -> Expr.RowCompareType.GE;
                };
                List<org.tusk.catalog.PgOperator> ops = new ArrayList<>(), eqs = new ArrayList<>();
                List<Expr> la = new ArrayList<>(), ra = new ArrayList<>();
                for (Expr.OpExpr o : pairs) {
                    Expr x = o.args().get(0), y = o.args().get(1);
                    Expr eq = a.makeOp("=", x, y, -1, -1, location);
                    if (!(eq instanceof Expr.OpExpr e) || eq.type() != BOOL)
                        throw a.err(SqlState.UNDEFINED_FUNCTION, "could not determine interpretation of row comparison operator "
                                + op, location).withHint("Row comparison operators must be associated with btree operator families.");
                    ops.add(o.op());
                    eqs.add(e.op());
                    la.add(e.args().get(0));
                    ra.add(e.args().get(1));
                }
                return new Expr.RowCompareExpr(rc, List.copyOf(ops), List.copyOf(eqs), List.copyOf(la), List.copyOf(ra));
            }
            default -> throw a.err(SqlState.UNDEFINED_FUNCTION, "could not determine interpretation of row comparison operator "
                    + op, location).withHint("Row comparison operators must be associated with btree operator families.");
        }
    }

    /** make_row_distinct_op: the rows are distinct if any pair of fields is (IS NOT DISTINCT FROM negates it). */
    static Expr rowDistinct(Analyzer a, List<Expr> l, List<Expr> r, boolean not, int location) {
        if (l.size() != r.size())
            throw a.err(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions", location);
        List<Expr> ors = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Expr eq = a.makeOp("=", l.get(i), r.get(i), -1, -1, location);
            if (!(eq instanceof Expr.OpExpr o) || eq.type() != BOOL)
                throw a.err(SqlState.DATATYPE_MISMATCH, "IS DISTINCT FROM requires = operator to yield boolean", location);
            ors.add(new Expr.DistinctExpr(o.op(), o.args().get(0), o.args().get(1), false));
        }
        Expr result = ors.size() == 1 ? ors.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.OR, ors);
        return not ? new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(result)) : result;
    }

    /** The fields of a row operand of a comparison: a row constructor's items, or null for anything else. */
    static List<Expr> rowItems(Analyzer a, RawExpr e) {
        return e instanceof RawExpr.RowExpr r ? transformItems(a, r.args()) : null;
    }

    static List<Integer> locations(RawExpr e, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
            out.add(e instanceof RawExpr.RowExpr r && i < r.args().size() ? r.args().get(i).location() : e.location());
        return out;
    }

    /**
     * transformMultiAssignRef for a sub-SELECT source: column {@code colno} of the one row of a
     * MULTIEXPR sublink, a FieldSelect of it. The sub-select is analysed once, for the first
     * column, and every column of the assignment reads a copy of that one SubLink, whose
     * subLinkId the planner uses to plan it as one SubPlan evaluated once per row (PostgreSQL's
     * resjunk MULTIEXPR target entry and its PARAM_MULTIEXPR Params).
     */
    static Expr multiAssign(Analyzer a, RawExpr.MultiAssignRef m) {
        if (m.source() instanceof RawExpr.RowExpr raw) {
            // a row constructor whose * items expand: its items, counted after the expansion
            Expr row = a.transformExpr(raw);
            if (!(row instanceof Expr.RowExpr r) || r.args().size() != m.ncolumns())
                throw a.err(SqlState.SYNTAX_ERROR, "number of columns does not match number of values", raw.location());
            return r.args().get(m.colno() - 1);
        }
        Expr.SubLink s = a.multiAssignSubLink(m.source());
        if (s == null) {
            RawExpr.SubLink sl = (RawExpr.SubLink) m.source();
            s = a.transformMultiExprSubLink(sl);
            int ncols = 0;
            for (Query.TargetEntry te : s.subselect().targetList()) if (!te.resjunk()) ncols++;
            if (ncols != m.ncolumns())
                throw a.err(SqlState.SYNTAX_ERROR, "number of columns does not match number of values", sl.location());
        }
        Expr field = s.subselect().targetList().get(m.colno() - 1).expr();
        return new Expr.FieldSelect(s, m.colno(), field.type(), field.typmod());
    }

    /**
     * coerce_record_to_complex: a row constructor (or RECORD-typed row) made a value of named
     * composite type {@code target}, each field coerced to the target's column type.
     */
    static Expr toComposite(Analyzer a, Expr e, int target, Context ctx, int location) {
        TypeCache.CompositeType c = TypeCache.lookupComposite(target);
        // a whole-row reference of type record converts field by field, as its RowExpr
        // (coerce_record_to_complex expands a whole-row Var into its columns)
        if (e instanceof Expr.WholeRowVar w && e.type() == RECORD && w.row() instanceof Expr.RowExpr fields) e = fields;
        if (!(e instanceof Expr.RowExpr r)) {
            if (e.type() == RECORD || e.type() == target) return e;
            throw a.err("42846", "cannot cast type " + BuiltinCatalog.formatType(e.type()) + " to "
                    + BuiltinCatalog.formatType(target), location);
        }
        if (r.args().size() != c.size()) {
            throw a.err("42846", "cannot cast type " + BuiltinCatalog.formatType(e.type()) + " to "
                    + BuiltinCatalog.formatType(target), location).withDetail(r.args().size() < c.size()
                    ? "Input has too few columns." : "Input has too many columns.");
        }
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            Expr x = r.args().get(i);
            int t = c.types().get(i);
            if (x.type() != UNKNOWN && !ParseCoerce.canCoerce(x.type(), t, ctx))
                throw a.err("42846", "cannot cast type " + BuiltinCatalog.formatType(e.type()) + " to "
                        + BuiltinCatalog.formatType(target), location).withDetail("Cannot cast type "
                        + BuiltinCatalog.formatType(x.type()) + " to " + BuiltinCatalog.formatType(t) + " in column " + (i + 1) + ".");
            args.add(a.coerce(x, t, c.typmods().get(i), ctx, location));
        }
        return new Expr.RowExpr(args, target, c.names(), r.location());
    }
}
