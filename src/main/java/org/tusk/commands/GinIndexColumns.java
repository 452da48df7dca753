package org.tusk.commands;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.GinOpclassCatalog;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * DefineIndex and ComputeIndexAttrs for a GIN index: what the access method refuses (amcanunique,
 * amcaninclude and amcanorder are false for GIN) and each key column's operator class
 * (ResolveOpClass with GIN_AM_OID: the one named, or the type's default).
 */
final class GinIndexColumns {
    private GinIndexColumns() {}

    /** DefineIndex's checks of the access method's abilities. */
    static void checkStatement(Stmt.IndexStmt s) {
        if (s.unique()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"gin\" does not support unique indexes");
        }
        if (!s.includes().isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"gin\" does not support included columns");
        }
        for (Stmt.IndexElem e : s.params()) {
            if (e.desc() || e.nullsFirst() != null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"gin\" does not support ASC/DESC options");
            }
        }
    }

    /** ResolveOpClass / GetDefaultOpClass for a GIN key column of {@code type}. */
    static int opclass(Stmt.IndexElem e, int type) {
        GinOpclassCatalog.Opclass c;
        if (e.opclass() != null) {
            String name = e.opclass().get(e.opclass().size() - 1);
            boolean otherSchema = e.opclass().size() == 2 && !e.opclass().get(0).equals("pg_catalog");
            c = otherSchema ? null : GinOpclassCatalog.byName(name);
            if (c == null) {
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + String.join(".", e.opclass())
                        + "\" does not exist for access method \"gin\"");
            }
            if (!GinOpclassCatalog.accepts(c, type)) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + name + "\" does not accept data type "
                        + BuiltinCatalog.formatType(type));
            }
            IndexRelOptions.checkOpclassOptions(e, name);
        } else {
            c = GinOpclassCatalog.defaultFor(type);
            if (c == null) {
                throw new PgException(Severity.ERROR, SqlState.UNDEFINED_OBJECT, "data type " + BuiltinCatalog.formatType(type)
                        + " has no default operator class for access method \"gin\"", null,
                        "You must specify an operator class for the index or define a default operator class for the data type.", 0);
            }
        }
        return c.oid();
    }
}
