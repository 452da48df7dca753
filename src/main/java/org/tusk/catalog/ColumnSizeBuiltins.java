package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.access.common.DatumType;
import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * pg_column_size("any") (varlena.c): the number of bytes the argument takes as a Datum,
 * computed from its type's typlen as PostgreSQL does (datumGetSize, toast_datum_size for a
 * varlena; {@link DatumType#datumSize}). A NULL argument gives NULL.
 */
final class ColumnSizeBuiltins {
    private ColumnSizeBuiltins() {}

    static void register(BuiltinRegistry r) {
        PolymorphicFunction size = (argTypes, result) -> {
            int type = argTypes.get(0);
            return (c, a) -> a[0] == null ? null : datumSize(type, a[0]);
        };
        r.fn("pg_column_size", List.of(ANY), INT4, Volatility.STABLE, true, size);
    }

    /** The stored type of {@code type}: a domain as its base, a user composite, array or enum by its kind. */
    private static int datumSize(int type, Object value) {
        int base = TypeCache.baseType(type);
        DatumType d = DatumType.forOid(base);
        if (d == null && TypeCache.lookupComposite(base) != null) d = DatumType.COMPOSITE;
        TypeCache tc = TypeCache.current();
        if (d == null && tc != null && tc.isCompositeArray(base)) d = DatumType.COMPOSITE_ARRAY;
        if (d == null && tc != null && tc.isEnum(base)) d = DatumType.ENUM;
        if (d == null) {
            PgType t = BuiltinCatalog.type(base);
            if (t != null && t.typlen() > 0) return t.typlen();
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "pg_column_size of type "
                    + BuiltinCatalog.formatType(type) + " is not supported yet");
        }
        return d.datumSize(value);
    }
}
