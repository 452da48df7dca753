package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CAST;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.access.common.DatumType;
import org.tusk.access.table.TupleSlot;

/**
 * User-defined casts: the pg_cast rows of CREATE CAST (functioncmds.c CreateCast with
 * pg_cast.c CastCreate), their removal, and the lookup find_coercion_pathway makes in them after
 * the built-in table ({@link BuiltinCatalog#cast} asks {@link #lookupInstalled}).
 *
 * <p>A user cast is a pg_cast row with an OID at or above FirstNormalObjectId (16384); bootstrap's
 * rows are the built-in casts, which {@link BuiltinCatalog} serves from its own table. A cast
 * depends NORMAL on its source and target types and on its function (CastCreate's
 * recordDependencyOn), so DROP TYPE / DROP FUNCTION ... CASCADE take it along. The user casts are
 * read into a map once per catalog generation (any catalog invalidation empties it; every
 * change here sends one for pg_cast); only the session's thread uses it: no lock.
 */
public final class CastDdl {
    /** CastRelationId. */
    public static final int CAST_RELATION_ID = 2605;
    /** FirstNormalObjectId: OIDs of objects users create start here. */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;

    private static volatile CastDdl current;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Map<Long, PgCast> byTypes = new HashMap<>();
    private long generation = -1;

    private final FunctionDdl functions;

    CastDdl(CatalogEnv env, CatalogWriter writer, Dependencies dependencies, FunctionDdl functions) {
        this.env = env;
        this.writer = writer;
        this.functions = functions;
        dependencies.registerObjectClass(CAST_RELATION_ID, new Dependencies.ObjectClass() {
            @Override
            public String describe(ObjectAddress o) {
                Object[] r = row(o.objectId());
                return r == null ? null : "cast from " + BuiltinCatalog.formatType(oid(PG_CAST.get(r, "castsource")))
                        + " to " + BuiltinCatalog.formatType(oid(PG_CAST.get(r, "casttarget")));
            }

            @Override
            public void drop(ObjectAddress o) { remove(o.objectId()); }
        });
    }

    void install() {
        current = this;
    }

    /** The user cast from {@code source} to {@code target} through the installed catalog, or null. */
    static PgCast lookupInstalled(int source, int target) {
        CastDdl c = current;
        return c == null ? null : c.lookup(source, target);
    }

    /** The pg_cast row (any, built-in or not) from {@code source} to {@code target}, or null. */
    public Object[] rowFor(int source, int target) {
        for (TupleSlot s : writer.find(PG_CAST, CatalogScan.key(PG_CAST, "castsource", source), v -> oid(PG_CAST.get(v, "casttarget")) == target)) return s.values();
        return null;
    }

    private Object[] row(int castOid) {
        for (TupleSlot s : writer.find(PG_CAST, v -> oid(PG_CAST.get(v, "oid")) == castOid)) return s.values();
        return null;
    }

    /** CastCreate: the pg_cast row and its dependencies; returns its OID. {@code method} is 'f', 'b' or 'i'. */
    public int create(int source, int target, int function, char context, char method, Dependencies dependencies) {
        int oid = writer.newOid(PG_CAST, "oid");
        Object[] r = PG_CAST.newRow();
        PG_CAST.set(r, "oid", oid);
        PG_CAST.set(r, "castsource", source);
        PG_CAST.set(r, "casttarget", target);
        PG_CAST.set(r, "castfunc", function);
        PG_CAST.set(r, "castcontext", String.valueOf(context));
        PG_CAST.set(r, "castmethod", String.valueOf(method));
        writer.insert(PG_CAST, r);
        ObjectAddress cast = new ObjectAddress(CAST_RELATION_ID, oid, 0);
        dependencies.recordDependencyOn(cast, new ObjectAddress(BaseTypeDdl.TYPE_RELATION_ID, source, 0), DependencyType.NORMAL);
        dependencies.recordDependencyOn(cast, new ObjectAddress(BaseTypeDdl.TYPE_RELATION_ID, target, 0), DependencyType.NORMAL);
        if (function != 0) {
            dependencies.recordDependencyOn(cast, new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, function, 0),
                    DependencyType.NORMAL);
        }
        changed();
        return oid;
    }

    /** DropCastById. */
    void remove(int castOid) {
        writer.delete(PG_CAST, v -> oid(PG_CAST.get(v, "oid")) == castOid);
        new Comments(env, writer).delete(castOid, CAST_RELATION_ID, 0);
        changed();
    }

    /** The user cast from {@code source} to {@code target} as the coercion code uses it, or null. */
    public PgCast lookup(int source, int target) {
        long g = env.relcache().namesGeneration();
        if (g != generation) {
            byTypes.clear();
            // The key rejects bootstrap's rows on their OID without decoding them.
            for (TupleSlot s : CatalogScan.scan(env.table(), env.relcache().catalog(PG_CAST), env.snapshot().get(),
                    CatalogScan.oidAtLeastKey(PG_CAST, "oid", FIRST_NORMAL_OBJECT_ID))) {
                PgCast c = toCast(s.values());
                byTypes.put(((long) c.source() << 32) | (c.target() & 0xFFFFFFFFL), c);
            }
            generation = g;
        }
        return byTypes.get(((long) source << 32) | (target & 0xFFFFFFFFL));
    }

    /**
     * A pg_cast row as find_coercion_pathway's answer. A function cast calls the function with the
     * value alone; a binary cast between types held in different Java classes reads the Datum's
     * bits as the target's ({@link org.tusk.utils.adt.BinaryRelabel}), which is what RelabelType
     * means for them.
     */
    private PgCast toCast(Object[] v) {
        int source = oid(PG_CAST.get(v, "castsource")), target = oid(PG_CAST.get(v, "casttarget"));
        char context = ((String) PG_CAST.get(v, "castcontext")).charAt(0);
        char method = ((String) PG_CAST.get(v, "castmethod")).charAt(0);
        int fn = oid(PG_CAST.get(v, "castfunc"));
        switch (method) {
            case 'f' -> {
                BuiltinFunction impl = functionImpl(fn);
                return new PgCast(source, target, context, PgCast.Method.FUNCTION, (c, a) -> impl.invoke(c, new Object[] {a[0]}));
            }
            case 'i' -> {
                return new PgCast(source, target, context, PgCast.Method.IO, null);
            }
            default -> {
                Class<?> from = javaClass(source), to = javaClass(target);
                if (from == null || to == null || from == to) return new PgCast(source, target, context, PgCast.Method.BINARY, null);
                return new PgCast(source, target, context, PgCast.Method.FUNCTION,
                        (c, a) -> org.tusk.utils.adt.BinaryRelabel.relabel(a[0], to));
            }
        }
    }

    private static Class<?> javaClass(int typeOid) {
        DatumType d = DatumType.forOid(TypeCache.installedRepresentation(typeOid));
        return d == null ? null : d.javaClass();
    }

    /** The implementation of function {@code fn}: a user function's (pg_proc) or a built-in's. */
    private BuiltinFunction functionImpl(int fn) {
        PgProc builtin = BuiltinCatalog.functionByOid(fn);
        if (builtin != null) return builtin.impl();
        SqlFunction f = functions.byOid(fn);
        if (f == null) {
            return (c, a) -> {
                throw org.tusk.utils.error.PgException.error("XX000", "cache lookup failed for function " + fn);
            };
        }
        return f.asProc().impl();
    }

    private void changed() {
        env.inval().registerRelcacheInval(PG_CAST.oid());
        env.commandCounterIncrement().run();
    }
}
