package org.tusk.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.tusk.access.transam.RmgrId;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.BootstrapCatalog.Database;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.DatabaseFiles;
import org.tusk.catalog.RelationStorage;
import org.tusk.catalog.SharedCatalog;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.Stmt.OptionItem;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.utils.adt.Encodings;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE DATABASE, DROP DATABASE and ALTER DATABASE (PostgreSQL 15's commands/dbcommands.c:
 * createdb, dropdb, RenameDatabase, AlterDatabaseOwner, AlterDatabase), with PostgreSQL's checks,
 * messages and SQLSTATEs, in PostgreSQL's order.
 *
 * <p>CREATE DATABASE uses the FILE_COPY strategy (STRATEGY WAL_LOG is accepted and carried out
 * as FILE_COPY): with ShareLock on the template (new connections to it wait) and nobody else
 * connected to it, a checkpoint writes the template's dirty pages, its directory is copied and
 * fsynced, XLOG_DBASE_CREATE_FILE_COPY is logged, and a second checkpoint makes replaying the
 * copy unnecessary after a crash. The pg_database row becomes visible, and durable, with the
 * commit ({@link SharedCatalog}); the commit record is flushed whatever synchronous_commit says
 * (ForceSyncCommit). If the statement fails after the copy, the new directory is removed.
 *
 * <p>DROP DATABASE takes AccessExclusiveLock on the database, refuses while others are connected
 * (after terminating them with FORCE), drops the database's buffers, checkpoints (so that no
 * queued fsync request refers to the files), logs XLOG_DBASE_DROP and removes the directory,
 * then commits. As in PostgreSQL before 15.4, a crash after the directory is removed and before
 * the commit leaves a pg_database row without files (connecting to it fails).
 */
public final class DbCommands {
    private DbCommands() {}

    private static final String[] CREATEDB_OPTIONS = {"owner", "template", "encoding", "locale", "lc_collate", "lc_ctype",
            "icu_locale", "locale_provider", "collation_version", "tablespace", "allow_connections", "connection_limit",
            "is_template", "oid", "strategy", "location"};

    /** PreventInTransactionBlock. */
    static void preventInTransactionBlock(SharedObjectEnv env, String what) {
        if (env.inTransactionBlock())
            throw PgException.error("25001", what + " cannot run inside a transaction block");
    }

    /** createdb. */
    public static void createdb(Stmt.CreatedbStmt s, SharedObjectEnv env) {
        preventInTransactionBlock(env, "CREATE DATABASE");
        Map<String, OptionItem> opts = new HashMap<>();
        for (OptionItem d : s.options()) {
            boolean known = false;
            for (String o : CREATEDB_OPTIONS) known |= o.equals(d.name());
            if (!known) throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + d.name() + "\" not recognized");
            if (opts.put(d.name(), d) != null) throw DefElems.conflicting();
            if (d.name().equals("location")) {
                env.notice("LOCATION is not supported anymore");
            }
        }
        SharedCatalog shared = env.sharedCatalog();
        shared.lockDatabases();
        BootstrapCatalog cat = shared.current();
        Role me = Roles.current(cat, env);

        int owner = me.oid();
        if (opts.get("owner") != null && opts.get("owner").value() != null) {
            String n = DefElems.string(opts.get("owner"));
            owner = cat.role(n).orElseThrow(() -> Roles.doesNotExist(n)).oid();
        }
        String templateName = opts.get("template") != null && opts.get("template").value() != null
                ? DefElems.string(opts.get("template")) : "template1";
        int connLimit = opts.containsKey("connection_limit") && opts.get("connection_limit").value() != null
                ? DefElems.int32(opts.get("connection_limit")) : -1;
        boolean isTemplate = opts.containsKey("is_template") && DefElems.bool(opts.get("is_template"));
        boolean allowConn = !opts.containsKey("allow_connections") || DefElems.bool(opts.get("allow_connections"));
        if (opts.containsKey("oid")) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "OID option is not supported yet");
        if (opts.containsKey("tablespace") && opts.get("tablespace").value() != null
                && !DefElems.string(opts.get("tablespace")).equals("pg_default")) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "tablespace \"" + DefElems.string(opts.get("tablespace"))
                    + "\" does not exist");
        }

        if (!Roles.haveCreatedbPrivilege(me))
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create database");
        if (owner != me.oid() && !me.superuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \""
                    + cat.role(owner).map(Role::name).orElse("?") + "\"");
        }

        // The template: ShareLock on it keeps new sessions out while it is copied.
        Database src = cat.database(templateName).orElseThrow(() -> PgException.error(SqlState.INVALID_CATALOG_NAME,
                "template database \"" + templateName + "\" does not exist"));
        env.lockDatabaseObject(src.oid(), LockMode.SHARE);
        if (!src.isTemplate() && !me.superuser() && src.dba() != me.oid()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to copy database \"" + templateName + "\"");
        }
        if (opts.get("strategy") != null && opts.get("strategy").value() != null) {
            String strategy = DefElems.string(opts.get("strategy")).toLowerCase(Locale.ROOT);
            if (!strategy.equals("wal_log") && !strategy.equals("file_copy")) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid create database strategy \""
                        + DefElems.string(opts.get("strategy")) + "\"")
                        .withHint("Valid strategies are \"wal_log\", and \"file_copy\".");
            }
        }
        checkEncoding(opts.get("encoding"), src, templateName);
        checkLocale(opts, src, templateName);
        if (connLimit < -1)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + connLimit);

        if (cat.database(s.dbname()).isPresent())
            throw PgException.error("42P04", "database \"" + s.dbname() + "\" already exists");
        int others = env.countOtherBackends(src.oid());
        if (others > 0) {
            throw PgException.error("55006", "source database \"" + templateName + "\" is being accessed by other users")
                    .withDetail(busyDetail(others));
        }

        // GetNewOidWithIndex, skipping OIDs in use and check_db_file_conflict's directories.
        int oid;
        do {
            oid = env.newObjectId();
        } while (isOidInUse(cat, oid) || Files.exists(DatabaseFiles.databasePath(env.dataDir(), oid)));
        Database db = new Database(oid, s.dbname(), owner, src.encoding(), src.locProvider(), isTemplate, allowConn,
                connLimit, src.frozenXid(), src.minMxid(), BootstrapCatalog.DEFAULTTABLESPACE_OID, src.collate(), src.ctype(),
                src.iculocale(), src.collversion(), null);
        shared.putDatabase(db);
        env.lockDatabaseObject(oid, LockMode.ACCESS_EXCLUSIVE);

        Path dst = DatabaseFiles.databasePath(env.dataDir(), oid);
        try {
            // Every page of the template must be on disk before its files are copied.
            env.requestCheckpoint();
            DatabaseFiles.copyDir(DatabaseFiles.databasePath(env.dataDir(), src.oid()), dst);
            env.walInsert(DatabaseFiles.createFileCopyRecord(oid, src.oid()), RmgrId.DBASE,
                    DatabaseFiles.XLOG_DBASE_CREATE_FILE_COPY | RelationStorage.XLR_SPECIAL_REL_UPDATE);
            // So that a crash from now on need not replay the copy (whose source may have changed).
            env.requestCheckpoint();
        } catch (RuntimeException e) {
            // createdb_failure_callback: the files of a database that will not exist.
            env.closeDatabaseFiles(oid);
            env.dropDatabaseBuffers(oid);
            DatabaseFiles.removeDir(dst);
            throw e;
        }
        env.forceSyncCommit();
    }

    private static boolean isOidInUse(BootstrapCatalog cat, int oid) {
        return cat.database(oid).isPresent() || cat.role(oid).isPresent();
    }

    /** errdetail_busy_db. */
    static String busyDetail(int others) {
        return others == 1 ? "There is 1 other session using the database."
                : "There are " + others + " other sessions using the database.";
    }

    private static void checkEncoding(OptionItem e, Database src, String templateName) {
        if (e == null || e.value() == null) return;
        int enc;
        if (e.value() instanceof Long l) {
            enc = (int) (long) l;
            if (enc != BootstrapCatalog.PG_UTF8 && enc != 0)
                throw PgException.error(SqlState.UNDEFINED_OBJECT, enc + " is not a valid encoding code");
        } else {
            String name = DefElems.string(e);
            String norm = name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (norm.equals("UTF8") || norm.equals("UNICODE")) enc = BootstrapCatalog.PG_UTF8;
            else if (norm.equals("SQLASCII")) enc = 0;
            else if (Encodings.isKnown(name))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "encoding \"" + name + "\" is not supported yet");
            else throw PgException.error(SqlState.UNDEFINED_OBJECT, name + " is not a valid encoding name");
        }
        if (enc != src.encoding() && src.oid() != BootstrapCatalog.TEMPLATE0_OID) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "new encoding (" + Encodings.name(enc)
                    + ") is incompatible with the encoding of the template database (" + Encodings.name(src.encoding()) + ")")
                    .withHint("Use the same encoding as in the template database, or use template0 as template.");
        }
        if (enc != src.encoding())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "encoding \"" + Encodings.name(enc) + "\" is not supported yet");
    }

    /** The locale must be the template's: Tusk keeps one collation (C) for the whole cluster. */
    private static void checkLocale(Map<String, OptionItem> opts, Database src, String templateName) {
        if (opts.containsKey("locale_provider") && opts.get("locale_provider").value() != null) {
            String p = DefElems.string(opts.get("locale_provider"));
            if (p.equals("icu"))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "ICU is not supported in this build");
            if (!p.equals("libc"))
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized locale provider: " + p);
        }
        for (String[] o : new String[][] {{"lc_collate", "collation", src.collate()}, {"lc_ctype", "character classification", src.ctype()},
                {"locale", "collation", src.collate()}}) {
            OptionItem d = opts.get(o[0]);
            if (d == null || d.value() == null) continue;
            String v = DefElems.string(d);
            if (!v.equals(o[2])) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "new " + o[1] + " (" + v
                        + ") is incompatible with the " + o[1] + " of the template database (" + o[2] + ")")
                        .withHint("Use the same " + o[1] + " as in the template database, or use template0 as template.");
            }
        }
    }

    /** dropdb. */
    public static void dropdb(Stmt.DropdbStmt s, SharedObjectEnv env) {
        preventInTransactionBlock(env, "DROP DATABASE");
        SharedCatalog shared = env.sharedCatalog();
        shared.lockDatabases();
        BootstrapCatalog cat = shared.current();
        Database db = cat.database(s.dbname()).orElse(null);
        if (db == null) {
            if (s.missingOk()) {
                env.notice("database \"" + s.dbname() + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.INVALID_CATALOG_NAME, "database \"" + s.dbname() + "\" does not exist");
        }
        env.lockDatabaseObject(db.oid(), LockMode.ACCESS_EXCLUSIVE);
        Role me = Roles.current(cat, env);
        if (!me.superuser() && db.dba() != me.oid())
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + db.name());
        if (db.isTemplate())
            throw PgException.error("42809", "cannot drop a template database");
        if (db.oid() == env.currentDatabaseId())
            throw PgException.error("55006", "cannot drop the currently open database");
        if (s.force()) env.terminateOtherBackends(db.oid());
        int others = env.countOtherBackends(db.oid());
        if (others > 0) {
            throw PgException.error("55006", "database \"" + db.name() + "\" is being used by other users")
                    .withDetail(busyDetail(others));
        }
        shared.removeDatabase(db.oid());
        shared.dropSettings(db.oid(), 0);
        env.dropDatabaseBuffers(db.oid());
        // The checkpointer must have no fsync request left for the files (ForgetDatabaseSyncRequests).
        env.requestCheckpoint();
        env.closeDatabaseFiles(db.oid());
        env.walInsert(DatabaseFiles.dropRecord(db.oid()), RmgrId.DBASE,
                DatabaseFiles.XLOG_DBASE_DROP | RelationStorage.XLR_SPECIAL_REL_UPDATE);
        DatabaseFiles.removeDir(DatabaseFiles.databasePath(env.dataDir(), db.oid()));
        env.forceSyncCommit();
    }

    /** ALTER DATABASE: RenameDatabase, AlterDatabaseOwner or AlterDatabase. */
    public static void alter(Stmt.AlterDatabaseStmt s, SharedObjectEnv env) {
        SharedCatalog shared = env.sharedCatalog();
        shared.lockDatabases();
        BootstrapCatalog cat = shared.current();
        Role me = Roles.current(cat, env);
        Database db = cat.database(s.dbname()).orElseThrow(() -> PgException.error(SqlState.INVALID_CATALOG_NAME,
                "database \"" + s.dbname() + "\" does not exist"));
        boolean owner = me.superuser() || db.dba() == me.oid();
        if (s.newName() != null) {
            env.lockDatabaseObject(db.oid(), LockMode.ACCESS_EXCLUSIVE);
            if (!owner) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + db.name());
            if (!Roles.haveCreatedbPrivilege(me))
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to rename database");
            if (db.oid() == env.currentDatabaseId())
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "current database cannot be renamed");
            if (cat.database(s.newName()).isPresent())
                throw PgException.error("42P04", "database \"" + s.newName() + "\" already exists");
            int others = env.countOtherBackends(db.oid());
            if (others > 0) {
                throw PgException.error("55006", "database \"" + db.name() + "\" is being accessed by other users")
                        .withDetail(busyDetail(others));
            }
            shared.putDatabase(db.withName(s.newName()));
            return;
        }
        if (s.newOwner() != null) {
            Role newOwner = Roles.resolve(cat, s.newOwner(), env);
            if (newOwner.oid() == db.dba()) return;
            if (!owner) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + db.name());
            if (!me.superuser()) {
                if (newOwner.oid() != me.oid())
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + newOwner.name() + "\"");
                if (!Roles.haveCreatedbPrivilege(me))
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to change owner of database");
            }
            shared.putDatabase(db.withOwner(newOwner.oid()));
            return;
        }
        boolean template = db.isTemplate(), allow = db.allowConnections();
        int limit = db.connLimit();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OptionItem d : s.options()) {
            if (!seen.add(d.name())) throw DefElems.conflicting();
            switch (d.name()) {
                case "is_template" -> template = DefElems.bool(d);
                case "allow_connections" -> allow = DefElems.bool(d);
                case "connection_limit" -> {
                    limit = DefElems.int32(d);
                    if (limit < -1) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + limit);
                }
                case "tablespace" -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "ALTER DATABASE SET TABLESPACE is not supported yet");
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + d.name() + "\" not recognized");
            }
        }
        if (!allow && db.oid() == env.currentDatabaseId())
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot disallow connections for current database");
        if (!owner) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + db.name());
        shared.putDatabase(db.withOptions(template, allow, limit));
    }
}
