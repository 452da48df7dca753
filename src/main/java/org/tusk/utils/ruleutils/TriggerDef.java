package org.tusk.utils.ruleutils;

import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.TriggerDdl;
import org.tusk.catalog.TriggerInfo;
import org.tusk.utils.adt.RegTypes;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;
import static org.tusk.catalog.SystemCatalogs.PG_TRIGGER;

/**
 * pg_get_triggerdef (ruleutils.c pg_get_triggerdef_worker): the CREATE TRIGGER command of a
 * pg_trigger row, decoding tgtype as trigger.h's TRIGGER_TYPE_* bits do; NULL for a trigger that
 * does not exist. With {@code pretty} the table is named as search_path sees it
 * (generate_relation_name), otherwise schema-qualified. The WHEN condition is printed from the
 * stored text of the condition (PostgreSQL deparses its node tree, which may differ in spacing
 * and parentheses).
 */
public final class TriggerDef {
    private TriggerDef() {}

    /** pg_get_triggerdef(trigger, pretty): null if there is no such trigger. */
    public static String get(int triggerOid, boolean pretty) {
        List<Object[]> rows = ObjectNames.current().rows(PG_TRIGGER, v -> oid(PG_TRIGGER.get(v, "oid")) == triggerOid);
        if (rows.isEmpty()) return null;
        Object[] t = rows.get(0);
        int type = (Short) PG_TRIGGER.get(t, "tgtype");
        int relid = oid(PG_TRIGGER.get(t, "tgrelid"));
        boolean constraint = oid(PG_TRIGGER.get(t, "tgconstraint")) != 0;
        StringBuilder sb = new StringBuilder(constraint ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ");
        sb.append(RegTypes.quote((String) PG_TRIGGER.get(t, "tgname"))).append(' ');
        sb.append((type & TriggerInfo.TRIGGER_TYPE_BEFORE) != 0 ? "BEFORE"
                : (type & TriggerInfo.TRIGGER_TYPE_INSTEAD) != 0 ? "INSTEAD OF" : "AFTER");
        String[] names = {"INSERT", "DELETE", "UPDATE", "TRUNCATE"};
        int[] bits = {TriggerInfo.TRIGGER_TYPE_INSERT, TriggerInfo.TRIGGER_TYPE_DELETE, TriggerInfo.TRIGGER_TYPE_UPDATE,
                TriggerInfo.TRIGGER_TYPE_TRUNCATE};
        boolean first = true;
        for (int i = 0; i < bits.length; i++) {
            if ((type & bits[i]) == 0) continue;
            sb.append(first ? " " : " OR ").append(names[i]);
            first = false;
            short[] attrs = (short[]) PG_TRIGGER.get(t, "tgattr");
            if (bits[i] == TriggerInfo.TRIGGER_TYPE_UPDATE && attrs != null && attrs.length > 0) {
                sb.append(" OF ");
                for (int k = 0; k < attrs.length; k++) {
                    if (k > 0) sb.append(", ");
                    sb.append(RegTypes.quote(attname(relid, attrs[k])));
                }
            }
        }
        sb.append(" ON ").append(pretty ? RuleUtils.relationName(relid) : RuleUtils.qualifiedRelationName(relid));
        if (constraint) {
            int constrrel = oid(PG_TRIGGER.get(t, "tgconstrrelid"));
            if (constrrel != 0) sb.append(" FROM ").append(pretty ? RuleUtils.relationName(constrrel)
                    : RuleUtils.qualifiedRelationName(constrrel));
            if (!(Boolean) PG_TRIGGER.get(t, "tgdeferrable")) sb.append(" NOT");
            sb.append(" DEFERRABLE INITIALLY ").append((Boolean) PG_TRIGGER.get(t, "tginitdeferred") ? "DEFERRED" : "IMMEDIATE");
        }
        String oldTable = (String) PG_TRIGGER.get(t, "tgoldtable");
        String newTable = (String) PG_TRIGGER.get(t, "tgnewtable");
        if (oldTable != null || newTable != null) {
            sb.append(" REFERENCING");
            if (oldTable != null) sb.append(" OLD TABLE AS ").append(RegTypes.quote(oldTable));
            if (newTable != null) sb.append(" NEW TABLE AS ").append(RegTypes.quote(newTable));
        }
        sb.append(" FOR EACH ").append((type & TriggerInfo.TRIGGER_TYPE_ROW) != 0 ? "ROW" : "STATEMENT");
        String qual = (String) PG_TRIGGER.get(t, "tgqual");
        if (qual != null) sb.append(" WHEN (").append(qual).append(')');
        sb.append(" EXECUTE FUNCTION ").append(functionName(oid(PG_TRIGGER.get(t, "tgfoid")))).append('(');
        List<String> args = TriggerDdl.decodeArgs((byte[]) PG_TRIGGER.get(t, "tgargs"), (Short) PG_TRIGGER.get(t, "tgnargs"));
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('\'').append(args.get(i).replace("'", "''")).append('\'');
        }
        return sb.append(')').toString();
    }

    private static String attname(int relid, short attnum) {
        List<Object[]> rows = ObjectNames.current().rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid
                && ((Short) PG_ATTRIBUTE.get(v, "attnum")) == attnum);
        return rows.isEmpty() ? "?" : (String) PG_ATTRIBUTE.get(rows.get(0), "attname");
    }

    /** generate_function_name for a function of no arguments: a built-in by its name, else its pg_proc name. */
    private static String functionName(int fnoid) {
        PgProc p = BuiltinCatalog.functionByOid(fnoid);
        if (p != null) return RegTypes.quote(p.name());
        List<Object[]> rows = ObjectNames.current().rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == fnoid);
        if (rows.isEmpty()) return Integer.toUnsignedString(fnoid);
        return RegTypes.quote((String) PG_PROC.get(rows.get(0), "proname"));
    }
}
