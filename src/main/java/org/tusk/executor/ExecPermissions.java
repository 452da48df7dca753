package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Acl;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.NodeFields;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ExecCheckRTPerms (executor/execMain.c): before a query runs, the current user must hold the
 * privileges each table of its range table needs, else 42501 "permission denied for table t".
 *
 * <p>Required privileges: SELECT on every table read; INSERT, UPDATE or DELETE on the target of
 * a data-modifying statement, plus SELECT on it when the statement reads its columns (WHERE, SET,
 * RETURNING, ON CONFLICT's target, SET and WHERE). Where the table's ACL lacks SELECT, SELECT on
 * each column the query reads from the entry suffices (ExecCheckRTEPerms' selectedCols, found on
 * that failure path only, by walking the query for the entry's Vars); where it lacks INSERT or
 * UPDATE, that privilege on each column the statement gives a value to (the target entry's
 * insertedCols and updatedCols, which parse analysis marks). Privileges granted to a role the user inherits from count
 * (has_privs_of_role); membership is read only when the direct grants do not suffice. The ACL is the relcache's copy of pg_class.relacl (relcache
 * invalidation brings a committed GRANT in); a superuser passes without it.
 */
public final class ExecPermissions {
    private ExecPermissions() {}

    /** Checks the range table of {@code q} (and of INSERT's source query). */
    public static void check(Query q, ExecEnvironment env) {
        check(q, env, false);
    }

    /**
     * The same for the INSERT that fills the table of CREATE TABLE AS / SELECT INTO
     * ({@code intoRelation}): its target needs no privilege (the creator may have default
     * privileges without INSERT; PostgreSQL 15's intorel_startup checks none), only what the query reads.
     */
    public static void check(Query q, ExecEnvironment env, boolean intoRelation) {
        if (q.commandType() == Query.CommandType.UTILITY) return;
        for (int i = 0; i < q.rangeTable().size(); i++) {
            Query.RangeTblEntry rte = q.rangeTable().get(i);
            if (!rte.isTable()) continue;
            if (intoRelation && i + 1 == q.resultRelation()) continue;
            int required;
            // UPDATE, DELETE and ON CONFLICT ask SELECT only if they read a column of the target
            // (markVarForSelectPriv), which is looked for only when the table's ACL lacks SELECT
            boolean selectIfRead = false;
            if (i + 1 == q.resultRelation()) {
                required = switch (q.commandType()) {
                    case INSERT -> Acl.ACL_INSERT;
                    case UPDATE -> Acl.ACL_UPDATE;
                    case DELETE -> Acl.ACL_DELETE;
                    case MERGE -> mergePrivileges(q);
                    default -> Acl.ACL_SELECT;
                };
                // MERGE reads the target's rows in its join (PostgreSQL: SELECT on the columns read)
                if (q.commandType() == Query.CommandType.MERGE) required |= Acl.ACL_SELECT;
                selectIfRead = q.commandType() == Query.CommandType.UPDATE || q.commandType() == Query.CommandType.DELETE
                        || q.onConflict() != null;
                // ON CONFLICT DO UPDATE updates the existing row; the conflict target's columns
                // and what SET and WHERE read of the existing or the proposed row ask SELECT
                if (q.onConflict() != null && q.onConflict().doUpdate()) required |= Acl.ACL_UPDATE;
                if (returningReadsTarget(q)) required |= Acl.ACL_SELECT;
            } else {
                required = Acl.ACL_SELECT;
            }
            checkEntry(q, i + 1, rte, required, selectIfRead, env);
        }
        // ExecCheckRTPerms runs over the plan's flattened range table, which holds the entries of
        // every query level (add_rtes_to_flat_rtable keeps even those of a subquery the planner
        // removed): the tables of FROM subqueries, WITH queries (data-modifying ones too),
        // SubLinks anywhere in the statement and INSERT's source are checked as this level's
        for (Query sub : nestedQueries(q)) check(sub, env);
    }

    /**
     * Whether RETURNING reads the target's columns (markVarForSelectPriv: only a referenced
     * column asks for SELECT; RETURNING 1 does not). A SubLink in it counts as reading, to be safe.
     */
    private static boolean returningReadsTarget(Query q) {
        if (q.returningList() == null) return false;
        for (Query.TargetEntry te : q.returningList()) {
            if (ExprTrees.any(te.expr(), x -> x instanceof Expr.SubLink
                    || x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == q.resultRelation())) return true;
        }
        return false;
    }

    /**
     * The queries one level below {@code q}: FROM subqueries, WITH queries, INSERT's source, and
     * the queries of the SubLinks in any of its expressions (found by walking every component
     * of the query's records, so that expressions held in ON CONFLICT, MERGE actions, window
     * clauses or range table functions are not missed).
     */
    static List<Query> nestedQueries(Query q) {
        List<Query> out = new ArrayList<>();
        NodeFields.forEachChild(q, child -> collect(child, out));
        return out;
    }

    private static void collect(Object node, List<Query> out) {
        switch (node) {
            case Query sub -> out.add(sub);
            case Expr e -> ExprTrees.any(e, x -> {
                if (x instanceof Expr.SubLink sl && sl.subselect() != null) out.add(sl.subselect());
                return false;
            });
            case List<?> l -> { for (Object o : l) if (o != null) collect(o, out); }
            case Record r -> NodeFields.forEachChild(r, o -> collect(o, out));
            default -> { }
        }
    }

    /** transformMergeStmt's targetPerms: the privilege of each kind of action the WHEN clauses name. */
    private static int mergePrivileges(Query q) {
        int required = 0;
        for (Query.MergeAction a : q.mergeActionList()) {
            required |= switch (a.commandType()) {
                case INSERT -> Acl.ACL_INSERT;
                case UPDATE -> Acl.ACL_UPDATE;
                case DELETE -> Acl.ACL_DELETE;
                default -> 0;
            };
        }
        return required;
    }

    /**
     * ExecCheckRTEPerms for range table entry {@code rtindex} of {@code q}: the table's ACL; where
     * that lacks SELECT alone, SELECT on every column the query reads from the entry (its
     * selectedCols), or on any column when it reads none (SELECT count(*)). The columns are
     * gathered only here, on the path where the table's privileges do not suffice.
     */
    private static void checkEntry(Query q, int rtindex, Query.RangeTblEntry rte, int required, boolean selectIfRead,
                                   ExecEnvironment env) {
        Relation rel = rte.table();
        int user = env.currentUserId();
        int[] acl = Acl.effective(rel.acl(), rel.owner());
        int have = Acl.mask(acl, user);
        int wanted = selectIfRead ? required | Acl.ACL_SELECT : required;
        if ((have & wanted) == wanted || env.currentUserIsSuperuser()) return;
        have |= Acl.mask(acl, env.privilegeRoles(user));
        if ((have & wanted) == wanted) return;
        java.util.Set<Integer> selected = null;
        if (selectIfRead && (required & Acl.ACL_SELECT) == 0 && (have & Acl.ACL_SELECT) == 0) {
            selected = selectedColumns(q, rtindex, env);
            if (!selected.isEmpty()) required |= Acl.ACL_SELECT;
        }
        int remaining = required & ~have;
        if (remaining == 0) return;
        // only SELECT, INSERT and UPDATE can be held on columns
        if ((remaining & ~(Acl.ACL_SELECT | Acl.ACL_INSERT | Acl.ACL_UPDATE)) != 0) throw denied(rel);
        if ((remaining & Acl.ACL_SELECT) != 0
                && !holdsOnColumns(rel, Acl.ACL_SELECT, selected != null ? selected : selectedColumns(q, rtindex, env), env))
            throw denied(rel);
        if ((remaining & Acl.ACL_INSERT) != 0 && !holdsOnModified(rel, Acl.ACL_INSERT, rte.insertedCols(), env))
            throw denied(rel);
        if ((remaining & Acl.ACL_UPDATE) != 0 && !holdsOnModified(rel, Acl.ACL_UPDATE, rte.updatedCols(), env))
            throw denied(rel);
    }

    /**
     * ExecCheckPermissionsModified: INSERT or UPDATE ({@code bit}) on each column the statement
     * gives a value to ({@code columns}, the entry's insertedCols or updatedCols), or, when it
     * names none (INSERT ... DEFAULT VALUES), on any column. Columns not known (null: an entry
     * parse analysis did not mark) ask the table's privilege, which the caller found missing.
     */
    private static boolean holdsOnModified(Relation rel, int bit, java.util.Set<Integer> columns, ExecEnvironment env) {
        return columns != null && holdsOnColumns(rel, bit, columns, env);
    }

    /**
     * DoCopy's check (copy.c): COPY TO needs SELECT and COPY FROM INSERT ({@code required}) on the
     * table, or on each of the columns it copies ({@code attnums}: selectedCols / insertedCols).
     */
    public static void checkColumns(Relation rel, int required, int[] attnums, ExecEnvironment env) {
        int user = env.currentUserId();
        int[] acl = Acl.effective(rel.acl(), rel.owner());
        int have = Acl.mask(acl, user);
        if ((have & required) == required || env.currentUserIsSuperuser()) return;
        have |= Acl.mask(acl, env.privilegeRoles(user));
        if ((have & required) == required) return;
        java.util.Set<Integer> cols = new java.util.TreeSet<>();
        for (int a : attnums) cols.add(a);
        if (!holdsOnColumns(rel, required & ~have, cols, env)) throw denied(rel);
    }

    /**
     * pg_attribute_aclcheck of privilege {@code bit} on each of {@code columns}; with no columns,
     * pg_attribute_aclcheck_all(ACLMASK_ANY): the privilege on some column of the table.
     */
    private static boolean holdsOnColumns(Relation rel, int bit, java.util.Set<Integer> columns, ExecEnvironment env) {
        if (columns.isEmpty()) {
            for (int a = 1; a <= rel.desc().natts(); a++) {
                if (!rel.desc().attr(a - 1).attisdropped() && columnHolds(rel, a, bit, env)) return true;
            }
            return false;
        }
        for (int a : columns) if (!columnHolds(rel, a, bit, env)) return false;
        return true;
    }

    private static boolean columnHolds(Relation rel, int attnum, int bit, ExecEnvironment env) {
        if (attnum < 1 || attnum > rel.desc().natts() || rel.desc().attr(attnum - 1).attisdropped()) return false;
        int[] attacl = env.catalog().attributeAcl(rel, attnum);
        if (attacl == null) return false;
        int user = env.currentUserId();
        return (Acl.mask(attacl, user) & bit) == bit || (Acl.mask(attacl, env.privilegeRoles(user)) & bit) == bit;
    }

    /**
     * The columns query {@code q} reads from its range table entry {@code rtindex} (the parser's
     * markVarForSelectPriv): its Vars at every depth, sub-queries' outer references included. A
     * whole-row reference is a row of the entry's Vars, so it counts every column. UPDATE's
     * target list carries each column not SET as a Var of itself; those are not reads.
     */
    static java.util.Set<Integer> selectedColumns(Query q, int rtindex, ExecEnvironment env) {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (Object child : NodeFields.children(q)) {
            if (child != null && child == q.onConflict()) {
                if (rtindex == q.resultRelation()) out.addAll(conflictColumns(q, env));
                else columnsRead(child, rtindex, 0, out);
                continue;
            }
            if (child == q.targetList() && q.commandType() == Query.CommandType.UPDATE) {
                for (Query.TargetEntry te : q.targetList()) {
                    if (carriedOver(q, te)) continue;
                    columnsRead(te, rtindex, 0, out);
                }
                continue;
            }
            columnsRead(child, rtindex, 0, out);
        }
        return out;
    }

    /**
     * The target's columns ON CONFLICT reads (what transformOnConflictClause marks for SELECT):
     * the columns of the inference elements and their WHERE, or of the constraint ON CONSTRAINT
     * names (transformOnConflictArbiter); for DO UPDATE, the columns SET and WHERE read of the
     * existing row (those not SET are carried as Vars of themselves, not reads) and of the
     * proposed one (EXCLUDED's columns are the target's: its entry is checked as the table).
     */
    static java.util.Set<Integer> conflictColumns(Query q, ExecEnvironment env) {
        Query.OnConflictExpr oc = q.onConflict();
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        int target = q.resultRelation();
        for (Query.InferenceElem el : oc.arbiterElems()) columnsRead(el.expr(), target, 0, out);
        if (oc.arbiterWhere() != null) columnsRead(oc.arbiterWhere(), target, 0, out);
        if (oc.constraintOid() != 0) {
            for (org.tusk.catalog.ConstraintInfo c : env.catalog().constraintsOf(q.resultRte().table())) {
                if (c.oid() == oc.constraintOid() && c.conkey() != null) for (short k : c.conkey()) if (k > 0) out.add((int) k);
            }
        }
        if (oc.doUpdate()) {
            for (Query.TargetEntry te : oc.onConflictSet()) {
                if (carriedOver(q, te)) continue;
                columnsRead(te.expr(), target, 0, out);
                columnsRead(te.expr(), oc.exclRelIndex(), 0, out);
            }
            if (oc.onConflictWhere() != null) {
                columnsRead(oc.onConflictWhere(), target, 0, out);
                columnsRead(oc.onConflictWhere(), oc.exclRelIndex(), 0, out);
            }
        }
        return out;
    }

    /**
     * Whether an entry of UPDATE's (or ON CONFLICT's) new row is a column not SET, carried over
     * as a Var of itself (rewriteTargetListIU's completion), which reads nothing. SET a = a reads
     * a: the target's updatedCols tell them apart where parse analysis marked them.
     */
    private static boolean carriedOver(Query q, Query.TargetEntry te) {
        if (!(te.expr() instanceof Expr.Var v && v.varno() == q.resultRelation() && v.levelsup() == 0
                && v.attno() == te.resno())) return false;
        java.util.Set<Integer> updated = q.resultRte().updatedCols();
        return updated == null || !updated.contains(te.resno());
    }

    private static void columnsRead(Object node, int rtindex, int depth, java.util.Set<Integer> out) {
        switch (node) {
            // a sub-query (FROM, WITH, INSERT source or SubLink) is one level down
            case Query sub -> { for (Object o : NodeFields.children(sub)) columnsRead(o, rtindex, depth + 1, out); }
            case Expr e -> ExprTrees.any(e, x -> {
                if (x instanceof Expr.Var v && v.varno() == rtindex && v.levelsup() == depth) out.add(v.attno());
                if (x instanceof Expr.SubLink sl && sl.subselect() != null) columnsRead(sl.subselect(), rtindex, depth, out);
                return false;
            });
            case List<?> l -> { for (Object o : l) if (o != null) columnsRead(o, rtindex, depth, out); }
            case Record r -> { for (Object o : NodeFields.children(r)) columnsRead(o, rtindex, depth, out); }
            default -> { }
        }
    }

    /** pg_class_aclcheck for every bit of {@code required}. */
    public static void checkTable(Relation rel, int required, ExecEnvironment env) {
        if (!holdsOnTable(rel, required, env)) throw denied(rel);
    }

    /** check_enable_rls == RLS_ENABLED: row-level security filters {@code rel}'s rows for the current user. */
    static boolean rowSecurityApplies(Relation rel, ExecEnvironment env) {
        int user = env.currentUserId();
        if (!rel.rowSecurity() || env.roleIsSuperuser(user)) return false;
        var role = org.tusk.catalog.ObjectNames.current().sharedCatalog().role(user).orElse(null);
        boolean bypass = role != null && (role.superuser() || role.bypassRls());
        boolean owner = user == rel.owner() || env.privilegeRoles(user).contains(rel.owner());
        return !bypass && !(owner && !rel.forceRowSecurity());
    }

    /**
     * BuildIndexValueDescription's test: whether a unique or exclusion violation's DETAIL may show
     * the key of {@code index} on {@code rel} ("Key (a)=(1) already exists.").
     */
    static boolean maySeeIndexKey(Relation rel, Relation index, ExecEnvironment env) {
        return maySeeKey(rel, index.index().keyAttnums(), env);
    }

    /**
     * ExecBuildSlotValueDescription's test, row-level security aside (the caller checks it): which
     * columns of a row of {@code rel} an error detail may show the current user. Null for all of
     * them (SELECT on the table), else the attnums it holds SELECT on.
     */
    static java.util.Set<Integer> visibleColumns(Relation rel, ExecEnvironment env) {
        if (holdsOnTable(rel, Acl.ACL_SELECT, env)) return null;
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (int a = 1; a <= rel.desc().natts(); a++) if (columnHolds(rel, a, Acl.ACL_SELECT, env)) out.add(a);
        return out;
    }

    /**
     * ExecBuildSlotPartitionKeyDescription's test: whether the current user may see the key
     * values of a row that found no partition of {@code rel}.
     */
    static boolean maySeePartitionKey(Relation rel, org.tusk.catalog.PartitionKey key, ExecEnvironment env) {
        int[] attnums = new int[key.count()];
        for (int i = 0; i < key.count(); i++) attnums[i] = key.isExpression(i) ? 0 : key.attnum(i);
        return maySeeKey(rel, attnums, env);
    }

    /**
     * Whether the current user may see the values of a key of {@code rel} made of columns
     * {@code attnums} (0 for an expression) in an error's DETAIL: not when row-level security
     * applies to the table (check_enable_rls); otherwise with SELECT on the table, or else SELECT
     * on every key column (pg_attribute_aclcheck; an expression never qualifies).
     */
    private static boolean maySeeKey(Relation rel, int[] attnums, ExecEnvironment env) {
        if (rowSecurityApplies(rel, env)) return false;
        if (holdsOnTable(rel, Acl.ACL_SELECT, env)) return true;
        for (int attnum : attnums) if (attnum == 0 || !columnHolds(rel, attnum, Acl.ACL_SELECT, env)) return false;
        return true;
    }

    /** pg_class_aclcheck for every bit of {@code required}, as a test. */
    private static boolean holdsOnTable(Relation rel, int required, ExecEnvironment env) {
        int user = env.currentUserId();
        int[] acl = Acl.effective(rel.acl(), rel.owner());
        return (Acl.mask(acl, user) & required) == required || env.currentUserIsSuperuser()
                || (Acl.mask(acl, env.privilegeRoles(user)) & required) == required;
    }

    /**
     * The same for role {@code userId} rather than the current user: a view's relations are
     * checked as the view's owner (RTEPermissionInfo.checkAsUser).
     */
    public static void checkTableAs(Relation rel, int required, int userId, ExecEnvironment env) {
        int[] acl = Acl.effective(rel.acl(), rel.owner());
        if ((Acl.mask(acl, userId) & required) == required) return;
        if (env.roleIsSuperuser(userId)) return;
        if ((Acl.mask(acl, env.privilegeRoles(userId)) & required) == required) return;
        throw denied(rel);
    }

    /**
     * pg_proc_aclcheck(procOid, GetUserId(), ACL_EXECUTE): proacl, or acldefault (the owner and
     * PUBLIC may execute); else 42501 "permission denied for function f" (or procedure).
     */
    public static void checkFunction(int procOid, String name, ExecEnvironment env) {
        Object[] row = env.catalog().functions().row(procOid);
        if (row == null || mayExecute(row, env)) return;
        boolean procedure = "p".equals(org.tusk.catalog.SystemCatalogs.PG_PROC.get(row, "prokind"));
        throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied for " + (procedure ? "procedure " : "function ") + name);
    }

    /**
     * Whether the current user may execute routine {@code procOid} (pg_proc_aclcheck ==
     * ACLCHECK_OK), without raising the error: what the planner asks before inlining a call.
     */
    public static boolean mayExecute(int procOid, ExecEnvironment env) {
        Object[] row = env.catalog().functions().row(procOid);
        return row == null || mayExecute(row, env);
    }

    private static boolean mayExecute(Object[] procRow, ExecEnvironment env) {
        int[] acl = (int[]) org.tusk.catalog.SystemCatalogs.PG_PROC.get(procRow, "proacl");
        if (acl == null) return true;
        int user = env.currentUserId();
        if ((Acl.mask(acl, user) & Acl.ACL_EXECUTE) != 0 || env.currentUserIsSuperuser()) return true;
        return (Acl.mask(acl, env.privilegeRoles(user)) & Acl.ACL_EXECUTE) != 0;
    }

    /** aclcheck_error's ACLCHECK_NO_PRIV message for the relation's kind. */
    private static PgException denied(Relation rel) {
        String kind = switch (rel.relkind()) {
            case 'v' -> "view";
            case 'S' -> "sequence";
            default -> "table";
        };
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kind + " " + rel.name());
    }
}
