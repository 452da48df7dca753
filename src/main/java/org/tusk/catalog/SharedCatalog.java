package org.tusk.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Transactional changes to the flat-file shared catalogs pg_authid, pg_database,
 * pg_db_role_setting and pg_auth_members (one instance
 * per session). What PostgreSQL gets from heap_insert/heap_update on these catalogs: a change is
 * visible to its own transaction at once, to everyone else when the transaction commits, never
 * if it aborts, and it survives a crash exactly when the commit record does.
 *
 * <h2>Protocol</h2>
 * <ol>
 * <li><b>Lock.</b> Before its first change to a file, a transaction takes ExclusiveLock on the
 * catalog (lock tag: relation {@code 1260}/{@code 1262} of database 0) and holds it to the end of
 * the transaction, then reads the file. Writers are serialised; readers never wait (they read the
 * committed file).</li>
 * <li><b>Change.</b> Each change is kept in memory, tagged with the xid of the (sub)transaction
 * that made it. The transaction's view is the file it read plus the changes whose xid is still
 * "current" (TransactionIdIsCurrentTransactionId), so a change made in a subtransaction that was
 * rolled back to disappears, as a heap tuple with an aborted xmin would.</li>
 * <li><b>Before the commit record</b> ({@link #preCommit}) the new contents are written and
 * fsynced as {@code global/<catalog>.pending.<top xid>}.</li>
 * <li><b>After the commit record</b> ({@link #atCommit}), still holding the lock, the pending file
 * is renamed over the catalog (durable rename). At abort ({@link #atAbort}) it is removed.</li>
 * <li><b>Crash.</b> If the server crashes between 3 and 4, the startup process, after replaying
 * WAL (so the CLOG knows every commit), calls {@link #resolvePending}: a pending file whose xid
 * committed is renamed into place, any other is removed. This is why the file is written before
 * the commit record: the commit record is then the single point that decides.</li>
 * </ol>
 */
public final class SharedCatalog {
    /** What this needs of the session's transaction. */
    public interface TransactionHooks {
        /** GetCurrentTransactionId: the current (sub)transaction's xid, assigned if it has none. */
        int currentXid();

        /** The top-level xid (assigned if needed). */
        int topXid();

        /** TransactionIdIsCurrentTransactionId. */
        boolean isCurrentXid(int xid);

        /** Takes ExclusiveLock on shared catalog {@code relationId} until the end of the transaction. */
        void lockCatalog(int relationId);
    }

    /** Which file a change is to. */
    private enum Kind { AUTHID, DATABASE, SETTING, MEMBERS }

    /** A row replaced or (row null) removed; key is the OID, or the (database, role) pair of a setting. */
    private record Change(int xid, Kind kind, Object key, Object row) {}

    private final Path dataDir;
    private final TransactionHooks tx;
    private final List<Change> changes = new ArrayList<>();
    private List<BootstrapCatalog.Role> baseRoles;
    private List<BootstrapCatalog.Database> baseDatabases;
    private List<BootstrapCatalog.DbRoleSetting> baseSettings;
    private List<BootstrapCatalog.AuthMember> baseMembers;
    private int pendingXid;

    public SharedCatalog(Path dataDir, TransactionHooks tx) {
        this.dataDir = dataDir;
        this.tx = tx;
    }

    /** The catalogs as this transaction sees them: committed files plus its own live changes. */
    public BootstrapCatalog current() {
        List<BootstrapCatalog.Role> roles = new ArrayList<>(baseRoles != null ? baseRoles : BootstrapCatalog.loadRoles(dataDir));
        List<BootstrapCatalog.Database> dbs = new ArrayList<>(baseDatabases != null ? baseDatabases
                : BootstrapCatalog.loadDatabases(dataDir));
        List<BootstrapCatalog.DbRoleSetting> settings = new ArrayList<>(baseSettings != null ? baseSettings
                : BootstrapCatalog.loadSettings(dataDir));
        List<BootstrapCatalog.AuthMember> members = new ArrayList<>(baseMembers != null ? baseMembers
                : BootstrapCatalog.loadMembers(dataDir));
        for (Change c : changes) {
            if (!tx.isCurrentXid(c.xid())) continue;
            switch (c.kind()) {
                case AUTHID -> {
                    roles.removeIf(r -> c.key().equals(r.oid()));
                    if (c.row() != null) roles.add((BootstrapCatalog.Role) c.row());
                }
                case DATABASE -> {
                    dbs.removeIf(d -> c.key().equals(d.oid()));
                    if (c.row() != null) dbs.add((BootstrapCatalog.Database) c.row());
                }
                case SETTING -> {
                    settings.removeIf(x -> c.key().equals(settingKey(x.database(), x.role())));
                    if (c.row() != null) settings.add((BootstrapCatalog.DbRoleSetting) c.row());
                }
                case MEMBERS -> {
                    members.removeIf(m -> c.key().equals(settingKey(m.roleid(), m.member())));
                    if (c.row() != null) members.add((BootstrapCatalog.AuthMember) c.row());
                }
            }
        }
        roles.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        dbs.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        return new BootstrapCatalog(roles, dbs, settings, members);
    }

    private static Long settingKey(int database, int role) {
        return (long) database << 32 | (role & 0xFFFFFFFFL);
    }

    /** Locks pg_authid for this transaction's changes (call before checking what to change). */
    public void lockRoles() {
        if (baseRoles != null) return;
        tx.lockCatalog(BootstrapCatalog.AUTHID_RELATION_ID);
        baseRoles = BootstrapCatalog.loadRoles(dataDir);
    }

    /** Locks pg_database for this transaction's changes. */
    public void lockDatabases() {
        if (baseDatabases != null) return;
        tx.lockCatalog(BootstrapCatalog.DATABASE_RELATION_ID);
        baseDatabases = BootstrapCatalog.loadDatabases(dataDir);
    }

    /** Locks pg_db_role_setting for this transaction's changes. */
    public void lockSettings() {
        if (baseSettings != null) return;
        tx.lockCatalog(BootstrapCatalog.DB_ROLE_SETTING_RELATION_ID);
        baseSettings = BootstrapCatalog.loadSettings(dataDir);
    }

    /** Locks pg_auth_members for this transaction's changes. */
    public void lockMembers() {
        if (baseMembers != null) return;
        tx.lockCatalog(BootstrapCatalog.AUTH_MEMBERS_RELATION_ID);
        baseMembers = BootstrapCatalog.loadMembers(dataDir);
    }

    /** Inserts or replaces the pg_auth_members row of (roleid, member). */
    public void putMember(BootstrapCatalog.AuthMember m) {
        lockMembers();
        changes.add(new Change(tx.currentXid(), Kind.MEMBERS, settingKey(m.roleid(), m.member()), m));
    }

    /** Removes the pg_auth_members row of (roleid, member). */
    public void removeMember(int roleid, int member) {
        lockMembers();
        changes.add(new Change(tx.currentXid(), Kind.MEMBERS, settingKey(roleid, member), null));
    }

    /** Replaces the settings of (database, role); an empty list removes them. */
    public void putSetting(int database, int role, List<String> config) {
        lockSettings();
        changes.add(new Change(tx.currentXid(), Kind.SETTING, settingKey(database, role),
                config.isEmpty() ? null : new BootstrapCatalog.DbRoleSetting(database, role, List.copyOf(config))));
    }

    /** DropSetting: removes every pg_db_role_setting row of database {@code dbOid} or (exclusive) role {@code roleOid}. */
    public void dropSettings(int dbOid, int roleOid) {
        lockSettings();
        for (BootstrapCatalog.DbRoleSetting x : current().settings()) {
            if (dbOid != 0 && x.database() == dbOid || roleOid != 0 && x.role() == roleOid) {
                putSetting(x.database(), x.role(), List.of());
            }
        }
    }

    /** Inserts or replaces (by OID) a role. */
    public void putRole(BootstrapCatalog.Role r) {
        lockRoles();
        changes.add(new Change(tx.currentXid(), Kind.AUTHID, r.oid(), r));
    }

    public void removeRole(int oid) {
        lockRoles();
        changes.add(new Change(tx.currentXid(), Kind.AUTHID, oid, null));
    }

    public void putDatabase(BootstrapCatalog.Database d) {
        lockDatabases();
        changes.add(new Change(tx.currentXid(), Kind.DATABASE, d.oid(), d));
    }

    public void removeDatabase(int oid) {
        lockDatabases();
        changes.add(new Change(tx.currentXid(), Kind.DATABASE, oid, null));
    }

    private boolean changed(Kind kind) {
        for (Change c : changes) if (c.kind() == kind && tx.isCurrentXid(c.xid())) return true;
        return false;
    }

    /** Before the commit record: writes the new contents of each changed file as its pending file. */
    public void preCommit() {
        boolean roles = changed(Kind.AUTHID), dbs = changed(Kind.DATABASE), settings = changed(Kind.SETTING),
                members = changed(Kind.MEMBERS);
        if (!roles && !dbs && !settings && !members) return;
        BootstrapCatalog now = current();
        pendingXid = tx.topXid();
        if (roles) BootstrapCatalog.writeDurably(pending(BootstrapCatalog.AUTHID, pendingXid), BootstrapCatalog.authidText(now.roles()));
        if (dbs) BootstrapCatalog.writeDurably(pending(BootstrapCatalog.DATABASE, pendingXid),
                BootstrapCatalog.databaseText(now.databases()));
        if (settings) BootstrapCatalog.writeDurably(pending(BootstrapCatalog.DB_ROLE_SETTING, pendingXid),
                BootstrapCatalog.settingText(now.settings()));
        if (members) BootstrapCatalog.writeDurably(pending(BootstrapCatalog.AUTH_MEMBERS, pendingXid),
                BootstrapCatalog.membersText(now.members()));
        BootstrapCatalog.fsyncDirectory(dataDir.resolve("global"));
    }

    /** After the commit record, before the locks go: the pending files become the catalogs. */
    public void atCommit() {
        try {
            if (pendingXid != 0) {
                for (String name : List.of(BootstrapCatalog.AUTHID, BootstrapCatalog.DATABASE, BootstrapCatalog.DB_ROLE_SETTING,
                        BootstrapCatalog.AUTH_MEMBERS)) {
                    Path p = pending(name, pendingXid);
                    if (Files.exists(p)) BootstrapCatalog.rename(p, dataDir.resolve("global").resolve(name));
                }
            }
        } finally {
            reset();
        }
    }

    /** At abort: forgets the changes and removes pending files. */
    public void atAbort() {
        try {
            if (pendingXid != 0) {
                for (String name : List.of(BootstrapCatalog.AUTHID, BootstrapCatalog.DATABASE, BootstrapCatalog.DB_ROLE_SETTING,
                        BootstrapCatalog.AUTH_MEMBERS)) {
                    Files.deleteIfExists(pending(name, pendingXid));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reset();
        }
    }

    private void reset() {
        changes.clear();
        baseRoles = null;
        baseDatabases = null;
        baseSettings = null;
        baseMembers = null;
        pendingXid = 0;
    }

    private Path pending(String name, int xid) {
        return dataDir.resolve("global").resolve(name + ".pending." + Integer.toUnsignedString(xid));
    }

    /**
     * At the end of crash recovery (and at every start): installs the pending file of a committed
     * transaction and removes those of transactions that did not commit. Returns what was done,
     * one line per file, for the log.
     */
    public static List<String> resolvePending(Path dataDir, IntPredicate committed) {
        List<String> done = new ArrayList<>();
        Path global = dataDir.resolve("global");
        TreeMap<Long, List<Path>> byXid = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(global, "*.pending.*")) {
            for (Path p : s) {
                String f = p.getFileName().toString();
                long xid = Long.parseLong(f.substring(f.lastIndexOf('.') + 1));
                byXid.computeIfAbsent(xid, k -> new ArrayList<>()).add(p);
            }
            for (var e : byXid.entrySet()) {
                boolean ok = committed.test((int) (long) e.getKey());
                for (Path p : e.getValue()) {
                    String f = p.getFileName().toString();
                    String target = f.substring(0, f.indexOf(".pending."));
                    if (ok) {
                        BootstrapCatalog.rename(p, global.resolve(target));
                        done.add("installed " + target + " of committed transaction " + e.getKey());
                    } else {
                        Files.delete(p);
                        done.add("removed " + target + " of uncommitted transaction " + e.getKey());
                    }
                }
            }
            if (!byXid.isEmpty()) BootstrapCatalog.fsyncDirectory(global);
        } catch (IOException e) {
            throw new UncheckedIOException("could not resolve pending shared catalog files in \"" + global + "\"", e);
        }
        return done;
    }
}
