package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

/** lib/knapsack.c's answers: the most items that fit, ties resolved as PostgreSQL's table filling resolves them. */
class DiscreteKnapsackTest {
    private static BitSet bits(int... items) {
        BitSet b = new BitSet();
        for (int i : items) b.set(i);
        return b;
    }

    @Test
    void takesTheMostItemsThatFit() {
        // groupingsets.sql's knapsack at work_mem 64kB: two rollups too big, four small ones
        assertEquals(bits(2, 3, 4, 5), DiscreteKnapsack.solve(140, new int[] {141, 141, 45, 4, 1, 0}));
        // at 384kB the second rollup fits beside the small ones
        assertEquals(bits(1, 2, 3, 4, 5), DiscreteKnapsack.solve(140, new int[] {141, 75, 7, 0, 0, 0}));
    }

    @Test
    void aLaterItemDisplacesAnEarlierOneOfTheSameValue() {
        assertEquals(bits(1), DiscreteKnapsack.solve(5, new int[] {5, 5}));
        assertEquals(bits(0, 2), DiscreteKnapsack.solve(6, new int[] {3, 4, 3}));
    }

    @Test
    void nothingFitsAnEmptyKnapsackButWeightlessItems() {
        assertEquals(bits(1), DiscreteKnapsack.solve(0, new int[] {1, 0}));
        assertEquals(bits(), DiscreteKnapsack.solve(3, new int[] {4}));
    }
}
