package org.tusk.catalog;

import java.util.List;

/**
 * The objects of the current database a role owns, by catalog, as pg_shdepend's
 * SHARED_DEPENDENCY_OWNER rows of the database list them for REASSIGN OWNED and DROP OWNED
 * (shdepReassignOwned, shdepDropOwned): schemas, relations (tables, views, materialized views,
 * sequences, foreign tables; not indexes, TOAST tables or the sequences columns own, which follow
 * their table), routines, and types (standalone ones: not array types, nor the row types of
 * relations other than a composite type's). OIDs in OID order.
 */
public record OwnedObjects(List<Integer> namespaces, List<Integer> relations, List<Integer> routines, List<Integer> types) {
    public boolean isEmpty() {
        return namespaces.isEmpty() && relations.isEmpty() && routines.isEmpty() && types.isEmpty();
    }
}
