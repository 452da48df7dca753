package org.tusk.commands;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.HashOpclassCatalog;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * DefineIndex and ComputeIndexAttrs for a hash index: what hashhandler's abilities refuse
 * (amcanunique, amcanmulticol, amcaninclude and amcanorder are all false), in DefineIndex's
 * order, and the key column's operator class (ResolveOpClass with HASH_AM_OID: the one named, or
 * the type's default).
 */
final class HashIndexColumns {
    private HashIndexColumns() {}

    /** DefineIndex's checks of the access method's abilities, then ComputeIndexAttrs' ordering check. */
    static void checkStatement(Stmt.IndexStmt s) {
        if (s.unique()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"hash\" does not support unique indexes");
        }
        if (!s.includes().isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"hash\" does not support included columns");
        }
        if (s.params().size() > 1) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"hash\" does not support multicolumn indexes");
        }
        for (Stmt.IndexElem e : s.params()) {
            if (e.desc()) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"hash\" does not support ASC/DESC options");
            }
            if (e.nullsFirst() != null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "access method \"hash\" does not support NULLS FIRST/LAST options");
            }
        }
    }

    /** ResolveOpClass / GetDefaultOpClass for the key column of {@code type}. */
    static int opclass(Stmt.IndexElem e, int type) {
        if (e.opclass() != null) {
            String name = e.opclass().get(e.opclass().size() - 1);
            boolean otherSchema = e.opclass().size() == 2 && !e.opclass().get(0).equals("pg_catalog");
            var c = otherSchema ? null : HashOpclassCatalog.byName(name);
            if (c == null) {
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + String.join(".", e.opclass())
                        + "\" does not exist for access method \"hash\"");
            }
            if (!HashOpclassCatalog.accepts(c.oid(), type)) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + name + "\" does not accept data type "
                        + BuiltinCatalog.formatType(type));
            }
            IndexRelOptions.checkOpclassOptions(e, name);
            return c.oid();
        }
        int c = HashOpclassCatalog.defaultFor(type);
        if (c == 0) {
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_OBJECT, "data type " + BuiltinCatalog.formatType(type)
                    + " has no default operator class for access method \"hash\"", null,
                    "You must specify an operator class for the index or define a default operator class for the data type.", 0);
        }
        return c;
    }
}
