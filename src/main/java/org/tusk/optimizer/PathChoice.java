package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The candidate paths of one relation and the choice among them, as PostgreSQL's pathnode.c
 * add_path and set_cheapest decide it. Candidates are offered in the order PostgreSQL's
 * add_paths_to_joinrel generates them; each is compared with every survivor by
 * compare_path_costs_fuzzily (costs within {@link #STD_FUZZ_FACTOR} of each other count as
 * equal, then startup cost decides) and by sortedness (a sorted path is kept against a
 * fuzzily-equal unsorted one: PostgreSQL's PATHKEYS_BETTER). Among paths of fuzzily the same
 * cost and order the one cheaper by a hair (fuzz 1 + 1e-10) wins, and on an exact tie the one
 * offered first stays, which is why the order of offering matters. The result is the surviving
 * path of least total cost (set_cheapest's compare_path_costs: total, then startup).
 *
 * <p>All candidates of one relation produce the same rows, so add_path's row and
 * parameterization tests do not arise here; startup cost is considered only where total costs
 * are fuzzily equal (a relation's consider_startup is false outside LIMIT queries).
 *
 * @param <T> what a candidate carries (its plan)
 */
final class PathChoice<T> {
    /** pathnode.c STD_FUZZ_FACTOR: costs within 1% are "the same". */
    static final double STD_FUZZ_FACTOR = 1.01;

    /** A candidate path: its payload, startup and total cost, and whether it is sorted on its join keys. */
    record Candidate<T>(T payload, double startup, double total, boolean sorted) {}

    private enum Costs { EQUAL, BETTER1, BETTER2, DIFFERENT }

    private final List<Candidate<T>> survivors = new ArrayList<>();

    /** add_path: keeps {@code c} unless a survivor dominates it, and drops the survivors it dominates. */
    void add(T payload, double startup, double total, boolean sorted) {
        Candidate<T> c = new Candidate<>(payload, startup, total, sorted);
        boolean accept = true;
        for (int i = 0; i < survivors.size() && accept; i++) {
            Candidate<T> old = survivors.get(i);
            Costs costs = compare(c, old, STD_FUZZ_FACTOR);
            int keys = Boolean.compare(c.sorted(), old.sorted()); // >0: new sorted, old not (PATHKEYS_BETTER1)
            boolean removeOld = false;
            switch (costs) {
                case EQUAL -> {
                    if (keys > 0) removeOld = true;
                    else if (keys < 0) accept = false;
                    else if (compare(c, old, 1.0000000001) == Costs.BETTER1) removeOld = true;
                    else accept = false;
                }
                case BETTER1 -> { if (keys >= 0) removeOld = true; }
                case BETTER2 -> { if (keys <= 0) accept = false; }
                case DIFFERENT -> { }
            }
            if (removeOld) survivors.remove(i--);
        }
        if (accept) survivors.add(c);
    }

    /** Whether a candidate carrying {@code payload} is among the survivors. */
    boolean kept(T payload) {
        for (Candidate<T> c : survivors) if (java.util.Objects.equals(c.payload(), payload)) return true;
        return false;
    }

    /** set_cheapest: the survivor of least total cost, then least startup cost; null if none was offered. */
    Candidate<T> cheapest() {
        Candidate<T> best = null;
        for (Candidate<T> c : survivors)
            if (best == null || c.total() < best.total() || c.total() == best.total() && c.startup() < best.startup())
                best = c;
        return best;
    }

    /** compare_path_costs_fuzzily with consider_startup false: BETTER1 when {@code a} is cheaper. */
    private static <T> Costs compare(Candidate<T> a, Candidate<T> b, double fuzz) {
        if (a.total() > b.total() * fuzz) return Costs.BETTER2;
        if (b.total() > a.total() * fuzz) return Costs.BETTER1;
        if (a.startup() > b.startup() * fuzz) return Costs.BETTER2;
        if (b.startup() > a.startup() * fuzz) return Costs.BETTER1;
        return Costs.EQUAL;
    }
}
