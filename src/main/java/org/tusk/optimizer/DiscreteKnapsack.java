package org.tusk.optimizer;

import java.util.BitSet;

/**
 * The 0/1 knapsack by dynamic programming over integer weights (PostgreSQL's lib/knapsack.c),
 * which consider_groupingsets_paths uses to choose the rollups to hash within hash_mem. Every
 * item is worth the same (each hashed rollup saves one sort), so the answer is the largest
 * number of items that fit; among equally large answers the one PostgreSQL's table-filling
 * order arrives at is returned, so the plans are PostgreSQL's.
 */
final class DiscreteKnapsack {
    private DiscreteKnapsack() {}

    /** The items (0-based indexes into {@code weights}) taken into a knapsack of {@code capacity}. */
    static BitSet solve(int capacity, int[] weights) {
        double[] values = new double[capacity + 1];
        BitSet[] sets = new BitSet[capacity + 1];
        for (int j = 0; j <= capacity; j++) sets[j] = new BitSet();
        for (int i = 0; i < weights.length; i++) {
            int w = weights[i];
            for (int j = capacity; j >= w; j--) {
                int rest = j - w;
                // <=: a later item displaces an earlier one of the same total value, as in knapsack.c
                if (values[j] <= values[rest] + 1) {
                    if (j != rest) {
                        sets[j].clear();
                        sets[j].or(sets[rest]);
                    }
                    sets[j].set(i);
                    values[j] = values[rest] + 1;
                }
            }
        }
        return sets[capacity];
    }
}
