package org.tusk.parser;

import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.DomainInfo;
import org.tusk.catalog.TypeCache;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * typecmds.c domainAddConstraint's analysis of a domain CHECK: the expression is transformed
 * with VALUE standing for the value being checked (replace_domain_constraint_value makes it a
 * CoerceToDomainValue of the base type) and must be boolean. Tusk gives VALUE as column 1 of a
 * one-column range table entry named after the domain, so the analysed expression evaluates on
 * a one-element row holding the value. No other column can be named ("column ... does not
 * exist"); subqueries (0A000) and aggregates (42803) are refused as in a table's CHECK.
 *
 * <p>Used when the constraint is made (to reject a bad expression) and whenever the executor
 * needs it: the text in pg_constraint.conbin is analysed again, as for a table's CHECK.
 */
public final class DomainCheckAnalysis {
    private DomainCheckAnalysis() {}

    /** The CHECK {@code sql} of an existing domain (VALUE is of the base type under all its levels). */
    public static Expr cook(DomainInfo d, String sql, InputSettings zone, String currentDatabase, ExecEnvironment env) {
        int base = d.baseType(), typmod = d.baseTypmod();
        for (DomainInfo x = TypeCache.lookupDomain(base); x != null; x = TypeCache.lookupDomain(base)) {
            base = x.baseType();
            typmod = x.baseTypmod();   // getBaseTypeAndTypmod: the deepest level's typtypmod
        }
        return cook(d.name(), base, typmod, sql, zone, currentDatabase, env);
    }

    /** The CHECK {@code sql} of domain {@code domainName} over {@code baseType} (getBaseType'd). */
    public static Expr cook(String domainName, int baseType, int baseTypmod, String sql, InputSettings zone,
                            String currentDatabase, ExecEnvironment env) {
        RawExpr raw = Parser.parseExpression(sql, Analyzer.scanSettings(env));
        Analyzer a = Analyzer.forExpression(sql, zone, currentDatabase, env);
        a.setRangeTableEntry(new Query.RangeTblEntry(domainName, null, domainName, null,
                List.of(new ColumnDef("value", baseType, baseTypmod))));
        a.setExprKind("check constraints");
        Expr e;
        try {
            e = a.coerceToBoolean(a.transformExpr(raw), "CHECK", 0);
        } catch (PgException ex) {
            // domainAddConstraint analyses without the statement's text: its errors carry no position
            throw ex.position() == 0 ? ex : new PgException(ex.severity(), ex.sqlState(), ex.getMessage(), ex.detail(),
                    ex.hint(), 0);
        }
        // replace_domain_constraint_value: VALUE is a CoerceToDomainValue, not a column
        e = org.tusk.nodes.ExprTrees.map(e, x -> x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == 1
                ? new Expr.CoerceToDomainValue(v.type(), v.typmod()) : null);
        if (org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan)) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in check constraint");
        }
        return e;
    }
}
