package org.tusk.optimizer;

import java.util.List;

import org.tusk.catalog.GinOpclassCatalog;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.cache.Relation;

/**
 * match_clause_to_indexcol for a GIN index (indxpath.c): a clause {@code column op value} whose
 * operator is in the column's operator family (pg_amop: array_ops' &amp;&amp; @&gt; &lt;@ =, jsonb_ops'
 * @&gt; ? ?| ?&amp; @? @@, jsonb_path_ops' @&gt; @? @@) and whose value has no Vars becomes an index
 * qual of that operator's strategy number. The column may be an expression column, matched as
 * {@link IndexMatching} matches them. A clause with the column on the right is left to the filter
 * (the commuted forms are not matched).
 */
final class GinIndexQuals {
    private GinIndexQuals() {}

    static void match(Relation index, IndexMatching m, List<Expr> conjuncts, List<Plan.IndexQual> quals, List<Expr> used) {
        Relation.IndexInfo info = index.index();
        int exprIndex = 0;
        for (int k = 0; k < info.keyCount(); k++) {
            int attnum = info.keyAttnum(k);
            Expr target = attnum == 0 ? m.expression(exprIndex++) : null;
            for (Expr c : conjuncts) {
                if (used.contains(c) || !(c instanceof Expr.OpExpr op) || op.args().size() != 2) continue;
                Expr left = strip(op.args().get(0)), right = op.args().get(1);
                if (!ScanPaths.isValue(right)) continue;
                boolean isColumn = target == null
                        ? left instanceof Expr.Var v && v.levelsup() == 0 && v.attno() == attnum
                        : IndexMatching.normalize(left).equals(target);
                if (!isColumn) continue;
                int strategy = GinOpclassCatalog.strategyOf(info.indclass()[k], op.op().name(), op.op().left(), op.op().right());
                if (strategy == 0) continue;
                quals.add(Plan.IndexQual.ofStrategyNumber(k + 1, strategy, right, c));
                used.add(c);
            }
        }
    }

    private static Expr strip(Expr e) {
        return e instanceof Expr.RelabelType r ? strip(r.arg()) : e;
    }
}
