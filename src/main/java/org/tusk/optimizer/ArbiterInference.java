package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * ON CONFLICT's arbiter indexes (PostgreSQL's plancat.c infer_arbiter_indexes and
 * infer_collation_opclass_match), chosen once the query is rewritten, so that an INSERT through
 * a view infers over the view's base relation.
 *
 * <p>ON CONSTRAINT names its constraint's index; DO UPDATE refuses one that is not unique (an
 * exclusion constraint's). Otherwise an index is an arbiter when it is unique, its plain key
 * columns are exactly the set of the plain-column elements, every element matches some key column
 * with the collation and operator class the element asks for (elements without either match any),
 * every expression element is one of its expressions and every expression of it is an element,
 * and the inference WHERE clause implies its predicate (predtest.c predicate_implied_by, by
 * {@link IndexMatching}). Without a target the list is empty: the executor then checks every
 * unique and exclusion index. An index whose expressions or predicate cannot be analysed here is
 * not considered. Tusk has no invalid or not-ready indexes (CREATE INDEX CONCURRENTLY is refused),
 * so every index is a candidate.
 */
final class ArbiterInference {
    private ArbiterInference() {}

    static List<Relation> infer(Query.OnConflictExpr oc, Relation heap, ExecEnvironment env, FunctionCallContext ctx) {
        if (oc.arbiterElems().isEmpty() && oc.constraintOid() == 0) return List.of();
        int constraintIndex = 0;
        if (oc.constraintOid() != 0) {
            for (ConstraintInfo c : env.catalog().constraintsOf(heap)) if (c.oid() == oc.constraintOid()) constraintIndex = c.indid();
            if (constraintIndex == 0)
                throw PgException.error("42809", "constraint in ON CONFLICT clause has no associated index");
        }
        Set<Integer> inferAttrs = new HashSet<>();
        List<Expr> inferExprs = new ArrayList<>();
        for (Query.InferenceElem el : oc.arbiterElems()) {
            if (el.expr() instanceof Expr.Var v) inferAttrs.add(v.attno());
            else inferExprs.add(IndexMatching.normalize(el.expr()));
        }
        // the caller has const-folded the elements and the WHERE clause (preprocess_expression)
        List<Expr> where = oc.arbiterWhere() == null ? List.of() : ScanPaths.conjuncts(oc.arbiterWhere());
        List<Relation> out = new ArrayList<>();
        for (Relation index : env.catalog().indexesOf(heap)) {
            Relation.IndexInfo info = index.index();
            // an index CREATE INDEX CONCURRENTLY has not finished cannot be an arbiter (indisvalid)
            if (!index.indexIsValid()) continue;
            if (index.oid() == constraintIndex) {
                if (!info.unique() && oc.doUpdate())
                    throw PgException.error("42809", "ON CONFLICT DO UPDATE not supported with exclusion constraints");
                return List.of(index);
            }
            if (constraintIndex != 0 || !info.unique()) continue;
            Set<Integer> plain = new HashSet<>();
            for (int k : info.keyAttnums()) if (k != 0) plain.add(k);
            if (!plain.equals(inferAttrs)) continue;
            IndexMatching m = IndexMatching.of(heap, index, env, ctx);
            if (m == null) continue;
            // RelationGetIndexExpressions/Predicate: const-folded, as the inference clause is
            List<Expr> idxExprs = m.expressions().stream().map(e -> IndexMatching.normalize(Planner.fold(e, ctx))).toList();
            List<Expr> pred = m.predicateConjuncts().stream().map(e -> Planner.fold(e, ctx)).toList();
            if (!elementsMatch(oc.arbiterElems(), heap, info, idxExprs)) continue;
            if (!inferExprs.containsAll(idxExprs)) continue;
            if (!IndexMatching.implied(pred, where)) continue;
            out.add(index);
        }
        if (out.isEmpty())
            throw PgException.error("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification");
        return List.copyOf(out);
    }

    /** The loop over the elements: each matches in collation and operator class, and is a column or an expression of the index. */
    private static boolean elementsMatch(List<Query.InferenceElem> elems, Relation heap, Relation.IndexInfo info,
                                         List<Expr> idxExprs) {
        for (Query.InferenceElem el : elems) {
            if (!collationOpclassMatch(el, heap, info, idxExprs)) return false;
            if (el.expr() instanceof Expr.Var) continue;
            if (el.inferCollid() != 0 || el.inferOpfamily() != 0) continue;   // matched just above
            if (!idxExprs.contains(IndexMatching.normalize(el.expr()))) return false;
        }
        return true;
    }

    /** infer_collation_opclass_match: some key column with the element's collation and operator class is the element. */
    static boolean collationOpclassMatch(Query.InferenceElem el, Relation heap, Relation.IndexInfo info, List<Expr> idxExprs) {
        if (el.inferCollid() == 0 && el.inferOpfamily() == 0 && el.inferOpcInputType() == 0) return true;
        int[] keys = info.keyAttnums();
        int[] collations = info.indcollation();
        int[] classes = info.indclass();
        int nexpr = 0;
        for (int i = 0; i < keys.length; i++) {
            int attno = keys[i];
            Expr idxExpr = attno == 0 ? idxExprs.get(nexpr++) : null;
            int type = attno != 0 ? heap.desc().attr(attno - 1).type().oid() : idxExpr.type();
            BtreeOpclasses.FamilyAndInput fi = BtreeOpclasses.familyOf(classes[i], type);
            if (el.inferOpcInputType() != 0 && (el.inferOpfamily() != fi.family() || el.inferOpcInputType() != fi.inputType()))
                continue;
            if (el.inferCollid() != 0 && el.inferCollid() != collations[i]) continue;
            if (el.expr() instanceof Expr.Var v) {
                if (v.attno() == attno) return true;
            } else if (attno == 0 && IndexMatching.normalize(el.expr()).equals(idxExpr)) {
                return true;
            }
        }
        return false;
    }
}
