package org.tusk.catalog;

/** A column of a scannable relation: name, type OID and typmod (-1 when none). */
public record ColumnDef(String name, int typeOid, int typmod) {
    public ColumnDef(String name, int typeOid) { this(name, typeOid, -1); }
}
