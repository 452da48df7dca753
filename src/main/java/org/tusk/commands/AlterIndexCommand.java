package org.tusk.commands;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelkindDetail;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The ALTER TABLE / ALTER INDEX subcommands that apply to an index's own catalog rows
 * (tablecmds.c): SET/RESET (storage parameters) of an index (ATExecSetRelOptions with
 * index_reloptions, see {@link IndexRelOptions}), ALTER COLUMN SET STATISTICS (ATExecSetStatistics:
 * pg_attribute.attstattarget, for a table column by name or an index's expression column by
 * number), and the refusal of ALTER COLUMN SET/RESET (attribute options) on an index
 * (ATSimplePermissions' ATWrongRelkindError). The relation is held AccessExclusiveLock by ALTER
 * TABLE; the updates are transactional catalog changes with relcache invalidation.
 */
final class AlterIndexCommand {
    /** The largest statistics target (MAX_STATISTICS_TARGET). */
    static final int MAX_STATISTICS_TARGET = 10000;

    private AlterIndexCommand() {}

    static boolean isIndex(Relation rel) {
        return rel.relkind() == 'i' || rel.relkind() == 'I';
    }

    /** ATExecSetRelOptions for an index: the merged options, validated again, stored in pg_class.reloptions. */
    static void setRelOptions(Relation index, Stmt.AlterTableCmd.SetRelOptions o, Catalog catalog) {
        catalog.setRelOptions(index, IndexRelOptions.merge(catalog.relOptions(index), o.options(), o.reset(), index.relam()));
    }

    /**
     * ATPrepSetStatistics and ATExecSetStatistics. A target above MAX_STATISTICS_TARGET is
     * lowered to it; PostgreSQL also says so in a WARNING, which this path cannot send.
     */
    static void setStatistics(Relation rel, Stmt.AlterTableCmd.SetStatistics s, Catalog catalog) {
        boolean index = isIndex(rel);
        if (!index && rel.relkind() != 'r' && rel.relkind() != 'p' && rel.relkind() != 'm' && rel.relkind() != 'f') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "ALTER action ALTER COLUMN ... SET STATISTICS cannot be "
                    + "performed on relation \"" + rel.name() + "\"").withDetail(RelkindDetail.notSupported(rel.relkind()));
        }
        // column numbers only for indexes: a table's numbers have gaps where columns were dropped
        if (!index && s.column() == null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot refer to non-index column by number");
        }
        int target = s.target();
        if (target < -1) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "statistics target " + target + " is too low");
        }
        if (target > MAX_STATISTICS_TARGET) target = MAX_STATISTICS_TARGET;
        int attnum = s.column() != null ? attnumByName(rel, s.column()) : s.colnum();
        if (s.column() == null && (attnum < 1 || attnum > rel.desc().natts())) {
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column number " + s.colnum() + " of relation \""
                    + rel.name() + "\" does not exist");
        }
        String attname = rel.desc().attr(attnum - 1).name();
        if (index) {
            int[] keys = rel.index().keyAttnums();
            if (attnum > keys.length) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter statistics on included column \""
                        + attname + "\" of index \"" + rel.name() + "\"");
            }
            if (keys[attnum - 1] != 0) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter statistics on non-expression column \""
                        + attname + "\" of index \"" + rel.name() + "\"").withHint("Alter statistics on table column instead.");
            }
        }
        catalog.setStatTarget(rel, attnum, target);
    }

    /** AT_SetOptions / AT_ResetOptions on an index: ATSimplePermissions refuses them (ATT_TABLE | ATT_MATVIEW | ATT_FOREIGN_TABLE). */
    static void refuseColumnOptions(Relation rel, Stmt.AlterTableCmd.SetColumnOptions o) {
        throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "ALTER action ALTER COLUMN ... " + (o.reset() ? "RESET" : "SET")
                + " cannot be performed on relation \"" + rel.name() + "\"").withDetail(RelkindDetail.notSupported(rel.relkind()));
    }

    private static int attnumByName(Relation rel, String column) {
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (rel.desc().attr(i).name().equals(column) && !rel.desc().attr(i).attisdropped()) return i + 1;
        }
        throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + rel.name()
                + "\" does not exist");
    }
}
