package org.tusk.commands;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Collations;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Lexer;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The collation of a column definition (GetColumnDefCollation, tablecmds.c) and the rules that
 * compare the collations of merged column definitions (MergeAttributes).
 */
final class ColumnCollations {
    private ColumnCollations() {}

    /**
     * The COLLATE clause of {@code c} as a pg_collation OID, 0 when none is written (the column
     * then takes its type's). A type without collation refuses the clause (42804), and an
     * unknown name is 42704, both at the clause.
     */
    static int of(Stmt.ColumnDefinition c, int typeOid, String queryString) {
        if (c.collation() == null) return 0;
        int pos = c.collationLocation() >= 0 ? Lexer.position(queryString, c.collationLocation()) : 0;
        int coll;
        try {
            coll = Collations.lookup(c.collation());
        } catch (PgException e) {
            throw PgException.errorAt(e.sqlState(), e.getMessage(), pos);
        }
        if (Collations.typeCollation(typeOid) == 0) {
            throw PgException.errorAt(SqlState.DATATYPE_MISMATCH, "collations are not supported by type "
                    + BuiltinCatalog.formatType(typeOid), pos);
        }
        return coll;
    }

    /**
     * MergeAttributes: two definitions of one column must agree on the collation, else 42P21
     * "{@code what} has a collation conflict" with both names.
     */
    static void checkSame(String what, int existing, int other) {
        if (existing != other) {
            throw PgException.error("42P21", what + " has a collation conflict")
                    .withDetail("\"" + Collations.name(existing) + "\" versus \"" + Collations.name(other) + "\"");
        }
    }
}
