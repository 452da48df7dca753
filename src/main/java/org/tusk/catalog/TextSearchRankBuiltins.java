package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.FLOAT4;
import static org.tusk.catalog.TypeOids.INT4;

import java.util.List;

import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsRank;
import org.tusk.utils.adt.tsearch.TsVector;

/**
 * ts_rank and ts_rank_cd in their four forms each (pg_proc.dat ts_rank_wttf, ts_rank_wtt,
 * ts_rank_ttf, ts_rank_tt and the ts_rankcd_* ones): optional weights array first, optional
 * normalization mask last.
 */
final class TextSearchRankBuiltins {
    private TextSearchRankBuiltins() {}

    private static final int FLOAT4_ARRAY = 1021;
    private static final int TSVECTOR = TextSearchBuiltins.TSVECTOR, TSQUERY = TextSearchBuiltins.TSQUERY;

    @FunctionalInterface
    private interface Ranker { float rank(float[] w, TsVector t, TsQuery q, int method); }

    static void register(BuiltinRegistry r) {
        forms(r, "ts_rank", TsRank::rank);
        forms(r, "ts_rank_cd", TsRank::rankCd);
    }

    private static void forms(BuiltinRegistry r, String name, Ranker f) {
        r.fn(name, List.of(FLOAT4_ARRAY, TSVECTOR, TSQUERY, INT4), FLOAT4,
                (c, a) -> f.rank(weights(a[0]), (TsVector) a[1], (TsQuery) a[2], (Integer) a[3]));
        r.fn(name, List.of(FLOAT4_ARRAY, TSVECTOR, TSQUERY), FLOAT4,
                (c, a) -> f.rank(weights(a[0]), (TsVector) a[1], (TsQuery) a[2], 0));
        r.fn(name, List.of(TSVECTOR, TSQUERY, INT4), FLOAT4,
                (c, a) -> f.rank(TsRank.weights(null, 1), (TsVector) a[0], (TsQuery) a[1], (Integer) a[2]));
        r.fn(name, List.of(TSVECTOR, TSQUERY), FLOAT4,
                (c, a) -> f.rank(TsRank.weights(null, 1), (TsVector) a[0], (TsQuery) a[1], 0));
    }

    private static float[] weights(Object arr) {
        ArrayValue v = ArrayValue.of(arr, FLOAT4);
        return TsRank.weights(v.elementList(), v.ndim());
    }
}
