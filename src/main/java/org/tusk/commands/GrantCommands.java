package org.tusk.commands;

import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.List;

import org.tusk.catalog.Acl;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.CatalogScan;
import org.tusk.catalog.RoleMembership;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * GRANT and REVOKE of privileges on tables, sequences, databases, schemas and routines, and
 * their ALL ... IN SCHEMA forms (PostgreSQL 15's catalog/aclchk.c: ExecuteGrantStmt,
 * ExecGrant_Relation/_Database/_Namespace/_Function, select_best_grantor,
 * restrict_and_check_grant). The new ACL is written to relacl, datacl (pg_database's flat file,
 * OIDs for names), nspacl or proacl in the current transaction. Types and languages are refused
 * (0A000).
 *
 * <p>The grantor is the table's owner when the current user owns the table or is a superuser
 * (select_best_grantor); otherwise the current user, who can grant only what it holds WITH GRANT
 * OPTION (warnings 01007/01006 when some or all of the privileges could not be granted or
 * revoked). Privileges and ownership held through inherited role membership count.
 */
public final class GrantCommands {
    private GrantCommands() {}

    private static final List<String> ALL_TABLE_PRIVILEGES = List.of("select", "insert", "update", "delete", "truncate",
            "references", "trigger");
    private static final List<String> OTHER_PRIVILEGES = List.of("usage", "create", "connect", "temporary", "temp",
            "execute", "set", "alter system");

    /** ExecuteGrantStmt: privileges of {@code s.target()}'s kind, then ExecGrant_* for each object. */
    public static void execute(Stmt.GrantStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        Stmt.GrantStmt.Target target = s.target();
        String kind = switch (target) {
            case TABLE, ALL_TABLES -> "table";
            case SEQUENCE, ALL_SEQUENCES -> "sequence";
            case DATABASE -> "database";
            case SCHEMA -> "schema";
            case FUNCTION, ALL_FUNCTIONS -> "function";
            case PROCEDURE, ALL_PROCEDURES -> "procedure";
            case ROUTINE, ALL_ROUTINES -> "routine";
            case TYPE, DOMAIN -> "type";
            case LANGUAGE -> "language";
        };
        if (target == Stmt.GrantStmt.Target.TYPE || target == Stmt.GrantStmt.Target.DOMAIN
                || target == Stmt.GrantStmt.Target.LANGUAGE) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "privileges on " + (target == Stmt.GrantStmt.Target.LANGUAGE
                    ? "languages" : "types") + " are not supported yet");
        }
        int allRights = switch (kind) {
            case "table" -> Acl.ACL_ALL_RIGHTS_RELATION;
            case "sequence" -> Acl.ACL_ALL_RIGHTS_SEQUENCE;
            case "database" -> Acl.ACL_ALL_RIGHTS_DATABASE;
            case "schema" -> Acl.ACL_ALL_RIGHTS_SCHEMA;
            default -> Acl.ACL_ALL_RIGHTS_FUNCTION;
        };
        int privileges = 0;
        boolean allPrivs = s.privileges() == null;
        if (allPrivs) {
            privileges = allRights;
        } else {
            for (String p : s.privileges()) {
                int bit = Acl.anyPrivilegeBit(p);
                if (bit == 0 && !OTHER_PRIVILEGES.contains(p) && !ALL_TABLE_PRIVILEGES.contains(p))
                    throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"" + p + "\"");
                if ((bit & allRights) == 0) {
                    throw PgException.error("0LP01", "invalid privilege type " + p.toUpperCase(java.util.Locale.ROOT) + " for "
                            + (kind.equals("procedure") || kind.equals("routine") ? kind : kind));
                }
                privileges |= bit;
            }
        }
        // ExecuteGrantStmt's column privileges: only for relations, and only those columns can have
        int[] columnBits = new int[s.columns().size()];
        for (int i = 0; i < columnBits.length; i++) {
            Stmt.GrantStmt.ColumnPrivilege cp = s.columns().get(i);
            if (target != Stmt.GrantStmt.Target.TABLE)
                throw PgException.error("0LP01", "column privileges are only valid for relations");
            int bit = cp.privilege().equals("all") ? Acl.ACL_ALL_RIGHTS_COLUMN : Acl.anyPrivilegeBit(cp.privilege());
            if (bit == 0 && !OTHER_PRIVILEGES.contains(cp.privilege()) && !ALL_TABLE_PRIVILEGES.contains(cp.privilege()))
                throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"" + cp.privilege() + "\"");
            if ((bit & Acl.ACL_ALL_RIGHTS_COLUMN) == 0 || (bit & ~Acl.ACL_ALL_RIGHTS_COLUMN) != 0)
                throw PgException.error("0LP01", "invalid privilege type " + cp.privilege().toUpperCase(java.util.Locale.ROOT)
                        + " for column");
            columnBits[i] = bit;
        }
        BootstrapCatalog roles = shared.sharedCatalog().current();
        int[] grantees = new int[s.grantees().size()];
        for (int i = 0; i < grantees.length; i++) {
            Stmt.RoleSpec r = s.grantees().get(i);
            if (r.kind() == Stmt.RoleSpec.Kind.PUBLIC) {
                if (s.isGrant() && s.grantOption())
                    throw PgException.error("0LP01", "grant options can only be granted to roles");
                grantees[i] = Acl.PUBLIC;
            } else {
                grantees[i] = Roles.resolve(roles, r, shared).oid();
            }
        }
        Grant g = new Grant(s, privileges, allPrivs, allRights, grantees, columnBits);
        Catalog catalog = env.catalog();
        switch (target) {
            case TABLE, SEQUENCE -> {
                for (Stmt.RangeVar rv : s.objects()) {
                    Relation rel = catalog.openRelation(rv.schema(), rv.name());
                    if (rel == null) {
                        String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
                        throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
                    }
                    if (rel.relkind() == 'i') throw PgException.error("42809", "\"" + rel.name() + "\" is an index");
                    if (target == Stmt.GrantStmt.Target.SEQUENCE && rel.relkind() != 'S')
                        throw PgException.error("42809", "\"" + rel.name() + "\" is not a sequence");
                    grantOnRelation(g, rel, shared, env);
                }
            }
            case ALL_TABLES, ALL_SEQUENCES -> {
                for (String schema : s.names()) {
                    int nsp = catalog.namespaceOid(schema);
                    if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
                    for (Relation rel : catalog.relationsInNamespace(nsp)) {
                        boolean seq = rel.relkind() == 'S';
                        // objectsInSchemaToOids: ALL TABLES takes tables, views, matviews, foreign and partitioned tables
                        if (target == Stmt.GrantStmt.Target.ALL_SEQUENCES ? seq : "rvmfp".indexOf(rel.relkind()) >= 0)
                            grantOnRelation(g, rel, shared, env);
                    }
                }
            }
            case SCHEMA -> {
                for (String name : s.names()) {
                    int nsp = catalog.namespaceOid(name);
                    if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
                    int owner = catalog.namespaceOwner(nsp);
                    int[] acl = catalog.namespaceAcl(nsp);
                    int[] updated = newAcl(g, acl != null ? acl : Acl.defaultAcl(owner, Acl.ACL_ALL_RIGHTS_SCHEMA, 0), owner,
                            "schema", name, shared, env);
                    catalog.setNamespaceAcl(nsp, updated);
                }
            }
            case DATABASE -> {
                var sc = shared.sharedCatalog();
                sc.lockDatabases();
                for (String name : s.names()) {
                    BootstrapCatalog.Database d = sc.current().database(name).orElseThrow(() -> PgException.error(
                            SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist"));
                    int[] acl = d.acl() != null ? Acl.fromOidText(d.acl())
                            : Acl.defaultAcl(d.dba(), Acl.ACL_ALL_RIGHTS_DATABASE, Acl.ACL_CREATE_TEMP | Acl.ACL_CONNECT);
                    int[] updated = newAcl(g, acl, d.dba(), "database", name, shared, env);
                    sc.putDatabase(new BootstrapCatalog.Database(d.oid(), d.name(), d.dba(), d.encoding(), d.locProvider(),
                            d.isTemplate(), d.allowConnections(), d.connLimit(), d.frozenXid(), d.minMxid(), d.tablespace(),
                            d.collate(), d.ctype(), d.iculocale(), d.collversion(), Acl.toOidText(updated)));
                }
            }
            case FUNCTION, PROCEDURE, ROUTINE -> {
                var functions = catalog.functions();
                for (Stmt.DropFunctionStmt.FunctionRef ref : s.functions()) {
                    AlterFunctionCommands.Target t = AlterFunctionCommands.lookup(functions, false, ref, "");
                    grantOnFunction(g, functions, t.oid(), t.owner(), t.name(), shared, env);
                }
            }
            case ALL_FUNCTIONS, ALL_PROCEDURES, ALL_ROUTINES -> {
                var functions = catalog.functions();
                for (String schema : s.names()) {
                    int nsp = catalog.namespaceOid(schema);
                    if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
                    for (Object[] row : functions.rowsInNamespace(nsp)) {
                        String prokind = (String) PG_PROC.get(row, "prokind");
                        boolean wanted = switch (target) {
                            case ALL_FUNCTIONS -> "f".equals(prokind) || "w".equals(prokind);
                            case ALL_PROCEDURES -> "p".equals(prokind);
                            default -> !"a".equals(prokind);
                        };
                        if (wanted) grantOnFunction(g, functions, CatalogScan.oid(PG_PROC.get(row, "oid")),
                                CatalogScan.oid(PG_PROC.get(row, "proowner")), (String) PG_PROC.get(row, "proname"), shared, env);
                    }
                }
            }
            default -> throw new IllegalStateException("unexpected target " + target);
        }
    }

    /** What one GRANT or REVOKE does, once its privileges and grantees are known. */
    private record Grant(Stmt.GrantStmt s, int privileges, boolean allPrivs, int allRights, int[] grantees,
                         int[] columnBits) {
        Grant(Stmt.GrantStmt s, int privileges, boolean allPrivs, int allRights, int[] grantees) {
            this(s, privileges, allPrivs, allRights, grantees, new int[0]);
        }
    }

    /** ExecGrant_Relation for one table or sequence. */
    private static void grantOnRelation(Grant g, Relation rel, SharedObjectEnv shared, ExecEnvironment env) {
        int owner = rel.owner();
        int allRights = rel.relkind() == 'S' ? Acl.ACL_ALL_RIGHTS_SEQUENCE : Acl.ACL_ALL_RIGHTS_RELATION;
        Grant forRel = g;
        if (g.allPrivs()) forRel = new Grant(g.s(), allRights, true, allRights, g.grantees());
        else if (rel.relkind() == 'S' && g.s().target() != Stmt.GrantStmt.Target.SEQUENCE) {
            // ExecGrant_Relation: a sequence named in GRANT ON TABLE keeps only what sequences have
            int these = g.privileges() & allRights;
            if (these != g.privileges())
                shared.warning("01007", "sequence \"" + rel.name() + "\" only supports USAGE, SELECT, and UPDATE privileges");
            forRel = new Grant(g.s(), these, false, allRights, g.grantees());
        }
        int[] acl = rel.acl() != null ? rel.acl() : Acl.defaultAcl(owner, allRights, 0);
        if (rel.relkind() != 'S') grantOnColumns(g, forRel, rel, acl, shared, env);
        // only column privileges written: the table's own ACL is left alone
        if (forRel.privileges() == 0 && !forRel.allPrivs() && g.columnBits().length > 0) return;
        int[] updated = newAcl(forRel, acl, owner, rel.relkind() == 'S' ? "sequence" : "table", rel.name(), shared, env);
        env.catalog().setRelationAcl(rel, updated);
    }

    /**
     * ExecGrant_Relation's column part and ExecGrant_Attribute: the privileges written with
     * column lists go to those columns' attacl; a REVOKE of table privileges revokes the same
     * column privileges from every column too (expand_all_col_privileges). A column's ACL starts
     * empty (no default), the grantor is chosen against the table's and the column's ACLs
     * together, and an ACL left with no entries is stored as NULL.
     */
    private static void grantOnColumns(Grant g, Grant forRel, Relation rel, int[] relAcl, SharedObjectEnv shared,
                                       ExecEnvironment env) {
        int natts = rel.desc().natts();
        int[] bits = new int[natts + 1];
        boolean any = false;
        if (!g.s().isGrant() && (forRel.privileges() & Acl.ACL_ALL_RIGHTS_COLUMN) != 0) {
            for (int a = 1; a <= natts; a++) {
                if (rel.desc().attr(a - 1).attisdropped()) continue;
                bits[a] |= forRel.privileges() & Acl.ACL_ALL_RIGHTS_COLUMN;
                any = true;
            }
        }
        for (int i = 0; i < g.columnBits().length; i++) {
            for (String col : g.s().columns().get(i).columns()) {
                int attnum = 0;
                for (int a = 0; a < natts; a++) {
                    if (!rel.desc().attr(a).attisdropped() && rel.desc().attr(a).name().equals(col)) attnum = a + 1;
                }
                if (attnum == 0)
                    throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \"" + rel.name()
                            + "\" does not exist");
                bits[attnum] |= g.columnBits()[i];
                any = true;
            }
        }
        if (!any) return;
        Catalog catalog = env.catalog();
        for (int a = 1; a <= natts; a++) {
            if (bits[a] == 0) continue;
            int[] old = catalog.attributeAcl(rel, a);
            if (old == null) old = new int[0];
            int[] merged = new int[relAcl.length + old.length];
            System.arraycopy(relAcl, 0, merged, 0, relAcl.length);
            System.arraycopy(old, 0, merged, relAcl.length, old.length);
            Grant col = new Grant(g.s(), bits[a], bits[a] == Acl.ACL_ALL_RIGHTS_COLUMN, Acl.ACL_ALL_RIGHTS_COLUMN, g.grantees());
            String what = "column \"" + rel.desc().attr(a - 1).name() + "\" of relation \"" + rel.name() + "\"";
            int[] updated = newAcl(col, old, merged, rel.owner(), "column " + rel.desc().attr(a - 1).name() + " of relation",
                    rel.name(), what, shared, env);
            catalog.setAttributeAcl(rel, a, updated);
        }
        env.commandCounterIncrement();
    }

    /** ExecGrant_Function for one routine. */
    private static void grantOnFunction(Grant g, org.tusk.catalog.FunctionDdl functions, int oid, int owner, String name,
                                        SharedObjectEnv shared, ExecEnvironment env) {
        Object[] row = functions.row(oid);
        int[] stored = row == null ? null : (int[]) PG_PROC.get(row, "proacl");
        int[] acl = stored != null ? stored : Acl.defaultAcl(owner, Acl.ACL_ALL_RIGHTS_FUNCTION, Acl.ACL_EXECUTE);
        int[] updated = newAcl(g, acl, owner, "function", name, shared, env);
        functions.alterRow(oid, r -> PG_PROC.set(r, "proacl", updated));
    }

    /**
     * select_best_grantor, restrict_and_check_grant and merge_acl_with_grant for one object: the
     * grantor is the owner when the current user has the owner's privileges (or is a superuser),
     * else the current user, who may pass on only the grant options it holds (directly or through
     * roles it inherits from).
     */
    private static int[] newAcl(Grant g, int[] acl, int owner, String kind, String name, SharedObjectEnv shared,
                                ExecEnvironment env) {
        return newAcl(g, acl, acl, owner, kind, name, "\"" + name + "\"", shared, env);
    }

    /**
     * The same, the grantor's options read from {@code grantorAcl} (a column's with its table's)
     * and the warnings naming the object as {@code what}.
     */
    private static int[] newAcl(Grant g, int[] acl, int[] grantorAcl, int owner, String kind, String name, String what,
                                SharedObjectEnv shared, ExecEnvironment env) {
        Stmt.GrantStmt s = g.s();
        int user = env.currentUserId();
        int grantor;
        int availOptions;
        BootstrapCatalog cat = shared.sharedCatalog().current();
        if (env.currentUserIsSuperuser() || RoleMembership.hasPrivsOfRole(cat, user, owner)) {
            grantor = owner;
            availOptions = g.allRights();
        } else {
            grantor = user;
            int held = Acl.mask(grantorAcl, RoleMembership.rolesMemberOf(cat, user, true));
            availOptions = held >>> 16;
            if (held == 0) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kind + " " + name);
        }
        int these = g.privileges() & availOptions;
        if (s.isGrant()) {
            if (these == 0) shared.warning("01007", "no privileges were granted for " + what);
            else if (!g.allPrivs() && these != g.privileges())
                shared.warning("01007", "not all privileges were granted for " + what);
        } else {
            if (these == 0) shared.warning("01006", "no privileges could be revoked for " + what);
            else if (!g.allPrivs() && these != g.privileges())
                shared.warning("01006", "not all privileges could be revoked for " + what);
        }
        try {
            return Acl.update(acl, s.isGrant(), these, s.grantOption(), g.grantees(), grantor, s.cascade());
        } catch (Acl.DependentPrivilegesException e) {
            throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist")
                    .withHint("Use CASCADE to revoke them too.");
        }
    }
}
