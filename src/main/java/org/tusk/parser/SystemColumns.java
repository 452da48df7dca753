package org.tusk.parser;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;

/**
 * References to the system columns of a table (parse_relation.c specialAttNum and
 * SystemAttributeByName): ctid, xmin, cmin, xmax, cmax and tableoid exist in every table but
 * are not among its columns, so {@code *} never shows them; a name is taken as a system column
 * only when the FROM item is a table (not a join, subquery, view, ...) and none of its own
 * columns has that name. PostgreSQL numbers them -1 (ctid) to -6 (tableoid); Tusk's executor
 * carries them after a scan tuple's columns, so system column {@code n} of a table of
 * {@code natts} columns is Var attno {@code natts - n}.
 */
final class SystemColumns {
    private static final String[] NAMES = {"ctid", "xmin", "cmin", "xmax", "cmax", "tableoid"};
    /** tid, xid, cid, xid, cid, oid. */
    private static final int[] TYPES = {27, 28, 29, 28, 29, 26};

    private SystemColumns() {}

    /** The Var of system column {@code name} of {@code item}, or null if it has none of that name. */
    static Expr lookup(NsItem item, String name, int location) {
        Query.RangeTblEntry rte = item.rte();
        // a catalog Tusk computes has no tuples of its own, but its tableoid is its pg_class OID
        if (rte != null && rte.kind() == Query.RteKind.RELATION && name.equals("tableoid")
                && rte.relation() instanceof org.tusk.catalog.ComputedCatalog c && c.relationOid() != 0)
            return new Expr.Const(TYPES[5], -1, (long) c.relationOid(), location);
        if (rte == null || rte.kind() != Query.RteKind.RELATION || !rte.isTable()) return null;
        for (int k = 0; k < NAMES.length; k++) {
            if (NAMES[k].equals(name)) {
                return new Expr.Var(item.rtindex(), rte.columns().size() + 1 + k, TYPES[k], -1, name, location);
            }
        }
        return null;
    }
}
