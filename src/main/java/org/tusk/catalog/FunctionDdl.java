package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.error.SqlState;

/**
 * User-defined functions in pg_proc (PostgreSQL's catalog/pg_proc.c ProcedureCreate, the
 * pg_proc part of RemoveFunctionById, and namespace.c FuncnameGetCandidates). LANGUAGE sql and
 * plpgsql functions are stored; built-in functions stay in {@link BuiltinCatalog}.
 *
 * <p>Lookups by name (and rows by OID) are cached until the relcache's name cache is emptied, which any
 * catalog invalidation does; every change here registers a relcache invalidation for pg_proc, so
 * a committed CREATE/DROP FUNCTION reaches other backends at their next lock acquisition and
 * this one at CommandCounterIncrement. Two sessions creating the same signature at once can
 * both succeed (no unique index on pg_proc yet), as for relation names.
 */
public final class FunctionDdl {
    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Namespaces namespaces;
    private final Map<String, List<SqlFunction>> byName = new HashMap<>();
    private final Map<Integer, java.util.Optional<Object[]>> byOid = new HashMap<>();
    private final AggregateDdl aggregates;
    private long generation = -1;

    FunctionDdl(CatalogEnv env, CatalogWriter writer, Namespaces namespaces) {
        this.env = env;
        this.writer = writer;
        this.namespaces = namespaces;
        this.aggregates = new AggregateDdl(env, writer, namespaces);
    }

    /** The user-defined aggregates, whose pg_proc rows (prokind 'a') this class leaves out of its lookups. */
    public AggregateDdl aggregates() {
        return aggregates;
    }

    /**
     * Whether a pg_proc row is a user's routine: the built-ins' rows (bootstrap's) are passed
     * over, since their calls resolve through {@link BuiltinCatalog}, which has them all.
     */
    static boolean isUserRow(Object[] v) {
        return !BuiltinCatalog.isBuiltinRoutine(oid(PG_PROC.get(v, "oid")));
    }

    /** Whether a pg_proc row is a plain function (prokind 'f'), what function calls look up. */
    private static boolean isFunction(Object[] v) {
        return "f".equals(PG_PROC.get(v, "prokind"));
    }

    /** Whether a pg_proc row is a function, a procedure or a window function (prokind 'f', 'p' or 'w'), the kinds this class reads. */
    private static boolean isRoutine(Object[] v) {
        Object k = PG_PROC.get(v, "prokind");
        return ("f".equals(k) || "p".equals(k) || "w".equals(k)) && isUserRow(v);
    }

    /** The function or procedure with OID {@code oid}, or null (a support function named in pg_aggregate). */
    public SqlFunction byOid(int oid) {
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", oid), v -> isRoutine(v))) {
            return fromRow(s.values());
        }
        return null;
    }

    /**
     * The procost of the user function with OID {@code oid}, name {@code name} and argument types
     * {@code argTypes}, or -1 when there is no such row (a built-in: those numbered from 100000
     * share the OID range, so the row must be the same function by name and argument types).
     */
    public float procost(int oid, String name, List<Integer> argTypes) {
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", oid), v -> isRoutine(v))) {
            Object[] v = s.values();
            int[] args = (int[]) PG_PROC.get(v, "proargtypes");
            List<Integer> types = new ArrayList<>();
            if (args != null) for (int a : args) types.add(a);
            if (!name.equals(PG_PROC.get(v, "proname")) || !types.equals(argTypes)) return -1;
            return ((Number) PG_PROC.get(v, "procost")).floatValue();
        }
        return -1;
    }

    /**
     * FuncnameGetCandidates: the functions named {@code name} in {@code schemaOrNull}, or in the
     * search path's schemas; of two with the same argument types the one in the earlier schema
     * hides the other.
     */
    public List<SqlFunction> candidates(String schemaOrNull, String name) {
        return candidates(schemaOrNull, name, "f");
    }

    /**
     * The procedures (prokind 'p') named {@code name}, as {@link #candidates(String, String)} finds
     * functions: what CALL resolves against (FuncnameGetCandidates filtered by func_get_detail's
     * proc_call check).
     */
    public List<SqlFunction> procedureCandidates(String schemaOrNull, String name) {
        return candidates(schemaOrNull, name, "p");
    }

    /**
     * The window functions (prokind 'w') named {@code name}, as {@link #candidates(String, String)}
     * finds functions: what a call with OVER resolves against besides the built-ins and aggregates.
     */
    public List<SqlFunction> windowCandidates(String schemaOrNull, String name) {
        return candidates(schemaOrNull, name, "w");
    }

    /** The routines of kind {@code prokind} ('f', 'p' or 'w') named {@code name} through the search path. */
    private List<SqlFunction> candidates(String schemaOrNull, String name, String prokind) {
        if (schemaOrNull != null) namespaces.lookupExplicit(schemaOrNull);
        resetCachesIfInvalidated();
        String key = prokind + ":" + (schemaOrNull == null ? "" : schemaOrNull) + "." + name;
        List<SqlFunction> l = byName.get(key);
        if (l != null) return l;
        List<Integer> path;
        if (schemaOrNull != null) {
            int nsp = namespaces.oidOf(schemaOrNull);
            if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schemaOrNull + "\" does not exist");
            path = List.of(nsp);
        } else {
            path = namespaces.activePath();
        }
        List<SqlFunction> all = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.nameKey(PG_PROC, "proname", name), v -> prokind.equals(PG_PROC.get(v, "prokind")) && isUserRow(v))) all.add(fromRow(s.values()));
        List<SqlFunction> out = new ArrayList<>();
        for (int nsp : path) {
            for (SqlFunction f : all) {
                if (f.namespace() != nsp) continue;
                if (out.stream().noneMatch(o -> o.argTypes().equals(f.argTypes()))) out.add(f);
            }
        }
        l = List.copyOf(out);
        byName.put(key, l);
        return l;
    }

    /** The function or procedure in {@code namespace} with exactly these argument types, or null. */
    public SqlFunction find(int namespace, String name, List<Integer> argTypes) {
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.nameKey(PG_PROC, "proname", name), v -> oid(PG_PROC.get(v, "pronamespace")) == namespace && isRoutine(v))) {
            SqlFunction f = fromRow(s.values());
            if (f.argTypes().equals(argTypes)) return f;
        }
        return null;
    }

    /** prokind of the routine in {@code namespace} with exactly these argument types, or null if there is none. */
    public String kindOf(int namespace, String name, List<Integer> argTypes) {
        int[] wanted = argTypes.stream().mapToInt(Integer::intValue).toArray();
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.nameKey(PG_PROC, "proname", name), v -> oid(PG_PROC.get(v, "pronamespace")) == namespace && isUserRow(v))) {
            if (Arrays.equals((int[]) PG_PROC.get(s.values(), "proargtypes"), wanted)) {
                return String.valueOf(PG_PROC.get(s.values(), "prokind"));
            }
        }
        return null;
    }

    /** ProcedureCreate's DETAIL for "cannot change routine kind": what the existing routine is. */
    public static String describeKind(String prokind) {
        return switch (prokind) {
            case "a" -> "an aggregate function";
            case "p" -> "a procedure";
            case "w" -> "a window function";
            default -> "a function";
        };
    }

    /** The schema a new function goes to: the named one (3F000 if missing) or the creation namespace. */
    public int targetNamespace(String schemaOrNull) {
        return namespaces.creationTarget(schemaOrNull);
    }

    /**
     * ProcedureCreate: inserts {@code f} (its oid is assigned here) or, with {@code replace},
     * updates the existing function of the same signature after PostgreSQL's checks on what
     * CREATE OR REPLACE may not change. Returns the function's OID.
     */
    public int create(SqlFunction f, boolean replace) {
        if (aggregates.find(f.namespace(), f.name(), f.argTypes()) != null) {
            if (!replace) throw PgException.error("42723", "function \"" + f.name() + "\" already exists with same argument types");
            throw PgException.error("42809", "cannot change routine kind")
                    .withDetail("\"" + f.name() + "\" is an aggregate function.");
        }
        String existingKind = kindOf(f.namespace(), f.name(), f.argTypes());
        if (existingKind != null) {
            if (!replace) {
                throw PgException.error("42723", "function \"" + f.name() + "\" already exists with same argument types");
            }
            if (!existingKind.equals(f.kind())) {
                throw PgException.error("42809", "cannot change routine kind")
                        .withDetail("\"" + f.name() + "\" is " + describeKind(existingKind) + ".");
            }
        }
        SqlFunction old = find(f.namespace(), f.name(), f.argTypes());
        if (old != null) {
            String hint = "Use DROP " + (old.procedure() ? "PROCEDURE " : "FUNCTION ") + signature(old) + " first.";
            if (old.resultType() != f.resultType() || old.retset() != f.retset()) {
                throw new PgException(Severity.ERROR, "42P13", f.procedure()
                        ? "cannot change whether a procedure has output parameters"
                        : "cannot change return type of existing function", null, hint, 0);
            }
            for (int i = 0; i < old.argTypes().size(); i++) {
                String on = old.argName(i);
                if (on != null && !on.equals(f.argName(i))) {
                    throw new PgException(Severity.ERROR, "42P13", "cannot change name of input parameter \"" + on + "\"",
                            null, hint, 0);
                }
            }
            if (f.nDefaults() < old.nDefaults()) {
                throw new PgException(Severity.ERROR, "42P13", "cannot remove parameter defaults from existing function",
                        null, hint, 0);
            }
            int oid = old.oid();
            for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", oid))) {
                writer.update(PG_PROC, s, toRow(withOid(f, oid, old.owner())));
            }
            changed();
            return oid;
        }
        int oid = writer.newOid(PG_PROC, "oid");
        int owner = env.userOid().getAsInt();
        Object[] row = toRow(withOid(f, oid, owner));
        // ProcedureCreate: the owner's default privileges on functions (get_user_default_acl)
        PG_PROC.set(row, "proacl", new DefaultAcls(env, writer).forNewObject(DefaultAcls.FUNCTION, owner, f.namespace()));
        writer.insert(PG_PROC, row);
        changed();
        return oid;
    }

    /**
     * AlterFunction / RenameFunction / AlterFunctionNamespace / AlterFunctionOwner: changes columns of
     * the pg_proc row of {@code oid} (a function's or an aggregate's) in place of the old row.
     */
    public void alterRow(int oid, java.util.function.Consumer<Object[]> change) {
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", oid))) {
            Object[] row = s.values().clone();
            change.accept(row);
            writer.update(PG_PROC, s, row);
        }
        changed();
    }

    /** The pg_proc rows of schema {@code nsp} (GRANT ... ON ALL ROUTINES IN SCHEMA). */
    public List<Object[]> rowsInNamespace(int nsp) {
        List<Object[]> out = new java.util.ArrayList<>();
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "pronamespace", nsp))) out.add(s.values());
        return out;
    }

    /**
     * The pg_proc row of {@code oid}, or null; the caller only reads it. Cached per OID as the
     * lookups by name are (the syscache's PROCOID entries): the execute-privilege checks ask for
     * it at every statement that calls a routine, and pg_proc holds every built-in's row.
     */
    public Object[] row(int oid) {
        resetCachesIfInvalidated();
        java.util.Optional<Object[]> cached = byOid.get(oid);
        if (cached != null) return cached.orElse(null);
        List<TupleSlot> rows = writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", oid));
        Object[] row = rows.isEmpty() ? null : rows.get(0).values();
        byOid.put(oid, java.util.Optional.ofNullable(row));
        return row;
    }

    /** Empties the caches when a catalog invalidation has arrived since they were filled. */
    private void resetCachesIfInvalidated() {
        long g = env.relcache().namesGeneration();
        if (g != generation) {
            byName.clear();
            byOid.clear();
            generation = g;
        }
    }

    /** pg_proc's OID in pg_class, the class id of a function's ObjectAddress. */
    public static final int PROCEDURE_RELATION_ID = 1255;

    /**
     * Makes functions droppable through {@link Dependencies#performDeletion} (doDeletion's
     * OCLASS_PROC case), so DROP FUNCTION meets the objects that depend on a function, such as
     * its triggers, as PostgreSQL does.
     */
    void registerWith(Dependencies dependencies) {
        dependencies.registerObjectClass(PROCEDURE_RELATION_ID, new Dependencies.ObjectClass() {
            @Override
            public String describe(ObjectAddress o) {
                SqlFunction f = byOid(o.objectId());
                if (f == null) {
                    // an aggregate is a pg_proc row too, described as a function (getObjectDescription)
                    UserAggregate a = aggregates().byOid(o.objectId());
                    return a == null ? null : "function " + a.signature();
                }
                // getObjectDescription says "function" for procedures too; format_procedure
                // qualifies the name when the routine is not visible in the search path
                return "function " + (visible(f) ? "" : Texts.quoteIdentifier(namespaces.nameOf(f.namespace())) + ".")
                        + signature(f);
            }

            @Override
            public void drop(ObjectAddress o) {
                if (byOid(o.objectId()) == null && aggregates().byOid(o.objectId()) != null) aggregates().drop(o.objectId());
                else FunctionDdl.this.drop(o.objectId());
            }
        });
    }

    /** FunctionIsVisible: the search path finds this very routine for its name and argument types. */
    private boolean visible(SqlFunction f) {
        for (SqlFunction c : candidates(null, f.name(), f.kind())) {
            if (c.argTypes().equals(f.argTypes())) return c.oid() == f.oid();
        }
        return false;
    }

    /** RemoveFunctionById's pg_proc part. */
    public void drop(int oid) {
        writer.delete(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == oid);
        new Comments(env, writer).delete(oid, PG_PROC.oid(), 0);   // deleteOneObject's DeleteComments
        changed();
    }

    /** format_procedure: "name(integer, text)" for messages. */
    public static String signature(SqlFunction f) {
        StringBuilder sb = new StringBuilder(f.name()).append('(');
        for (int i = 0; i < f.argTypes().size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(BuiltinCatalog.formatType(f.argTypes().get(i)));
        }
        return sb.append(')').toString();
    }

    private void changed() {
        env.inval().registerRelcacheInval(PG_PROC.oid());
        env.commandCounterIncrement().run();
    }

    private static SqlFunction withOid(SqlFunction f, int oid, int owner) {
        return new SqlFunction(oid, f.name(), f.namespace(), owner, f.argTypes(), f.argNames(), f.defaultsSql(),
                f.nDefaults(), f.resultType(), f.retset(), f.strict(), f.volatility(), f.body(), f.standardBody(), f.variadicType(),
                f.argModes(), f.outColumns(), f.language(), f.securityDefiner(), f.leakproof(), f.config(),
                f.prokind());
    }

    private static Object[] toRow(SqlFunction f) {
        SystemCatalog c = PG_PROC;
        Object[] r = c.newRow();
        c.set(r, "oid", f.oid());
        c.set(r, "proname", f.name());
        c.set(r, "pronamespace", f.namespace());
        c.set(r, "proowner", f.owner());
        c.set(r, "prolang", f.language());
        c.set(r, "procost", 100f);
        c.set(r, "prorows", f.retset() ? 1000f : 0f);
        c.set(r, "provariadic", f.variadicType());
        c.set(r, "prosupport", 0);
        c.set(r, "prokind", f.kind());
        c.set(r, "prosecdef", f.securityDefiner());
        c.set(r, "proleakproof", f.leakproof());
        if (!f.config().isEmpty()) c.set(r, "proconfig", f.config().toArray(new String[0]));
        c.set(r, "proisstrict", f.strict());
        c.set(r, "proretset", f.retset());
        c.set(r, "provolatile", switch (f.volatility()) {
            case IMMUTABLE -> "i";
            case STABLE -> "s";
            case VOLATILE -> "v";
        });
        c.set(r, "proparallel", "u");
        c.set(r, "pronargs", (short) f.argTypes().size());
        c.set(r, "pronargdefaults", (short) f.nDefaults());
        c.set(r, "prorettype", f.resultType());
        c.set(r, "proargtypes", f.argTypes().stream().mapToInt(Integer::intValue).toArray());
        if (f.argModes() != null) {
            // proallargtypes, proargmodes and proargnames cover every parameter in declared order
            int[] all = new int[f.argModes().length()];
            String[] names = new String[all.length];
            Object[] modes = new Object[all.length];
            int in = 0, out = 0;
            for (int i = 0; i < all.length; i++) {
                char m = f.argModes().charAt(i);
                modes[i] = String.valueOf(m);
                if ((m == 'o' && !f.procedure()) || m == 't') {
                    // a function's OUT parameter is only a result column; a procedure's is in proargtypes too
                    ColumnDef col = f.outColumns().get(out++);
                    all[i] = col.typeOid();
                    names[i] = col.name();
                } else {
                    all[i] = f.argTypes().get(in);
                    names[i] = f.argName(in) == null ? "" : f.argName(in);
                    in++;
                    if (m == 'b' || m == 'o') out++;
                }
            }
            c.set(r, "proallargtypes", all);
            c.set(r, "proargmodes", new org.tusk.utils.adt.ArrayValue(TypeOids.CHAR, new int[] {all.length}, new int[] {1}, modes));
            c.set(r, "proargnames", names);
        } else if (!f.argNames().isEmpty()) c.set(r, "proargnames", f.argNames().toArray(new String[0]));
        if (f.defaultsSql() != null) c.set(r, "proargdefaults", f.defaultsSql());
        c.set(r, "prosrc", f.standardBody() ? "" : f.body());
        if (f.standardBody()) c.set(r, "prosqlbody", f.body());
        return r;
    }

    private static SqlFunction fromRow(Object[] v) {
        SystemCatalog c = PG_PROC;
        int[] args = (int[]) c.get(v, "proargtypes");
        String[] names = (String[]) c.get(v, "proargnames");
        String sqlBody = (String) c.get(v, "prosqlbody");
        Volatility vol = switch ((String) c.get(v, "provolatile")) {
            case "i" -> Volatility.IMMUTABLE;
            case "s" -> Volatility.STABLE;
            default -> Volatility.VOLATILE;
        };
        Object modesValue = c.get(v, "proargmodes");
        String modes = null;
        List<ColumnDef> outColumns = new ArrayList<>();
        List<String> inNames = names == null ? List.of() : List.of(names);
        char prokind = String.valueOf(c.get(v, "prokind")).charAt(0);
        boolean procedure = prokind == 'p';
        if (modesValue != null) {
            StringBuilder sb = new StringBuilder();
            for (Object m : org.tusk.utils.adt.ArrayValue.of(modesValue, TypeOids.CHAR).elements()) {
                sb.append(m instanceof Number n ? (char) n.intValue() : String.valueOf(m).charAt(0));
            }
            modes = sb.toString();
            int[] all = (int[]) c.get(v, "proallargtypes");
            List<String> ins = new ArrayList<>();
            boolean anyName = false;
            for (int i = 0; i < modes.length(); i++) {
                char m = modes.charAt(i);
                String n = names == null || names[i] == null ? "" : names[i];
                if (m == 'o' || m == 't' || m == 'b') {
                    outColumns.add(new ColumnDef(n.isEmpty() ? "column" + (outColumns.size() + 1) : n, all[i]));
                }
                if ((m != 'o' || procedure) && m != 't') {
                    ins.add(n);
                    anyName |= !n.isEmpty();
                }
            }
            inNames = anyName ? ins : List.of();
        }
        return new SqlFunction(oid(c.get(v, "oid")), (String) c.get(v, "proname"), oid(c.get(v, "pronamespace")),
                oid(c.get(v, "proowner")), Arrays.stream(args).boxed().toList(),
                inNames, (String) c.get(v, "proargdefaults"),
                (Short) c.get(v, "pronargdefaults"), oid(c.get(v, "prorettype")), (Boolean) c.get(v, "proretset"),
                (Boolean) c.get(v, "proisstrict"), vol, sqlBody != null ? sqlBody : (String) c.get(v, "prosrc"),
                sqlBody != null, oid(c.get(v, "provariadic")), modes, outColumns, oid(c.get(v, "prolang")),
                Boolean.TRUE.equals(c.get(v, "prosecdef")), Boolean.TRUE.equals(c.get(v, "proleakproof")), config(c.get(v, "proconfig")),
                prokind);
    }

    /** proconfig's "name=value" entries (a text[] column), empty for NULL. */
    private static List<String> config(Object value) {
        if (value == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Object o : org.tusk.utils.adt.ArrayValue.of(value, TypeOids.TEXT).elements()) if (o != null) out.add(o.toString());
        return List.copyOf(out);
    }
}
