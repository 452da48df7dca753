package org.tusk.catalog;

import java.util.List;

/**
 * One pg_trigger row as the relcache keeps it (PostgreSQL's struct Trigger, utils/reltrigger.h).
 * {@code type} is tgtype's TRIGGER_TYPE_* bits; {@code enabled} tgenabled ('O' fires in origin and
 * local sessions, 'D' disabled, 'R' replica only, 'A' always); {@code attrs} the UPDATE OF columns
 * (empty: any column); {@code qual} the WHEN condition's SQL text (Tusk keeps text where PostgreSQL
 * keeps a node tree, as for CHECK constraints), or null; {@code args} the function's arguments.
 */
public record TriggerInfo(int oid, int relid, int parentid, String name, int fnoid, int type, char enabled,
                          boolean internal, int constrrelid, int constrindid, int constraint, boolean deferrable,
                          boolean initdeferred, short[] attrs, List<String> args, String qual, String oldTable,
                          String newTable) {
    public static final int TRIGGER_TYPE_ROW = 1, TRIGGER_TYPE_BEFORE = 1 << 1, TRIGGER_TYPE_INSERT = 1 << 2,
            TRIGGER_TYPE_DELETE = 1 << 3, TRIGGER_TYPE_UPDATE = 1 << 4, TRIGGER_TYPE_TRUNCATE = 1 << 5,
            TRIGGER_TYPE_INSTEAD = 1 << 6;

    public TriggerInfo {
        attrs = attrs.clone();
        args = List.copyOf(args);
    }

    @Override
    public short[] attrs() { return attrs.clone(); }

    public boolean forRow() { return (type & TRIGGER_TYPE_ROW) != 0; }
    public boolean before() { return (type & TRIGGER_TYPE_BEFORE) != 0; }
    public boolean instead() { return (type & TRIGGER_TYPE_INSTEAD) != 0; }
    public boolean after() { return !before() && !instead(); }
    public boolean forEvent(int eventBit) { return (type & eventBit) != 0; }

    /** Whether {@code attnum} is in the UPDATE OF list (always, for a trigger without one). */
    public boolean hasColumns() { return attrs.length > 0; }

    public boolean columnListed(int attnum) {
        for (short a : attrs) if (a == attnum) return true;
        return false;
    }

    /** A copy with another tgenabled (ALTER TABLE ENABLE/DISABLE TRIGGER). */
    public TriggerInfo withEnabled(char e) {
        return new TriggerInfo(oid, relid, parentid, name, fnoid, type, e, internal, constrrelid, constrindid, constraint,
                deferrable, initdeferred, attrs, args, qual, oldTable, newTable);
    }

    /** A copy with another name (ALTER TRIGGER RENAME). */
    public TriggerInfo withName(String n) {
        return new TriggerInfo(oid, relid, parentid, n, fnoid, type, enabled, internal, constrrelid, constrindid, constraint,
                deferrable, initdeferred, attrs, args, qual, oldTable, newTable);
    }
}
