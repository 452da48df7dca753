package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.PartitionBound;
import org.tusk.catalog.PartitionCatalog;
import org.tusk.catalog.PartitionKey;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * Choosing a partition for a row (PostgreSQL's execPartition.c ExecFindPartition and
 * partbounds.c get_partition_for_tuple) and the partition constraint of a row stored into a
 * partition directly (execMain.c ExecPartitionCheck).
 *
 * <p>A row is in a partition when its key values fall in the partition's bound: a list
 * partition lists the value (NULL only if NULL is listed); a range partition holds lower &lt;=
 * key &lt; upper, column by column, and never a NULL key; a hash partition holds the rows whose
 * key hash leaves its remainder (see {@link PartitionHashing}). The default partition holds the
 * rows no other partition accepts. A partition's own constraint is that of its bound and those
 * of every ancestor's bound.
 */
public final class PartitionRouting {
    private PartitionRouting() {}

    /**
     * Whether key values {@code values} satisfy non-default bound {@code b}; {@code ctx} calls a
     * user-defined hash class's support function.
     */
    public static boolean boundAccepts(PartitionKey key, PartitionBound b, Object[] values, org.tusk.catalog.FunctionCallContext ctx) {
        return switch (b.strategy()) {
            case 'l' -> b.listContains(key, values[0]);
            case 'r' -> {
                for (Object v : values) if (v == null) yield false;
                yield b.rangeContains(key, values);
            }
            case 'h' -> PartitionHashing.remainderMatches(key, values, b.modulus(), b.remainder(), ctx);
            default -> throw new IllegalArgumentException("default bound");
        };
    }

    /** Whether choosing a partition for {@code key} calls a user-defined hash class's support function (needs a context). */
    public static boolean hashesThroughFunctions(PartitionKey key) {
        if (key.strategy() != 'h') return false;
        for (int i = 0; i < key.count(); i++) if (key.opclass(i) != 0) return true;
        return false;
    }

    /**
     * get_partition_for_tuple: the OID of the partition of {@code parent} that accepts key
     * {@code values} (the default partition if no other does), or 0 if none does.
     */
    public static int choose(PartitionKey key, List<PartitionCatalog.Partition> parts, int defaultOid, Object[] values,
                             org.tusk.catalog.FunctionCallContext ctx) {
        for (PartitionCatalog.Partition p : parts) {
            if (!p.bound().isDefault() && boundAccepts(key, p.bound(), values, ctx)) return p.oid();
        }
        return defaultOid;
    }

    /** The 23514 ExecFindPartition raises: no partition of {@code parent} accepts the row. */
    static PgException noPartition(Relation parent, PartitionKeyDatum datum, Object[] values, ExecContext ctx) {
        PartitionKey key = datum.key();
        StringBuilder cols = new StringBuilder("("), vals = new StringBuilder("(");
        for (int i = 0; i < key.count(); i++) {
            if (i > 0) {
                cols.append(", ");
                vals.append(", ");
            }
            cols.append(datum.displayName(i));
            vals.append(values[i] == null ? "null" : BuiltinCatalog.type(key.typeOid(i)).output().out(values[i], ctx.outputSettings()));
        }
        PgException e = PgException.error("23514", "no partition of relation \"" + parent.name() + "\" found for row")
                .withObjects(new PgException.ErrorObjects(null, parent.name(), null, null, null));
        // the key values only for a user allowed to read them (ExecBuildSlotPartitionKeyDescription)
        return ExecPermissions.maySeePartitionKey(parent, key, ctx.requireEnv())
                ? e.withDetail("Partition key of the failing row contains " + cols + ") = " + vals + ").") : e;
    }

    /** make_inh_translation_list by name: for each column of {@code to}, the 1-based attnum in {@code from} (0 if absent). */
    public static int[] columnMap(Relation from, Relation to) {
        int[] map = new int[to.desc().natts()];
        for (int i = 0; i < map.length; i++) {
            if (to.desc().attr(i).attisdropped()) continue;
            String name = to.desc().attr(i).name();
            for (int j = 0; j < from.desc().natts(); j++) {
                if (!from.desc().attr(j).attisdropped() && from.desc().attr(j).name().equals(name)) map[i] = j + 1;
            }
        }
        return map;
    }

    /** A row of {@code from}'s layout rearranged by a {@link #columnMap} into the other relation's. */
    public static Object[] convert(Object[] row, int[] map) {
        Object[] out = new Object[map.length];
        for (int i = 0; i < map.length; i++) out[i] = map[i] == 0 || map[i] > row.length ? null : row[map[i] - 1];
        return out;
    }

    /** The relation's columns as the executor describes rows. */
    static List<ColumnDef> columns(Relation rel) {
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) cols.add(new ColumnDef(rel.desc().attr(i).name(), rel.atttypid(i + 1),
                rel.atttypmod(i + 1)));
        return cols;
    }

    /**
     * A partition's constraint, gathered once per statement (the partition qual
     * ExecPartitionCheck evaluates): for the relation and each ancestor that is a partition, the
     * parent's key, the parent's partitions and the relation's own bound, with the column map
     * from the relation's layout to the parent's.
     */
    public static final class Constraint {
        private record Level(PartitionKeyDatum key, List<PartitionCatalog.Partition> siblings, PartitionBound own,
                             int[] toParent) {}

        private final List<Level> levels;
        private final ExecContext ctx;

        private Constraint(List<Level> levels, ExecContext ctx) {
            this.levels = levels;
            this.ctx = ctx;
        }

        /** ExecPartitionCheck: whether {@code row} (in the partition's layout) satisfies the constraint. */
        public boolean accepts(Object[] row) {
            Object[] r = row;
            for (Level l : levels) {
                r = convert(r, l.toParent());
                Object[] values = l.key().form(r);
                PartitionKey key = l.key().key();
                boolean ok = l.own().isDefault() ? choose(key, l.siblings(), 0, values, ctx) == 0
                        : boundAccepts(key, l.own(), values, ctx);
                if (!ok) return false;
            }
            return true;
        }
    }

    /** The partition constraint of {@code rel}, or null if it is not a partition. */
    public static Constraint constraintOf(Relation rel, ExecContext ctx) {
        Catalog catalog = ctx.requireEnv().catalog();
        // relispartition from the relcache spares every other table the catalog scan below
        // (it was 58% of a tpcb-like backend's CPU when done for every INSERT and UPDATE)
        if (!rel.isPartition()) return null;
        PartitionCatalog pc = catalog.partitions();
        if (pc == null) return null;
        List<Constraint.Level> levels = new ArrayList<>();
        Relation child = rel;
        while (pc.boundText(child.oid()) != null) {
            List<Integer> parents = catalog.inheritanceParents(child.oid());
            if (parents.isEmpty()) break;
            Relation parent = catalog.openRelation(parents.get(0));
            PartitionKey key = pc.key(parent);
            if (key == null) break;
            List<PartitionCatalog.Partition> parts = pc.partitions(parent, key, catalog);
            PartitionBound own = null;
            for (PartitionCatalog.Partition p : parts) if (p.oid() == child.oid()) own = p.bound();
            if (own == null) break;
            levels.add(new Constraint.Level(PartitionKeyDatum.open(parent, key, ctx), parts, own, columnMap(child, parent)));
            child = parent;
        }
        return levels.isEmpty() ? null : new Constraint(List.copyOf(levels), ctx);
    }

    /** The 23514 of a row that breaks {@code rel}'s partition constraint. */
    public static PgException constraintViolation(Relation rel, Object[] row, ExecContext ctx) {
        return constraintViolation(rel, rel, row, ctx);
    }

    /**
     * ExecPartitionCheckEmitError: the 23514 of a row of {@code rel} that breaks its partition
     * constraint, the row shown in {@code shownAs}'s layout (the statement's root relation, as
     * ri_RootResultRelInfo shows it).
     */
    public static PgException constraintViolation(Relation rel, Relation shownAs, Object[] row, ExecContext ctx) {
        return constraintViolation(rel, shownAs, row, null, ctx);
    }

    /**
     * As above, with {@code modified}: the columns (in {@code shownAs}'s numbering) whose values
     * the statement gave, shown even to a user who may not read them (ExecBuildSlotValueDescription's
     * modifiedCols, ExecGetInsertedCols of the root result relation).
     */
    public static PgException constraintViolation(Relation rel, Relation shownAs, Object[] row, java.util.BitSet modified,
                                                  ExecContext ctx) {
        Object[] shown = shownAs == rel ? row : convert(row, columnMap(rel, shownAs));
        return PgException.error("23514", "new row for relation \"" + rel.name() + "\" violates partition constraint")
                .withDetail(ExecConstraints.failingRowDetail(shownAs, columns(shownAs), shown, modified, ctx))
                .withObjects(new PgException.ErrorObjects(null, rel.name(), null, null, null));
    }
}
