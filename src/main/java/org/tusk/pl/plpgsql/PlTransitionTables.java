package org.tusk.pl.plpgsql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ScannableRelation;
import org.tusk.executor.TriggerData;
import org.tusk.utils.cache.Relation;

/**
 * A trigger call's transition tables as relations its statements can name (trigger.c's
 * SPI_register_trigger_data, which registers tg_oldtable and tg_newtable as ephemeral named
 * relations under their REFERENCING names). Each is a read-only scan of the rows the trigger
 * manager collected, with the triggering table's columns.
 */
final class PlTransitionTables {
    private PlTransitionTables() {}

    /** The named transition tables of {@code td}, or null when the trigger names none. */
    static Map<String, ScannableRelation> of(TriggerData td) {
        Map<String, ScannableRelation> out = new HashMap<>();
        if (td.oldTable() != null && td.trigger().oldTable() != null)
            out.put(td.trigger().oldTable(), relation(td.relation(), td.oldTable()));
        if (td.newTable() != null && td.trigger().newTable() != null)
            out.put(td.trigger().newTable(), relation(td.relation(), td.newTable()));
        return out.isEmpty() ? null : out;
    }

    private static ScannableRelation relation(Relation rel, List<Object[]> rows) {
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 1; i <= rel.desc().natts(); i++) {
            var att = rel.desc().attr(i - 1);
            // a dropped column keeps its place with an empty name, as a table's range entry has it
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), rel.atttypid(i), rel.atttypmod(i)));
        }
        List<ColumnDef> columns = List.copyOf(cols);
        return new ScannableRelation() {
            @Override
            public List<ColumnDef> columns() { return columns; }

            @Override
            public Iterator<Object[]> scan() {
                return rows.stream().map(Object[]::clone).iterator();
            }
        };
    }
}
