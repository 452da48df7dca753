package org.tusk.pl.plpgsql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.TypeCache;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.TriggerData;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * The trigger half of pl_exec.c's plpgsql_exec_trigger: what a call's {@link TriggerData} puts
 * into the frame (NEW and OLD as rows of the table's row type, NULL where the event has no such
 * row; TG_NAME, TG_WHEN, TG_LEVEL, TG_OP, TG_RELID, TG_RELNAME, TG_TABLE_NAME, TG_TABLE_SCHEMA,
 * TG_NARGS and TG_ARGV, the last with lower bound 0 as PostgreSQL builds it), and what the
 * function's result means for the caller (the row to go on with, checked against the table's
 * structure as convert_tuples_by_position checks it).
 */
final class PlTrigger {
    private PlTrigger() {}

    /** Sets NEW, OLD and TG_* of {@code frame} for the firing {@code td}; {@code schema} is the table's schema name. */
    static void bind(PlFrame frame, TriggerData td, String schema) {
        int[] dno = frame.fn.triggerDnos();
        Relation rel = td.relation();
        int rowType = TypeCache.installedRowTypeOf(rel.oid());
        Object[] newRow = null, oldRow = null;
        switch (td.operation()) {
            case TriggerData.TRIGGER_EVENT_INSERT -> newRow = td.trigTuple();
            case TriggerData.TRIGGER_EVENT_UPDATE -> {
                oldRow = td.trigTuple();
                newRow = td.newTuple();
            }
            case TriggerData.TRIGGER_EVENT_DELETE -> oldRow = td.trigTuple();
            default -> { }
        }
        // both have the table's shape even when the event has no such row (make_expanded_record_from_tupdesc),
        // so NEW.col reads NULL in a DELETE or statement trigger rather than failing
        if (rowType != 0) {
            frame.types[dno[0]] = rowType;
            frame.types[dno[1]] = rowType;
        }
        Object[] v = frame.values;
        v[dno[0]] = newRow == null ? null : row(rel, rowType, newRow);
        v[dno[1]] = oldRow == null ? null : row(rel, rowType, oldRow);
        v[dno[2]] = td.trigger().name();
        v[dno[3]] = td.when();
        v[dno[4]] = td.level();
        v[dno[5]] = td.op();
        v[dno[6]] = rel.oid();
        v[dno[7]] = rel.name();
        v[dno[8]] = rel.name();
        v[dno[9]] = schema;
        List<String> args = td.trigger().args();
        v[dno[10]] = args.size();
        v[dno[11]] = args.isEmpty() ? null
                : new ArrayValue(TypeOids.TEXT, new int[] {args.size()}, new int[] {0}, args.toArray());
    }

    /** A stored row of {@code rel} as a value of its row type (what a whole-row reference gives). */
    private static RecordValue row(Relation rel, int rowType, Object[] values) {
        int natts = rel.desc().natts();
        List<Integer> types = new ArrayList<>(natts);
        List<String> names = new ArrayList<>(natts);
        for (int i = 1; i <= natts; i++) {
            types.add(rel.atttypid(i));
            var att = rel.desc().attr(i - 1);
            names.add(att.attisdropped() ? "" : att.name());
        }
        return new RecordValue(rowType == 0 ? TypeOids.RECORD : rowType, types,
                Arrays.asList(Arrays.copyOf(values, natts)), names);
    }

    /**
     * What the function's result means to the trigger manager: for a BEFORE or INSTEAD OF row
     * trigger the returned row as the table's column values, or null to skip the row; for the
     * others nothing (their result is ignored, as PostgreSQL ignores it).
     */
    static Object[] result(TriggerData td, Object returned) {
        if (!td.firedForRow() || td.firedAfter() || returned == null) return null;
        RecordValue r = (RecordValue) returned;
        Relation rel = td.relation();
        int natts = rel.desc().natts();
        int rowType = TypeCache.installedRowTypeOf(rel.oid());
        if (r.typeOid() == rowType && rowType != 0 && r.size() == natts) return r.values().toArray();
        // convert_tuples_by_position: the live columns, matched in order, must have the table's types
        List<Integer> live = new ArrayList<>();
        for (int i = 1; i <= natts; i++) if (!rel.desc().attr(i - 1).attisdropped()) live.add(i);
        if (r.size() != live.size()) {
            throw mismatch().withDetail("Number of returned columns (" + r.size() + ") does not match expected column count ("
                    + live.size() + ").");
        }
        Object[] out = new Object[natts];
        for (int i = 0; i < live.size(); i++) {
            int attno = live.get(i);
            int expected = rel.atttypid(attno);
            int got = r.types().get(i);
            Object val = r.get(i);
            if (got != expected && !(val == null && got == TypeOids.UNKNOWN)) {
                throw mismatch().withDetail("Returned type " + BuiltinCatalog.formatType(got) + " does not match expected type "
                        + BuiltinCatalog.formatType(expected) + " in column " + (i + 1) + ".");
            }
            out[attno - 1] = val;
        }
        return out;
    }

    private static PgException mismatch() {
        return PgException.error("42804", "returned row structure does not match the structure of the triggering table");
    }
}
