package org.tusk.catalog;

import org.tusk.access.table.TupleSlot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_INHERITS;

/**
 * Table inheritance in the catalogs (PostgreSQL's pg_inherits.c and tablecmds.c
 * StoreCatalogInheritance): a child's pg_inherits rows (inhseqno 1, 2, ... in INHERITS order),
 * relhassubclass of its parents, attinhcount/attislocal of its columns, and the child's NORMAL
 * dependency on each parent, which makes DROP of a parent need CASCADE.
 */
final class InheritanceCatalog {
    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    InheritanceCatalog(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
    }

    /** StoreCatalogInheritance + the column flags MergeAttributes computed (arrays by attnum - 1). */
    void store(int childOid, List<Integer> parentOids, int[] attinhcount, boolean[] attislocal) {
        for (int i = 0; i < parentOids.size(); i++) {
            int parent = parentOids.get(i);
            Object[] row = PG_INHERITS.newRow();
            PG_INHERITS.set(row, "inhrelid", childOid);
            PG_INHERITS.set(row, "inhparent", parent);
            PG_INHERITS.set(row, "inhseqno", i + 1);
            PG_INHERITS.set(row, "inhdetachpending", false);
            writer.insert(PG_INHERITS, row);
            dependencies.recordDependencyOn(ObjectAddress.relation(childOid), ObjectAddress.relation(parent),
                    DependencyType.NORMAL);
            // SetRelationHasSubclass: planners of other sessions must look for children from now on.
            List<TupleSlot> cls = writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", parent));
            if (!cls.isEmpty() && !(Boolean) PG_CLASS.get(cls.get(0).values(), "relhassubclass")) {
                Object[] v = cls.get(0).values().clone();
                PG_CLASS.set(v, "relhassubclass", true);
                writer.update(PG_CLASS, cls.get(0), v);
            }
            env.inval().registerRelcacheInval(parent);
        }
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", childOid), v -> (Short) PG_ATTRIBUTE.get(v, "attnum") > 0)) {
            int attnum = (Short) PG_ATTRIBUTE.get(s.values(), "attnum");
            if (attnum > attinhcount.length) continue;
            if (attinhcount[attnum - 1] == 0 && attislocal[attnum - 1]) continue;
            Object[] v = s.values().clone();
            PG_ATTRIBUTE.set(v, "attinhcount", attinhcount[attnum - 1]);
            PG_ATTRIBUTE.set(v, "attislocal", attislocal[attnum - 1]);
            writer.update(PG_ATTRIBUTE, s, v);
        }
        env.inval().registerRelcacheInval(childOid);
        env.commandCounterIncrement().run();
    }

    /** attinhcount += delta and (unless null) attislocal of one column, then CommandCounterIncrement. */
    void adjustColumn(int relOid, int attnum, int delta, Boolean islocal) {
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", relOid), v -> (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum)) {
            Object[] v = s.values().clone();
            PG_ATTRIBUTE.set(v, "attinhcount", (Integer) PG_ATTRIBUTE.get(v, "attinhcount") + delta);
            if (islocal != null) PG_ATTRIBUTE.set(v, "attislocal", islocal);
            writer.update(PG_ATTRIBUTE, s, v);
        }
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }

    /** pg_attribute.attinhcount and attislocal of one column; null if there is no such column. */
    Catalog.ColumnInheritance column(int relOid, int attnum) {
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", relOid), v -> (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum)) {
            return new Catalog.ColumnInheritance((Integer) PG_ATTRIBUTE.get(s.values(), "attinhcount"),
                    (Boolean) PG_ATTRIBUTE.get(s.values(), "attislocal"));
        }
        return null;
    }

    /** find_inheritance_children: the direct children of {@code parentOid}, in OID order. */
    List<Integer> children(int parentOid) {
        List<Integer> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_INHERITS, CatalogScan.key(PG_INHERITS, "inhparent", parentOid))) {
            out.add(oid(PG_INHERITS.get(s.values(), "inhrelid")));
        }
        out.sort(Comparator.comparingInt(Integer::intValue));
        return out;
    }

    /** The direct parents of {@code childOid}, in inhseqno order. */
    List<Integer> parents(int childOid) {
        List<TupleSlot> rows = new ArrayList<>(writer.find(PG_INHERITS, CatalogScan.key(PG_INHERITS, "inhrelid", childOid)));
        rows.sort(Comparator.comparingInt(s -> (Integer) PG_INHERITS.get(s.values(), "inhseqno")));
        List<Integer> out = new ArrayList<>();
        for (TupleSlot s : rows) out.add(oid(PG_INHERITS.get(s.values(), "inhparent")));
        return out;
    }
}
