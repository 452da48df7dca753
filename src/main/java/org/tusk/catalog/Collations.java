package org.tusk.catalog;

import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The collations a database made with the C locale has (pg_collation.dat): "default" (100),
 * "C" (950) and "POSIX" (951), all in pg_catalog and for any encoding. With LC_COLLATE C every
 * one of them compares strings bytewise (strcmp, as varstr_cmp does when lc_collate_is_c), so
 * they differ only in name: what the catalogs record and what error and deparse messages say.
 * CREATE COLLATION is not supported, so this set is fixed; {@link IntrospectionViews} shows the
 * same three rows as pg_collation.
 */
public final class Collations {
    private Collations() {}

    public static final int DEFAULT = SystemCatalogs.DEFAULT_COLLATION_OID;
    public static final int C = SystemCatalogs.C_COLLATION_OID;
    public static final int POSIX = 951;

    /**
     * LookupCollation / get_collation_oid: a possibly qualified collation name. Only pg_catalog
     * holds collations; anything else is 42704 "collation ... for encoding "UTF8" does not exist".
     */
    public static int lookup(List<String> names) {
        String name = names.get(names.size() - 1);
        boolean elsewhere = names.size() > 2 || names.size() == 2 && !names.get(0).equals("pg_catalog");
        int oid = elsewhere ? 0 : switch (name) {
            case "default" -> DEFAULT;
            case "C" -> C;
            case "POSIX" -> POSIX;
            default -> 0;
        };
        if (oid == 0) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "collation \"" + String.join(".", names)
                    + "\" for encoding \"UTF8\" does not exist");
        }
        return oid;
    }

    /** pg_collation.collname of a collation Tusk has; null for any other OID. */
    public static String name(int oid) {
        return switch (oid) {
            case DEFAULT -> "default";
            case C -> "C";
            case POSIX -> "POSIX";
            default -> null;
        };
    }

    /** generate_collation_name: the name double-quoted (all three live in pg_catalog, always visible). */
    public static String quoted(int oid) {
        String n = name(oid);
        return n == null ? "\"" + Integer.toUnsignedString(oid) + "\"" : "\"" + n + "\"";
    }

    /**
     * pg_type.typcollation of any type: the built-in's, a domain's own, an array's element
     * type's; 0 for a type that is not collatable (type_is_collatable false).
     */
    public static int typeCollation(int type) {
        int builtin = CatalogRows.builtinCollation(type);
        if (builtin != 0) return builtin;
        DomainInfo domain = TypeCache.lookupDomain(type);
        if (domain != null) return domain.collation();
        return 0;
    }

    /**
     * GetColumnDefCollation / the check of transformCollateClause: an explicit collation on a
     * type that has none is 42804 "collations are not supported by type ...".
     */
    public static void checkCollatable(int type) {
        if (typeCollation(type) == 0) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "collations are not supported by type "
                    + BuiltinCatalog.formatType(type));
        }
    }
}
