package org.tusk.catalog;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;

/**
 * The built-in functions over the session's run-time parameters that are not scalar:
 * pg_show_all_settings() (guc.c's show_all_settings), the function behind the pg_settings view.
 * current_setting and set_config are registered with the other session functions.
 */
final class SettingsBuiltins {
    private SettingsBuiltins() {}

    static void register(BuiltinRegistry r) {
        // proretset, provolatile 's', OUT columns as pg_proc.dat declares them
        r.fn("pg_show_all_settings", List.of(), TypeOids.RECORD, Volatility.STABLE, true,
                SetReturningFunction.withColumns(PgSettingsView.COLUMNS,
                        (c, a) -> PgSettingsView.tuples(c.session().settingRows()).iterator()));
    }
}
