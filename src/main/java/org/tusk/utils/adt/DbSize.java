package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** dbsize.c's value functions: pg_size_pretty and the fork names of pg_relation_size. */
public final class DbSize {
    private DbSize() {}

    /** size_pretty_units: name, limit below which it is used, whether it is half-rounded, log2 of its size. */
    private record Unit(String name, long limit, boolean round, int unitbits) {}

    private static final Unit[] UNITS = {
            new Unit("bytes", 10 * 1024, false, 0),
            new Unit("kB", 20 * 1024 - 1, true, 10),
            new Unit("MB", 20 * 1024 - 1, true, 20),
            new Unit("GB", 20 * 1024 - 1, true, 30),
            new Unit("TB", 20 * 1024 - 1, true, 40),
            new Unit("PB", 20 * 1024 - 1, true, 50),
    };

    /**
     * pg_size_pretty(bigint): the size in the largest unit that keeps it below its limit,
     * shifting one bit less than the unit while a rounded unit follows, so that the last step can
     * round half away from zero (half_rounded).
     */
    public static String sizePretty(long size) {
        for (int u = 0; ; u++) {
            Unit unit = UNITS[u];
            if (u + 1 == UNITS.length || Math.abs(size) < unit.limit()) {
                if (unit.round()) size = (size + (size < 0 ? -1 : 1)) / 2;
                return size + " " + unit.name();
            }
            Unit next = UNITS[u + 1];
            int bits = next.unitbits() - unit.unitbits() - (next.round() ? 1 : 0) + (unit.round() ? 1 : 0);
            size >>= bits;
        }
    }

    /** forkname_to_number: 0 main, 1 fsm, 2 vm, 3 init; anything else is 22023. */
    public static int forkNumber(String name) {
        return switch (name) {
            case "main" -> 0;
            case "fsm" -> 1;
            case "vm" -> 2;
            case "init" -> 3;
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid fork name")
                    .withHint("Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".");
        };
    }
}
