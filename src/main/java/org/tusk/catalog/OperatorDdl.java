package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_OPERATOR;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * User-defined operators: pg_operator.c OperatorCreate (with OperatorShellMake for a commutator
 * or negator that does not exist yet, and OperatorUpd linking them back), the changes of ALTER
 * OPERATOR, RemoveOperatorById, and the lookup operator resolution makes in them after the
 * built-in table ({@link BuiltinCatalog#operators} asks {@link #lookupInstalled}).
 *
 * <p>Invariants: a user operator is a pg_operator row with an OID at or above FirstNormalObjectId;
 * a shell operator has oprcode 0 and oprresult 0 and is never offered to operator resolution; an
 * operator depends NORMAL on its argument and result types and its function (and on its
 * selectivity estimators when they are user functions), so DROP TYPE / DROP FUNCTION ... CASCADE
 * take it along. The rows are read into a map by name once per catalog generation (every change
 * here sends a pg_operator invalidation); only the session's thread uses it: no lock. Operators
 * are found by name in every schema (the search path does not restrict operator lookup yet). A
 * user operator is as strict as its function: a non-strict one is called with NULLs.
 */
public final class OperatorDdl {
    /** OperatorRelationId. */
    public static final int OPERATOR_RELATION_ID = 2617;

    private static volatile OperatorDdl current;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final FunctionDdl functions;
    private final Map<String, List<PgOperator>> byName = new HashMap<>();
    private long generation = -1;

    OperatorDdl(CatalogEnv env, CatalogWriter writer, Dependencies dependencies, FunctionDdl functions) {
        this.env = env;
        this.writer = writer;
        this.functions = functions;
        dependencies.registerObjectClass(OPERATOR_RELATION_ID, new Dependencies.ObjectClass() {
            @Override
            public String describe(ObjectAddress o) {
                Object[] r = row(o.objectId());
                return r == null ? null : "operator " + signature(r);
            }

            @Override
            public void drop(ObjectAddress o) { remove(o.objectId()); }
        });
    }

    void install() {
        current = this;
    }

    /** The user operators named {@code name} through the installed catalog (none without one). */
    static List<PgOperator> lookupInstalled(String name) {
        OperatorDdl o = current;
        return o == null ? List.of() : o.lookup(name);
    }

    /** format_operator: "name(left,right)", NONE for a missing side. */
    public static String signature(Object[] r) {
        int l = oid(PG_OPERATOR.get(r, "oprleft")), rt = oid(PG_OPERATOR.get(r, "oprright"));
        return PG_OPERATOR.get(r, "oprname") + "(" + (l == 0 ? "NONE" : BuiltinCatalog.formatType(l)) + ","
                + (rt == 0 ? "NONE" : BuiltinCatalog.formatType(rt)) + ")";
    }

    /** The pg_operator row with this OID, or null. */
    public Object[] row(int operOid) {
        for (TupleSlot s : writer.find(PG_OPERATOR, v -> oid(PG_OPERATOR.get(v, "oid")) == operOid)) return s.values();
        return null;
    }

    /** OperatorGet: the row of operator (name, left, right) in {@code namespace} (0: any), built-in or not, or null. */
    public Object[] find(String name, int namespace, int left, int right) {
        for (TupleSlot s : writer.find(PG_OPERATOR, v -> name.equals(PG_OPERATOR.get(v, "oprname"))
                && oid(PG_OPERATOR.get(v, "oprleft")) == left && oid(PG_OPERATOR.get(v, "oprright")) == right
                && (namespace == 0 || oid(PG_OPERATOR.get(v, "oprnamespace")) == namespace))) return s.values();
        return null;
    }

    /** What CREATE OPERATOR defines, its names resolved (0 for a missing side or support function). */
    public record Definition(String name, int namespace, int left, int right, int function, int result,
                             String commutator, int commutatorNamespace, String negator, int negatorNamespace,
                             int restrict, int join, boolean canMerge, boolean canHash) {}

    /** OperatorCreate; returns the operator's OID. */
    public int create(Definition d, Dependencies dependencies) {
        Object[] existing = find(d.name(), d.namespace(), d.left(), d.right());
        if (existing != null && oid(PG_OPERATOR.get(existing, "oprcode")) != 0) {
            throw PgException.error("42723", "operator " + d.name() + " already exists");
        }
        boolean bool = d.result() == TypeOids.BOOL;
        if (!bool) {
            if (d.negator() != null) throw PgException.error("42P13", "only boolean operators can have negators");
            if (d.restrict() != 0) throw PgException.error("42P13", "only boolean operators can have restriction selectivity");
            if (d.join() != 0) throw PgException.error("42P13", "only boolean operators can have join selectivity");
            if (d.canMerge()) throw PgException.error("42P13", "only boolean operators can merge join");
            if (d.canHash()) throw PgException.error("42P13", "only boolean operators can hash");
        }
        int owner = env.userOid().getAsInt();
        int oid = existing != null ? oid(PG_OPERATOR.get(existing, "oid")) : writer.newOid(PG_OPERATOR, "oid");
        // OperatorCreate: a commutator that names this very operator (same name, swapped equal types) is itself
        int com = 0, neg = 0;
        if (d.commutator() != null) {
            boolean self = d.commutator().equals(d.name()) && d.left() == d.right()
                    && (d.commutatorNamespace() == 0 || d.commutatorNamespace() == d.namespace());
            com = self ? oid : getOrShell(d.commutator(), nsOr(d.commutatorNamespace(), d.namespace()), d.right(), d.left(), owner);
        }
        if (d.negator() != null) {
            if (d.negator().equals(d.name()) && (d.negatorNamespace() == 0 || d.negatorNamespace() == d.namespace())) {
                throw PgException.error("42P13", "operator cannot be its own negator");
            }
            neg = getOrShell(d.negator(), nsOr(d.negatorNamespace(), d.namespace()), d.left(), d.right(), owner);
        }
        Object[] r = PG_OPERATOR.newRow();
        PG_OPERATOR.set(r, "oid", oid);
        PG_OPERATOR.set(r, "oprname", d.name());
        PG_OPERATOR.set(r, "oprnamespace", d.namespace());
        PG_OPERATOR.set(r, "oprowner", owner);
        PG_OPERATOR.set(r, "oprkind", d.left() == 0 ? "l" : "b");
        PG_OPERATOR.set(r, "oprcanmerge", d.canMerge());
        PG_OPERATOR.set(r, "oprcanhash", d.canHash());
        PG_OPERATOR.set(r, "oprleft", d.left());
        PG_OPERATOR.set(r, "oprright", d.right());
        PG_OPERATOR.set(r, "oprresult", d.result());
        PG_OPERATOR.set(r, "oprcom", com);
        PG_OPERATOR.set(r, "oprnegate", neg);
        PG_OPERATOR.set(r, "oprcode", d.function());
        PG_OPERATOR.set(r, "oprrest", d.restrict());
        PG_OPERATOR.set(r, "oprjoin", d.join());
        if (existing != null) {
            writer.update(PG_OPERATOR, writer.find(PG_OPERATOR, v -> oid(PG_OPERATOR.get(v, "oid")) == oid).get(0), r);
            dependencies.deleteDependencyRecordsFor(new ObjectAddress(OPERATOR_RELATION_ID, oid, 0));
        } else {
            writer.insert(PG_OPERATOR, r);
        }
        recordDependencies(oid, d.left(), d.right(), d.result(), d.function(), d.restrict(), d.join(), dependencies);
        env.commandCounterIncrement().run();
        // OperatorUpd: the commutator's oprcom and the negator's oprnegate point back here, if unset
        if (com != 0 && com != oid) link(com, "oprcom", oid);
        if (neg != 0) link(neg, "oprnegate", oid);
        changed();
        return oid;
    }

    private static int nsOr(int ns, int dflt) {
        return ns != 0 ? ns : dflt;
    }

    /** OperatorLookup, else OperatorShellMake: a shell operator (no function, no result) to be defined later. */
    private int getOrShell(String name, int namespace, int left, int right, int owner) {
        Object[] r = find(name, namespace, left, right);
        if (r == null && namespace == SystemCatalogs.PG_CATALOG_NAMESPACE) r = find(name, 0, left, right);
        if (r != null) return oid(PG_OPERATOR.get(r, "oid"));
        int oid = writer.newOid(PG_OPERATOR, "oid");
        Object[] s = PG_OPERATOR.newRow();
        PG_OPERATOR.set(s, "oid", oid);
        PG_OPERATOR.set(s, "oprname", name);
        PG_OPERATOR.set(s, "oprnamespace", namespace);
        PG_OPERATOR.set(s, "oprowner", owner);
        PG_OPERATOR.set(s, "oprkind", left == 0 ? "l" : "b");
        PG_OPERATOR.set(s, "oprcanmerge", false);
        PG_OPERATOR.set(s, "oprcanhash", false);
        PG_OPERATOR.set(s, "oprleft", left);
        PG_OPERATOR.set(s, "oprright", right);
        PG_OPERATOR.set(s, "oprresult", 0);
        PG_OPERATOR.set(s, "oprcom", 0);
        PG_OPERATOR.set(s, "oprnegate", 0);
        PG_OPERATOR.set(s, "oprcode", 0);
        PG_OPERATOR.set(s, "oprrest", 0);
        PG_OPERATOR.set(s, "oprjoin", 0);
        writer.insert(PG_OPERATOR, s);
        env.commandCounterIncrement().run();
        return oid;
    }

    private void link(int target, String column, int to) {
        for (TupleSlot s : writer.find(PG_OPERATOR, v -> oid(PG_OPERATOR.get(v, "oid")) == target)) {
            Object[] v = s.values().clone();
            if (oid(PG_OPERATOR.get(v, column)) != 0) return;
            if (Integer.compareUnsigned(target, CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) return;   // built-ins are not changed
            PG_OPERATOR.set(v, column, to);
            writer.update(PG_OPERATOR, s, v);
            env.commandCounterIncrement().run();
        }
    }

    private void recordDependencies(int oid, int left, int right, int result, int function, int restrict, int join,
                                    Dependencies dependencies) {
        ObjectAddress op = new ObjectAddress(OPERATOR_RELATION_ID, oid, 0);
        for (int t : new int[] {left, right, result}) {
            if (Integer.compareUnsigned(t, CastDdl.FIRST_NORMAL_OBJECT_ID) >= 0) {
                dependencies.recordDependencyOn(op, new ObjectAddress(BaseTypeDdl.TYPE_RELATION_ID, t, 0), DependencyType.NORMAL);
            }
        }
        for (int f : new int[] {function, restrict, join}) {
            if (f != 0 && BuiltinCatalog.functionByOid(f) == null) {
                dependencies.recordDependencyOn(op, new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, f, 0),
                        DependencyType.NORMAL);
            }
        }
    }

    /** AlterOperator: sets RESTRICT and JOIN (0 for NONE; null leaves a column as it is). */
    public void alter(int operOid, Integer restrict, Integer join, Dependencies dependencies) {
        for (TupleSlot s : writer.find(PG_OPERATOR, v -> oid(PG_OPERATOR.get(v, "oid")) == operOid)) {
            Object[] v = s.values().clone();
            if (restrict != null) PG_OPERATOR.set(v, "oprrest", restrict);
            if (join != null) PG_OPERATOR.set(v, "oprjoin", join);
            writer.update(PG_OPERATOR, s, v);
            dependencies.deleteDependencyRecordsFor(new ObjectAddress(OPERATOR_RELATION_ID, operOid, 0));
            recordDependencies(operOid, oid(PG_OPERATOR.get(v, "oprleft")), oid(PG_OPERATOR.get(v, "oprright")),
                    oid(PG_OPERATOR.get(v, "oprresult")), oid(PG_OPERATOR.get(v, "oprcode")),
                    oid(PG_OPERATOR.get(v, "oprrest")), oid(PG_OPERATOR.get(v, "oprjoin")), dependencies);
        }
        changed();
    }

    /** ALTER OPERATOR ... OWNER TO. */
    public void setOwner(int operOid, int owner) {
        for (TupleSlot s : writer.find(PG_OPERATOR, v -> oid(PG_OPERATOR.get(v, "oid")) == operOid)) {
            Object[] v = s.values().clone();
            PG_OPERATOR.set(v, "oprowner", owner);
            writer.update(PG_OPERATOR, s, v);
        }
        changed();
    }

    /** RemoveOperatorById: the row, and the links other operators have to it (oprcom, oprnegate). */
    void remove(int operOid) {
        writer.delete(PG_OPERATOR, v -> oid(PG_OPERATOR.get(v, "oid")) == operOid);
        // the row just deleted is still visible to this command (a self-commutator names itself)
        for (TupleSlot s : writer.find(PG_OPERATOR, v -> oid(PG_OPERATOR.get(v, "oid")) != operOid
                && (oid(PG_OPERATOR.get(v, "oprcom")) == operOid || oid(PG_OPERATOR.get(v, "oprnegate")) == operOid))) {
            Object[] v = s.values().clone();
            if (oid(PG_OPERATOR.get(v, "oprcom")) == operOid) PG_OPERATOR.set(v, "oprcom", 0);
            if (oid(PG_OPERATOR.get(v, "oprnegate")) == operOid) PG_OPERATOR.set(v, "oprnegate", 0);
            writer.update(PG_OPERATOR, s, v);
        }
        new Comments(env, writer).delete(operOid, OPERATOR_RELATION_ID, 0);
        changed();
    }

    /** The relcache's key for {@link #readUserOperators}'s rows. */
    private static final Object USER_OPERATORS = new Object() {
        @Override public String toString() { return "pg_operator rows of defined user operators"; }
    };

    /**
     * The pg_operator rows of every defined (not shell) user operator. Every session asks for them
     * for its first operator; the key rejects the ~800 built-in rows on their OID without decoding
     * them, and the relcache keeps the rows until an invalidation (and for a reused backend's
     * next session).
     */
    private List<Object[]> readUserOperators() {
        List<Object[]> rows = new ArrayList<>();
        for (TupleSlot s : CatalogScan.scan(env.table(), env.relcache().catalog(PG_OPERATOR), env.snapshot().get(),
                CatalogScan.oidAtLeastKey(PG_OPERATOR, "oid", CastDdl.FIRST_NORMAL_OBJECT_ID),
                v -> oid(PG_OPERATOR.get(v, "oprcode")) != 0)) {
            rows.add(s.values());
        }
        return rows;
    }

    /** The defined (not shell) user operators named {@code name}, as operator resolution uses them. */
    public List<PgOperator> lookup(String name) {
        long g = env.relcache().namesGeneration();
        if (g != generation) {
            byName.clear();
            for (Object[] v : env.relcache().catalogList(USER_OPERATORS, this::readUserOperators)) {
                byName.computeIfAbsent((String) PG_OPERATOR.get(v, "oprname"), k -> new ArrayList<>()).add(toOperator(v));
            }
            generation = g;
        }
        return byName.getOrDefault(name, List.of());
    }

    private PgOperator toOperator(Object[] v) {
        int fn = oid(PG_OPERATOR.get(v, "oprcode"));
        PgProc builtin = BuiltinCatalog.functionByOid(fn);
        SqlFunction f = builtin == null ? functions.byOid(fn) : null;
        BuiltinFunction impl = builtin != null ? builtin.impl() : f != null ? f.asProc().impl() : (c, a) -> {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for function " + fn);
        };
        PgProc.Volatility vol = builtin != null ? builtin.volatility() : f != null ? f.volatility() : PgProc.Volatility.VOLATILE;
        boolean strict = builtin != null ? builtin.strict() : f == null || f.strict();
        return new PgOperator((String) PG_OPERATOR.get(v, "oprname"), oid(PG_OPERATOR.get(v, "oprleft")),
                oid(PG_OPERATOR.get(v, "oprright")), oid(PG_OPERATOR.get(v, "oprresult")), vol, impl, strict,
                f != null ? fn : 0);
    }

    private void changed() {
        env.inval().registerRelcacheInval(PG_OPERATOR.oid());
        env.commandCounterIncrement().run();
    }
}
