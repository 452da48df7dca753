package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_DEPEND;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.table.TupleSlot;

/**
 * The pg_depend row of a column on its type (heap.c AddNewAttributeTuples, and
 * ATExecAlterColumnType's changeDependencyFor): column (pg_class, relid, attnum) depends NORMAL
 * on its pg_type row, so DROP TYPE refuses while the column exists and DROP TYPE ... CASCADE
 * drops the column ("drop cascades to column a of table t"), and with it whatever depends on
 * the column (a view reading it).
 *
 * <p>PostgreSQL records the row for every column whose type is not pinned; Tusk records it for
 * table and view columns of user-defined base types only: enum, domain and composite columns are
 * still found through pg_attribute by their DROP commands ({@code TypeDdl.dependents}), built-in
 * types are pinned, and a composite type's attribute of a base type is not recorded because
 * dropping one attribute of a composite type is not done ({@link #unrecorded} lists those, and
 * domains over the type, for DROP TYPE to refuse). The caller holds AccessExclusiveLock on the relation (or just created it).
 * Stateless.
 */
final class ColumnTypeDependency {
    private ColumnTypeDependency() {}

    /** Records column {@code attnum} of {@code relOid} as depending on {@code typeOid} if that is a user base type. */
    static void record(Dependencies dependencies, int relOid, int attnum, int typeOid) {
        if (!isUserBaseType(typeOid)) return;
        dependencies.recordDependencyOn(new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, relOid, attnum),
                new ObjectAddress(BaseTypeDdl.TYPE_RELATION_ID, typeOid, 0), DependencyType.NORMAL);
    }

    /** changeDependencyFor on a column type change: drops the column's type row and records the new type's. */
    static void change(CatalogWriter writer, Dependencies dependencies, int relOid, int attnum, int newTypeOid) {
        writer.delete(PG_DEPEND, v -> oid(PG_DEPEND.get(v, "classid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(PG_DEPEND.get(v, "objid")) == relOid && (Integer) PG_DEPEND.get(v, "objsubid") == attnum
                && oid(PG_DEPEND.get(v, "refclassid")) == BaseTypeDdl.TYPE_RELATION_ID);
        record(dependencies, relOid, attnum, newTypeOid);
    }

    /**
     * What depends on base type {@code typeOid} without a pg_depend row: domains over it ("type d")
     * and attributes of composite types ("column a of composite type c"), in pg_type / pg_attribute order.
     */
    static List<String> unrecorded(CatalogWriter writer, int typeOid) {
        List<String> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_TYPE, v -> "d".equals(PG_TYPE.get(v, "typtype"))
                && oid(PG_TYPE.get(v, "typbasetype")) == typeOid)) {
            out.add("type " + PG_TYPE.get(s.values(), "typname"));
        }
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "atttypid")) == typeOid
                && !(Boolean) PG_ATTRIBUTE.get(v, "attisdropped"))) {
            int rel = oid(PG_ATTRIBUTE.get(s.values(), "attrelid"));
            for (TupleSlot c : writer.find(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == rel && "c".equals(PG_CLASS.get(v, "relkind")))) {
                out.add("column " + PG_ATTRIBUTE.get(s.values(), "attname") + " of composite type " + PG_CLASS.get(c.values(), "relname"));
            }
        }
        return out;
    }

    private static boolean isUserBaseType(int typeOid) {
        TypeCache c = TypeCache.current();
        if (c == null) return false;
        TypeCache.UserType t = c.type(typeOid);
        return t != null && t.typtype() == 'b' && t.pgType().category() != 'A';
    }
}
