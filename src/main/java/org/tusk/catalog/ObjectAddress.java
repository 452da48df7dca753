package org.tusk.catalog;

/**
 * A database object as pg_depend names it (PostgreSQL's ObjectAddress, objectaddress.h): the OID
 * of the catalog that holds its row, its OID there, and a sub-object number (a column's attnum
 * for pg_class objects, else 0).
 */
public record ObjectAddress(int classId, int objectId, int objectSubId) {
    /** RelationRelationId. */
    public static final int RELATION_RELATION_ID = 1259;
    /** RewriteRelationId. */
    public static final int REWRITE_RELATION_ID = 2618;

    /** A whole relation (table, view, index, sequence). */
    public static ObjectAddress relation(int relOid) {
        return new ObjectAddress(RELATION_RELATION_ID, relOid, 0);
    }

    /** The whole object this one is part of (objectSubId 0). */
    public ObjectAddress whole() {
        return objectSubId == 0 ? this : new ObjectAddress(classId, objectId, 0);
    }
}
