package org.tusk.utils.adt.tsearch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** ts_rank and ts_rank_cd against the float4 values PostgreSQL 15 returns for the same arguments. */
class TsRankTest {
    private static final float[] W = TsRank.weights(null, 1);

    private static float rank(String v, String q) { return TsRank.rank(W, TsVectorIO.in(v), TsQueryIO.in(q), 0); }

    private static float cd(String v, String q) { return TsRank.rankCd(W, TsVectorIO.in(v), TsQueryIO.in(q), 0); }

    @Test
    void rankOrAndAnd() {
        assertEquals(0.091189064f, rank(" a:1 s:2C d g", "a | s"));
        assertEquals(0.091189064f, rank(" a:1 sa:2C d g", "a | s:*"));
        assertEquals(0.19820644f, rank(" a:1 s:2B d g", "a & s"));
        assertEquals(0.09910322f, rank(" a:1 s:2 d g", "a & s"));
    }

    @Test
    void coverDensity() {
        assertEquals(0.3f, cd(" a:1 s:2C d g", "a | s"));
        assertEquals(0.5f, cd(" a:1 sa:3C sab:2c d g", "a | sa:*"));
        assertEquals(0.1f, cd(" a:1 s:2 d g", "a & s"));
        assertEquals(0.18181819f, cd(" a:1 s:2A d g", "a <-> s"));
        assertEquals(0.09090909f, cd(" a:1 s:2,3A d:2A g", "a <2> s:A"));
        assertEquals(0.1f, cd(" a:1 sa:2D sb:2A g", "a <-> s:*"));
        assertEquals(0.0f, cd(" a:1 sa:2A sb:2D g", "a <-> s:* <-> sa:B"));
        assertEquals(0.0f, cd("both stripped", "both & stripped"));
    }

    @Test
    void weightsAndNormalization() {
        float[] w = TsRank.weights(List.of(-1f, 0.2f, 0.4f, 1f), 1);
        assertEquals(0.009802617f, TsRank.rank(w, TsVectorIO.in("a:1 b:3"), TsQueryIO.in("a & b"), 1 | 2 | 8 | 16));
        PgException e = assertThrows(PgException.class, () -> TsRank.weights(List.of(0.1f, 0.2f, 0.4f), 1));
        assertEquals("array of weight is too short", e.getMessage());
        e = assertThrows(PgException.class, () -> TsRank.weights(List.of(0.1f, 0.2f, 0.4f, 1.5f), 1));
        assertEquals("weight out of range", e.getMessage());
    }
}
