package org.tusk.parser;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * parse_utilcmd.c transformPartitionBoundValue's analysis: one datum of a partition bound is an
 * expression without column references (EXPR_KIND_PARTITION_BOUND), coerced to its key column's
 * type; the caller evaluates it to a constant.
 */
public final class PartitionBoundAnalysis {
    private PartitionBoundAnalysis() {}

    /** The datum's text {@code sql} analysed and coerced to {@code typeOid}/{@code typmod} of key column {@code column}. */
    public static Expr analyze(String sql, String column, int typeOid, int typmod, InputSettings zone, String currentDatabase,
                               org.tusk.utils.misc.ScanSettings scan) {
        RawExpr raw = Parser.parseExpression(sql, scan);
        Analyzer a = Analyzer.forExpression(sql, zone, currentDatabase, null);
        a.setRangeTableEntry(null);
        a.setExprKind("partition bound");
        Expr e;
        try {
            e = a.transformExpr(raw);
        } catch (PgException ex) {
            if (ex.sqlState().equals(SqlState.UNDEFINED_COLUMN) || ex.sqlState().equals(SqlState.UNDEFINED_TABLE))
                throw PgException.errorAt("42P10", "cannot use column reference in partition bound expression", ex.position());
            throw ex;
        }
        if (containsSubLink(e)) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in partition bound");
        if (e.type() != org.tusk.catalog.TypeOids.UNKNOWN && !ParseCoerce.canCoerce(e.type(), typeOid, Context.ASSIGNMENT))
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "specified value cannot be cast to type "
                    + BuiltinCatalog.formatType(typeOid) + " for column \"" + column + "\"");
        return a.coerce(e, typeOid, typmod, Context.ASSIGNMENT, raw.location());
    }

    private static boolean containsSubLink(Expr e) {
        if (e instanceof Expr.SubLink || e instanceof Expr.SubPlan) return true;
        for (Expr c : Analyzer.children(e)) if (containsSubLink(c)) return true;
        return false;
    }
}
