package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_POLICY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

import org.tusk.access.table.TupleSlot;

/**
 * The pg_policy catalog and pg_class's row-security flags (PostgreSQL's commands/policy.c
 * CreatePolicy, AlterPolicy, rename_policy and RemovePolicyById's catalog parts, tablecmds.c
 * ATExecSetRowSecurity / ATExecForceNoForceRowSecurity, and RelationBuildRowSecurity).
 *
 * <p>Storage: polqual and polwithcheck hold the USING and WITH CHECK expressions' SQL text as
 * written (where PostgreSQL stores node trees, as adbin and ev_qual do in Tusk); the rewriter
 * analyses them again at each use against the policy's table. polroles is {0} for PUBLIC.
 *
 * <p>Dependencies: a policy depends AUTOmatically on its table (DROP TABLE drops it) and
 * NORMALly on every other relation its expressions read. PostgreSQL also records SHARED
 * dependencies on the roles in pg_shdepend; Tusk has no pg_shdepend, so DROP ROLE asks
 * {@link #roleDependencies} of the current database instead.
 *
 * <p>Every change sends a relcache invalidation for the table, so every backend reads the
 * table's policies and flags again before its next statement on it. Locking: the caller holds
 * AccessExclusiveLock on the table, as PostgreSQL's policy commands take it.
 */
public final class PolicyCatalog {
    /** PolicyRelationId. */
    public static final int POLICY_RELATION_ID = 3256;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    PolicyCatalog(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
        dependencies.registerObjectClass(POLICY_RELATION_ID, new Dependencies.ObjectClass() {
            @Override public String describe(ObjectAddress o) {
                PolicyInfo p = byOid(o.objectId());
                if (p == null) return null;
                return "policy " + p.name() + " on " + dependencies.describe(ObjectAddress.relation(p.relid()));
            }
            @Override public void drop(ObjectAddress o) { remove(o.objectId()); }
        });
    }

    /** RelationBuildRowSecurity: the policies of table {@code relOid}, in name order. */
    public List<PolicyInfo> ofRelation(int relOid) {
        List<PolicyInfo> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_POLICY, CatalogScan.key(PG_POLICY, "polrelid", relOid))) out.add(fromRow(s.values()));
        out.sort(Comparator.comparing(PolicyInfo::name));
        return out;
    }

    /** The policy with OID {@code oid}, or null. */
    public PolicyInfo byOid(int oid) {
        TupleSlot s = slot(oid);
        return s == null ? null : fromRow(s.values());
    }

    /** get_relation_policy_oid's lookup: the policy {@code name} of table {@code relOid}, or null. */
    public PolicyInfo byName(int relOid, String name) {
        for (PolicyInfo p : ofRelation(relOid)) if (p.name().equals(name)) return p;
        return null;
    }

    /**
     * CreatePolicy's catalog part: inserts {@code p} (its OID assigned here) and its
     * dependencies; {@code referenced} are the relations its expressions read. Returns the OID.
     */
    public int create(PolicyInfo p, List<Integer> referenced) {
        int oid = writer.newOid(PG_POLICY, "oid");
        PolicyInfo row = new PolicyInfo(oid, p.name(), p.relid(), p.cmd(), p.permissive(), p.roles(), p.qual(),
                p.withCheck());
        writer.insert(PG_POLICY, toRow(row));
        recordDependencies(row, referenced);
        changed(p.relid());
        return oid;
    }

    /**
     * AlterPolicy's catalog part: the row of {@code old} takes {@code altered}'s roles and
     * expressions (the caller keeps what ALTER POLICY did not name), and its dependencies are
     * recorded afresh.
     */
    public void update(PolicyInfo old, PolicyInfo altered, List<Integer> referenced) {
        PolicyInfo row = new PolicyInfo(old.oid(), old.name(), old.relid(), old.cmd(), old.permissive(), altered.roles(),
                altered.qual(), altered.withCheck());
        writer.update(PG_POLICY, slot(old.oid()), toRow(row));
        dependencies.deleteDependencyRecordsFor(address(old.oid()));
        recordDependencies(row, referenced);
        changed(old.relid());
    }

    /** rename_policy's catalog part (the caller checked that {@code newName} is free). */
    public void rename(PolicyInfo p, String newName) {
        TupleSlot s = slot(p.oid());
        Object[] v = s.values().clone();
        PG_POLICY.set(v, "polname", newName);
        writer.update(PG_POLICY, s, v);
        changed(p.relid());
    }

    /** RemovePolicyById's row part (the dependency machinery removes pg_depend rows). */
    void remove(int policyOid) {
        TupleSlot s = slot(policyOid);
        if (s == null) return;
        int relOid = oid(PG_POLICY.get(s.values(), "polrelid"));
        writer.delete(PG_POLICY, v -> oid(PG_POLICY.get(v, "oid")) == policyOid);
        changed(relOid);
    }

    /**
     * ATExecSetRowSecurity and ATExecForceNoForceRowSecurity: sets relrowsecurity ({@code enable}
     * non-null) and/or relforcerowsecurity ({@code force} non-null) of table {@code relOid}.
     */
    public void setRowSecurity(int relOid, Boolean enable, Boolean force) {
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid))) {
            Object[] v = s.values().clone();
            if (enable != null) PG_CLASS.set(v, "relrowsecurity", enable);
            if (force != null) PG_CLASS.set(v, "relforcerowsecurity", force);
            writer.update(PG_CLASS, s, v);
        }
        changed(relOid);
    }

    /**
     * What pg_shdepend would list for role {@code roleOid} in this database: "target of policy p
     * on table t" for every policy naming it (checkSharedDependencies' SHARED_DEPENDENCY_POLICY).
     */
    public List<String> roleDependencies(int roleOid) {
        List<String> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_POLICY, v -> true)) {
            PolicyInfo p = fromRow(s.values());
            if (roleOid != Acl.PUBLIC && p.namesRole(roleOid)) {
                out.add("target of " + dependencies.describe(address(p.oid())));
            }
        }
        return out;
    }

    /** The policy's ObjectAddress. */
    public static ObjectAddress address(int policyOid) {
        return new ObjectAddress(POLICY_RELATION_ID, policyOid, 0);
    }

    private void recordDependencies(PolicyInfo p, List<Integer> referenced) {
        dependencies.recordDependencyOn(address(p.oid()), ObjectAddress.relation(p.relid()), DependencyType.AUTO);
        for (int r : new LinkedHashSet<>(referenced)) {
            if (r != p.relid()) dependencies.recordDependencyOn(address(p.oid()), ObjectAddress.relation(r), DependencyType.NORMAL);
        }
    }

    private TupleSlot slot(int policyOid) {
        List<TupleSlot> rows = writer.find(PG_POLICY, CatalogScan.key(PG_POLICY, "oid", policyOid));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Object[] toRow(PolicyInfo p) {
        Object[] row = PG_POLICY.newRow();
        PG_POLICY.set(row, "oid", p.oid());
        PG_POLICY.set(row, "polname", p.name());
        PG_POLICY.set(row, "polrelid", p.relid());
        PG_POLICY.set(row, "polcmd", String.valueOf(p.cmd()));
        PG_POLICY.set(row, "polpermissive", p.permissive());
        PG_POLICY.set(row, "polroles", p.roles());
        PG_POLICY.set(row, "polqual", p.qual());
        PG_POLICY.set(row, "polwithcheck", p.withCheck());
        return row;
    }

    private static PolicyInfo fromRow(Object[] v) {
        return new PolicyInfo(oid(PG_POLICY.get(v, "oid")), (String) PG_POLICY.get(v, "polname"),
                oid(PG_POLICY.get(v, "polrelid")), ((String) PG_POLICY.get(v, "polcmd")).charAt(0),
                Boolean.TRUE.equals(PG_POLICY.get(v, "polpermissive")), (int[]) PG_POLICY.get(v, "polroles"),
                (String) PG_POLICY.get(v, "polqual"), (String) PG_POLICY.get(v, "polwithcheck"));
    }

    private void changed(int relOid) {
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }
}
