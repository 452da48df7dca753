package org.tusk.optimizer;

import java.util.List;
import java.util.Map;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.GistOpclassCatalog;
import org.tusk.catalog.PgOperator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.cache.Relation;

/**
 * match_clause_to_indexcol for a GiST index (indxpath.c): a conjunct {@code column op value}
 * whose operator is a search member of the column's operator family (op_in_opfamily) is an
 * index condition with the member's strategy number; {@code value op column} is one when the
 * operator's commutator is a member, and is shown commuted (so {@code box @> f1} becomes
 * {@code f1 <@ box}); {@code column IS [NOT] NULL} is one too (amsearchnulls). Expression key
 * columns are not matched here. The selectivities are the operators' restriction estimators'
 * defaults (geo_selfuncs.c areasel, positionsel, contsel; rangetypes_selfuncs.c's
 * default_range_selectivity).
 */
final class GistQuals {
    private GistQuals() {}

    /** pg_operator.oprcom of the geometric and range operators GiST families have. */
    private static final Map<String, String> COMMUTATORS = Map.ofEntries(
            Map.entry("<<", ">>"), Map.entry(">>", "<<"), Map.entry("&&", "&&"), Map.entry("~=", "~="),
            Map.entry("@>", "<@"), Map.entry("<@", "@>"), Map.entry("<<|", "|>>"), Map.entry("|>>", "<<|"),
            Map.entry("<^", ">^"), Map.entry(">^", "<^"), Map.entry("=", "="), Map.entry("-|-", "-|-"));

    static void match(Relation heap, Relation index, List<Expr> conjuncts, List<Plan.IndexQual> quals, List<Expr> used) {
        Relation.IndexInfo info = index.index();
        int[] indclass = info.indclass();
        for (int k = 0; k < info.keyCount(); k++) {
            int attno = info.keyAttnum(k);
            if (attno == 0) continue;
            int family = GistOpclassCatalog.familyOf(indclass[k]);
            for (Expr c : conjuncts) {
                if (used.contains(c)) continue;
                Plan.IndexQual q = matchOne(c, attno, family, k + 1);
                if (q == null) continue;
                quals.add(q);
                used.add(c);
            }
        }
    }

    private static Plan.IndexQual matchOne(Expr c, int attno, int family, int indexColumn) {
        if (c instanceof Expr.NullTest nt) {
            return isColumn(nt.arg(), attno) && org.tusk.catalog.TypeCache.lookupComposite(nt.arg().type()) == null
                    ? new Plan.IndexQual(indexColumn, null, null, c) : null;
        }
        if (!(c instanceof Expr.OpExpr op) || op.args().size() != 2) return null;
        Expr l = op.args().get(0), r = op.args().get(1);
        if (isColumn(l, attno) && ScanPaths.isValue(r)) {
            GistOpclassCatalog.Member m = GistOpclassCatalog.member(family, op.op().name(), l.type(), r.type(), 's');
            return m == null ? null : Plan.IndexQual.ofStrategyNumber(indexColumn, m.strategy(), r, c);
        }
        if (isColumn(r, attno) && ScanPaths.isValue(l)) {
            String com = COMMUTATORS.get(op.op().name());
            if (com == null) return null;
            GistOpclassCatalog.Member m = GistOpclassCatalog.member(family, com, r.type(), l.type(), 's');
            if (m == null) return null;
            for (PgOperator o : BuiltinCatalog.operators(com)) {
                if (o.left() == op.op().right() && o.right() == op.op().left()) {
                    Expr commuted = new Expr.OpExpr(o, List.of(r, l), op.type(), op.location());
                    return Plan.IndexQual.ofStrategyNumber(indexColumn, m.strategy(), l, commuted);
                }
            }
        }
        return null;
    }

    private static boolean isColumn(Expr e, int attno) {
        return e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() == attno;
    }

    /** The operator's restriction estimate without statistics. */
    static double selectivity(Plan.IndexQual q) {
        if (!(q.clause() instanceof Expr.OpExpr op)) return ScanPaths.DEFAULT_INEQ_SEL;
        boolean range = org.tusk.utils.adt.RangeTypes.isRange(op.args().get(0).type())
                || op.op().left() == 3831;
        String name = op.op().name();
        if (range) {
            return switch (name) {
                case "&&" -> 0.01;
                case "@>", "<@", "=", "-|-" -> 0.005;
                default -> ScanPaths.DEFAULT_INEQ_SEL;
            };
        }
        return switch (name) {
            case "&&" -> 0.005;                          // areasel
            case "~=" -> ScanPaths.DEFAULT_EQ_SEL;        // eqsel
            case "@>", "<@", "~", "@" -> 0.001;           // contsel
            default -> 0.1;                              // positionsel
        };
    }

    /**
     * match_clause_to_ordering_op: the ORDER BY key {@code column op value} as an ordering
     * operator of {@code index} (a GiST index whose column's family has {@code op} as an
     * ordering member, amoppurpose 'o'), or null.
     */
    static Plan.IndexQual orderBy(Relation index, ScanOrder.Key key) {
        if (index.relam() != org.tusk.catalog.SystemCatalogs.GIST_AM_OID || key.distance() == null) return null;
        Relation.IndexInfo info = index.index();
        Expr.OpExpr op = key.distance();
        for (int k = 0; k < info.keyCount(); k++) {
            if (info.keyAttnum(k) != key.attno()) continue;
            int family = GistOpclassCatalog.familyOf(info.indclass()[k]);
            GistOpclassCatalog.Member m = GistOpclassCatalog.member(family, op.op().name(), op.args().get(0).type(),
                    op.args().get(1).type(), 'o');
            if (m != null) return Plan.IndexQual.ofStrategyNumber(k + 1, m.strategy(), op.args().get(1), op);
        }
        return null;
    }
}
