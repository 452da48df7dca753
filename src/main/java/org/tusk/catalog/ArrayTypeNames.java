package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.List;

import org.tusk.access.common.DatumType;
import org.tusk.access.table.TupleSlot;

/**
 * The names of the array types PostgreSQL makes for each new type (pg_type.c makeArrayTypeName
 * and moveArrayTypeName), read and renamed in pg_type as the creating transaction sees it.
 * A type {@code t} gets the array type {@code _t}, or {@code __t} and so on while that name is
 * taken; a new type that wants the name of such an automatically named array type gets it, the
 * array type being renamed out of its way (so {@code create type _comptype} works after
 * {@code create type comptype}, whose array type becomes {@code __comptype}).
 */
final class ArrayTypeNames {
    private final CatalogEnv env;
    private final CatalogWriter writer;

    ArrayTypeNames(CatalogEnv env, CatalogWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    /** makeArrayTypeName: the first of "_name", "__name", ... (each cut to NAMEDATALEN - 1 bytes) not taken in {@code nsp}. */
    String makeArrayTypeName(String typeName, int nsp) {
        String prefix = "";
        for (int i = 1; i < DatumType.NAMEDATALEN - 1; i++) {
            prefix += "_";
            String name = Identifiers.truncate(prefix + typeName);
            if (typeIn(name, nsp) == null) return name;
        }
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.DUPLICATE_OBJECT,
                "could not form array type name for type \"" + typeName + "\"");
    }

    /**
     * moveArrayTypeName: when type {@code name} exists in {@code nsp} and is an automatically
     * made array type (its element's array type), renames it out of the way and returns true;
     * false when the name is free or taken by any other type (the caller then refuses it).
     */
    boolean moveArrayTypeName(String name, int nsp) {
        TupleSlot s = typeIn(name, nsp);
        if (s == null) return false;
        Object[] v = s.values();
        int typeOid = oid(PG_TYPE.get(v, "oid"));
        int elem = oid(PG_TYPE.get(v, "typelem"));
        if (elem == 0 || !"b".equals(PG_TYPE.get(v, "typtype")) || arrayTypeOf(elem) != typeOid) return false;
        Object[] renamed = v.clone();
        PG_TYPE.set(renamed, "typname", makeArrayTypeName(name, nsp));
        writer.update(PG_TYPE, s, renamed);
        // as moveArrayTypeName: the next makeArrayTypeName (and the caller's own checks) must see the rename
        env.inval().registerRelcacheInval(PG_TYPE.oid());
        env.commandCounterIncrement().run();
        return true;
    }

    private TupleSlot typeIn(String name, int nsp) {
        List<TupleSlot> l = writer.find(PG_TYPE, CatalogScan.nameKey(PG_TYPE, "typname", name),
                v -> oid(PG_TYPE.get(v, "typnamespace")) == nsp);
        return l.isEmpty() ? null : l.get(0);
    }

    private int arrayTypeOf(int elem) {
        for (TupleSlot s : writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "oid", elem))) return oid(PG_TYPE.get(s.values(), "typarray"));
        return 0;
    }

}
