package org.tusk.parser;

import static org.tusk.catalog.TypeOids.RECORD;
import static org.tusk.catalog.TypeOids.RECORD_ARRAY;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The analysis of SEARCH and CYCLE clauses of a WITH query (parse_cte.c analyzeCTE and
 * analyzeCTETargetList): the cycle mark value and default are analysed before the query (the
 * query may read the mark column), coerced to their common type, whose {@code <>} operator is
 * looked up; the added columns (sequence column, then mark and path columns) follow the query's
 * own columns in the WITH query's column list, so that the recursive term's self-reference sees
 * them; after the query, the clauses are checked against that column list with PostgreSQL's
 * errors and positions.
 */
final class SearchCycleAnalysis {
    private SearchCycleAnalysis() {}

    /** The cycle clause with its mark value and default analysed (the start of analyzeCTE). */
    static Query.CteCycleClause transformCycle(Analyzer a, Stmt.CteCycleClause c) {
        if (c == null) return null;
        Expr value = a.transformExpr(c.markValue());
        Expr dflt = a.transformExpr(c.markDefault());
        int vloc = c.markValue().location(), dloc = c.markDefault().location();
        int type = ParseCoerce.selectCommonType(List.of(value, dflt), List.of(vloc, dloc), "CYCLE", a.src());
        value = a.coerce(value, type, -1, Context.IMPLICIT, vloc);
        dflt = a.coerce(dflt, type, -1, Context.IMPLICIT, dloc);
        int typmod = value.typmod() == dflt.typmod() ? value.typmod() : -1;   // select_common_typmod
        org.tusk.catalog.PgOperator ne = inequality(a, type);
        return new Query.CteCycleClause(c.columns(), c.markColumn(), value, dflt, c.pathColumn(), type, typmod, ne);
    }

    /** The analysed search clause (nothing to analyse but names, checked later). */
    static Query.CteSearchClause transformSearch(Stmt.CteSearchClause s) {
        return s == null ? null : new Query.CteSearchClause(s.columns(), s.breadthFirst(), s.seqColumn());
    }

    /**
     * lookup_type_cache(TYPECACHE_EQ_OPR) and get_negator: the geometric types have no default
     * equality (their = compares areas), so they are refused as PostgreSQL refuses them.
     */
    private static org.tusk.catalog.PgOperator inequality(Analyzer a, int type) {
        PgException none = a.err(SqlState.UNDEFINED_FUNCTION, "could not identify an equality operator for type "
                + BuiltinCatalog.formatType(type), -1);
        if (GeometricTypes.is(type)) throw none;
        Expr probe = new Expr.Const(type, -1, null, -1);
        try {
            if (a.makeOp("<>", probe, probe, -1, -1, -1) instanceof Expr.OpExpr op) return op.op();
        } catch (PgException e) {
            throw none;
        }
        throw none;
    }

    /** analyzeCTETargetList's tail: the query's own columns followed by the columns the clauses add. */
    static List<ColumnDef> withAddedColumns(List<ColumnDef> own, Query.CteSearchClause s, Query.CteCycleClause c) {
        if (s == null && c == null) return own;
        List<ColumnDef> cols = new ArrayList<>(own);
        if (s != null) cols.add(new ColumnDef(s.seqColumn(), s.breadthFirst() ? RECORD : RECORD_ARRAY, -1));
        if (c != null) {
            cols.add(new ColumnDef(c.markColumn(), c.markType(), c.markTypmod()));
            cols.add(new ColumnDef(c.pathColumn(), RECORD_ARRAY, -1));
        }
        return List.copyOf(cols);
    }

    /** analyzeCTE's validity checks of the clauses, against the query's own column names. */
    static void check(Analyzer a, Stmt.CommonTableExpr cte, boolean recursive, Query q, List<ColumnDef> own) {
        Stmt.CteSearchClause s = cte.search();
        Stmt.CteCycleClause c = cte.cycle();
        if (s == null && c == null) return;
        if (!recursive) throw a.err(SqlState.SYNTAX_ERROR, "WITH query is not recursive", cte.location());
        Query.SetOp.Op op = (Query.SetOp.Op) q.setOperations();
        if (!(op.left() instanceof Query.SetOp.Leaf))
            throw a.err(SqlState.SYNTAX_ERROR,
                    "with a SEARCH or CYCLE clause, the left side of the UNION must be a SELECT", -1);
        if (!(op.right() instanceof Query.SetOp.Leaf))
            throw a.err(SqlState.SYNTAX_ERROR,
                    "with a SEARCH or CYCLE clause, the right side of the UNION must be a SELECT", -1);
        Set<String> names = new HashSet<>();
        for (ColumnDef d : own) names.add(d.name());
        if (s != null) {
            checkColumns(a, s.columns(), names, "search", s.location());
            if (names.contains(s.seqColumn()))
                throw a.err(SqlState.SYNTAX_ERROR, "search sequence column name \"" + s.seqColumn()
                        + "\" already used in WITH query column list", s.location());
        }
        if (c != null) {
            checkColumns(a, c.columns(), names, "cycle", c.location());
            if (names.contains(c.markColumn()))
                throw a.err(SqlState.SYNTAX_ERROR, "cycle mark column name \"" + c.markColumn()
                        + "\" already used in WITH query column list", c.location());
            if (names.contains(c.pathColumn()))
                throw a.err(SqlState.SYNTAX_ERROR, "cycle path column name \"" + c.pathColumn()
                        + "\" already used in WITH query column list", c.location());
            if (c.markColumn().equals(c.pathColumn()))
                throw a.err(SqlState.SYNTAX_ERROR, "cycle mark column name and cycle path column name are the same",
                        c.location());
        }
        if (s != null && c != null) {
            if (s.seqColumn().equals(c.markColumn()))
                throw a.err(SqlState.SYNTAX_ERROR,
                        "search sequence column name and cycle mark column name are the same", s.location());
            if (s.seqColumn().equals(c.pathColumn()))
                throw a.err(SqlState.SYNTAX_ERROR,
                        "search sequence column name and cycle path column name are the same", s.location());
        }
    }

    private static void checkColumns(Analyzer a, List<String> cols, Set<String> names, String what, int location) {
        Set<String> seen = new HashSet<>();
        for (String col : cols) {
            if (!names.contains(col))
                throw a.err(SqlState.SYNTAX_ERROR, what + " column \"" + col + "\" not in WITH query column list", location);
            if (!seen.add(col))
                throw a.err(SqlState.DUPLICATE_COLUMN, what + " column \"" + col + "\" specified more than once", location);
        }
    }
}
