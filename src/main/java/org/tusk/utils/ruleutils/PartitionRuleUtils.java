package org.tusk.utils.ruleutils;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_INHERITS;
import static org.tusk.catalog.SystemCatalogs.PG_PARTITIONED_TABLE;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ObjectNames;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.RegTypes;

/**
 * ruleutils.c's partitioning deparsers: pg_get_partkeydef (pg_get_partkeydef_worker) and the
 * bound half of pg_get_expr. A partition bound is kept in relpartbound already in the form
 * pg_get_expr prints (see catalog.PartitionBound), so it is returned as stored.
 */
public final class PartitionRuleUtils {
    private PartitionRuleUtils() {}

    /** Whether a pg_node_tree text is a partition bound (relpartbound) rather than an expression. */
    public static boolean isPartitionBound(String text) {
        return text.equals("DEFAULT") || text.startsWith("FOR VALUES ");
    }

    /**
     * pg_get_partkeydef (pg_get_partkeydef_worker): "RANGE (a, b)", an expression element in
     * parentheses unless it is a bare function call, with COLLATE where the element's collation
     * is not its type's and the operator class where it is not the type's default; null if
     * {@code relid} is not a partitioned table.
     */
    public static String partkeydef(int relid) {
        List<Object[]> rows = ObjectNames.current().rows(PG_PARTITIONED_TABLE,
                v -> oid(PG_PARTITIONED_TABLE.get(v, "partrelid")) == relid);
        if (rows.isEmpty()) return null;
        Object[] row = rows.get(0);
        String strategy = switch (((String) PG_PARTITIONED_TABLE.get(row, "partstrat")).charAt(0)) {
            case 'r' -> "RANGE";
            case 'l' -> "LIST";
            default -> "HASH";
        };
        StringBuilder sb = new StringBuilder(strategy).append(" (");
        short[] attrs = (short[]) PG_PARTITIONED_TABLE.get(row, "partattrs");
        int[] colls = (int[]) PG_PARTITIONED_TABLE.get(row, "partcollation");
        int[] classes = (int[]) PG_PARTITIONED_TABLE.get(row, "partclass");
        String partexprs = (String) PG_PARTITIONED_TABLE.get(row, "partexprs");
        List<Expr> exprs = partexprs == null ? List.of() : RuleUtils.analyzeListOverRelation(partexprs, relid, null);
        int next = 0;
        for (int i = 0; i < attrs.length; i++) {
            if (i > 0) sb.append(", ");
            short attnum = attrs[i];
            int type;
            if (attnum != 0) {
                List<Object[]> a = ObjectNames.current().rows(PG_ATTRIBUTE,
                        v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid && (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum);
                sb.append(a.isEmpty() ? "?" : RegTypes.quote((String) PG_ATTRIBUTE.get(a.get(0), "attname")));
                type = a.isEmpty() ? 0 : oid(PG_ATTRIBUTE.get(a.get(0), "atttypid"));
            } else {
                Expr e = exprs.get(next++);
                String str = RuleUtils.nonPretty(e);
                sb.append(RuleUtils.looksLikeFunction(e) ? str : "(" + str + ")");
                type = e.type();
            }
            int coll = colls != null && i < colls.length ? colls[i] : 0;
            if (coll != 0 && coll != org.tusk.catalog.CatalogRows.builtinCollation(type))
                sb.append(" COLLATE ").append(RuleUtils.collationName(coll));
            // get_opclass_name: a pattern class, or the class of a type the key is binary-coercible to (oid_ops on int4)
            String opclass = classes != null && i < classes.length ? org.tusk.catalog.BtreeOpclasses.nonDefaultName(classes[i]) : null;
            if (opclass == null && classes != null && i < classes.length && type != 0
                    && org.tusk.catalog.BtreeOpclasses.partitionComparisonType(classes[i],
                    org.tusk.catalog.TypeCache.baseType(type)) != 0) {
                opclass = org.tusk.catalog.BtreeOpclasses.className(classes[i]);
            }
            if (opclass == null && classes != null && i < classes.length) opclass = userOpclassName(classes[i], type);
            if (opclass != null) sb.append(' ').append(opclass);
        }
        return sb.append(')').toString();
    }

    /**
     * get_opclass_name for a user-defined operator class (CREATE OPERATOR CLASS): its name,
     * schema-qualified when it is not visible, unless it is the default class of the key's type.
     */
    private static String userOpclassName(int opclass, int type) {
        if (Integer.compareUnsigned(opclass, org.tusk.catalog.CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) return null;
        var c = org.tusk.catalog.SystemCatalogs.PG_OPCLASS;
        List<Object[]> rows = ObjectNames.current().rows(c, v -> oid(c.get(v, "oid")) == opclass);
        if (rows.isEmpty()) return null;
        Object[] row = rows.get(0);
        if ((Boolean) c.get(row, "opcdefault") && oid(c.get(row, "opcintype")) == type) return null;
        String name = RegTypes.quote(String.valueOf(c.get(row, "opcname")));
        int ns = oid(c.get(row, "opcnamespace"));
        return ObjectNames.current().searchPath().contains(ns) ? name
                : RegTypes.quote(ObjectNames.current().namespaceName(ns)) + "." + name;
    }

    /** The direct partitioned parent of {@code relid} (its pg_inherits row, if it is a partition), or 0. */
    private static int parentOf(int relid) {
        ObjectNames names = ObjectNames.current();
        for (Object[] c : names.rows(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == relid)) {
            if (!(Boolean) PG_CLASS.get(c, "relispartition")) return 0;
        }
        for (Object[] i : names.rows(PG_INHERITS, v -> oid(PG_INHERITS.get(v, "inhrelid")) == relid)) {
            return oid(PG_INHERITS.get(i, "inhparent"));
        }
        return 0;
    }

    /** pg_partition_ancestors: the relation itself, then its parent, grandparent, ... (regclass values). */
    public static List<Long> ancestors(int relid) {
        List<Long> out = new ArrayList<>();
        // check_rel_can_be_partition: tables and indexes, partitioned or not
        var rel = ObjectNames.current().relation(relid);
        if (rel.isEmpty() || "rpiI".indexOf(rel.get().relkind()) < 0) return out;
        for (int r = relid; r != 0; r = parentOf(r)) out.add((long) r & 0xFFFFFFFFL);
        return out;
    }

    /** pg_partition_root: the top-most partitioned table of the tree {@code relid} is in, or null if it is in none. */
    public static Long root(int relid) {
        var rel = ObjectNames.current().relation(relid);
        if (rel.isEmpty() || !partitioned(rel.get().relkind()) && parentOf(relid) == 0) return null;
        List<Long> a = ancestors(relid);
        return a.get(a.size() - 1);
    }

    /**
     * pg_partition_tree: (relid, parentrelid, isleaf, level) for {@code relid} and every
     * partition below it, breadth first, level 0 being {@code relid}; a partitioned index's tree
     * is the indexes attached below it.
     */
    public static List<Object[]> tree(int relid) {
        List<Object[]> out = new ArrayList<>();
        var rel = ObjectNames.current().relation(relid);
        if (rel.isEmpty() || !partitioned(rel.get().relkind()) && parentOf(relid) == 0) return out;
        int parent = parentOf(relid);
        out.add(new Object[] {(long) relid & 0xFFFFFFFFL, parent == 0 ? null : (long) parent & 0xFFFFFFFFL,
                !partitioned(rel.get().relkind()), 0});
        for (int i = 0; i < out.size(); i++) {
            int r = (int) (long) (Long) out.get(i)[0];
            int level = (Integer) out.get(i)[3];
            List<Integer> children = new ArrayList<>();
            for (Object[] inh : ObjectNames.current().rows(PG_INHERITS, v -> oid(PG_INHERITS.get(v, "inhparent")) == r)) {
                children.add(oid(PG_INHERITS.get(inh, "inhrelid")));
            }
            children.sort(Integer::compareUnsigned);
            for (int c : children) {
                var child = ObjectNames.current().relation(c);
                if (child.isEmpty()) continue;
                out.add(new Object[] {(long) c & 0xFFFFFFFFL, (long) r & 0xFFFFFFFFL, !partitioned(child.get().relkind()),
                        level + 1});
            }
        }
        return out;
    }

    /** A partitioned table or a partitioned index: the trees of both are pg_inherits rows. */
    private static boolean partitioned(char relkind) {
        return relkind == 'p' || relkind == 'I';
    }
}
