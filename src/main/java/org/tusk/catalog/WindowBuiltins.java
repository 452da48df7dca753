package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;
import static org.tusk.catalog.PgWindowFunc.ANYCOMPATIBLE;
import static org.tusk.catalog.PgWindowFunc.ANYELEMENT;

import java.util.List;
import java.util.Map;

import org.tusk.utils.adt.WindowFuncs;

/**
 * The built-in window functions of pg_proc.dat (prokind 'w'), implemented in {@link WindowFuncs},
 * and their implementations by prosrc, which a user's {@code CREATE FUNCTION ... WINDOW LANGUAGE
 * internal AS 'window_nth_value'} names (fmgr_internal_function).
 */
final class WindowBuiltins {
    private WindowBuiltins() {}

    /** pg_proc.dat's prosrc of each window function signature. */
    private static final Map<String, PgWindowFunc.Impl> BY_PROSRC = Map.ofEntries(
            Map.entry("window_row_number", WindowFuncs::rowNumber),
            Map.entry("window_rank", WindowFuncs::rank),
            Map.entry("window_dense_rank", WindowFuncs::denseRank),
            Map.entry("window_percent_rank", WindowFuncs::percentRank),
            Map.entry("window_cume_dist", WindowFuncs::cumeDist),
            Map.entry("window_ntile", WindowFuncs::ntile),
            Map.entry("window_lag", w -> WindowFuncs.leadLag(w, false, false, false)),
            Map.entry("window_lag_with_offset", w -> WindowFuncs.leadLag(w, false, true, false)),
            Map.entry("window_lag_with_offset_and_default", w -> WindowFuncs.leadLag(w, false, true, true)),
            Map.entry("window_lead", w -> WindowFuncs.leadLag(w, true, false, false)),
            Map.entry("window_lead_with_offset", w -> WindowFuncs.leadLag(w, true, true, false)),
            Map.entry("window_lead_with_offset_and_default", w -> WindowFuncs.leadLag(w, true, true, true)),
            Map.entry("window_first_value", WindowFuncs::firstValue),
            Map.entry("window_last_value", WindowFuncs::lastValue),
            Map.entry("window_nth_value", WindowFuncs::nthValue));

    /** The window function implementation named {@code prosrc}, or null. */
    static PgWindowFunc.Impl implementation(String prosrc) {
        return BY_PROSRC.get(prosrc);
    }

    static void register(BuiltinRegistry r) {
        r.window("row_number", List.of(), INT8, WindowFuncs::rowNumber);
        r.window("rank", List.of(), INT8, WindowFuncs::rank);
        r.window("dense_rank", List.of(), INT8, WindowFuncs::denseRank);
        r.window("percent_rank", List.of(), FLOAT8, WindowFuncs::percentRank);
        r.window("cume_dist", List.of(), FLOAT8, WindowFuncs::cumeDist);
        r.window("ntile", List.of(INT4), INT4, WindowFuncs::ntile);
        r.window("lag", List.of(ANYELEMENT), ANYELEMENT, w -> WindowFuncs.leadLag(w, false, false, false));
        r.window("lag", List.of(ANYELEMENT, INT4), ANYELEMENT, w -> WindowFuncs.leadLag(w, false, true, false));
        r.window("lag", List.of(ANYCOMPATIBLE, INT4, ANYCOMPATIBLE), ANYCOMPATIBLE,
                w -> WindowFuncs.leadLag(w, false, true, true));
        r.window("lead", List.of(ANYELEMENT), ANYELEMENT, w -> WindowFuncs.leadLag(w, true, false, false));
        r.window("lead", List.of(ANYELEMENT, INT4), ANYELEMENT, w -> WindowFuncs.leadLag(w, true, true, false));
        r.window("lead", List.of(ANYCOMPATIBLE, INT4, ANYCOMPATIBLE), ANYCOMPATIBLE,
                w -> WindowFuncs.leadLag(w, true, true, true));
        r.window("first_value", List.of(ANYELEMENT), ANYELEMENT, WindowFuncs::firstValue);
        r.window("last_value", List.of(ANYELEMENT), ANYELEMENT, WindowFuncs::lastValue);
        r.window("nth_value", List.of(ANYELEMENT, INT4), ANYELEMENT, WindowFuncs::nthValue);
    }
}
