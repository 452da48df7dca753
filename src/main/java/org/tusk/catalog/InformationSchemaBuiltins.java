package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The catalog functions information_schema's views call, beyond the privilege inquiry ones
 * (acl.c, namespace.c, mbutils.c): aclexplode, acldefault, pg_my_temp_schema,
 * pg_is_other_temp_schema, pg_encoding_max_length, getdatabaseencoding, nameconcatoid,
 * pg_relation_is_updatable and pg_column_is_updatable.
 */
final class InformationSchemaBuiltins {
    private InformationSchemaBuiltins() {}

    /** The privilege names of aclexplode, by bit (convert_aclright_to_string). */
    private static final String[] RIGHT_NAMES = {"INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER",
            "EXECUTE", "USAGE", "CREATE", "TEMPORARY", "CONNECT"};

    static void register(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE;
        List<ColumnDef> cols = List.of(new ColumnDef("grantor", OID, -1), new ColumnDef("grantee", OID, -1),
                new ColumnDef("privilege_type", TEXT, -1), new ColumnDef("is_grantable", BOOL, -1));
        r.fn("aclexplode", List.of(ACLITEM_ARRAY), RECORD, S, true,
                SetReturningFunction.withColumns(cols, (c, a) -> explode((int[]) a[0]).iterator()));
        r.fn("acldefault", List.of(CHAR, OID), ACLITEM_ARRAY, Volatility.IMMUTABLE, true,
                (c, a) -> acldefault(String.valueOf(a[0]), ((Number) a[1]).intValue()));
        r.fn("pg_my_temp_schema", List.of(), OID, S, true, (c, a) -> Integer.toUnsignedLong(myTempSchema()));
        r.fn("pg_encoding_max_length", List.of(INT4), INT4, Volatility.IMMUTABLE, true,
                (c, a) -> org.tusk.utils.adt.Encodings.maxLength((Integer) a[0]));
        r.fn("getdatabaseencoding", List.of(), NAME, S, true, (c, a) -> databaseEncoding(c));
        r.fn("nameconcatoid", List.of(NAME, OID), NAME, Volatility.IMMUTABLE, true,
                (c, a) -> nameConcatOid((String) a[0], ((Number) a[1]).longValue()));
        r.fn("pg_relation_is_updatable", List.of(org.tusk.utils.adt.RegTypes.REGCLASS, BOOL), INT4, S, true,
                (c, a) -> relationIsUpdatable(((Number) a[0]).intValue(), (Boolean) a[1]));
        r.fn("pg_column_is_updatable", List.of(org.tusk.utils.adt.RegTypes.REGCLASS, INT2, BOOL), BOOL, S, true,
                (c, a) -> ((Number) a[1]).intValue() > 0
                        && (relationIsUpdatable(((Number) a[0]).intValue(), (Boolean) a[2]) & REQ_EVENTS) == REQ_EVENTS);
        r.fn("pg_is_other_temp_schema", List.of(OID), BOOL, S, true, (c, a) -> isOtherTempSchema(((Number) a[0]).intValue()));
    }

    /**
     * aclexplode: one row per privilege bit of every item, in item order and then bit order:
     * (grantor, grantee, privilege_type, is_grantable).
     */
    static List<Object[]> explode(int[] acl) {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < acl.length; i += 3) {
            int privs = acl[i + 2];
            for (int bit = 0; bit < RIGHT_NAMES.length; bit++) {
                if ((privs & (1 << bit)) == 0) continue;
                out.add(new Object[] {Integer.toUnsignedLong(acl[i + 1]), Integer.toUnsignedLong(acl[i]), RIGHT_NAMES[bit],
                        (privs & (1 << (bit + 16))) != 0});
            }
        }
        return out;
    }

    /**
     * acldefault(objtype, owner): the ACL an object has while its acl column is NULL. The
     * object types are those of the SQL-callable function ('c' column, 'r' relation, 's'
     * sequence, 'd' database, 'f' function, 'l' language, 'L' large object, 'n' schema, 't'
     * tablespace, 'F' foreign data wrapper, 'S' foreign server, 'T' type, 'p' parameter).
     */
    static int[] acldefault(String objtype, int owner) {
        int X = PrivilegeInquiry.ACL_EXECUTE, U = PrivilegeInquiry.ACL_USAGE;
        return switch (objtype) {
            case "c" -> new int[0];
            case "r" -> new int[] {owner, owner, Acl.ACL_ALL_RIGHTS_RELATION};
            case "s" -> new int[] {owner, owner, PrivilegeInquiry.ALL_RIGHTS_SEQUENCE};
            case "d" -> new int[] {Acl.PUBLIC, owner, Acl.ACL_CREATE_TEMP | Acl.ACL_CONNECT,
                    owner, owner, Acl.ACL_CREATE | Acl.ACL_CREATE_TEMP | Acl.ACL_CONNECT};
            case "f" -> new int[] {Acl.PUBLIC, owner, X, owner, owner, X};
            case "l", "T" -> new int[] {Acl.PUBLIC, owner, U, owner, owner, U};
            case "L" -> new int[] {owner, owner, Acl.ACL_SELECT | Acl.ACL_UPDATE};
            case "n" -> new int[] {owner, owner, PrivilegeInquiry.ALL_RIGHTS_SCHEMA};
            case "t" -> new int[] {owner, owner, Acl.ACL_CREATE};
            case "F", "S" -> new int[] {owner, owner, U};
            // ACL_ALL_RIGHTS_PARAMETER_ACL: ACL_SET (bit 12, 's') and ACL_ALTER_SYSTEM (bit 13, 'A')
            case "p" -> new int[] {owner, owner, (1 << 12) | (1 << 13)};
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized objtype abbreviation: " + objtype);
        };
    }

    /** (1 << CMD_UPDATE) | (1 << CMD_INSERT) | (1 << CMD_DELETE). */
    static final int ALL_EVENTS = (1 << 2) | (1 << 3) | (1 << 4);

    /** CMD_UPDATE, CMD_INSERT, CMD_DELETE (nodes.h CmdType), the bit numbers of relation_is_updatable's result. */
    private static final int CMD_UPDATE = 2, CMD_INSERT = 3, CMD_DELETE = 4;
    /** pg_column_is_updatable's REQ_EVENTS: a column is updatable when its relation takes UPDATE and DELETE. */
    static final int REQ_EVENTS = (1 << CMD_UPDATE) | (1 << CMD_DELETE);

    /**
     * pg_relation_is_updatable (rewriteHandler.c relation_is_updatable): tables and partitioned
     * tables take every event; another relation takes the events it has an unconditional DO
     * INSTEAD rule for and, with {@code includeTriggers}, those it has an INSTEAD OF row trigger
     * for (enabled or not, as the relcache's trig_*_instead_row flags say). Not done: the events
     * an automatically updatable view takes through its base relation (that needs the view's
     * query analysed, which this layer cannot do), so such a view reports only the above.
     */
    static int relationIsUpdatable(int relOid, boolean includeTriggers) {
        ObjectNames names = ObjectNames.current();
        var rel = names.relation(relOid);
        if (rel.isEmpty()) return 0;
        char k = rel.get().relkind();
        if (k == 'r' || k == 'p') return ALL_EVENTS;
        int events = 0;
        for (Object[] rule : names.rows(SystemCatalogs.PG_REWRITE,
                v -> CatalogScan.oid(SystemCatalogs.PG_REWRITE.get(v, "ev_class")) == relOid)) {
            boolean unconditional = "<>".equals(SystemCatalogs.PG_REWRITE.get(rule, "ev_qual"));
            if (!Boolean.TRUE.equals(SystemCatalogs.PG_REWRITE.get(rule, "is_instead")) || !unconditional) continue;
            char ev = String.valueOf(SystemCatalogs.PG_REWRITE.get(rule, "ev_type")).charAt(0);
            if (ev == '2') events |= 1 << CMD_UPDATE;
            else if (ev == '3') events |= 1 << CMD_INSERT;
            else if (ev == '4') events |= 1 << CMD_DELETE;
        }
        if (events == ALL_EVENTS || !includeTriggers) return events;
        for (Object[] t : names.rows(SystemCatalogs.PG_TRIGGER,
                v -> CatalogScan.oid(SystemCatalogs.PG_TRIGGER.get(v, "tgrelid")) == relOid)) {
            int type = ((Number) SystemCatalogs.PG_TRIGGER.get(t, "tgtype")).intValue();
            if ((type & TriggerInfo.TRIGGER_TYPE_INSTEAD) == 0 || (type & TriggerInfo.TRIGGER_TYPE_ROW) == 0) continue;
            if ((type & TriggerInfo.TRIGGER_TYPE_INSERT) != 0) events |= 1 << CMD_INSERT;
            if ((type & TriggerInfo.TRIGGER_TYPE_UPDATE) != 0) events |= 1 << CMD_UPDATE;
            if ((type & TriggerInfo.TRIGGER_TYPE_DELETE) != 0) events |= 1 << CMD_DELETE;
        }
        return events;
    }

    /** getdatabaseencoding: the current database's encoding name. */
    private static String databaseEncoding(FunctionCallContext c) {
        return ObjectNames.current().sharedCatalog().database(c.session().currentDatabase())
                .map(d -> org.tusk.utils.adt.Encodings.name(d.encoding())).orElse("SQL_ASCII");
    }

    /**
     * nameconcatoid: name || '_' || oid, the name cut (at a character boundary) so that the
     * result fits NAMEDATALEN - 1 bytes.
     */
    static String nameConcatOid(String name, long oid) {
        String suffix = "_" + Long.toUnsignedString(oid & 0xFFFFFFFFL);
        int room = 63 - suffix.length();
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + len > room) break;
            sb.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return sb.append(suffix).toString();
    }

    /** pg_my_temp_schema: the session's temporary schema (pg_temp_N on the search path), or 0. */
    static int myTempSchema() {
        ObjectNames names = ObjectNames.current();
        for (int nsp : names.searchPath()) {
            String name = names.namespaceName(nsp);
            if (name != null && name.startsWith("pg_temp_")) return nsp;
        }
        return 0;
    }

    /** pg_is_other_temp_schema (isOtherTempNamespace): a temporary schema that is not the session's own. */
    static boolean isOtherTempSchema(int nsp) {
        String name = ObjectNames.current().namespaceName(nsp);
        return name != null && name.startsWith("pg_temp_") && nsp != myTempSchema();
    }
}
