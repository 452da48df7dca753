package org.tusk.commands;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.catalog.CastDdl;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.DependencyType;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.ObjectAddress;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.QueryExpressions;
import org.tusk.rewrite.ColumnReferences;
import org.tusk.rewrite.QueryWalker;
import org.tusk.utils.adt.RegTypes;

/**
 * ProcedureCreate's recordDependencyOnExpr for a routine's parameter defaults and its
 * SQL-standard body (prosqlbody), as find_expr_references_walker collects the objects: every
 * relation a range table entry names, every column a Var reads (reported by
 * information_schema.routine_column_usage), every user function called (routine_routine_usage)
 * and every relation a regclass constant names (nextval('s'): routine_sequence_usage). The
 * dependencies are NORMAL, so DROP of such an object refuses without CASCADE and with it drops
 * the routine. Built-in objects are pinned and not recorded.
 *
 * <p>Not collected yet: operators, types and collations named in the expressions, and the
 * target columns of INSERT/UPDATE statements in a body.
 */
final class RoutineDependencies {
    private RoutineDependencies() {}

    /** The objects {@code defaults} and {@code body} refer to, in order of first appearance, without {@code self}. */
    static List<ObjectAddress> referenced(List<Expr> defaults, List<Query> body, int self) {
        Set<ObjectAddress> out = new LinkedHashSet<>();
        for (Expr d : defaults) visit(d, out);
        for (Query q : body) {
            QueryWalker.forEachQuery(q, level -> {
                for (Query.RangeTblEntry r : level.rangeTable()) {
                    if (r.kind() == Query.RteKind.RELATION && r.table() != null) out.add(ObjectAddress.relation(r.table().oid()));
                    if (r.function() != null) visit(r.function(), out);
                    if (r.functions() != null) for (Query.RangeTblFunction f : r.functions()) visit(f.funcexpr(), out);
                    if (r.values() != null) for (List<Expr> row : r.values()) for (Expr e : row) visit(e, out);
                }
                for (Expr e : QueryExpressions.of(level)) visit(e, out);
            });
            for (Map.Entry<Integer, BitSet> e : ColumnReferences.of(q).entrySet()) {
                BitSet cols = e.getValue();
                for (int a = cols.nextSetBit(1); a >= 0; a = cols.nextSetBit(a + 1)) {
                    out.add(new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, e.getKey(), a));
                }
            }
        }
        List<ObjectAddress> result = new ArrayList<>();
        for (ObjectAddress o : out) {
            if (o.classId() == FunctionDdl.PROCEDURE_RELATION_ID && o.objectId() == self) continue;
            if (Integer.compareUnsigned(o.objectId(), CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) continue;   // pinned
            result.add(o);
        }
        return result;
    }

    /** Records that routine {@code fnOid} depends (NORMAL) on every object of {@link #referenced}. */
    static void record(Catalog catalog, int fnOid, List<Expr> defaults, List<Query> body) {
        ObjectAddress fn = new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, fnOid, 0);
        for (ObjectAddress o : referenced(defaults, body, fnOid)) {
            catalog.dependencies().recordDependencyOn(fn, o, DependencyType.NORMAL);
        }
    }

    /** The functions called and the relations named by regclass constants in {@code e}. */
    private static void visit(Expr e, Set<ObjectAddress> out) {
        if (e == null) return;
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.FuncExpr f && f.proc() != null) {
                out.add(new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, f.proc().oid(), 0));
            } else if (x instanceof Expr.Const c && c.type() == RegTypes.REGCLASS && c.value() instanceof Number n) {
                out.add(ObjectAddress.relation(n.intValue()));
            }
            return false;
        });
    }
}
