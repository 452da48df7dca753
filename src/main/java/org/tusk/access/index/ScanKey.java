package org.tusk.access.index;

/**
 * One condition of an index scan (ScanKeyData, skey.h): key column {@code attno} (1-based, in the
 * index's key order) compared with {@code argument} by B-tree strategy {@code strategy}. A null
 * argument matches nothing, as a strict operator's would.
 *
 * <p>With {@code searchArray} (SK_SEARCHARRAY, for {@code column op ANY (array)}) the argument
 * is an {@code Object[]} of the array's elements: the key matches where the operator holds for
 * any element. Only an access method with amsearcharray (B-tree) is given such keys.
 *
 * <p>With {@code nullSearch} the key is a null test rather than a comparison ({@link #searchNull}).
 */
public record ScanKey(int attno, Strategy strategy, Object argument, boolean searchArray, NullSearch nullSearch,
                      int strategyNumber) {
    /** A B-tree key or null test: its strategy number is the B-tree strategy's (0 for a null test). */
    public ScanKey(int attno, Strategy strategy, Object argument, boolean searchArray, NullSearch nullSearch) {
        this(attno, strategy, argument, searchArray, nullSearch, strategy == null ? 0 : strategy.number());
    }

    /**
     * A key of an access method with its own strategy numbers (sk_strategy: pg_amop.amopstrategy of
     * the operator in the column's operator family: GIN's array_ops 1 {@code &&} ... 4 {@code =},
     * GiST's 3 for {@code &&}); {@link #strategy} is null. As an ORDER BY key (amcanorderbyop) it
     * names the distance operator's strategy.
     */
    public static ScanKey ofStrategyNumber(int attno, int strategyNumber, Object argument) {
        return new ScanKey(attno, null, argument, false, null, strategyNumber);
    }

    /** A key that compares with a value or array ({@code nullSearch} null). */
    public ScanKey(int attno, Strategy strategy, Object argument, boolean searchArray) {
        this(attno, strategy, argument, searchArray, null);
    }

    /** A plain key comparing with one value. */
    public ScanKey(int attno, Strategy strategy, Object argument) {
        this(attno, strategy, argument, false);
    }

    /** An SK_SEARCHARRAY key over {@code elements} (null: a null array, which matches nothing). */
    public static ScanKey searchArray(int attno, Strategy strategy, Object[] elements) {
        return new ScanKey(attno, strategy, elements, true);
    }

    /**
     * An SK_ISNULL | SK_SEARCHNULL or SK_SEARCHNOTNULL key ({@code column IS [NOT] NULL}): it has
     * no operator, so no strategy (InvalidStrategy) and no argument. Only an access method with
     * amsearchnulls (B-tree) is given such keys.
     */
    public static ScanKey searchNull(int attno, boolean notNull) {
        return new ScanKey(attno, null, null, false, notNull ? NullSearch.IS_NOT_NULL : NullSearch.IS_NULL);
    }

    /** Whether this is an IS NULL / IS NOT NULL key. */
    public boolean isNullSearch() {
        return nullSearch != null;
    }

    /** SK_SEARCHNULL and SK_SEARCHNOTNULL. */
    public enum NullSearch { IS_NULL, IS_NOT_NULL }

    /** The B-tree strategy numbers (stratnum.h: BTLessStrategyNumber = 1 ... BTGreaterStrategyNumber = 5). */
    public enum Strategy {
        LESS(1), LESS_EQUAL(2), EQUAL(3), GREATER_EQUAL(4), GREATER(5);

        private final int number;

        Strategy(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }
}
