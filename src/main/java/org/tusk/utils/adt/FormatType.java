package org.tusk.utils.adt;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.PgType;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.catalog.TypeOids;

/**
 * format_type and format_type_be (PostgreSQL's utils/adt/format_type.c format_type_extended):
 * a type's SQL name with its type modifier, as psql's \d and error messages print it.
 */
public final class FormatType {
    private FormatType() {}

    /**
     * format_type_extended. {@code typmodGiven} is false for format_type(oid, NULL) and
     * format_type_be; with it true and typmod -1, bpchar and bit print as their catalog names
     * ("bpchar", "bit" quoted), since CHARACTER and BIT would read back as length 1.
     */
    public static String format(int typeOid, int typmod, boolean typmodGiven) {
        if (typeOid == TypeOids.INVALID) return "-";
        boolean withTypmod = typmodGiven && typmod >= 0;
        // a user-defined type (FirstNormalObjectId on) is named through the catalogs, qualified
        // when not visible, even when the session's type cache knows it
        PgType t = Integer.compareUnsigned(typeOid, 16384) >= 0 && ObjectNames.current().userType(typeOid).isPresent()
                ? null : builtin(typeOid);
        if (t == null) {
            int elem = org.tusk.catalog.ArrayTypes.elementOf(typeOid);
            if (elem != 0) return format(elem, typmod, typmodGiven) + "[]";
            var user = ObjectNames.current().userType(typeOid);
            if (user.isEmpty()) return "???";
            ObjectNames names = ObjectNames.current();
            String name = Texts.quoteIdentifier(user.get().name());
            if (!names.searchPath().contains(user.get().namespace()) || names.userTypeOid(null, user.get().name()) != typeOid) {
                String nsp = names.namespaceName(user.get().namespace());
                if (nsp != null) name = Texts.quoteIdentifier(nsp) + "." + name;
            }
            return name;
        }
        if (t.category() == 'A' && t.typname().startsWith("_")) {
            PgType elem = BuiltinCatalog.typeByName(t.typname().substring(1));
            if (elem != null) return format(elem.oid(), typmod, typmodGiven) + "[]";
        }
        return switch (typeOid) {
            // bpchar with typmod -1 given is not CHARACTER (which means character(1)): its catalog name
            case TypeOids.BPCHAR -> withTypmod ? "character(" + (typmod - 4) + ")" : typmodGiven ? "bpchar" : "character";
            case TypeOids.VARCHAR -> withTypmod ? "character varying(" + (typmod - 4) + ")" : "character varying";
            case TypeOids.NUMERIC -> withTypmod ? "numeric(" + (((typmod - 4) >> 16) & 0xffff) + "," + Numerics.numericTypmodScale(typmod) + ")" : "numeric";
            case TypeOids.TIMESTAMP -> withTypmod ? "timestamp(" + typmod + ") without time zone" : "timestamp without time zone";
            case TypeOids.TIMESTAMPTZ -> withTypmod ? "timestamp(" + typmod + ") with time zone" : "timestamp with time zone";
            case TypeOids.TIME -> withTypmod ? "time(" + typmod + ") without time zone" : "time without time zone";
            case TypeOids.INTERVAL -> withTypmod ? "interval" + intervalTypmodOut(typmod) : "interval";
            case TypeOids.TIMETZ -> withTypmod ? "time(" + typmod + ") with time zone" : "time with time zone";
            // bit without a typmod is not BIT (which means bit(1)): quoted so that it reads back as such
            case TypeOids.BIT -> withTypmod ? "bit(" + typmod + ")" : typmodGiven ? "\"bit\"" : "bit";
            case TypeOids.VARBIT -> withTypmod ? "bit varying(" + typmod + ")" : "bit varying";
            default -> t.sqlName();
        };
    }

    /** format_type_be: without a modifier. */
    public static String formatBe(int typeOid) {
        return format(typeOid, -1, false);
    }

    private static PgType builtin(int typeOid) {
        try {
            return BuiltinCatalog.type(typeOid);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether a type is visible on the search path (TypeIsVisible): built-in types live in pg_catalog. */
    public static boolean typeIsVisible(int typeOid) {
        if (builtin(typeOid) != null) return true;
        ObjectNames names = ObjectNames.current();
        var user = names.userType(typeOid);
        return user.isPresent() && names.userTypeOid(null, user.get().name()) == typeOid;
    }

    static final int PG_CATALOG = SystemCatalogs.PG_CATALOG_NAMESPACE;

    /** intervaltypmodout: the field qualifier and precision of an interval typmod. */
    private static String intervalTypmodOut(int typmod) {
        int range = typmod >>> 16, precision = typmod & 0xFFFF;
        String fields = switch (range) {
            case 1 << 2 -> " year";
            case 1 << 1 -> " month";
            case 1 << 3 -> " day";
            case 1 << 10 -> " hour";
            case 1 << 11 -> " minute";
            case 1 << 12 -> " second";
            case (1 << 2) | (1 << 1) -> " year to month";
            case (1 << 3) | (1 << 10) -> " day to hour";
            case (1 << 3) | (1 << 10) | (1 << 11) -> " day to minute";
            case (1 << 3) | (1 << 10) | (1 << 11) | (1 << 12) -> " day to second";
            case (1 << 10) | (1 << 11) -> " hour to minute";
            case (1 << 10) | (1 << 11) | (1 << 12) -> " hour to second";
            case (1 << 11) | (1 << 12) -> " minute to second";
            default -> "";
        };
        return precision != 0xFFFF ? fields + "(" + precision + ")" : fields;
    }
}
