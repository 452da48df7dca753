package org.tusk.utils.ruleutils;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_TRIGGER;

import java.util.List;

import org.tusk.catalog.ObjectNames;
import org.tusk.utils.adt.RegTypes;

/**
 * pg_get_triggerdef (ruleutils.c pg_get_triggerdef_worker): the CREATE TRIGGER command of a
 * pg_trigger row, decoding tgtype as trigger.h's TRIGGER_TYPE_* bits do. Tusk has no CREATE
 * TRIGGER and writes no pg_trigger rows, so today every call answers NULL, as PostgreSQL does for
 * a trigger that does not exist. The function is not named through pg_proc (Tusk keeps its
 * functions in code, under other OIDs): tgfoid is printed as the number, as regprocout prints an
 * OID it cannot find. WHEN conditions and arguments are not printed.
 */
public final class TriggerDef {
    private TriggerDef() {}

    static final int TRIGGER_TYPE_ROW = 1, TRIGGER_TYPE_BEFORE = 1 << 1, TRIGGER_TYPE_INSERT = 1 << 2,
            TRIGGER_TYPE_DELETE = 1 << 3, TRIGGER_TYPE_UPDATE = 1 << 4, TRIGGER_TYPE_TRUNCATE = 1 << 5,
            TRIGGER_TYPE_INSTEAD = 1 << 6;

    /** pg_get_triggerdef(trigger, pretty): null if there is no such trigger. */
    public static String get(int triggerOid) {
        List<Object[]> rows = ObjectNames.current().rows(PG_TRIGGER, v -> oid(PG_TRIGGER.get(v, "oid")) == triggerOid);
        if (rows.isEmpty()) return null;
        Object[] t = rows.get(0);
        int type = (Short) PG_TRIGGER.get(t, "tgtype");
        boolean constraint = oid(PG_TRIGGER.get(t, "tgconstraint")) != 0;
        StringBuilder sb = new StringBuilder(constraint ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ");
        sb.append(RegTypes.quote((String) PG_TRIGGER.get(t, "tgname"))).append(' ');
        sb.append((type & TRIGGER_TYPE_BEFORE) != 0 ? "BEFORE" : (type & TRIGGER_TYPE_INSTEAD) != 0 ? "INSTEAD OF" : "AFTER");
        String[] names = {"INSERT", "DELETE", "UPDATE", "TRUNCATE"};
        int[] bits = {TRIGGER_TYPE_INSERT, TRIGGER_TYPE_DELETE, TRIGGER_TYPE_UPDATE, TRIGGER_TYPE_TRUNCATE};
        boolean first = true;
        for (int i = 0; i < bits.length; i++) {
            if ((type & bits[i]) == 0) continue;
            sb.append(first ? " " : " OR ").append(names[i]);
            first = false;
        }
        sb.append(" ON ").append(RuleUtils.qualifiedRelationName(oid(PG_TRIGGER.get(t, "tgrelid"))));
        if (constraint) {
            if (!(Boolean) PG_TRIGGER.get(t, "tgdeferrable")) sb.append(" NOT");
            sb.append(" DEFERRABLE INITIALLY ").append((Boolean) PG_TRIGGER.get(t, "tginitdeferred") ? "DEFERRED" : "IMMEDIATE");
        }
        sb.append(" FOR EACH ").append((type & TRIGGER_TYPE_ROW) != 0 ? "ROW" : "STATEMENT");
        sb.append(" EXECUTE FUNCTION ").append(Integer.toUnsignedString(oid(PG_TRIGGER.get(t, "tgfoid")))).append("()");
        return sb.toString();
    }
}
