package org.tusk.catalog;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * The B-tree operator class of an index column whose type is a user-defined base type
 * (DefineIndex's ComputeIndexAttrs / ResolveOpClass, GetDefaultOpClass). PostgreSQL orders such
 * a column by its operator class's support function 1; Tusk's B-tree compares keys by their
 * built-in representation ({@code access.nbtree.BTOrdering}) and cannot call a user-defined
 * comparison function from the access method, so a column of a user base type can be indexed
 * only once that is done: today the lookup reports PostgreSQL's error when the type has no
 * default class, and refuses (0A000) when it has one. Stateless.
 */
final class BaseTypeIndexing {
    private BaseTypeIndexing() {}

    /** ResolveOpClass for a column of user base type {@code typeOid}; {@code given} is the named class or 0. */
    static int btreeOpclass(OpclassDdl opclasses, int typeOid, int given) {
        int opclass = given != 0 ? given : opclasses.userDefault(SystemCatalogs.BTREE_AM_OID, typeOid);
        if (opclass == 0) {
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_OBJECT, "data type "
                    + BuiltinCatalog.formatType(typeOid) + " has no default operator class for access method \"btree\"",
                    null, "You must specify an operator class for the index or define a default operator class for the data type.", 0);
        }
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "B-tree indexes on columns of type "
                + BuiltinCatalog.formatType(typeOid) + " are not supported yet: its operator class's comparison function cannot be called by the index");
    }
}
