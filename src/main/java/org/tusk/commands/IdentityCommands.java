package org.tusk.commands;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE ... ALTER COLUMN c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]
 * (tablecmds.c ATExecAddIdentity with the sequence transformAlterTableStmt makes): the column
 * must be a NOT NULL smallint, integer or bigint without a default and not already an identity
 * column; a new sequence (SEQUENCE NAME or table_column_seq) becomes the column's, INTERNAL in
 * pg_depend, and the column's attidentity is set. This is how pg_dump restores identity columns.
 */
final class IdentityCommands {
    private IdentityCommands() {}

    static void addIdentity(Relation rel, Stmt.AlterTableCmd.AddIdentity cmd, int attnum, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        String col = cmd.column();
        String type = switch (rel.desc().attr(attnum - 1).type().oid()) {
            case TypeOids.INT2 -> "int2";
            case TypeOids.INT4 -> "int4";
            case TypeOids.INT8 -> "int8";
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "identity column type must be smallint, integer, or bigint");
        };
        if (!rel.desc().attr(attnum - 1).attnotnull()) {
            throw PgException.error("55000", "column \"" + col + "\" of relation \"" + rel.name()
                    + "\" must be declared NOT NULL before identity can be added");
        }
        if (rel.attidentity(attnum) != 0) {
            throw PgException.error("55000", "column \"" + col + "\" of relation \"" + rel.name()
                    + "\" is already an identity column");
        }
        if (catalog.columnDefaults(rel).get(attnum - 1) != null) {
            throw PgException.error("55000", "column \"" + col + "\" of relation \"" + rel.name()
                    + "\" already has a default value");
        }
        Stmt.RangeVar table = new Stmt.RangeVar(null, catalog.namespaceName(rel.namespace()), rel.name(), null, -1);
        ColumnSequences.Created seq = ColumnSequences.create(table, col, type, cmd.options(), rel.persistence(),
                catalog, -1);
        catalog.setColumnIdentity(rel, attnum, cmd.identity());
        catalog.relationOwnership().setOwningColumn(seq.sequence().oid(), rel.oid(), attnum, true);
    }
}
