package org.tusk.catalog;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The definition of one system catalog (a catalog/pg_*.h header): its fixed OID, which is also
 * its relfilenode (Tusk has no relation mapper, so a catalog's file is base/&lt;db&gt;/&lt;oid&gt;
 * forever), its row type's and that type's array type's OIDs and its columns in attribute order.
 * Immutable.
 */
public final class SystemCatalog {
    private final int oid;
    private final String name;
    private final int rowTypeOid;
    private final int rowArrayTypeOid;
    private final List<CatalogColumn> columns;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final TupleDesc desc;

    SystemCatalog(int oid, String name, int rowTypeOid, int rowArrayTypeOid, List<CatalogColumn> columns) {
        this.oid = oid;
        this.name = name;
        this.rowTypeOid = rowTypeOid;
        this.rowArrayTypeOid = rowArrayTypeOid;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) indexByName.put(columns.get(i).name(), i);
        this.desc = new TupleDesc(columns.stream().map(c -> {
            Attribute a = Attribute.of(c.name(), c.type());
            return c.notNull() ? a.notNull() : a;
        }).toList(), rowTypeOid, -1);
    }

    public int oid() { return oid; }
    public String name() { return name; }
    public int rowTypeOid() { return rowTypeOid; }
    /** The OID of the row type's array type (_pg_class ...). */
    public int rowArrayTypeOid() { return rowArrayTypeOid; }
    public List<CatalogColumn> columns() { return columns; }
    public int natts() { return columns.size(); }
    public TupleDesc desc() { return desc; }

    /** The 0-based index of column {@code column} (Anum_..._column - 1). */
    public int col(String column) {
        Integer i = indexByName.get(column);
        if (i == null) throw new IllegalArgumentException(name + " has no column " + column);
        return i;
    }

    /** An empty row (all null) to fill with {@link #set}. */
    public Object[] newRow() {
        return new Object[columns.size()];
    }

    /** Sets {@code column} in {@code row}; returns the row for chaining. */
    public Object[] set(Object[] row, String column, Object value) {
        row[col(column)] = value;
        return row;
    }

    public Object get(Object[] row, String column) {
        return row[col(column)];
    }

    /** The relcache entry of this catalog in database {@code dbOid} (a "nailed" entry, built without reading catalogs). */
    public Relation relation(int dbOid) {
        return new Relation(oid, name, SystemCatalogs.PG_CATALOG_NAMESPACE, 'r', 'p',
                RelFileLocator.inDefaultTablespace(dbOid, oid), desc, null);
    }

    @Override
    public String toString() {
        return name + "(" + oid + ")";
    }
}
