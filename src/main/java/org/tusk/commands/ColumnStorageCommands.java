package org.tusk.commands;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.ToastCompression;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.executor.ExecEnvironment;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.Locale;

/**
 * ALTER TABLE ... ALTER COLUMN ... SET STORAGE and SET COMPRESSION (tablecmds.c ATExecSetStorage,
 * ATExecSetCompression with GetAttributeCompression). Only pg_attribute changes: rows already
 * stored keep their form; the new setting applies to rows stored from now on, as in PostgreSQL.
 */
final class ColumnStorageCommands {
    private ColumnStorageCommands() {}

    /** ATExecSetStorage. */
    static void setStorage(Relation rel, int attnum, String name, ExecEnvironment env) {
        char storage = switch (name.toLowerCase(Locale.ROOT)) {
            case "plain" -> 'p';
            case "external" -> 'e';
            case "extended" -> 'x';
            case "main" -> 'm';
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid storage type \"" + name + "\"");
        };
        Attribute att = rel.desc().attr(attnum - 1);
        // only a TOAST-aware type (typstorage other than plain) may be stored other than plain
        if (storage != 'p' && att.type().typstorage() == 'p') {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "column data type " + BuiltinCatalog.formatType(rel.atttypid(attnum)) + " can only have storage PLAIN");
        }
        env.catalog().setColumnStorage(rel, attnum, storage, null);
    }

    /** ATExecSetCompression: GetAttributeCompression's checks, then attcompression. */
    static void setCompression(Relation rel, int attnum, String name, ExecEnvironment env) {
        Attribute att = rel.desc().attr(attnum - 1);
        if (att.type().typstorage() == 'p') {   // !IsStorageCompressible(typstorage)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "column data type " + BuiltinCatalog.formatType(rel.atttypid(attnum)) + " does not support compression");
        }
        env.catalog().setColumnStorage(rel, attnum, null, ToastCompression.methodByName(name));
    }
}
