package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.TEXT;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.ruleutils.PartitionRuleUtils;

/** The partitioning functions of pg_proc: pg_get_partkeydef, pg_get_partition_constraintdef, pg_partition_root, pg_partition_ancestors, pg_partition_tree. */
final class PartitionBuiltins {
    private PartitionBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("pg_get_partkeydef", List.of(OID), TEXT, Volatility.STABLE, true,
                (c, a) -> PartitionRuleUtils.partkeydef(((Number) a[0]).intValue()));
        r.fn("pg_get_partition_constraintdef", List.of(OID), TEXT, Volatility.STABLE, true,
                (c, a) -> org.tusk.utils.ruleutils.PartitionQual.constraintdef(((Number) a[0]).intValue(), c.catalog()));
        int regclass = org.tusk.utils.adt.RegTypes.REGCLASS;
        r.fn("pg_partition_root", List.of(regclass), regclass, Volatility.STABLE, true,
                (c, a) -> PartitionRuleUtils.root(((Number) a[0]).intValue()));
        r.fn("pg_partition_ancestors", List.of(regclass), regclass, Volatility.VOLATILE, true,
                SetReturningFunction.withColumns(List.of(new ColumnDef("relid", regclass, -1)),
                        (c, a) -> PartitionRuleUtils.ancestors(((Number) a[0]).intValue()).iterator()));
        r.fn("pg_partition_tree", List.of(regclass), TypeOids.RECORD, Volatility.STABLE, true,
                SetReturningFunction.withColumns(List.of(new ColumnDef("relid", regclass, -1),
                        new ColumnDef("parentrelid", regclass, -1), new ColumnDef("isleaf", TypeOids.BOOL, -1),
                        new ColumnDef("level", TypeOids.INT4, -1)),
                        (c, a) -> PartitionRuleUtils.tree(((Number) a[0]).intValue()).iterator()));
    }
}
