package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;
import static org.tusk.catalog.PgWindowFunc.ANYCOMPATIBLE;
import static org.tusk.catalog.PgWindowFunc.ANYELEMENT;

import java.util.List;

import org.tusk.utils.adt.WindowFuncs;

/** The built-in window functions of pg_proc.dat (prokind 'w'), implemented in {@link WindowFuncs}. */
final class WindowBuiltins {
    private WindowBuiltins() {}

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
