package org.tusk.access.index;

/**
 * One condition of an index scan (ScanKeyData, skey.h): key column {@code attno} (1-based, in the
 * index's key order) compared with {@code argument} by B-tree strategy {@code strategy}. A null
 * argument matches nothing, as a strict operator's would.
 */
public record ScanKey(int attno, Strategy strategy, Object argument) {
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
