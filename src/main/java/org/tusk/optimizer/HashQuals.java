package org.tusk.optimizer;

import java.util.List;

import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.catalog.HashOpclassCatalog;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.cache.Relation;

/**
 * match_clause_to_indexcol for a hash index (indxpath.c): only {@code column = value} (or
 * {@code value = column}, shown commuted) whose operator is a member of the key column's hash
 * operator family (op_in_opfamily: the family's {@code =} on the two types, cross-type ones
 * included: int4 = int8, name = text) is an index condition. A hash index has no order
 * (amcanorder false), no IS NULL search (amsearchnulls false), no = ANY (amsearcharray false),
 * and is useless without a condition (amoptionalkey false), so nothing else matches.
 */
final class HashQuals {
    private HashQuals() {}

    static void match(Relation index, IndexMatching m, List<Expr> conjuncts, List<Plan.IndexQual> quals, List<Expr> used) {
        Relation.IndexInfo info = index.index();
        int family = HashOpclassCatalog.familyOf(info.indclass()[0]);
        if (family == 0) return;
        boolean isExpr = info.keyAttnum(0) == 0;
        for (Expr c : conjuncts) {
            if (used.contains(c) || !(c instanceof Expr.OpExpr op) || !"=".equals(op.op().name())) continue;
            ScanPaths.Indexable ix = isExpr ? m.indexable(c, 0) : ScanPaths.indexable(c);
            if (ix == null && !isExpr) ix = anyenum(op, info.keyAttnum(0));
            if (ix == null || ix.strategy() != Strategy.EQUAL || !isExpr && ix.attno() != info.keyAttnum(0)) continue;
            if (!(ix.clause() instanceof Expr.OpExpr shown)
                    || !HashOpclassCatalog.isMember(family, shown.op().left(), shown.op().right())) continue;
            quals.add(new Plan.IndexQual(1, Strategy.EQUAL, ix.argument(), ix.clause()));
            used.add(c);
        }
    }

    /** enum_ops' {@code =} (anyenum = anyenum) between the key column, of an enum type, and a value. */
    private static ScanPaths.Indexable anyenum(Expr.OpExpr op, int attno) {
        if (op.op().left() != 3500 || op.op().right() != 3500 || op.args().size() != 2) return null;
        Expr l = op.args().get(0), r = op.args().get(1);
        if (isColumn(l, attno) && ScanPaths.isValue(r)) return new ScanPaths.Indexable(attno, Strategy.EQUAL, r, op);
        if (isColumn(r, attno) && ScanPaths.isValue(l)) {
            return new ScanPaths.Indexable(attno, Strategy.EQUAL, l, new Expr.OpExpr(op.op(), List.of(r, l), op.type(), op.location()));
        }
        return null;
    }

    private static boolean isColumn(Expr e, int attno) {
        return e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() == attno;
    }
}
