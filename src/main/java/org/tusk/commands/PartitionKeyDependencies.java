package org.tusk.commands;

import java.util.BitSet;
import java.util.List;

import org.tusk.catalog.CastDdl;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.DependencyType;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.OpclassDdl;
import org.tusk.catalog.PartitionKey;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.parser.IndexExprAnalysis;
import org.tusk.parser.PartitionKeyAnalysis;
import org.tusk.utils.cache.Relation;

/**
 * StorePartitionKey's pg_depend rows (heap.c): the table depends NORMALly on each key element's
 * user-defined operator class and on what the key expressions call (recordDependencyOnSingleRelExpr,
 * so DROP FUNCTION of such a function refuses without CASCADE and with it drops the table), and
 * every key column, plain or read by a key expression, depends INTERNALly on the table: it cannot
 * be dropped without the whole table, so a DROP that reaches the column (DROP TYPE of its
 * domain) drops the table, as "table t depends on type d" says.
 */
final class PartitionKeyDependencies {
    private PartitionKeyDependencies() {}

    static void record(Catalog catalog, Relation rel, PartitionKey key, ExecEnvironment env) {
        ObjectAddress self = ObjectAddress.relation(rel.oid());
        var deps = catalog.dependencies();
        BitSet columns = new BitSet();
        for (int i = 0; i < key.count(); i++) {
            int opclass = key.opclass(i);
            if (opclass != 0 && Integer.compareUnsigned(opclass, CastDdl.FIRST_NORMAL_OBJECT_ID) >= 0)
                deps.recordDependencyOn(self, new ObjectAddress(OpclassDdl.OPCLASS_RELATION_ID, opclass, 0), DependencyType.NORMAL);
            if (!key.isExpression(i)) columns.set(key.attnum(i));
        }
        String text = key.expressionsText();
        if (text != null) {
            List<Expr> exprs = PartitionKeyAnalysis.stored(rel, text, env);
            for (ObjectAddress o : RoutineDependencies.referenced(exprs, List.of(), 0)) {
                if (!o.equals(self)) deps.recordDependencyOn(self, o, DependencyType.NORMAL);
            }
            for (Expr e : exprs) IndexExprAnalysis.collectAttnums(e, columns);
        }
        for (int a = columns.nextSetBit(1); a >= 0; a = columns.nextSetBit(a + 1)) {
            deps.recordDependencyOn(new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, rel.oid(), a), self,
                    DependencyType.INTERNAL);
        }
    }
}
