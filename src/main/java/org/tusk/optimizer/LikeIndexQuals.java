package org.tusk.optimizer;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.BPCHAR;
import static org.tusk.catalog.TypeOids.NAME;
import static org.tusk.catalog.TypeOids.TEXT;
import static org.tusk.catalog.TypeOids.VARCHAR;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Collations;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.PgOperator;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.LikePrefix;
import org.tusk.utils.cache.Relation;

/**
 * B-tree index conditions derived from a LIKE or ILIKE with a constant pattern (like_support.c
 * like_regex_support's SupportRequestIndexCondition and match_pattern_prefix): the pattern's
 * fixed prefix bounds the column, {@code col >= prefix AND col < greater(prefix)}, or, when the
 * whole pattern is fixed, {@code col = pattern}. The conditions are lossy: the original clause
 * stays in the scan's filter.
 *
 * <p>A range only holds where the index orders strings bytewise: an index column of the C (or
 * POSIX) collation, or one of text_pattern_ops, whose {@code ~>=~ ~<~} operators ignore the
 * collation; an equality holds under any deterministic collation.
 */
final class LikeIndexQuals {
    private LikeIndexQuals() {}

    /** pg_opfamily.dat: text_ops (text_ops, name_ops, varchar), text_pattern_ops, bpchar_ops, bpchar_pattern_ops. */
    private static final int TEXT_BTREE_FAM = 1994, TEXT_PATTERN_BTREE_FAM = 2095, BPCHAR_BTREE_FAM = 426,
            BPCHAR_PATTERN_BTREE_FAM = 2097;

    /**
     * The index conditions {@code clause} yields on key column {@code k} (0-based) of
     * {@code index} of {@code heap}; empty when it yields none.
     */
    static List<ScanPaths.Indexable> match(Expr clause, Relation heap, Relation index, int k, FunctionCallContext ctx) {
        if (!(clause instanceof Expr.OpExpr op) || op.args().size() != 2) return List.of();
        boolean caseInsensitive;
        switch (op.op().name()) {
            case "~~" -> caseInsensitive = false;
            case "~~*" -> caseInsensitive = true;
            default -> { return List.of(); }
        }
        Expr left = op.args().get(0), right = op.args().get(1);
        Expr.Var v = left instanceof Expr.RelabelType r ? asColumn(r.arg()) : asColumn(left);
        int attno = index.index().keyAttnum(k);
        if (v == null || v.attno() != attno) return List.of();
        // only a pattern known now has a prefix to extract
        if (!(right instanceof Expr.Const c) || c.value() == null || c.type() != TEXT) return List.of();
        int leftType = op.op().left();
        int family = BtreeOpclasses.familyOf(index.index().indclass()[k], v.type()).family();
        // match_pattern_prefix: the family decides the comparison constant's type and whether a
        // range needs a bytewise (C) ordering; the operators are the family's members for the
        // left operand's exposed type, which a family without them (text under bpchar_ops) lacks
        int rightType;
        boolean pattern;
        switch (family) {
            case TEXT_BTREE_FAM -> { rightType = TEXT; pattern = false; }
            case TEXT_PATTERN_BTREE_FAM -> { rightType = TEXT; pattern = true; }
            case BPCHAR_BTREE_FAM -> { rightType = BPCHAR; pattern = false; }
            case BPCHAR_PATTERN_BTREE_FAM -> { rightType = BPCHAR; pattern = true; }
            default -> { return List.of(); }
        }
        boolean member = switch (family) {
            case TEXT_BTREE_FAM -> leftType == TEXT && (v.type() == TEXT || v.type() == VARCHAR)
                    || leftType == NAME && v.type() == NAME;
            case TEXT_PATTERN_BTREE_FAM -> leftType == TEXT && (v.type() == TEXT || v.type() == VARCHAR);
            default -> leftType == BPCHAR;
        };
        if (!member) return List.of();
        int collation = indexCollation(heap, index, k, attno);
        boolean cCollation = isC(collation, ctx);
        LikePrefix.Prefix prefix = LikePrefix.of((String) c.value(), caseInsensitive, cCollation);
        if (prefix.status() == LikePrefix.Status.NONE) return List.of();
        // a range needs a bytewise ordering; an exact match is = under any collation
        if (!pattern && prefix.status() != LikePrefix.Status.EXACT && !cCollation) return List.of();
        if (prefix.status() == LikePrefix.Status.EXACT)
            return List.of(qual(attno, Strategy.EQUAL, "=", left, leftType, rightType, prefix.text()));
        List<ScanPaths.Indexable> quals = new ArrayList<>();
        quals.add(qual(attno, Strategy.GREATER_EQUAL, pattern ? "~>=~" : ">=", left, leftType, rightType, prefix.text()));
        String greater = LikePrefix.greaterString(prefix.text());
        if (greater != null) quals.add(qual(attno, Strategy.LESS, pattern ? "~<~" : "<", left, leftType, rightType, greater));
        return quals;
    }

    /**
     * {@code left op 'value'::rightType} as an index condition on table column {@code attno}; the
     * prefix, text, is relabeled to bpchar for a bpchar family (binary-compatible).
     */
    private static ScanPaths.Indexable qual(int attno, Strategy s, String opName, Expr left, int leftType, int rightType,
                                            String value) {
        PgOperator op = null;
        for (PgOperator o : BuiltinCatalog.operators(opName)) if (o.left() == leftType && o.right() == rightType) op = o;
        if (op == null) throw new IllegalStateException("no operator " + opName + " for types " + leftType + ", " + rightType);
        Expr.Const arg = new Expr.Const(rightType, -1, value, -1);
        return new ScanPaths.Indexable(attno, s, arg, new Expr.OpExpr(op, List.of(left, arg), BOOL, -1));
    }

    /** The index column's collation (indcollation), or, when the index does not record it, its table column's. */
    private static int indexCollation(Relation heap, Relation index, int k, int attno) {
        int coll = index.index().indcollation()[k];
        return coll != 0 ? coll : heap.attcollation(attno);
    }

    /**
     * lc_collate_is_c: the C and POSIX collations, and the database default when the
     * database's LC_COLLATE is C or POSIX.
     */
    private static boolean isC(int collation, FunctionCallContext ctx) {
        if (collation == Collations.C || collation == Collations.POSIX) return true;
        if (collation != Collations.DEFAULT) return false;
        String lc;
        try {
            lc = ctx.session().showSetting("lc_collate");
        } catch (RuntimeException e) {
            return false;
        }
        return "C".equals(lc) || "POSIX".equals(lc);
    }

    private static Expr.Var asColumn(Expr e) {
        return e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0 ? v : null;
    }
}
