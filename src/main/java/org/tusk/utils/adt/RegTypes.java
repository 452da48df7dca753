package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.PgType;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The object-identifier types regclass, regtype, regnamespace and regrole (PostgreSQL's
 * utils/adt/regproc.c): an OID that is read and printed as the object's name. Values are the
 * same Java form as oid (an unsigned 32-bit value in a Long), so casts between them and oid are
 * binary. Input accepts a number (any OID, existing or not, as PostgreSQL does) or a name looked
 * up through {@link ObjectNames} with the search path; output prints the name, schema-qualified
 * when the object is not visible, or the number when there is no such object, and "-" for 0.
 */
public final class RegTypes {
    private RegTypes() {}

    public static final int REGCLASS = 2205, REGTYPE = 2206, REGNAMESPACE = 4089, REGROLE = 4096;

    static Long numeric(String s) {
        String t = s.strip();
        if (t.equals("-")) return 0L;
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) return Ints.oidin(t);
        return null;
    }

    /** regclassin. */
    public static Long regclassIn(String s) {
        Long n = numeric(s);
        if (n != null) return n;
        List<String> names = qualifiedName(s);
        if (names.size() > 3 || names.isEmpty())
            throw PgException.error(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): " + s);
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        String rel = names.get(names.size() - 1);
        int oid = ObjectNames.current().relationOid(schema, rel);
        // a catalog Tusk computes rather than stores (pg_cast, pg_opclass, ...) has PostgreSQL's OID
        if (oid == 0 && names.size() <= 2) oid = org.tusk.catalog.ComputedCatalogs.relationOid(schema, rel);
        if (oid == 0) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", names) + "\" does not exist");
        return oid & 0xFFFFFFFFL;
    }

    /** regclassout. */
    public static String regclassOut(Object v) {
        int oid = oid(v);
        if (oid == 0) return "-";
        ObjectNames names = ObjectNames.current();
        var rel = names.relation(oid);
        if (rel.isEmpty()) {
            String computed = org.tusk.catalog.ComputedCatalogs.relationName(oid);
            return computed != null ? computed : Integer.toUnsignedString(oid);
        }
        String name = quote(rel.get().name());
        if (!relationIsVisible(oid)) {
            String nsp = names.namespaceName(rel.get().namespace());
            if (nsp != null) name = quote(nsp) + "." + name;
        }
        return name;
    }

    /** RelationIsVisible: the relation is the first of its name on the search path. */
    public static boolean relationIsVisible(int oid) {
        ObjectNames names = ObjectNames.current();
        var rel = names.relation(oid);
        if (rel.isEmpty()) return false;
        if (!names.searchPath().contains(rel.get().namespace())) return false;
        return names.relationOid(null, rel.get().name()) == oid;
    }

    /** regtypein (parseTypeString for the built-in spellings, then user types by name). */
    public static Long regtypeIn(String s) {
        Long n = numeric(s);
        if (n != null) return n;
        String t = s.strip();
        int arrays = 0;
        while (t.endsWith("[]")) {
            t = t.substring(0, t.length() - 2).strip();
            arrays++;
        }
        List<String> names = qualifiedName(t);
        String schema = names.size() == 2 ? names.get(0) : null;
        String name = names.get(names.size() - 1);
        int oid = 0;
        if (schema == null || schema.equals("pg_catalog")) {
            PgType bt = BuiltinCatalog.typeByName(SQL_SPELLINGS.getOrDefault(name, name));
            if (bt != null) oid = bt.oid();
        }
        if (oid == 0) oid = ObjectNames.current().userTypeOid(schema, name);
        for (int i = 0; i < arrays && oid != 0; i++) {
            PgType elem = BuiltinCatalog.typeByName(BuiltinCatalog.type(oid).typname());
            PgType arr = elem == null ? null : BuiltinCatalog.typeByName("_" + elem.typname());
            oid = arr == null ? 0 : arr.oid();
        }
        if (oid == 0) throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + s.strip() + "\" does not exist");
        return oid & 0xFFFFFFFFL;
    }

    /**
     * The pg_catalog type name gram.y makes of an SQL-standard spelling ("int" is int4, "double
     * precision" float8), else {@code name} itself: for type names kept as text (def_arg).
     */
    public static String systemTypeName(String name) {
        return SQL_SPELLINGS.getOrDefault(name, name);
    }

    /** The SQL-standard spellings gram.y turns into pg_catalog type names. */
    private static final java.util.Map<String, String> SQL_SPELLINGS = java.util.Map.ofEntries(
            java.util.Map.entry("integer", "int4"), java.util.Map.entry("int", "int4"),
            java.util.Map.entry("smallint", "int2"), java.util.Map.entry("bigint", "int8"),
            java.util.Map.entry("real", "float4"), java.util.Map.entry("double precision", "float8"),
            java.util.Map.entry("boolean", "bool"), java.util.Map.entry("character varying", "varchar"),
            java.util.Map.entry("character", "bpchar"), java.util.Map.entry("char", "bpchar"),
            java.util.Map.entry("decimal", "numeric"), java.util.Map.entry("timestamp with time zone", "timestamptz"),
            java.util.Map.entry("timestamp without time zone", "timestamp"), java.util.Map.entry("timestamp", "timestamp"),
            java.util.Map.entry("time without time zone", "time"));

    /** regtypeout. */
    public static String regtypeOut(Object v) {
        int oid = oid(v);
        if (oid == 0) return "-";
        String s = FormatType.formatBe(oid);
        return s.equals("???") ? Integer.toUnsignedString(oid) : s;
    }

    /** regnamespacein. */
    public static Long regnamespaceIn(String s) {
        Long n = numeric(s);
        if (n != null) return n;
        List<String> names = qualifiedName(s);
        if (names.size() != 1) throw PgException.error(SqlState.INVALID_NAME, "invalid name syntax");
        int oid = ObjectNames.current().namespaceOid(names.get(0));
        if (oid == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + names.get(0) + "\" does not exist");
        return oid & 0xFFFFFFFFL;
    }

    /** regnamespaceout. */
    public static String regnamespaceOut(Object v) {
        int oid = oid(v);
        if (oid == 0) return "-";
        String name = ObjectNames.current().namespaceName(oid);
        return name == null ? Integer.toUnsignedString(oid) : quote(name);
    }

    /** regrolein. */
    public static Long regroleIn(String s) {
        Long n = numeric(s);
        if (n != null) return n;
        List<String> names = qualifiedName(s);
        if (names.size() != 1) throw PgException.error(SqlState.INVALID_NAME, "invalid name syntax");
        int oid = ObjectNames.current().roleOid(names.get(0));
        if (oid == 0) throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + names.get(0) + "\" does not exist");
        return oid & 0xFFFFFFFFL;
    }

    /** regroleout. */
    public static String regroleOut(Object v) {
        int oid = oid(v);
        if (oid == 0) return "-";
        return ObjectNames.current().roleName(oid).map(RegTypes::quote).orElse(Integer.toUnsignedString(oid));
    }

    static int oid(Object v) { return ((Number) v).intValue(); }

    /** quote_identifier: quotes names that are not plain lower-case identifiers or are keywords other than unreserved ones. */
    public static String quote(String id) {
        String q = Texts.quoteIdentifier(id);
        if (q.equals(id) && org.tusk.parser.Keywords.needsQuoting(id)) return "\"" + id + "\"";
        return q;
    }

    /**
     * stringToQualifiedNameList / SplitIdentifierString: dot-separated names, double-quoted parts
     * kept as written, others down-cased.
     */
    public static List<String> qualifiedName(String s) {
        List<String> out = new ArrayList<>();
        String t = s.strip();
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < t.length() && t.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= t.length()) throw PgException.error(SqlState.INVALID_NAME, "invalid name syntax");
                    char c = t.charAt(i++);
                    if (c == '"') {
                        if (i < t.length() && t.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else break;
                    } else part.append(c);
                }
            } else {
                while (i < t.length() && t.charAt(i) != '.') part.append(t.charAt(i++));
                String p = part.toString().strip();
                if (p.isEmpty()) throw PgException.error(SqlState.INVALID_NAME, "invalid name syntax");
                part = new StringBuilder(p.toLowerCase(Locale.ROOT));
            }
            out.add(part.toString());
            if (i >= t.length()) break;
            if (t.charAt(i) != '.') throw PgException.error(SqlState.INVALID_NAME, "invalid name syntax");
            i++;
        }
        return out;
    }

    /** Whether a type is one of these reg* types. */
    public static boolean isRegType(int type) {
        return type == REGCLASS || type == REGTYPE || type == REGNAMESPACE || type == REGROLE || type == TypeOids.OID;
    }
}
