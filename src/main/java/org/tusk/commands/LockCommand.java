package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Acl;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.Dependencies;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.storage.lmgr.LockErrors;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * LOCK TABLE (PostgreSQL's commands/lockcmds.c LockTableCommand). Each named relation is checked
 * before it is locked (RangeVarCallbackForLockTable: a table, partitioned table or view, and the
 * privilege the mode needs), then locked in the requested mode until the transaction ends, waiting
 * for conflicting locks unless NOWAIT, which fails at once with 55P03. Without ONLY the lock
 * recurses into inheritance children and partitions (LockTableRecurse); a view's lock reaches the
 * relations its query reads, checked as the view's owner (LockViewRecurse), with a loop of views
 * reported as infinite recursion. The caller (tcop) refuses LOCK outside a transaction block.
 */
public final class LockCommand {
    private LockCommand() {}

    public static void execute(Stmt.LockStmt s, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        for (Stmt.RangeVar rv : s.relations()) {
            // RangeVarGetRelidExtended with RangeVarCallbackForLockTable: checked before it is locked,
            // so that NOWAIT never waits, not even for the lookup's own lock
            int oid = catalog.relnameGetRelid(rv.schema(), rv.name());
            Relation rel = oid == 0 ? null : catalog.relationNoLock(oid);
            if (rel == null) {
                String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
                throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
            }
            char kind = rel.relkind();
            if (kind != 'r' && kind != 'p' && kind != 'v') {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot lock relation \"" + rv.name() + "\"")
                        .withDetail(org.tusk.catalog.RelkindDetail.notSupported(kind));
            }
            checkPrivilege(rel, s.mode(), env.currentUserId(), env);
            lock(rel, s.mode(), s.nowait(), catalog);
            if (kind == 'v') lockView(rel, s.mode(), s.nowait(), new ArrayList<>(List.of(rel.oid())), env);
            else if (rv.inh()) lockChildren(rel.oid(), s.mode(), s.nowait(), env);
        }
    }

    /** LockTableRecurse: every inheritance child or partition, checked and locked in turn, then its own children. */
    private static void lockChildren(int parent, int mode, boolean nowait, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        for (int childOid : catalog.inheritanceChildren(parent)) {
            Relation child = catalog.relationNoLock(childOid);
            if (child == null) continue;   // dropped meanwhile
            checkPrivilege(child, mode, env.currentUserId(), env);
            lock(child, mode, nowait, catalog);
            lockChildren(childOid, mode, nowait, env);
        }
    }

    /**
     * LockViewRecurse: the relations the view's query reads, as recorded for its _RETURN rule, each
     * checked as the view's owner; views among them are followed, a view reached again is a loop.
     */
    private static void lockView(Relation view, int mode, boolean nowait, List<Integer> ancestors, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        Dependencies deps = catalog.dependencies();
        for (Dependencies.Dependency onView : deps.dependentsOf(ObjectAddress.relation(view.oid()))) {
            ObjectAddress rule = onView.depender();
            if (rule.classId() != ObjectAddress.REWRITE_RELATION_ID) continue;
            for (Dependencies.Dependency d : deps.dependenciesOf(rule)) {
                ObjectAddress ref = d.referenced();
                if (ref.classId() != ObjectAddress.RELATION_RELATION_ID || ref.objectSubId() != 0 || ref.objectId() == view.oid()) continue;
                Relation rel = catalog.relationNoLock(ref.objectId());
                if (rel == null || (rel.relkind() != 'r' && rel.relkind() != 'p' && rel.relkind() != 'v')) continue;
                if (ancestors.contains(rel.oid())) {
                    throw PgException.error("42P17",
                            "infinite recursion detected in rules for relation \"" + rel.name() + "\"");
                }
                checkPrivilege(rel, mode, view.owner(), env);
                lock(rel, mode, nowait, catalog);
                if (rel.relkind() == 'v') {
                    ancestors.add(rel.oid());
                    lockView(rel, mode, nowait, ancestors, env);
                    ancestors.remove(ancestors.size() - 1);
                }
            }
        }
    }

    private static void lock(Relation rel, int mode, boolean nowait, Catalog catalog) {
        if (!nowait) {
            catalog.lockRelation(rel.oid(), mode);
        } else if (!catalog.conditionalLockRelation(rel.oid(), mode)) {
            throw LockErrors.couldNotObtainLockOnRelation(rel.name());
        }
    }

    /**
     * LockTableAclCheck: ACCESS SHARE needs SELECT, ROW EXCLUSIVE any of INSERT, UPDATE, DELETE or
     * TRUNCATE, the stronger modes any of UPDATE, DELETE or TRUNCATE.
     */
    private static void checkPrivilege(Relation rel, int mode, int userId, ExecEnvironment env) {
        int any = switch (mode) {
            case RelationLocks.ACCESS_SHARE_LOCK -> Acl.ACL_SELECT;
            case RelationLocks.ROW_EXCLUSIVE_LOCK -> Acl.ACL_INSERT | Acl.ACL_UPDATE | Acl.ACL_DELETE | Acl.ACL_TRUNCATE;
            default -> Acl.ACL_UPDATE | Acl.ACL_DELETE | Acl.ACL_TRUNCATE;
        };
        if ((Acl.mask(Acl.effective(rel.acl(), rel.owner()), userId) & any) != 0 || env.roleIsSuperuser(userId)
                || (Acl.mask(Acl.effective(rel.acl(), rel.owner()), env.privilegeRoles(userId)) & any) != 0) return;
        String kind = rel.relkind() == 'v' ? "view" : "table";
        throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kind + " " + rel.name());
    }
}
