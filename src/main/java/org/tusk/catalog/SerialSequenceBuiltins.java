package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.TEXT;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * pg_get_serial_sequence(table text, column text) (ruleutils.c): the sequence a serial or
 * identity column owns, as a schema-qualified, quoted name, or NULL when the column owns none.
 * The table name is parsed as SQL parses a qualified name (quotes kept, the rest folded to lower
 * case); the column name is taken exactly as given, as PostgreSQL does. The ownership is the
 * pg_depend row {@link RelationOwnership} records (deptype 'a' or 'i').
 */
final class SerialSequenceBuiltins {
    private SerialSequenceBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("pg_get_serial_sequence", List.of(TEXT, TEXT), TEXT, Volatility.STABLE, true, (c, a) -> {
            Catalog cat = c.catalog();
            if (cat == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "pg_get_serial_sequence cannot run here");
            int tableOid = RegTypes.regclassIn(a[0].toString()).intValue();
            Relation table = cat.openRelation(tableOid);
            String column = a[1].toString();
            int attnum = 0;
            for (int i = 0; table != null && i < table.desc().natts(); i++) {
                if (table.desc().attr(i).name().equals(column) && !table.desc().attr(i).attisdropped()) attnum = i + 1;
            }
            if (table == null || attnum == 0) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                        + (table == null ? a[0] : table.name()) + "\" does not exist");
            }
            List<Integer> owned = cat.relationOwnership().ownedSequences(tableOid, attnum);
            if (owned.isEmpty()) return null;
            Relation seq = cat.openRelation(owned.get(0));
            return RegTypes.quote(cat.namespaceName(seq.namespace())) + "." + RegTypes.quote(seq.name());
        });
    }
}
