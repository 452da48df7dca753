package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.DomainInfo;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.TypeCache;
import org.tusk.nodes.Expr;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The run-time part of CoerceToDomain: execExprInterp.c ExecEvalConstraintNotNull and
 * ExecEvalConstraintCheck over the constraint list typcache.c's load_domaintype_info builds.
 * That list covers every level of a domain over a domain: first a NOT NULL if any level has
 * one, then the CHECKs of the deepest level (each level's in name order) up to the domain's own.
 * Every error names the domain coerced to, not the level the constraint came from, as
 * PostgreSQL's do. A CHECK whose result is NULL passes; CHECKs run on NULL values too.
 *
 * <p>A CHECK's stored text is analysed once per {@link DomainInfo} entry, through the
 * {@link ConstraintSupport} of the statement (the executor may not import the parser), with
 * VALUE as column 1 of a one-column row holding the value being checked.
 */
public final class DomainConstraints {
    private DomainConstraints() {}

    /** Checks {@code value} against domain {@code domainOid}'s constraints; returns it unchanged. */
    public static Object check(int domainOid, Object value, FunctionCallContext ctx) {
        DomainInfo top = TypeCache.lookupDomain(domainOid);
        if (top == null) return value;   // not a domain (any more): nothing to check
        List<DomainInfo> levels = new ArrayList<>();
        boolean notNull = false;
        for (DomainInfo d = top; d != null; d = TypeCache.lookupDomain(d.baseType())) {
            levels.add(d);
            notNull |= d.notNull();
        }
        if (notNull && value == null) {
            throw PgException.error("23502", "domain " + org.tusk.utils.adt.FormatType.formatBe(top.oid())
                    + " does not allow null values")
                    .withObjects(new PgException.ErrorObjects(null, null, null, top.name(), null));
        }
        Object[] row = {value};
        for (int i = levels.size() - 1; i >= 0; i--) {
            DomainInfo d = levels.get(i);
            for (DomainInfo.Check c : d.checks()) {
                Expr e = cooked(d, c, ctx);
                if (Boolean.FALSE.equals(ExprEvaluator.eval(e, row, null, ctx))) {
                    // domainAddConstraint's message: format_type_be, qualified where the path does not see the domain
                    throw PgException.error("23514", "value for domain " + org.tusk.utils.adt.FormatType.formatBe(top.oid())
                            + " violates check constraint \"" + c.name() + "\"")
                            .withObjects(new PgException.ErrorObjects(null, null, null, top.name(), c.name()));
                }
            }
        }
        return value;
    }

    private static Expr cooked(DomainInfo d, DomainInfo.Check c, FunctionCallContext ctx) {
        Object e = d.cooked().get(c.oid());
        if (e == null) {
            if (!(ctx instanceof ExecContext ec) || ec.env() == null || ec.env().constraintSupport() == null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "constraints of domain " + d.name()
                        + " cannot be checked here");
            }
            e = ec.env().constraintSupport().cookDomainCheck(d, c.sql(), ec);
            d.cooked().put(c.oid(), e);
        }
        return (Expr) e;
    }
}
