package org.tusk.parser;

import static org.tusk.catalog.TypeOids.UNKNOWN;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.TypeCache;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.RawExpr;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Assignment through an INSERT/UPDATE target's indirection ({@code col[i] = x},
 * {@code col.f = x}, {@code col[i].f[j:k] = x}, ...): parse_target.c's
 * transformAssignmentIndirection and transformAssignmentSubscripts, and the rewriter's
 * process_matched_tle, which nests several assignments to one column into one expression.
 *
 * <p>The result for one target is a tree of FieldStore and SubscriptingAssign nodes whose
 * bottom is the column's old value (a Var of the target in UPDATE, a NULL constant in INSERT);
 * each nested level works on the current value of the field or element above it, which a
 * {@link Expr.CaseTestExpr} stands for. A domain target (over an array or a composite) gets
 * its CoerceToDomain above the level that assigns into it, so its constraints are checked on
 * the finished value.
 */
final class AssignmentIndirection {
    private AssignmentIndirection() {}

    /**
     * transformAssignedExpr's indirection branch: {@code rhs} assigned through {@code steps} into
     * column {@code column} of type {@code type}, starting from {@code base} (the column's old
     * value). Errors carry {@code location}, the target's position.
     */
    static Expr transform(Analyzer a, Expr base, String column, int type, int typmod, List<RawExpr.IndirectionStep> steps,
                          Expr rhs, int location) {
        return indirection(a, base, column, false, type, typmod, steps, 0, rhs, location);
    }

    /** transformAssignmentIndirection: the steps from {@code from} on, over {@code base} (null: a CaseTestExpr). */
    private static Expr indirection(Analyzer a, Expr base, String targetName, boolean targetIsSubscripting, int targetType,
                                    int targetTypmod, List<RawExpr.IndirectionStep> steps, int from, Expr rhs, int location) {
        if (from < steps.size() && base == null) base = new Expr.CaseTestExpr(targetType, targetTypmod);
        List<RawExpr.Subscript> subscripts = new ArrayList<>();
        for (int i = from; i < steps.size(); i++) {
            RawExpr.IndirectionStep step = steps.get(i);
            if (step.subscript() != null) {
                // adjacent subscripts are one multi-dimensional subscripting
                subscripts.add(step.subscript());
                continue;
            }
            if (!subscripts.isEmpty())
                return subscripting(a, base, targetName, targetType, targetTypmod, subscripts, steps, i, rhs, location);
            return field(a, base, targetName, targetType, step.field(), steps, i + 1, rhs, location);
        }
        if (!subscripts.isEmpty())
            return subscripting(a, base, targetName, targetType, targetTypmod, subscripts, steps, steps.size(), rhs, location);
        // the base case: the value coerced to the type of what it is assigned to
        if (rhs.type() != UNKNOWN && !ParseCoerce.canCoerce(rhs.type(), targetType, Context.ASSIGNMENT)) {
            String msg = targetIsSubscripting
                    ? "subscripted assignment to \"" + targetName + "\" requires type " + BuiltinCatalog.formatType(targetType)
                    + " but expression is of type " + BuiltinCatalog.formatType(rhs.type())
                    : "subfield \"" + targetName + "\" is of type " + BuiltinCatalog.formatType(targetType)
                    + " but expression is of type " + BuiltinCatalog.formatType(rhs.type());
            throw a.err(SqlState.DATATYPE_MISMATCH, msg, location).withHint("You will need to rewrite or cast the expression.");
        }
        return a.coerce(rhs, targetType, targetTypmod, Context.ASSIGNMENT, location);
    }

    /** One field step: a FieldStore of the field's new value (itself built from the steps after it). */
    private static Expr field(Analyzer a, Expr base, String targetName, int targetType, String fieldName,
                              List<RawExpr.IndirectionStep> steps, int next, Expr rhs, int location) {
        // the composite may be under a domain (getBaseTypeAndTypmod)
        int baseType = TypeCache.baseType(targetType);
        TypeCache.CompositeType c = TypeCache.lookupComposite(baseType);
        if (c == null)
            throw a.err(SqlState.DATATYPE_MISMATCH, "cannot assign to field \"" + fieldName + "\" of column \"" + targetName
                    + "\" because its type " + BuiltinCatalog.formatType(targetType) + " is not a composite type", location);
        int n = c.fieldNumber(fieldName);
        if (n == 0)
            throw a.err(SqlState.UNDEFINED_COLUMN, "cannot assign to field \"" + fieldName + "\" of column \"" + targetName
                    + "\" because there is no such column in data type " + BuiltinCatalog.formatType(targetType), location);
        Expr v = indirection(a, null, fieldName, false, c.types().get(n - 1), c.typmods().get(n - 1), steps, next, rhs,
                location);
        Expr store = new Expr.FieldStore(base, List.of(v), List.of(n), baseType);
        return baseType == targetType ? store : a.coerce(store, targetType, -1, Context.IMPLICIT, location);
    }

    /**
     * transformAssignmentSubscripts: a SubscriptingAssign of the container (a domain's base
     * type) whose new element or slice is built from the steps after the subscripts.
     */
    private static Expr subscripting(Analyzer a, Expr base, String targetName, int targetType, int targetTypmod,
                                     List<RawExpr.Subscript> subscripts, List<RawExpr.IndirectionStep> steps, int next,
                                     Expr rhs, int location) {
        int containerType = TypeCache.baseType(targetType);
        Expr.SubscriptingRef ref = ArrayAnalysis.assignmentSubscripting(a, base, containerType, subscripts, location);
        // transformContainerSubscripts: the element (or slice) has the container's typmod
        Expr v = indirection(a, null, targetName, true, ref.type(), targetTypmod, steps, next, rhs, location);
        Expr result = new Expr.SubscriptingAssign(ref.container(), ref.upper(), ref.lower(), v, containerType);
        if (containerType == targetType) return result;
        // a domain over the container: coerce up to the domain, which checks its constraints
        return a.coerce(result, targetType, targetTypmod, Context.ASSIGNMENT, location);
    }

    /**
     * process_matched_tle: a further assignment {@code src} to a column already assigned
     * {@code prior} in the same statement. Two assignments through indirection to the same
     * column nest (the later one applies to the result of the earlier), field assignments to one
     * composite merge into one FieldStore; anything else is "multiple assignments to same column".
     */
    static Expr merge(Expr prior, Expr src, String column) {
        Expr.CoerceToDomain coerce = null;
        if (src instanceof Expr.CoerceToDomain sd && prior instanceof Expr.CoerceToDomain pd && sd.type() == pd.type()) {
            coerce = sd;
            src = sd.arg();
            prior = pd.arg();
        }
        Expr srcInput = assignmentInput(src), priorInput = assignmentInput(prior);
        if (srcInput == null || priorInput == null || src.type() != prior.type()) throw multiple(column);
        // the earlier assignment may itself be a nest of several
        Expr priorBottom = priorInput;
        for (Expr b = assignmentInput(priorBottom); b != null; b = assignmentInput(b)) priorBottom = b;
        if (!ExprTrees.withoutLocations(priorBottom).equals(ExprTrees.withoutLocations(srcInput))) throw multiple(column);
        Expr nested;
        if (src instanceof Expr.FieldStore sf) {
            nested = prior instanceof Expr.FieldStore pf
                    ? new Expr.FieldStore(pf.arg(), concat(pf.newvals(), sf.newvals()), concat(pf.fieldnums(), sf.fieldnums()), pf.type())
                    : new Expr.FieldStore(prior, sf.newvals(), sf.fieldnums(), sf.type());
        } else {
            Expr.SubscriptingAssign ss = (Expr.SubscriptingAssign) src;
            nested = new Expr.SubscriptingAssign(prior, ss.upper(), ss.lower(), ss.value(), ss.type());
        }
        return coerce == null ? nested : new Expr.CoerceToDomain(nested, coerce.type(), coerce.location());
    }

    /** get_assignment_input: what an assignment node assigns into, or null if {@code e} is none. */
    private static Expr assignmentInput(Expr e) {
        return switch (e) {
            case Expr.FieldStore f -> f.arg();
            case Expr.SubscriptingAssign s -> s.container();
            default -> null;
        };
    }

    /**
     * transformInsertRow's strip_indirection: the innermost value of an assignment through
     * indirection (what a VALUES item or a SELECT column supplies), without the FieldStore and
     * SubscriptingAssign levels above it and the domain coercions over those.
     */
    static Expr strip(Expr e) {
        while (true) {
            Expr sub = e;
            while (sub instanceof Expr.CoerceToDomain d) sub = d.arg();
            if (sub instanceof Expr.FieldStore f) e = f.newvals().get(0);
            else if (sub instanceof Expr.SubscriptingAssign s) e = s.value();
            else return e;
        }
    }

    private static PgException multiple(String column) {
        return PgException.error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + column + "\"");
    }

    private static <T> List<T> concat(List<T> x, List<T> y) {
        List<T> out = new ArrayList<>(x);
        out.addAll(y);
        return List.copyOf(out);
    }
}
