package org.tusk.tsearch;

import java.util.List;
import java.util.Objects;

import org.tusk.utils.error.PgException;

/**
 * tsvector_update_trigger and tsvector_update_trigger_column (tsvector_op.c
 * tsvector_update_trigger): a BEFORE INSERT OR UPDATE row trigger whose arguments name the
 * tsvector column, the configuration (schema-qualified name, or with the _column form a regconfig
 * column of the row), and the text columns to index, in order, with positions continuing from
 * one column to the next. The executor supplies the row and the table's columns.
 *
 * <p>PostgreSQL recomputes on UPDATE when one of the text columns was among the UPDATE's target
 * columns (tg_updatedcols); Tusk's TriggerData does not carry that set, so here a text column
 * counts as updated when its value changed.
 */
public final class TsVectorUpdateTrigger {
    private TsVectorUpdateTrigger() {}

    private static final int OPMASK = 3, INSERT = 0, UPDATE = 2, ROW = 4, BEFORE = 8;
    private static final int TEXT = 25, VARCHAR = 1043, TSVECTOR = 3614, REGCONFIG = 3734;

    /** The table's columns as the trigger sees them (attribute names and type OIDs, attnum - 1 indexed). */
    public record Columns(List<String> names, List<Integer> types) {
        int find(String name) { return names.indexOf(name); }
    }

    /**
     * Runs the trigger: the row to store (a copy of the new row with the tsvector column set), or
     * the new row unchanged when no indexed column changed on UPDATE.
     */
    public static Object[] fire(String fnName, boolean configColumn, int event, List<String> args, Columns cols,
                                Object[] trigTuple, Object[] newTuple) {
        if ((event & ROW) == 0) throw internal(fnName + ": must be fired for row");
        if ((event & BEFORE) == 0) throw internal(fnName + ": must be fired BEFORE event");
        Object[] row;
        boolean insert;
        if ((event & OPMASK) == INSERT) {
            row = trigTuple;
            insert = true;
        } else if ((event & OPMASK) == UPDATE) {
            row = newTuple;
            insert = false;
        } else {
            throw internal(fnName + ": must be fired for INSERT or UPDATE");
        }
        if (args.size() < 3) {
            throw internal(fnName + ": arguments must be tsvector_field, ts_config, text_field1, ...)");
        }
        int target = cols.find(args.get(0));
        if (target < 0) throw PgException.error("42703", "tsvector column \"" + args.get(0) + "\" does not exist");
        if (cols.types().get(target) != TSVECTOR) {
            throw PgException.error("42804", "column \"" + args.get(0) + "\" is not of tsvector type");
        }
        int cfg = configColumn ? configFromColumn(args.get(1), cols, row) : configByName(args.get(1));
        ParsedText prs = new ParsedText();
        boolean updateNeeded = insert;
        for (int i = 2; i < args.size(); i++) {
            int col = cols.find(args.get(i));
            if (col < 0) throw PgException.error("42703", "column \"" + args.get(i) + "\" does not exist");
            int type = cols.types().get(col);
            if (type != TEXT && type != VARCHAR) {
                throw PgException.error("42804", "column \"" + args.get(i) + "\" is not of a character type");
            }
            if (!insert && !Objects.equals(trigTuple[col], newTuple[col])) updateNeeded = true;
            if (row[col] != null) prs.parse(cfg, (String) row[col]);
        }
        if (!updateNeeded) return row;
        Object[] out = row.clone();
        out[target] = ToTsAny.makeTsvector(prs);
        return out;
    }

    private static int configFromColumn(String name, Columns cols, Object[] row) {
        int col = cols.find(name);
        if (col < 0) throw PgException.error("42703", "configuration column \"" + name + "\" does not exist");
        if (cols.types().get(col) != REGCONFIG) {
            throw PgException.error("42804", "column \"" + name + "\" is not of regconfig type");
        }
        if (row[col] == null) throw PgException.error("22004", "configuration column \"" + name + "\" must not be null");
        return ((Number) row[col]).intValue();
    }

    /** stringToQualifiedNameList + get_ts_config_oid: a schema is required so results do not depend on search_path. */
    private static int configByName(String name) {
        if (!name.contains(".")) {
            throw PgException.error("22023", "text search configuration name \"" + name + "\" must be schema-qualified");
        }
        int oid = TextSearchConfigs.byName(name);
        if (oid < 0) throw PgException.error("42704", "text search configuration \"" + name + "\" does not exist");
        return oid;
    }

    private static PgException internal(String msg) { return PgException.error("XX000", msg); }
}
