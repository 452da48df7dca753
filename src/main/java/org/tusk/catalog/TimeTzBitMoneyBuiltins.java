package org.tusk.catalog;

/**
 * The entry point of issue 5's types for {@link BuiltinCatalog}'s initialiser: time with time
 * zone ({@link TimeTzBuiltins}), bit and bit varying ({@link BitBuiltins}) and money
 * ({@link MoneyBuiltins}), each registered from its own class.
 */
final class TimeTzBitMoneyBuiltins {
    private TimeTzBitMoneyBuiltins() {}

    static void register(BuiltinRegistry r) {
        TimeTzBuiltins.register(r);
        BitBuiltins.register(r);
        MoneyBuiltins.register(r);
    }
}
