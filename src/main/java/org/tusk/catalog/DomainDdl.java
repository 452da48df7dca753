package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_CONSTRAINT;
import static org.tusk.catalog.SystemCatalogs.PG_NAMESPACE;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The catalog side of CREATE/ALTER/DROP DOMAIN: PostgreSQL's typecmds.c DefineDomain (TypeCreate
 * of a typtype 'd' row and its array type), domainAddConstraint (CreateConstraintEntry with
 * contypid), AlterDomainDefault/NotNull/DropConstraint, RenameConstraintById and RemoveTypeById.
 *
 * <p>A domain's pg_type row copies the storage of its base type (typlen, typbyval, typalign,
 * typstorage), its category and delimiter, and names domain_in / domain_recv as input and
 * receive functions with the base type's output and send functions, as DefineDomain does.
 * typdefault and conbin keep SQL text (Tusk's convention, as adbin). Every change is an
 * ordinary transactional catalog change followed by a relcache invalidation of pg_type and
 * pg_constraint (which empties every backend's {@link TypeCache}, domain entries included) and
 * CommandCounterIncrement. The caller has checked names, types and stored values.
 */
public final class DomainDdl {
    /** pg_proc OIDs of domain_in and domain_recv (pg_proc.dat). */
    static final int F_DOMAIN_IN = 2597, F_DOMAIN_RECV = 2598;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Namespaces namespaces;
    private final TypeCache types;

    DomainDdl(CatalogEnv env, CatalogWriter writer, Namespaces namespaces, TypeCache types) {
        this.env = env;
        this.writer = writer;
        this.namespaces = namespaces;
        this.types = types;
    }

    /** One CHECK of a new domain: its name (null: ChooseConstraintName's "domain_check") and text. */
    public record NewCheck(String name, String sql, boolean validated) {}

    /** The namespace a new domain goes to: the named schema (3F000 if none) or the creation namespace. */
    public int namespaceFor(String schemaOrNull) {
        return namespaces.creationTarget(schemaOrNull);
    }

    /**
     * DefineDomain's catalog part: the domain's pg_type row over {@code baseType} (whose pg_type
     * row it copies the storage from), its array type and its CHECK rows; returns the OID. 42710
     * if a type of that name exists in the schema.
     */
    public int create(int nsp, String name, int baseType, int baseTypmod, int collation, String defaultSql,
                      boolean notNull, List<NewCheck> checks) {
        String typname = Identifiers.truncate(name);
        ArrayTypeNames arrayNames = new ArrayTypeNames(env, writer);
        if (BuiltinCatalog.typeByName(typname) != null && nsp == SystemCatalogs.PG_CATALOG_NAMESPACE
                || types.typeOidIn(typname, nsp) != 0 && !arrayNames.moveArrayTypeName(typname, nsp)) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "type \"" + typname + "\" already exists");
        }
        TupleSlot base = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                CatalogScan.key(PG_TYPE, "oid", baseType));
        if (base == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for type " + Integer.toUnsignedString(baseType));
        }
        int owner = env.userOid().getAsInt();
        int typeOid = writer.newOid(PG_TYPE, "oid");
        int arrayOid = writer.newOid(PG_TYPE, "oid");
        Object[] b = base.values();
        Object[] r = b.clone();
        PG_TYPE.set(r, "oid", typeOid);
        PG_TYPE.set(r, "typname", typname);
        PG_TYPE.set(r, "typnamespace", nsp);
        PG_TYPE.set(r, "typowner", owner);
        PG_TYPE.set(r, "typtype", "d");
        PG_TYPE.set(r, "typispreferred", false);
        PG_TYPE.set(r, "typisdefined", true);
        PG_TYPE.set(r, "typrelid", 0);
        PG_TYPE.set(r, "typsubscript", 0);
        PG_TYPE.set(r, "typelem", 0);
        PG_TYPE.set(r, "typarray", arrayOid);
        PG_TYPE.set(r, "typinput", F_DOMAIN_IN);
        PG_TYPE.set(r, "typreceive", F_DOMAIN_RECV);
        PG_TYPE.set(r, "typmodin", 0);
        PG_TYPE.set(r, "typmodout", 0);
        PG_TYPE.set(r, "typnotnull", notNull);
        PG_TYPE.set(r, "typbasetype", baseType);
        PG_TYPE.set(r, "typtypmod", baseTypmod);
        PG_TYPE.set(r, "typndims", 0);
        PG_TYPE.set(r, "typcollation", collation);
        PG_TYPE.set(r, "typdefaultbin", null);
        PG_TYPE.set(r, "typdefault", defaultSql);
        PG_TYPE.set(r, "typacl", null);
        writer.insert(PG_TYPE, r);
        // the array type (DefineDomain's AssignTypeArrayOid + TypeCreate of "_name")
        char align = ((String) PG_TYPE.get(b, "typalign")).charAt(0);
        PgTypeRows.TypeRow arr = new PgTypeRows.TypeRow(arrayOid, arrayNames.makeArrayTypeName(typname, nsp), -1, false, 'b', 'A', false, 0,
                PgTypeRows.F_ARRAY_SUBSCRIPT_HANDLER, typeOid, 0, PgTypeRows.F_ARRAY_IN, PgTypeRows.F_ARRAY_OUT,
                PgTypeRows.F_ARRAY_RECV, PgTypeRows.F_ARRAY_SEND, 0, 0, PgTypeRows.F_ARRAY_TYPANALYZE,
                align == 'd' ? 'd' : 'i', 'x', collation);
        writer.insert(PG_TYPE, PgTypeRows.toRow(arr, nsp, owner));
        for (NewCheck c : checks) insertCheck(typeOid, typname, nsp, c);
        changed();
        return typeOid;
    }

    /** domainAddConstraint for an existing domain (ALTER DOMAIN ADD CONSTRAINT); returns the constraint's name. */
    public String addCheck(DomainInfo d, NewCheck c) {
        String name = insertCheck(d.oid(), d.name(), d.namespace(), c);
        changed();
        return name;
    }

    private String insertCheck(int typeOid, String typname, int nsp, NewCheck c) {
        String name = c.name();
        if (name != null) {
            if (constraintOid(typeOid, name) != 0) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for domain \"" + typname
                        + "\" already exists");
            }
        } else {
            // ChooseConstraintName(domain, NULL, "check", namespace): unique among the namespace's constraints
            for (int pass = 0; ; pass++) {
                String candidate = HeapCatalog.makeObjectName(typname, null, pass == 0 ? "check" : "check" + pass);
                if (writer.find(PG_CONSTRAINT, CatalogScan.nameKey(PG_CONSTRAINT, "conname", candidate), v -> oid(PG_CONSTRAINT.get(v, "connamespace")) == nsp).isEmpty()) {
                    name = candidate;
                    break;
                }
            }
        }
        int oid = writer.newOid(PG_CONSTRAINT, "oid");
        Object[] row = CatalogRows.constraintRow(new ConstraintInfo(oid, name, nsp, 'c', 0, null, 0, 0, null, ' ', ' ',
                ' ', false, false, c.validated(), false, c.sql()));
        PG_CONSTRAINT.set(row, "contypid", typeOid);
        writer.insert(PG_CONSTRAINT, row);
        return name;
    }

    /** The OID of domain {@code typeOid}'s constraint {@code name}, 0 if it has none. */
    public int constraintOid(int typeOid, String name) {
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_CONSTRAINT), env.snapshot().get(),
                CatalogScan.key(PG_CONSTRAINT, "contypid", typeOid), v -> name.equals(PG_CONSTRAINT.get(v, "conname")));
        return s == null ? 0 : oid(PG_CONSTRAINT.get(s.values(), "oid"));
    }

    /** AlterDomainDropConstraint's catalog part: removes constraint {@code conOid} (and its comment). */
    public void dropConstraint(int conOid) {
        writer.delete(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "oid")) == conOid);
        new Comments(env, writer).delete(conOid, PG_CONSTRAINT.oid(), 0);
        changed();
    }

    /** RenameConstraintById for a domain constraint: 42710 if the domain has one of the new name. */
    public void renameConstraint(DomainInfo d, int conOid, String newName) {
        if (constraintOid(d.oid(), newName) != 0) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + newName + "\" for domain \"" + d.name()
                    + "\" already exists");
        }
        setConstraint(conOid, "conname", newName);
    }

    /** AlterDomainValidateConstraint's catalog part: convalidated = true (the caller has checked the values). */
    public void markValidated(int conOid) {
        setConstraint(conOid, "convalidated", true);
    }

    private void setConstraint(int conOid, String column, Object value) {
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "oid", conOid))) {
            Object[] v = s.values().clone();
            PG_CONSTRAINT.set(v, column, value);
            writer.update(PG_CONSTRAINT, s, v);
        }
        changed();
    }

    /** AlterDomainDefault: typdefault = {@code sql} (null: DROP DEFAULT). */
    public void setDefault(int typeOid, String sql) {
        setType(typeOid, "typdefault", sql);
    }

    /** AlterDomainNotNull: typnotnull (the caller has checked the stored values when setting it). */
    public void setNotNull(int typeOid, boolean notNull) {
        setType(typeOid, "typnotnull", notNull);
    }

    private void setType(int typeOid, String column, Object value) {
        for (TupleSlot s : writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "oid", typeOid))) {
            Object[] v = s.values().clone();
            PG_TYPE.set(v, column, value);
            writer.update(PG_TYPE, s, v);
        }
        changed();
    }

    /** RemoveTypeById for a domain: its pg_type row, its array type's, its constraints and comments. */
    public void drop(DomainInfo d) {
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "contypid", d.oid()))) {
            new Comments(env, writer).delete(oid(PG_CONSTRAINT.get(s.values(), "oid")), PG_CONSTRAINT.oid(), 0);
        }
        writer.delete(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "contypid")) == d.oid());
        writer.delete(PG_TYPE, v -> {
            int o = oid(PG_TYPE.get(v, "oid"));
            return o == d.oid() || d.arrayType() != 0 && o == d.arrayType();
        });
        new Comments(env, writer).delete(d.oid(), PG_TYPE.oid(), 0);
        changed();
    }

    /** The OIDs of the domains whose typbasetype is {@code typeOid} (pg_depend's dependent types). */
    public List<Integer> domainsOver(int typeOid) {
        List<Integer> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "typbasetype", typeOid), v -> "d".equals(PG_TYPE.get(v, "typtype")))) {
            out.add(oid(PG_TYPE.get(s.values(), "oid")));
        }
        return out;
    }

    /**
     * get_rels_with_domain's columns for one type: {schema, table, column} of every column of a
     * relation with storage (relkind 'r' or 'm') declared with {@code typeOid}.
     */
    public List<String[]> tableColumnsOf(int typeOid) {
        List<String[]> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "atttypid", typeOid), v -> (Short) PG_ATTRIBUTE.get(v, "attnum") > 0 && !(Boolean) PG_ATTRIBUTE.get(v, "attisdropped"))) {
            int rel = oid(PG_ATTRIBUTE.get(s.values(), "attrelid"));
            TupleSlot c = CatalogScan.first(env.table(), env.relcache().catalog(PG_CLASS), env.snapshot().get(),
                    CatalogScan.key(PG_CLASS, "oid", rel));
            if (c == null) continue;
            String kind = (String) PG_CLASS.get(c.values(), "relkind");
            if (!"r".equals(kind) && !"m".equals(kind)) continue;
            int nsp = oid(PG_CLASS.get(c.values(), "relnamespace"));
            TupleSlot n = CatalogScan.first(env.table(), env.relcache().catalog(PG_NAMESPACE), env.snapshot().get(),
                    CatalogScan.key(PG_NAMESPACE, "oid", nsp));
            out.add(new String[] {n == null ? "public" : (String) PG_NAMESPACE.get(n.values(), "nspname"),
                    (String) PG_CLASS.get(c.values(), "relname"), (String) PG_ATTRIBUTE.get(s.values(), "attname")});
        }
        return out;
    }

    /**
     * The functions whose argument or result type is {@code typeOid} (pg_depend's normal
     * dependencies of a pg_proc row on its types), described as getObjectDescription does:
     * "function name(argtype, ...)".
     */
    public List<String> functionsUsing(int typeOid) {
        List<String> out = new ArrayList<>();
        for (TupleSlot s : writer.find(SystemCatalogs.PG_PROC, v -> {
            if (oid(SystemCatalogs.PG_PROC.get(v, "prorettype")) == typeOid) return true;
            int[] args = (int[]) SystemCatalogs.PG_PROC.get(v, "proargtypes");
            if (args != null) for (int a : args) if (a == typeOid) return true;
            return false;
        })) {
            int[] args = (int[]) SystemCatalogs.PG_PROC.get(s.values(), "proargtypes");
            StringBuilder sb = new StringBuilder("function ").append(SystemCatalogs.PG_PROC.get(s.values(), "proname")).append('(');
            for (int i = 0; args != null && i < args.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(BuiltinCatalog.formatType(args[i]));
            }
            out.add(sb.append(')').toString());
        }
        return out;
    }

    private void changed() {
        env.inval().registerRelcacheInval(PG_TYPE.oid());
        env.inval().registerRelcacheInval(PG_CONSTRAINT.oid());
        env.commandCounterIncrement().run();
    }

}
