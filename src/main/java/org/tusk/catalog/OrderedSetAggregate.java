package org.tusk.catalog;

import java.util.Comparator;
import java.util.List;

/**
 * An ordered-set or hypothetical-set aggregate (pg_aggregate.aggkind 'o' or 'h'), called as
 * {@code name(direct args) WITHIN GROUP (ORDER BY aggregated args)}. PostgreSQL's transition
 * function for all of them (ordered_set_transition, ordered_set_transition_multi) only loads the
 * group's aggregated arguments into a tuplesort; the executor does that here, so such an
 * aggregate has no transition of its own: its final function receives the direct arguments
 * (evaluated once per group) and the group's rows of aggregated arguments already sorted.
 *
 * <p>The catalog signature ({@link PgAggregate#argTypes()}, pg_proc.proargs) lists the direct
 * arguments first, then the aggregated ones. A hypothetical-set aggregate is VARIADIC "any":
 * it takes as many direct arguments as there are ORDER BY columns.
 */
public interface OrderedSetAggregate extends PgAggregate.Impl {
    /** aggkind: 'o' ordered-set, 'h' hypothetical-set. */
    char kind();

    /** aggnumdirectargs, for an ordered-set aggregate (a hypothetical one has one per ORDER BY column). */
    int numDirectArgs();

    /**
     * The final function. {@code rows} are the aggregated-argument rows in sort order: for an
     * ordered-set aggregate of one column the rows whose value is NULL are left out
     * (ordered_set_transition skips them), for a hypothetical-set aggregate every row is there.
     * {@code order} compares two such rows as the sort did (a hypothetical row, built from the
     * direct arguments, is compared the same way); {@code argType} is the type of the first
     * aggregated argument, which decides a polymorphic result.
     */
    Object finish(FunctionCallContext ctx, Object[] direct, List<Object[]> rows, Comparator<Object[]> order, int argType);

    /** No transition state: the executor gathers and sorts the input itself. */
    default Object init() { return null; }

    default Object transition(Object state, Object value) {
        throw new IllegalStateException("an ordered-set aggregate has no transition function of its own");
    }

    default Object finish(Object state) {
        throw new IllegalStateException("an ordered-set aggregate is finished over its sorted input");
    }

    /** The ordered-set transition is not strict: NULL direct arguments still reach the final function. */
    default boolean strict() { return false; }
}
