package org.tusk.catalog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.misc.GucSettingRow;

/**
 * pg_catalog.pg_settings, system_views.sql's {@code SELECT * FROM pg_show_all_settings() AS A}:
 * the session's run-time parameters with PostgreSQL 15's seventeen columns, computed at each
 * scan from the session's own settings (nothing here is shared between backends).
 *
 * <p>The same column list and row conversion serve the function pg_show_all_settings()
 * ({@link SettingsBuiltins}), so the view and the function cannot disagree.
 */
public final class PgSettingsView implements RelationProvider {
    /** pg_show_all_settings' OUT parameters (pg_proc.dat), in order. */
    static final List<ColumnDef> COLUMNS = List.of(text("name"), text("setting"), text("unit"), text("category"),
            text("short_desc"), text("extra_desc"), text("context"), text("vartype"), text("source"),
            text("min_val"), text("max_val"), new ColumnDef("enumvals", TypeOids.TEXT_ARRAY, -1), text("boot_val"),
            text("reset_val"), text("sourcefile"), new ColumnDef("sourceline", TypeOids.INT4, -1),
            new ColumnDef("pending_restart", TypeOids.BOOL, -1));

    private static ColumnDef text(String name) {
        return new ColumnDef(name, TypeOids.TEXT, -1);
    }

    private final Supplier<List<GucSettingRow>> rows;

    /** @param rows the session's visible settings, asked at each scan */
    public PgSettingsView(Supplier<List<GucSettingRow>> rows) {
        this.rows = rows;
    }

    @Override
    public ScannableRelation lookup(String schemaOrNull, String name) {
        if (schemaOrNull != null && !schemaOrNull.equals("pg_catalog")) return null;
        if (!name.equals("pg_settings")) return null;
        return new ScannableRelation() {
            @Override public List<ColumnDef> columns() { return COLUMNS; }
            @Override public Iterator<Object[]> scan() { return tuples(rows.get()).iterator(); }
        };
    }

    /** The rows in the columns' internal representations. */
    static List<Object[]> tuples(List<GucSettingRow> settings) {
        List<Object[]> out = new ArrayList<>(settings.size());
        for (GucSettingRow s : settings) out.add(tuple(s));
        return out;
    }

    private static Object[] tuple(GucSettingRow s) {
        return new Object[] {s.name(), s.setting(), s.unit(), s.category(), s.shortDesc(), s.extraDesc(), s.context(),
                s.vartype(), s.source(), s.minVal(), s.maxVal(),
                s.enumvals() == null ? null : ArrayValue.of1d(TypeOids.TEXT, s.enumvals()),
                s.bootVal(), s.resetVal(), s.sourcefile(), s.sourceline(), s.pendingRestart()};
    }
}
