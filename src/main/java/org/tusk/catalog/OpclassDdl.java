package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_AMOP;
import static org.tusk.catalog.SystemCatalogs.PG_AMPROC;
import static org.tusk.catalog.SystemCatalogs.PG_OPCLASS;
import static org.tusk.catalog.SystemCatalogs.PG_OPERATOR;
import static org.tusk.catalog.SystemCatalogs.PG_OPFAMILY;

import java.util.List;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The catalog side of operator classes and families (opclasscmds.c CreateOpFamily, DefineOpClass's
 * pg_opclass insertion, storeOperators / storeProcedures, dropOperators / dropProcedures, and the
 * RemoveOpClassById / RemoveOpFamilyById / RemoveAmOpEntryById / RemoveAmProcEntryById deletions),
 * plus the lookups other parts make in those rows: OpclassnameGetOpcid, GetDefaultOpClass,
 * get_opfamily_member and get_opfamily_proc.
 *
 * <p>Invariants: a family and a class are unique per (access method, name, namespace); a member
 * (pg_amop row) is unique per (family, left, right, strategy) and a support function (pg_amproc)
 * per (family, left, right, number). Members added by CREATE OPERATOR CLASS depend INTERNALly on
 * the class, those of ALTER OPERATOR FAMILY ... ADD AUTOmatically on the family, so DROP OPERATOR
 * CLASS takes its members along and DROP OPERATOR FAMILY everything; a class depends AUTO on its
 * family, NORMAL on its input and storage types; a member depends NORMAL on its operator or
 * function, so dropping those needs CASCADE. Built-in rows (written by bootstrap from
 * {@link OperatorClassCatalogs}) have OIDs below FirstNormalObjectId and no pg_depend rows. The
 * rows are read through the catalog snapshot at every lookup (no cache), so only the session's
 * thread uses this object and no lock is needed beyond the relation locks of the catalogs.
 */
public final class OpclassDdl {
    /** OperatorClassRelationId, OperatorFamilyRelationId, AccessMethodOperatorRelationId, AccessMethodProcedureRelationId. */
    public static final int OPCLASS_RELATION_ID = 2616, OPFAMILY_RELATION_ID = 2753, AMOP_RELATION_ID = 2602,
            AMPROC_RELATION_ID = 2603;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final FunctionDdl functions;

    OpclassDdl(CatalogEnv env, CatalogWriter writer, Dependencies dependencies, FunctionDdl functions) {
        this.env = env;
        this.writer = writer;
        this.functions = functions;
        dependencies.registerObjectClass(OPCLASS_RELATION_ID, objectClass(PG_OPCLASS, this::describeClass));
        dependencies.registerObjectClass(OPFAMILY_RELATION_ID, objectClass(PG_OPFAMILY, this::describeFamily));
        dependencies.registerObjectClass(AMOP_RELATION_ID, objectClass(PG_AMOP, this::describeAmop));
        dependencies.registerObjectClass(AMPROC_RELATION_ID, objectClass(PG_AMPROC, this::describeAmproc));
    }

    private Dependencies.ObjectClass objectClass(SystemCatalog catalog, java.util.function.IntFunction<String> describe) {
        return new Dependencies.ObjectClass() {
            @Override
            public String describe(ObjectAddress o) { return describe.apply(o.objectId()); }

            @Override
            public void drop(ObjectAddress o) {
                writer.delete(catalog, v -> oid(catalog.get(v, "oid")) == o.objectId());
                new Comments(env, writer).delete(o.objectId(), catalog.oid(), 0);
                changed(catalog);
            }
        };
    }

    /**
     * A user-defined (not bootstrap) operator class of access method {@code am} named {@code name}
     * in {@code schema} (null: the search path): its pg_opclass row, or null.
     */
    public Object[] userClass(String schema, String name, int am) {
        OpclassDdl o = this;
        int ns = 0;
        if (schema != null) {
            ns = ObjectNames.current().namespaceOid(schema);
            if (ns == 0) return null;
        }
        int oid = o.lookup(false, name, ns, am);
        if (oid == 0 || Integer.compareUnsigned(oid, CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) return null;
        return o.row(PG_OPCLASS, oid);
    }

    /** The user-defined default class of access method {@code am} for exactly {@code type}, or 0. */
    public int userDefault(int am, int type) {
        int oid = defaultClass(am, type);
        return Integer.compareUnsigned(oid, CastDdl.FIRST_NORMAL_OBJECT_ID) >= 0 ? oid : 0;
    }

    /**
     * get_opfamily_proc(opcfamily, opcintype, opcintype, procnum) for a user-defined class
     * {@code opclass} (as partcache.c RelationBuildPartitionKey finds partsupfunc): the support
     * function's OID, or 0 when the class is built in, unknown, or lacks that function.
     */
    public int userSupportProc(int opclass, int procnum) {
        OpclassDdl o = this;
        if (Integer.compareUnsigned(opclass, CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) return 0;
        Object[] row = o.row(PG_OPCLASS, opclass);
        if (row == null) return 0;
        int type = oid(PG_OPCLASS.get(row, "opcintype"));
        return o.familyProc(oid(PG_OPCLASS.get(row, "opcfamily")), type, type, procnum);
    }

    /** A member to store: an operator (strategy number) or support function (procedure number). */
    public record Member(boolean isOperator, int number, int object, int left, int right, int sortFamily) {}

    // ---- lookups

    /** The row of {@code catalog} with this OID, or null. */
    public Object[] row(SystemCatalog catalog, int oid) {
        for (TupleSlot s : writer.find(catalog, v -> oid(catalog.get(v, "oid")) == oid)) return s.values();
        return null;
    }

    /**
     * OpfamilynameGetOpfid / OpclassnameGetOpcid: the family or class named {@code name} for access
     * method {@code am} in {@code namespace}, or, for namespace 0, in the first schema of the search
     * path that has one; 0 if none.
     */
    public int lookup(boolean family, String name, int namespace, int am) {
        SystemCatalog c = family ? PG_OPFAMILY : PG_OPCLASS;
        String p = family ? "opf" : "opc";
        List<Object[]> rows = writer.find(c, v -> name.equals(c.get(v, p + "name")) && oid(c.get(v, p + "method")) == am)
                .stream().map(TupleSlot::values).toList();
        if (namespace != 0) {
            for (Object[] r : rows) if (oid(c.get(r, p + "namespace")) == namespace) return oid(c.get(r, "oid"));
            return 0;
        }
        for (int ns : ObjectNames.current().searchPath()) {
            for (Object[] r : rows) if (oid(c.get(r, p + "namespace")) == ns) return oid(c.get(r, "oid"));
        }
        return 0;
    }

    /** GetDefaultOpClass's scan: the default class of access method {@code am} whose input type is exactly {@code type}, or 0. */
    public int defaultClass(int am, int type) {
        for (TupleSlot s : writer.find(PG_OPCLASS, v -> oid(PG_OPCLASS.get(v, "opcmethod")) == am
                && Boolean.TRUE.equals(PG_OPCLASS.get(v, "opcdefault")) && oid(PG_OPCLASS.get(v, "opcintype")) == type)) {
            return oid(PG_OPCLASS.get(s.values(), "oid"));
        }
        return 0;
    }

    /** get_opfamily_member: the operator of strategy {@code strategy} for (left, right) in the family, or 0. */
    public int familyMember(int family, int left, int right, int strategy) {
        for (TupleSlot s : writer.find(PG_AMOP, v -> oid(PG_AMOP.get(v, "amopfamily")) == family
                && oid(PG_AMOP.get(v, "amoplefttype")) == left && oid(PG_AMOP.get(v, "amoprighttype")) == right
                && ((Number) PG_AMOP.get(v, "amopstrategy")).intValue() == strategy)) {
            return oid(PG_AMOP.get(s.values(), "amopopr"));
        }
        return 0;
    }

    /** get_opfamily_proc: support function {@code procnum} for (left, right) in the family, or 0. */
    public int familyProc(int family, int left, int right, int procnum) {
        for (TupleSlot s : writer.find(PG_AMPROC, v -> oid(PG_AMPROC.get(v, "amprocfamily")) == family
                && oid(PG_AMPROC.get(v, "amproclefttype")) == left && oid(PG_AMPROC.get(v, "amprocrighttype")) == right
                && ((Number) PG_AMPROC.get(v, "amprocnum")).intValue() == procnum)) {
            return oid(PG_AMPROC.get(s.values(), "amproc"));
        }
        return 0;
    }

    // ---- creation

    /** CreateOpFamily: the pg_opfamily row; 42710 if one of that name exists for the method. */
    public int createFamily(String name, int namespace, int am, String amName) {
        if (lookup(true, name, namespace, am) != 0) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT,
                    "operator family \"" + name + "\" for access method \"" + amName + "\" already exists");
        }
        int oid = writer.newOid(PG_OPFAMILY, "oid");
        Object[] r = PG_OPFAMILY.newRow();
        PG_OPFAMILY.set(r, "oid", oid);
        PG_OPFAMILY.set(r, "opfmethod", am);
        PG_OPFAMILY.set(r, "opfname", name);
        PG_OPFAMILY.set(r, "opfnamespace", namespace);
        PG_OPFAMILY.set(r, "opfowner", env.userOid().getAsInt());
        writer.insert(PG_OPFAMILY, r);
        changed(PG_OPFAMILY);
        return oid;
    }

    /** What DefineOpClass inserts into pg_opclass. */
    public record ClassDefinition(String name, int namespace, int am, String amName, int family, int inputType,
                                  boolean isDefault, int keyType) {}

    /**
     * DefineOpClass's pg_opclass row and dependencies: 42710 if the class exists, and, for DEFAULT,
     * if the type already has a default class for the method.
     */
    public int createClass(ClassDefinition d, Dependencies dependencies) {
        if (lookup(false, d.name(), d.namespace(), d.am()) != 0) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT,
                    "operator class \"" + d.name() + "\" for access method \"" + d.amName() + "\" already exists");
        }
        if (d.isDefault()) {
            int existing = defaultClass(d.am(), d.inputType());
            if (existing != 0) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "could not make operator class \"" + d.name()
                        + "\" default for type " + BuiltinCatalog.formatType(d.inputType()))
                        .withDetail("Operator class \"" + PG_OPCLASS.get(row(PG_OPCLASS, existing), "opcname")
                                + "\" already is the default.");
            }
        }
        int oid = writer.newOid(PG_OPCLASS, "oid");
        Object[] r = PG_OPCLASS.newRow();
        PG_OPCLASS.set(r, "oid", oid);
        PG_OPCLASS.set(r, "opcmethod", d.am());
        PG_OPCLASS.set(r, "opcname", d.name());
        PG_OPCLASS.set(r, "opcnamespace", d.namespace());
        PG_OPCLASS.set(r, "opcowner", env.userOid().getAsInt());
        PG_OPCLASS.set(r, "opcfamily", d.family());
        PG_OPCLASS.set(r, "opcintype", d.inputType());
        PG_OPCLASS.set(r, "opcdefault", d.isDefault());
        PG_OPCLASS.set(r, "opckeytype", d.keyType());
        writer.insert(PG_OPCLASS, r);
        ObjectAddress self = new ObjectAddress(OPCLASS_RELATION_ID, oid, 0);
        dependencies.recordDependencyOn(self, new ObjectAddress(OPFAMILY_RELATION_ID, d.family(), 0), DependencyType.AUTO);
        for (int t : new int[] {d.inputType(), d.keyType()}) {
            if (Integer.compareUnsigned(t, CastDdl.FIRST_NORMAL_OBJECT_ID) >= 0) {
                dependencies.recordDependencyOn(self, new ObjectAddress(BaseTypeDdl.TYPE_RELATION_ID, t, 0), DependencyType.NORMAL);
            }
        }
        changed(PG_OPCLASS);
        return oid;
    }

    /**
     * storeOperators / storeProcedures: the pg_amop and pg_amproc rows of {@code members} in
     * {@code family}; a member of class {@code opclass} (0 for ALTER OPERATOR FAMILY ... ADD)
     * depends INTERNALly on it, else AUTO on the family. 42710 if the family already has it.
     */
    public void addMembers(int family, int am, int opclass, List<Member> members, Dependencies dependencies) {
        for (Member m : members) {
            SystemCatalog c = m.isOperator() ? PG_AMOP : PG_AMPROC;
            int existing = m.isOperator() ? familyMember(family, m.left(), m.right(), m.number())
                    : familyProc(family, m.left(), m.right(), m.number());
            if (existing != 0) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, (m.isOperator() ? "operator " : "function ") + m.number()
                        + "(" + BuiltinCatalog.formatType(m.left()) + "," + BuiltinCatalog.formatType(m.right())
                        + ") already exists in operator family \"" + familyName(family) + "\"");
            }
            int oid = writer.newOid(c, "oid");
            Object[] r = c.newRow();
            c.set(r, "oid", oid);
            if (m.isOperator()) {
                c.set(r, "amopfamily", family);
                c.set(r, "amoplefttype", m.left());
                c.set(r, "amoprighttype", m.right());
                c.set(r, "amopstrategy", (short) m.number());
                c.set(r, "amoppurpose", m.sortFamily() != 0 ? "o" : "s");
                c.set(r, "amopopr", m.object());
                c.set(r, "amopmethod", am);
                c.set(r, "amopsortfamily", m.sortFamily());
            } else {
                c.set(r, "amprocfamily", family);
                c.set(r, "amproclefttype", m.left());
                c.set(r, "amprocrighttype", m.right());
                c.set(r, "amprocnum", (short) m.number());
                c.set(r, "amproc", m.object());
            }
            writer.insert(c, r);
            ObjectAddress self = new ObjectAddress(c.oid(), oid, 0);
            ObjectAddress target = m.isOperator() ? new ObjectAddress(OperatorDdl.OPERATOR_RELATION_ID, m.object(), 0)
                    : new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, m.object(), 0);
            boolean userObject = Integer.compareUnsigned(m.object(), CastDdl.FIRST_NORMAL_OBJECT_ID) >= 0;
            if (userObject) dependencies.recordDependencyOn(self, target, DependencyType.NORMAL);
            dependencies.recordDependencyOn(self, opclass != 0 ? new ObjectAddress(OPCLASS_RELATION_ID, opclass, 0)
                    : new ObjectAddress(OPFAMILY_RELATION_ID, family, 0), opclass != 0 ? DependencyType.INTERNAL : DependencyType.AUTO);
            env.commandCounterIncrement().run();
        }
        changed(PG_AMOP);
    }

    /**
     * dropOperators / dropProcedures: the pg_amop (or pg_amproc) row's OID for (left, right, number)
     * in {@code family}; 42704 if there is none.
     */
    public int memberOid(int family, boolean isOperator, int number, int left, int right) {
        SystemCatalog c = isOperator ? PG_AMOP : PG_AMPROC;
        String p = isOperator ? "amop" : "amproc";
        String num = isOperator ? "amopstrategy" : "amprocnum";
        for (TupleSlot s : writer.find(c, v -> oid(c.get(v, p + "family")) == family && oid(c.get(v, p + "lefttype")) == left
                && oid(c.get(v, p + "righttype")) == right && ((Number) c.get(v, num)).intValue() == number)) {
            return oid(c.get(s.values(), "oid"));
        }
        throw PgException.error(SqlState.UNDEFINED_OBJECT, (isOperator ? "operator " : "function ") + number + "("
                + BuiltinCatalog.formatType(left) + "," + BuiltinCatalog.formatType(right)
                + ") does not exist in operator family \"" + familyName(family) + "\"");
    }

    // ---- descriptions (getObjectDescription)

    /** The family's name, schema-qualified when its schema is not on the search path. */
    public String familyName(int family) {
        Object[] r = row(PG_OPFAMILY, family);
        return r == null ? "???" : qualified((String) PG_OPFAMILY.get(r, "opfname"), oid(PG_OPFAMILY.get(r, "opfnamespace")));
    }

    private String qualified(String name, int namespace) {
        if (namespace == SystemCatalogs.PG_CATALOG_NAMESPACE || ObjectNames.current().searchPath().contains(namespace)) return name;
        return ObjectNames.current().namespaceName(namespace) + "." + name;
    }

    private String amName(int am) {
        return am == SystemCatalogs.BTREE_AM_OID ? "btree" : am == SystemCatalogs.HASH_AM_OID ? "hash" : Integer.toString(am);
    }

    private String describeClass(int oid) {
        Object[] r = row(PG_OPCLASS, oid);
        if (r == null) return null;
        return "operator class " + qualified((String) PG_OPCLASS.get(r, "opcname"), oid(PG_OPCLASS.get(r, "opcnamespace")))
                + " for access method " + amName(oid(PG_OPCLASS.get(r, "opcmethod")));
    }

    private String describeFamily(int oid) {
        Object[] r = row(PG_OPFAMILY, oid);
        if (r == null) return null;
        return "operator family " + familyName(oid) + " for access method " + amName(oid(PG_OPFAMILY.get(r, "opfmethod")));
    }

    private String describeAmop(int oid) {
        Object[] r = row(PG_AMOP, oid);
        if (r == null) return null;
        Object[] op = row(PG_OPERATOR, oid(PG_AMOP.get(r, "amopopr")));
        return "operator " + PG_AMOP.get(r, "amopstrategy") + " (" + BuiltinCatalog.formatType(oid(PG_AMOP.get(r, "amoplefttype")))
                + ", " + BuiltinCatalog.formatType(oid(PG_AMOP.get(r, "amoprighttype"))) + ") of "
                + describeFamily(oid(PG_AMOP.get(r, "amopfamily"))) + ": " + (op == null ? "???" : OperatorDdl.signature(op));
    }

    private String describeAmproc(int oid) {
        Object[] r = row(PG_AMPROC, oid);
        if (r == null) return null;
        int fn = oid(PG_AMPROC.get(r, "amproc"));
        PgProc builtin = BuiltinCatalog.functionByOid(fn);
        SqlFunction user = builtin == null ? functions.byOid(fn) : null;
        String proc = builtin != null ? builtin.name() + "(" + String.join(",",
                builtin.argTypes().stream().map(BuiltinCatalog::formatType).toList()) + ")"
                : user != null ? FunctionDdl.signature(user) : "???";
        return "function " + PG_AMPROC.get(r, "amprocnum") + " (" + BuiltinCatalog.formatType(oid(PG_AMPROC.get(r, "amproclefttype")))
                + ", " + BuiltinCatalog.formatType(oid(PG_AMPROC.get(r, "amprocrighttype"))) + ") of "
                + describeFamily(oid(PG_AMPROC.get(r, "amprocfamily"))) + ": " + proc;
    }

    private void changed(SystemCatalog catalog) {
        env.inval().registerRelcacheInval(catalog.oid());
        env.commandCounterIncrement().run();
    }
}
